// Fragment, a part of explore-rank-hub: the enterprises of n over {{pattern}} found by walking
// them, the $limit largest by headcount (unknown last) kept. Each costs one property read, and
// the sort keeps only the best $limit (Top), never the whole list.
WITH n WHERE $labels IS NULL OR 'Enterprise' IN $labels
MATCH {{pattern}}
WHERE m:Enterprise
WITH m ORDER BY m.employees IS NULL, m.employees DESC LIMIT $limit
RETURN m, 1 AS tier, null AS degree, m.employees AS employees, null AS name
