// Export: the relationships that start at a page of the exported nodes ($page, element ids) and
// end at a node of the export ($all, element ids). Pages cover the nodes once each, so every
// relationship is read once, from its start node (the short side, see explore-edges);
// self-loops are left out, as the explorer does. One row per start node (its index in the page)
// with a list per link — [end's element id, id, type, volume, stage, product, synthetic, law,
// subject, number, date] — since the driver's cost is per row and per field, not per list item:
// no labels or keys are read per relationship.
UNWIND range(0, size($page) - 1) AS i
WITH i, $page[i] AS s
MATCH (z)-[r]->(w)
WHERE elementId(z) = s AND w <> z
WITH i, r, elementId(w) AS t
WHERE t IN $all
RETURN i, collect([t, elementId(r), type(r), r.volumeMlnRub, r.stage, r.product, coalesce(r.synthetic, false),
                   r.law, r.subject, toString(r.number), toString(r.date)]) AS links
