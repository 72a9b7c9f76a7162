// Relationships of a view: each relationship with one end among the nodes $a and the other
// among $a, $b (element ids the same request resolved a moment earlier) or the visible nodes
// named by key in $ids = {enterprise: [keys], region: […], …} (a find clause and a membership
// test per type of NODE_TYPES).
//
// Every relationship is found once, from its start node, by walking that node's outgoing
// relationships only. In this graph the outgoing side is always the short one: an enterprise
// points to its region, stages, cluster and the buyers it supplies (5 on average, 307 at most
// on the million-enterprise graph), while regions, stages and anchor buyers collect
// 10^3–10^5 incoming relationships that are never walked (a region has no outgoing ones at
// all). Membership in a parameter list is a hash lookup.
CALL () {
  CALL () {
    {{find}}
  }
  WITH m WHERE NOT (elementId(m) IN $a OR elementId(m) IN $b)
  RETURN collect(m) AS visible
}
CALL (visible) {
  UNWIND $a AS eid
  MATCH (z) WHERE elementId(z) = eid
  RETURN z, true AS inA
  UNION ALL
  UNWIND $b AS eid
  MATCH (z) WHERE elementId(z) = eid
  RETURN z, false AS inA
  UNION ALL
  UNWIND visible AS z
  RETURN z, false AS inA
}
MATCH (z)-[r]->(w)
WHERE elementId(w) IN $a OR (inA AND (elementId(w) IN $b OR {{isVisible}}))
WITH r, startNode(r) AS s, endNode(r) AS t
RETURN elementId(r) AS id, type(r) AS type,
       {labels: labels(s), id: s.id, code: s.code} AS source,
       {labels: labels(t), id: t.id, code: t.code} AS target,
       r.volumeMlnRub AS volumeMlnRub, r.stage AS stage, r.product AS product,
       coalesce(r.synthetic, false) AS synthetic,
       // the fields of a tie of the SME register (IN_PROGRAMME, CONTRACT); null on other links
       r.law AS law, r.subject AS subject, toString(r.number) AS number, toString(r.date) AS date
