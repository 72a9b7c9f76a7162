// Relationships of a view: each relationship with one end among the nodes $a (the new ones) and
// the other among $a or $t (the expanded node and the visible ones, none of $a) — element ids
// the server resolved a moment earlier; membership in a parameter list is a hash lookup. The
// ends come back as element ids, which the server maps to the nodes it already holds: no
// property of an end is read.
//
// The work is bounded by the new nodes and the visible ones' outgoing relationships, never by a
// hub's 10^4–10^5. Each relationship is found once:
// - leaving a new node: by walking its outgoing relationships, the short side in this graph (an
//   enterprise points to its region, stages, cluster and the buyers it supplies: 5 on average,
//   307 at most on the million-enterprise graph; a region has no outgoing ones at all);
// - entering a new node from $t, whichever side is cheaper, all from one or all from the other
//   (a walk from $t finds every new node's, so mixing would only find some twice):
//   the new nodes' incoming relationships (`inbound`: a region or a stage has 10^4–10^5, a big
//   buyer thousands) or the outgoing relationships of the nodes of $t (`outbound`, about 20 per
//   visible enterprise). Both sums are read from the relationship counts (getDegree, one
//   database hit a node), not by visiting anyone. $from ('new' or 'visible') imposes a side
//   (tests check that both find the same); null lets the counts choose.
CALL () {
  MATCH (x) WHERE elementId(x) IN $a
  RETURN collect(x) AS news, sum(COUNT { (x)<--() }) AS inbound
}
CALL () {
  MATCH (v) WHERE elementId(v) IN $t
  RETURN collect(v) AS olds, sum(COUNT { (v)-->() }) AS outbound
}
CALL (news, olds, inbound, outbound) {
  UNWIND news AS x
  MATCH (x)-[r]->(w)
  WITH r, w WHERE elementId(w) IN $a OR elementId(w) IN $t
  RETURN r
  UNION ALL
  WITH news, inbound, outbound WHERE coalesce($from = 'new', inbound <= outbound)
  UNWIND news AS x
  MATCH (x)<-[r]-(v)
  WITH r, v WHERE elementId(v) IN $t
  RETURN r
  UNION ALL
  WITH olds, inbound, outbound WHERE NOT coalesce($from = 'new', inbound <= outbound)
  UNWIND olds AS v
  MATCH (v)-[r]->(x)
  WITH r, x WHERE elementId(x) IN $a
  RETURN r
}
RETURN elementId(r) AS id, type(r) AS type, elementId(startNode(r)) AS source, elementId(endNode(r)) AS target,
       r.volumeMlnRub AS volumeMlnRub, r.stage AS stage, r.product AS product,
       coalesce(r.synthetic, false) AS synthetic,
       // the fields of a tie of the SME register (IN_PROGRAMME, CONTRACT); null on other links
       r.law AS law, r.subject AS subject, toString(r.number) AS number, toString(r.date) AS date
