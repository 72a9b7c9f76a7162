// Aggregate refresh, pass 2 (server/aggregate.ts): enterprises by the region they are located in,
// their set of chains, their set of stages and whether they are SMEs, with their summed revenue
// (unknown = 0), in one scan. The server adds each group to 'all' and to each of its chains — the
// figures overview-regions.cypher counts one chain at a time — and to each of its stages (the gap
// analysis' presence, as gaps-live-presence.cypher counts it).
MATCH (r:Region)<-[:LOCATED_IN]-(e:Enterprise)
WITH r.code AS region, coalesce(e.chains, []) AS chains, coalesce(e.stages, []) AS stages,
     e.size IN ['micro', 'small', 'medium'] AS sme, count(e) AS n, sum(coalesce(e.revenueMlnRub, 0.0)) AS revenueMlnRub
RETURN region, chains, stages, sme, n, revenueMlnRub
