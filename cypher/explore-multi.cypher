// Fragment, the {{multiScan}} of explore-expand for a node with SUPPLIES or FEEDS: one row per
// neighbour and type over all of them ({{pattern}}), whatever the filters, with the directions
// it has (for the counts) and `best`, the largest volume of its links that pass the filters
// ($multiRels, $dir, $labels, $minVolume): -1 for a passing link without volume (volumes are
// never negative), null when none passes.
MATCH {{pattern}}
WITH n, m, type(r) AS rel, r, startNode(r) = n AS out
WITH m, rel,
     max(CASE WHEN out THEN 1 ELSE 0 END) = 1 AS hasOut,
     max(CASE WHEN out THEN 0 ELSE 1 END) = 1 AS hasIn,
     max(CASE WHEN rel IN $multiRels AND ($dir = 'both' OR out = ($dir = 'out'))
               AND ($labels IS NULL OR any(l IN labels(m) WHERE l IN $labels))
               AND ($minVolume IS NULL OR rel <> 'SUPPLIES' OR r.volumeMlnRub >= $minVolume)
         THEN coalesce(r.volumeMlnRub, -1.0) END) AS best
RETURN collect({m: m, rel: rel, hasOut: hasOut, hasIn: hasIn, best: best}) AS multiRows
