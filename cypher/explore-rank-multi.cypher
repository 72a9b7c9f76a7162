// Fragment, a branch of explore-expand: the neighbours over SUPPLIES, ties and FEEDS
// ({{pattern}}) with a link that passes the filters ({{passes}}), ranked by the largest volume of
// those links (none: after the neighbours with one), then degree, then name. The volume alone
// decides who makes the cut, so degree and name are looked up only for those down to the
// $limit-th volume, equals at the cut included, not for every one of a big buyer's thousands of
// suppliers. The links are visited twice, and every row sorted or grouped holds a node and a
// number only.
CALL (n) {
  MATCH {{pattern}}
  WHERE {{passes}}
  WITH m, max(coalesce(r.volumeMlnRub, -1.0)) AS best
  WITH best ORDER BY best DESC LIMIT $limit
  RETURN count(*) AS taken, min(best) AS cutoff
}
WITH n, taken, cutoff WHERE taken > 0
MATCH {{pattern}}
WHERE {{passes}}
WITH m, max(coalesce(r.volumeMlnRub, -1.0)) AS best, taken, cutoff
WHERE taken < $limit OR best >= cutoff
WITH m, CASE WHEN best < 0 THEN null ELSE best END AS volume
RETURN m, volume IS NULL AS noVolume, volume, 0 AS tier, COUNT { (m)--() } AS degree, null AS employees,
       m.name AS name, elementId(m) AS tiebreak
