// Removal of a dataset, step 1 (server/datasets.ts): every tagged relationship it holds loses its id,
// and one that no other dataset holds goes. One relationship type scan per type; batched, so a
// dataset of millions of links never sits in one transaction; run again after a failure, it
// completes the removal. Relationships without a `datasets` list (written before datasets existed)
// are never touched.
CALL () {
  MATCH ()-[r:SUPPLIES]->() WHERE $id IN r.datasets
  RETURN r
  UNION ALL
  MATCH ()-[r:MEMBER_OF]->() WHERE $id IN r.datasets
  RETURN r
  UNION ALL
  MATCH ()-[r:RESIDENT_OF]->() WHERE $id IN r.datasets
  RETURN r
  UNION ALL
  MATCH ()-[r:SUPPORTS]->() WHERE $id IN r.datasets
  RETURN r
  UNION ALL
  MATCH ()-[r:BASED_IN]->() WHERE $id IN r.datasets
  RETURN r
  UNION ALL
  MATCH ()-[r:IN_PROGRAMME]->() WHERE $id IN r.datasets
  RETURN r
  UNION ALL
  MATCH ()-[r:CONTRACT]->() WHERE $id IN r.datasets
  RETURN r
}
CALL (r) {
  WITH r, [d IN r.datasets WHERE d <> $id] AS rest
  FOREACH (_ IN CASE WHEN size(rest) > 0 THEN [1] ELSE [] END | SET r.datasets = rest)
  FOREACH (_ IN CASE WHEN size(rest) = 0 THEN [1] ELSE [] END | DELETE r)
  RETURN size(rest) = 0 AS deleted
} IN TRANSACTIONS OF $batch ROWS
RETURN count(CASE WHEN deleted THEN 1 END) AS deleted, count(CASE WHEN NOT deleted THEN 1 END) AS kept
