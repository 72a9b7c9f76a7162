// Export: for a page of the view's nodes ($page, element ids), their links within the whole view
// ($all, element ids): how many, their summed supply volume, the smallest and largest volume
// (the explorer sizes nodes and links by these) and the types of link (the legend lists them).
// Self-loops are left out, as the explorer does.
UNWIND $page AS eid
MATCH (z) WHERE elementId(z) = eid
CALL (z) {
  MATCH (z)-[r]-(w)
  WHERE w <> z AND elementId(w) IN $all
  RETURN count(r) AS degree, sum(coalesce(r.volumeMlnRub, 0.0)) AS volume,
         min(r.volumeMlnRub) AS vmin, max(r.volumeMlnRub) AS vmax, collect(DISTINCT type(r)) AS rels
}
RETURN eid, degree, volume, vmin, vmax, rels
