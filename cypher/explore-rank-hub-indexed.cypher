// Fragment, a part of explore-rank-hub: the $limit largest enterprises of n over {{pattern}}, a
// type whose start names its end in a property of its own ({{member}}: an enterprise's `region`,
// its `stages` — the import and the register write both). Instead of visiting the hub's
// 10^4–10^5 enterprises, walk down the headcount index (enterprise_employees, largest first)
// and keep those that name n and have the relationship, until $limit are found: with n's share s
// of all enterprises, about $limit / s index entries and a property read each. Taken when that
// is under n's enterprises ($limit × enterprises ≤ members², from the counts), under half of
// them where a visit costs only two database hits an enterprise ({{factor}} 2: no label to
// check, as for a stage; a hub's share among the largest enterprises is often below its share
// of all, and stages of 16,000 small firms read 30,000 entries and more); or as $indexedHub
// (true or false) says. Bounded by $hubScanMax entries. Found fewer than $limit
// (n's enterprises are among the smallest, many have no headcount, the bound was reached):
// every enterprise of n is visited instead, as in explore-rank-hub-enterprises. The index
// holds no unknown headcount, which is why unknown ranks last.
WITH n WHERE $labels IS NULL OR 'Enterprise' IN $labels
CALL () {
  MATCH (e:Enterprise)
  RETURN count(e) AS enterprises
}
WITH n, coalesce($indexedHub, {{factor}} * $limit * enterprises <= COUNT { {{pattern}} } ^ 2) AS indexed
CALL (n, indexed) {
  // Not taken: an empty range (a filter on `indexed` alone was planned above the index scan,
  // after reading the whole index).
  WITH n, CASE WHEN indexed THEN 1.0e18 END AS top
  MATCH (m:Enterprise) USING INDEX m:Enterprise(employees)
  WHERE m.employees <= top
  WITH n, m ORDER BY m.employees DESC LIMIT $hubScanMax
  WITH n, m WHERE {{member}} AND EXISTS { {{pattern}} }
  WITH m LIMIT $limit
  RETURN collect(m) AS largest
}
CALL (n, largest) {
  WITH largest WHERE size(largest) = $limit
  UNWIND largest AS m
  RETURN m
  UNION ALL
  WITH n, largest WHERE size(largest) < $limit
  // (a subquery of its own, as in explore-rank-hub-enterprises)
  CALL (n) {
    MATCH {{pattern}}
    RETURN m
  }
  WITH m WHERE {{enterprise}}
  WITH m ORDER BY m.employees IS NULL, m.employees DESC LIMIT $limit
  RETURN m
}
RETURN m, 2 AS tier, null AS degree, m.employees AS employees, null AS name
