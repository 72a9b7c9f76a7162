// Replaces a scenario's name, description and items when its version is still $version
// (optimistic concurrency: two planners editing one scenario do not overwrite each other
// unseen). No row: no such scenario; `updated` false: someone saved it first.
MATCH (s:Scenario {id: $id})
WITH s, s.version = $version AS current
CALL (s, current) {
  WITH s WHERE current
  SET s.name = $name, s.description = $description, s.items = $items, s.updatedAt = $now, s.version = s.version + 1
}
RETURN current AS updated, s.id AS id, s.name AS name, s.description AS description, s.createdAt AS createdAt,
       s.updatedAt AS updatedAt, s.version AS version, s.items AS items
