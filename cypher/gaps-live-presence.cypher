// Gap analysis, live (server/gaps.ts): enterprises by region and stage (an enterprise counts at
// each of its stages), how many are SMEs (micro, small, medium) and their summed revenue
// (unknown revenue counts as 0) — the presence the aggregate's refresh stores in StageCell rows,
// read the same way (aggregate-enterprises.cypher).
MATCH (r:Region)<-[:LOCATED_IN]-(e:Enterprise)
UNWIND coalesce(e.stages, []) AS stage
WITH r.code AS region, stage,
     count(e) AS enterprises,
     count(CASE WHEN e.size IN ['micro', 'small', 'medium'] THEN 1 END) AS smes,
     sum(coalesce(e.revenueMlnRub, 0.0)) AS revenueMlnRub
RETURN region, stage, enterprises, smes, revenueMlnRub
