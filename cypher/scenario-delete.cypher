// Deletes a what-if scenario (server/scenarios.ts) when $user owns it or is an admin. `found` false:
// no scenario $user may read (a private one of another user is not there for them); `allowed`
// false: neither its owner nor an admin.
OPTIONAL MATCH (s:Scenario {id: $id})
WHERE s.owner IS NULL OR s.owner = $user OR s.shared = true
WITH s, s IS NOT NULL AS found, s IS NOT NULL AND (coalesce(s.owner = $user, false) OR $admin) AS allowed
CALL (s, allowed) {
  WITH s WHERE allowed
  DETACH DELETE s
}
RETURN found, allowed
