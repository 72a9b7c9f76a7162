// Fragment, the {{passes}} of explore-multi and explore-rank-multi: whether the link `r` between
// `n` and its neighbour `m` passes the expansion's filters ($multiRels, $dir, $labels, and
// $minVolume, which only SUPPLIES links have to meet).
(type(r) IN $multiRels AND ($dir = 'both' OR (startNode(r) = n) = ($dir = 'out'))
 AND ($labels IS NULL OR any(l IN labels(m) WHERE l IN $labels))
 AND ($minVolume IS NULL OR type(r) <> 'SUPPLIES' OR r.volumeMlnRub >= $minVolume))
