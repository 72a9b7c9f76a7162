// Expansion of one node: its neighbours, best first, cut at $limit, with counts of all of them.
// The server fills in the placeholders from fixed tables (server/explore.ts): the node's label
// and key, relationship types from REL_TYPES, arrows from the direction, never user input.
// One row per node: the expanded node first (rank 0), then its neighbours in rank order.
MATCH (n:{{label}}) WHERE n.{{key}} = $key
// Neighbours over SUPPLIES, ties (IN_PROGRAMME, CONTRACT) and FEEDS (explore-multi): a pair may
// have several of these, so they are visited for their counts here and ranked by their volumes
// in explore-rank-multi; an enterprise has thousands at most, a large customer of the SME
// register maybe tens of thousands of tied SMEs.
CALL (n) {
  {{multiScan}}
}
// Every neighbour by relationship type, direction and neighbour type. The other types link a
// pair at most once, so their counts come from the node's relationship counts (getDegree),
// and a region's 10^5 enterprises are counted without visiting them. Ranking those by degree
// would walk every candidate's relationships: past $degreeRankMax of them (a region's or a
// stage's enterprises) they are ranked by headcount instead (explore-rank-hub).
WITH n, coalesce(head([c IN multiCounts WHERE c.kind = '*' | c.passing]), 0) AS multiTotal, [{{summary}}] AS summary,
     COUNT { {{degreePattern}} } <= $degreeRankMax AS byDegree
CALL (n, byDegree) {
  CALL (n, byDegree) {
    {{branches}}
  }
  WITH m, noVolume, volume, tier, degree, employees, name, tiebreak
  ORDER BY noVolume, volume DESC, tier, degree DESC, employees IS NULL, employees DESC, name, tiebreak
  LIMIT $limit
  RETURN collect(m) AS ranked
}
UNWIND range(0, size(ranked)) AS rank
WITH summary, multiTotal, rank, CASE rank WHEN 0 THEN n ELSE ranked[rank - 1] END AS m
{{node}}
RETURN rank, elementId(m) AS eid, node, summary, multiTotal
