// Relationships of a view: each relationship with one end among the nodes $a (the new ones) and
// the other among $a or $t (the expanded node and the visible ones, none of $a) — element ids
// the server resolved a moment earlier; membership in a parameter list is a hash lookup.
//
// The work is bounded by the new nodes, not by how many are visible. Each relationship is found
// once:
// - leaving a new node: by walking its outgoing relationships, the short side in this graph (an
//   enterprise points to its region, stages, cluster and the buyers it supplies: 5 on average,
//   307 at most on the million-enterprise graph; a region has no outgoing ones at all);
// - entering a new node from $t: by walking its incoming relationships when they are no more
//   than the nodes of $t (getDegree, read from the relationship counts); past that (a region,
//   a stage, a big buyer: 10^3–10^5 incoming), from the $t side instead — the outgoing
//   relationships of $t of the types that can end at a node of that type ({{fromOthers}}, one
//   branch per node type, taken only when a new node of the type is such a hub), which then
//   covers every new node of the type. ({{hubLabels}}: the node types some relationship type can
//   end at; a node of another type keeps its incoming walk.)
CALL () {
  MATCH (x) WHERE elementId(x) IN $a
  RETURN collect(x) AS news,
         collect(DISTINCT CASE WHEN COUNT { (x)<--() } > size($t) AND {{labelOfX}} IN {{hubLabels}} THEN {{labelOfX}} END) AS fromOthers
}
CALL (news, fromOthers) {
  UNWIND news AS x
  MATCH (x)-[r]->(w)
  WITH r, w WHERE elementId(w) IN $a OR elementId(w) IN $t
  RETURN r
  UNION ALL
  UNWIND news AS x
  WITH x, fromOthers WHERE NOT {{labelOfX}} IN fromOthers
  MATCH (x)<-[r]-(v)
  WITH r, v WHERE elementId(v) IN $t
  RETURN r
  UNION ALL
  {{fromOthers}}
}
WITH r, startNode(r) AS s, endNode(r) AS t
RETURN elementId(r) AS id, type(r) AS type,
       {labels: labels(s), id: s.id, code: s.code} AS source,
       {labels: labels(t), id: t.id, code: t.code} AS target,
       r.volumeMlnRub AS volumeMlnRub, r.stage AS stage, r.product AS product,
       coalesce(r.synthetic, false) AS synthetic,
       // the fields of a tie of the SME register (IN_PROGRAMME, CONTRACT); null on other links
       r.law AS law, r.subject AS subject, toString(r.number) AS number, toString(r.date) AS date
