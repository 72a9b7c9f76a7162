// Removal of a dataset, last step (server/datasets.ts): its node goes. Removing the demo seed leaves
// its SeedRun marked 'removed', so that `npm start` does not load it again. The overview's aggregate
// marker notes the change, so that a refresh that fails after the removal is redone at the next
// start (aggregate-state.cypher).
MATCH (d:Dataset {id: $id})
DETACH DELETE d
WITH count(*) AS deleted
CALL (deleted) {
  WITH deleted WHERE $id = 'seed'
  MERGE (s:SeedRun {id: 'seed'})
  SET s.status = 'removed', s.removedAt = datetime(), s.removedBy = $user
}
CALL () {
  MATCH (g:FlowAggregate {id: 'overview'})
  SET g.dataChangedAt = datetime()
}
RETURN deleted
