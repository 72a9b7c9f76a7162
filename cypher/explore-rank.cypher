// Fragment, a branch of explore-expand: the best $limit neighbours `m` of `n` over the
// relationships of {{pattern}} (types that link a pair at most once and carry no volume), by
// degree, then name, while the candidates are few enough (byDegree).
WITH n, byDegree WHERE byDegree
MATCH {{pattern}}
WHERE $labels IS NULL OR any(l IN labels(m) WHERE l IN $labels)
WITH m, COUNT { (m)--() } AS degree
ORDER BY degree DESC, m.name, elementId(m)
LIMIT $limit
RETURN m, true AS noVolume, null AS volume, 0 AS tier, degree, null AS employees, m.name AS name, elementId(m) AS tiebreak
