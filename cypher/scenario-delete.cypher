// Deletes a what-if scenario (server/scenarios.ts); `deleted` is 0 when there was none.
OPTIONAL MATCH (s:Scenario {id: $id})
WITH s, count(s) AS deleted
DETACH DELETE s
RETURN deleted
