// Nodes of a saved view by their ids (grouped by type by the server), with the explorer's
// fields. The relationships among them come from explore-edges.
CALL () {
  {{find}}
}
{{node}}
RETURN elementId(m) AS eid, node
