// What-if scenarios (server/scenarios.ts): every scenario, most recently changed first. A scenario
// is one node of its own label holding its hypothetical items as JSON; it is never an Enterprise
// and has no relationship to the real graph, so no query of the real data can see it.
MATCH (s:Scenario)
RETURN s.id AS id, s.name AS name, s.description AS description, s.createdAt AS createdAt,
       s.updatedAt AS updatedAt, s.version AS version, s.items AS items
ORDER BY s.updatedAt DESC, s.id
