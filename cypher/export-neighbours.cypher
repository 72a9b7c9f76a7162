// Export: for a page of the view's nodes that have no place of their own on the map ($page,
// element ids: stages, chains, …), their neighbours within the whole view ($all, element ids),
// so that the geographic layout places them beside those, as the explorer does with the links
// it holds.
UNWIND $page AS eid
MATCH (z) WHERE elementId(z) = eid
CALL (z) {
  MATCH (z)--(w)
  WHERE w <> z AND elementId(w) IN $all
  RETURN collect(DISTINCT elementId(w)) AS neighbours
}
RETURN eid, neighbours
