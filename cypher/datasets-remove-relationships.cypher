// Removal of a dataset, step 1 (server/datasets.ts): every tagged relationship it holds loses its id,
// and one that no other dataset holds goes. Batched, so a dataset of millions of links never sits
// in one transaction; run again after a failure, it completes the removal. Relationships without a
// `datasets` list (written before datasets existed) are never touched.
MATCH ()-[r:SUPPLIES|MEMBER_OF|RESIDENT_OF|SUPPORTS|BASED_IN|IN_PROGRAMME|CONTRACT]->()
WHERE $id IN r.datasets
CALL (r) {
  WITH r, [d IN r.datasets WHERE d <> $id] AS rest
  CALL (r, rest) {
    WITH r, rest WHERE size(rest) > 0
    SET r.datasets = rest
  }
  CALL (r, rest) {
    WITH r, rest WHERE size(rest) = 0
    DELETE r
  }
  RETURN size(rest) = 0 AS deleted
} IN TRANSACTIONS OF $batch ROWS
RETURN count(CASE WHEN deleted THEN 1 END) AS deleted, count(CASE WHEN NOT deleted THEN 1 END) AS kept
