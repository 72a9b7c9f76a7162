// Fragment, a branch of explore-expand beside explore-rank: relationships without volume
// ({{pattern}}) of a node past the degree threshold — a region's or a stage's 10^4–10^5
// enterprises. Walking every candidate's relationships to rank by degree would cost more than
// the rest of the request, so enterprises are ranked by headcount (unknown first: the real
// organisations of the seed publish none) after the other kinds of neighbour (clusters,
// technoparks, stages …), which keep their degree order. Each candidate costs one property
// read, and the sort keeps only the best $limit (Top), never the whole list.
WITH n, byDegree WHERE NOT byDegree
MATCH {{pattern}}
WHERE $labels IS NULL OR any(l IN labels(m) WHERE l IN $labels)
WITH m, m:Enterprise AS enterprise
WITH m, CASE WHEN enterprise THEN 1 ELSE 0 END AS tier,
     CASE WHEN enterprise THEN null ELSE COUNT { (m)--() } END AS degree,
     CASE WHEN enterprise THEN m.employees END AS employees,
     CASE WHEN enterprise THEN null ELSE m.name END AS name
ORDER BY tier, degree DESC, employees DESC, name
LIMIT $limit
RETURN m, true AS noVolume, null AS volume, tier, degree, employees, name, null AS tiebreak
