// One what-if scenario by id (server/scenarios.ts).
MATCH (s:Scenario {id: $id})
RETURN s.id AS id, s.name AS name, s.description AS description, s.createdAt AS createdAt,
       s.updatedAt AS updatedAt, s.version AS version, s.items AS items
