// One what-if scenario by id (server/scenarios.ts), when $user may read it: their own, one shared
// with the team, or one saved before scenarios had owners (owner unknown: shared).
MATCH (s:Scenario {id: $id})
WHERE s.owner IS NULL OR s.owner = $user OR s.shared = true
RETURN s.id AS id, s.name AS name, s.description AS description, s.createdAt AS createdAt,
       s.updatedAt AS updatedAt, s.version AS version, s.items AS items, s.owner AS owner,
       coalesce(s.shared, s.owner IS NULL) AS shared
