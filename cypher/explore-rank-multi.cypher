// Fragment, a branch of explore-expand: the passing SUPPLIES, tie and FEEDS neighbours (`candidates`,
// with their volumes) ranked by volume, then degree, then name. The volume alone decides who
// makes the cut, so degree and name are looked up only for those down to the $limit-th volume,
// ties included, not for every one of a big buyer's thousands of suppliers.
WITH candidates WHERE size(candidates) > 0
CALL (candidates) {
  UNWIND candidates AS x
  WITH x ORDER BY x.volume IS NULL, x.volume DESC LIMIT $limit
  RETURN count(*) AS taken, last(collect(x.volume)) AS cutoff
}
UNWIND CASE WHEN taken < $limit OR cutoff IS NULL THEN candidates ELSE [x IN candidates WHERE x.volume >= cutoff] END AS x
WITH x.m AS m, x.volume AS volume
RETURN m, volume IS NULL AS noVolume, volume, 0 AS tier, COUNT { (m)--() } AS degree, null AS employees,
       m.name AS name, elementId(m) AS tiebreak
