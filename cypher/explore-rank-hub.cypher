// Fragment, a branch of explore-expand beside explore-rank: the relationships without volume of
// a node past the degree threshold — a region's or a stage's 10^4–10^5 enterprises. Walking
// every candidate's relationships to rank by degree would cost more than the rest of the
// request, so enterprises are ranked by headcount (largest first, unknown last) after the other
// kinds of neighbour (clusters, technoparks, stages …), which keep their degree order, and after
// the clusters' anchors among them (explore-rank-hub-anchors).
// {{parts}}: one per relationship type and direction asked for (server/explore.ts, from the data
// model), each returning `m, tier, degree, employees, name` without walking a hub's enterprises
// when it can help it: explore-rank-hub-others (the few neighbours of other types),
// explore-rank-hub-enterprises (enterprises by a walk, the best $limit kept) and
// explore-rank-hub-indexed (enterprises down the headcount index).
WITH n, byDegree WHERE NOT byDegree
CALL (n) {
  {{parts}}
}
// An anchor is found by two parts: its best tier counts (max() skips the nulls of the other).
WITH m, min(tier) AS tier, max(degree) AS degree, max(employees) AS employees, max(name) AS name
ORDER BY tier, degree DESC, employees IS NULL, employees DESC, name
LIMIT $limit
RETURN m, true AS noVolume, null AS volume, tier, degree, employees, name, null AS tiebreak
