// What-if scenarios (server/scenarios.ts) $user may read: their own, those shared with the team,
// and those saved before scenarios had owners (owner unknown: shared); most recently changed
// first. A scenario is one node of its own label holding its hypothetical items as JSON; it is
// never an Enterprise and has no relationship to the real graph, so no query of the real data can
// see it.
MATCH (s:Scenario)
WHERE s.owner IS NULL OR s.owner = $user OR s.shared = true
RETURN s.id AS id, s.name AS name, s.description AS description, s.createdAt AS createdAt,
       s.updatedAt AS updatedAt, s.version AS version, s.items AS items, s.owner AS owner,
       coalesce(s.shared, s.owner IS NULL) AS shared
ORDER BY s.updatedAt DESC, s.id
