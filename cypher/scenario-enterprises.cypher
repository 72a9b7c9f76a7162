// The real enterprises a scenario's items name (server/scenarios.ts): where they are, their
// stages, size and revenue, and the cluster memberships; ids that are not found are absent.
MATCH (e:Enterprise) WHERE e.id IN $ids
OPTIONAL MATCH (e)-[:MEMBER_OF]->(c:Cluster)
WITH e, collect(c.id) AS clusters
RETURN e.id AS id, e.name AS name, e.nameEn AS nameEn, e.region AS region, coalesce(e.stages, []) AS stages, e.size AS size,
       e.revenueMlnRub AS revenueMlnRub, clusters
