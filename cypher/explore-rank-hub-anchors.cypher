// Fragment, a part of explore-rank-hub: the anchors of clusters among the enterprises of n over
// {{pattern}}. An analyst expanding a region or a stage looks for them first, and a large
// enterprise's headcount is often unknown (the SME register holds only SMEs'), which would rank
// it last among thousands by headcount. Found from the clusters' side: a few per cluster.
WITH n WHERE $labels IS NULL OR 'Enterprise' IN $labels
CALL (n) {
  MATCH (:Cluster)<-[:MEMBER_OF {role: 'anchor'}]-(m:Enterprise)
  WHERE EXISTS { {{pattern}} }
  RETURN DISTINCT m
}
RETURN m, 1 AS tier, null AS degree, m.employees AS employees, null AS name
