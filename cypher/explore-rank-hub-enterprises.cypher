// Fragment, a part of explore-rank-hub: the enterprises of n over {{pattern}} found by walking
// them, the $limit largest by headcount (unknown last) kept. Each costs one property read, and
// the sort keeps only the best $limit (Top), never the whole list. The walk is a subquery of its
// own: planned with the label beside the ORDER BY, it ran down the headcount index of every
// enterprise in the graph instead (a million entries), checking each against n. {{enterprise}}:
// `m:Enterprise` where other kinds of node share the type (technoparks are located in regions
// too), else true — one database hit less per enterprise.
WITH n WHERE $labels IS NULL OR 'Enterprise' IN $labels
CALL (n) {
  MATCH {{pattern}}
  RETURN m
}
WITH m WHERE {{enterprise}}
WITH m ORDER BY m.employees IS NULL, m.employees DESC LIMIT $limit
RETURN m, 2 AS tier, null AS degree, m.employees AS employees, null AS name
