// Deletes a saved view (server/views.ts) when $user owns it or $admin; `found`/`allowed` say why not.
OPTIONAL MATCH (v:SavedView {id: $id})
WITH v, v IS NOT NULL AS found, v IS NOT NULL AND (v.owner = $user OR $admin) AS allowed
CALL (v, allowed) {
  WITH v WHERE allowed
  DETACH DELETE v
}
RETURN found, allowed
