// Removal of a dataset, last step (server/datasets.ts): its node goes. Removing the demo seed leaves
// its SeedRun marked 'removed', so that `npm start` does not load it again.
MATCH (d:Dataset {id: $id})
DETACH DELETE d
WITH count(*) AS deleted
CALL (deleted) {
  WITH deleted WHERE $id = 'seed'
  MERGE (s:SeedRun {id: 'seed'})
  SET s.status = 'removed', s.removedAt = datetime(), s.removedBy = $user
}
RETURN deleted
