// Fragment, the {{multiScan}} of explore-expand for a node with SUPPLIES, ties (IN_PROGRAMME,
// CONTRACT) or FEEDS: one row per neighbour over all of them ({{pattern}}), whatever the filters,
// with the types and directions it has (`rels`, for the counts) and `best`, the largest volume of
// its links that pass the filters ($multiRels, $dir, $labels, $minVolume): -1 for a passing link
// without volume (volumes are never negative), null when none passes. One row per neighbour, not
// per type: an SME's customer may be linked by supply, a programme and contracts at once, and is
// one candidate.
MATCH {{pattern}}
WITH n, m, type(r) AS rel, r, startNode(r) = n AS out
WITH m, rel,
     max(CASE WHEN out THEN 1 ELSE 0 END) = 1 AS hasOut,
     max(CASE WHEN out THEN 0 ELSE 1 END) = 1 AS hasIn,
     max(CASE WHEN rel IN $multiRels AND ($dir = 'both' OR out = ($dir = 'out'))
               AND ($labels IS NULL OR any(l IN labels(m) WHERE l IN $labels))
               AND ($minVolume IS NULL OR rel <> 'SUPPLIES' OR r.volumeMlnRub >= $minVolume)
         THEN coalesce(r.volumeMlnRub, -1.0) END) AS best
WITH m, collect({rel: rel, hasOut: hasOut, hasIn: hasIn}) AS rels, max(best) AS best
RETURN collect({m: m, rels: rels, best: best}) AS multiRows
