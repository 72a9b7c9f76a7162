// Aggregate refresh, pass 2 (server/aggregate.ts): enterprises by the region they are located in,
// their set of chains and whether they are SMEs, in one scan. The server adds each group to 'all'
// and to each of its chains — the figures overview-regions.cypher counts one chain at a time.
MATCH (r:Region)<-[:LOCATED_IN]-(e:Enterprise)
WITH r.code AS region, coalesce(e.chains, []) AS chains, e.size IN ['micro', 'small', 'medium'] AS sme, count(e) AS n
RETURN region, chains, sme, n
