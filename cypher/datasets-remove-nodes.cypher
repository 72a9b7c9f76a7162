// Removal of a dataset, step 2 (server/datasets.ts): every enterprise, cluster, technopark and
// support organisation it holds loses its id, and one that no other dataset holds goes with its
// relationships (the structural ones, and any link another dataset holds to it: `lost`). Nodes
// without a `datasets` list (written before datasets existed) are never touched. Batched and
// idempotent, as step 1.
CALL () {
  MATCH (n:Enterprise) WHERE $id IN n.datasets
  RETURN n, 'Enterprise' AS label
  UNION ALL
  MATCH (n:Cluster) WHERE $id IN n.datasets
  RETURN n, 'Cluster' AS label
  UNION ALL
  MATCH (n:Technopark) WHERE $id IN n.datasets
  RETURN n, 'Technopark' AS label
  UNION ALL
  MATCH (n:SupportOrg) WHERE $id IN n.datasets
  RETURN n, 'SupportOrg' AS label
}
CALL (n, label) {
  WITH n, label, [d IN n.datasets WHERE d <> $id] AS rest
  WITH n, label, rest,
       CASE WHEN size(rest) = 0 THEN COUNT { (n)-[r]-() WHERE r.datasets IS NOT NULL } ELSE 0 END AS lost
  FOREACH (_ IN CASE WHEN size(rest) > 0 THEN [1] ELSE [] END | SET n.datasets = rest)
  FOREACH (_ IN CASE WHEN size(rest) = 0 THEN [1] ELSE [] END | DETACH DELETE n)
  RETURN size(rest) = 0 AS deleted, lost
} IN TRANSACTIONS OF $batch ROWS
RETURN label, count(CASE WHEN deleted THEN 1 END) AS deleted, count(CASE WHEN NOT deleted THEN 1 END) AS kept,
       sum(lost) AS lost
