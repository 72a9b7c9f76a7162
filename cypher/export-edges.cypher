// Export: the relationships that start at a page of the exported nodes ($page, element ids) and
// end at an exported node ($kept, element ids). Pages cover the exported nodes once each, so
// every relationship is read once, from its start node (the short side, see explore-edges).
UNWIND $page AS eid
MATCH (z)-[r]->(w)
WHERE elementId(z) = eid AND w <> z AND elementId(w) IN $kept
RETURN elementId(r) AS id, type(r) AS type,
       {labels: labels(z), id: z.id, code: z.code} AS source,
       {labels: labels(w), id: w.id, code: w.code} AS target,
       r.volumeMlnRub AS volumeMlnRub, r.stage AS stage, r.product AS product,
       coalesce(r.synthetic, false) AS synthetic,
       r.law AS law, r.subject AS subject, toString(r.number) AS number, toString(r.date) AS date
