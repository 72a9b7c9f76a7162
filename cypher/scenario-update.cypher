// Replaces a scenario's name, description, items (and, for its owner, whether it is shared) when
// its version is still $version (optimistic concurrency: two planners editing one scenario do not
// overwrite each other unseen). No row: no scenario $user may read (a private one of another user
// is not there for them); `allowed` false: $user is neither its owner nor an admin, or not its
// owner and asks to share or unshare it; `updated` false: someone saved it first.
MATCH (s:Scenario {id: $id})
WHERE s.owner IS NULL OR s.owner = $user OR s.shared = true
WITH s, s.version = $version AS current,
     coalesce(s.owner = $user, false) AS mine
WITH s, current,
     (mine OR $admin) AND ($shared IS NULL OR mine OR $shared = coalesce(s.shared, s.owner IS NULL)) AS allowed
CALL (s, current, allowed) {
  WITH s WHERE current AND allowed
  SET s.name = $name, s.description = $description, s.items = $items, s.updatedAt = $now, s.version = s.version + 1,
      s.shared = CASE WHEN $shared IS NULL THEN s.shared ELSE $shared END
}
RETURN current AS updated, allowed, s.id AS id, s.name AS name, s.description AS description, s.createdAt AS createdAt,
       s.updatedAt AS updatedAt, s.version AS version, s.items AS items, s.owner AS owner,
       coalesce(s.shared, s.owner IS NULL) AS shared
