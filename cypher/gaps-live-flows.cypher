// Gap analysis, live (server/gaps.ts; used while there is no aggregate, on small graphs): supply
// links grouped by supplier region, buyer region and the link's stage — the grouping the
// aggregate's refresh stores as StageFlow rows. Links without a stage belong to no chain.
MATCH (a:Enterprise)-[l:SUPPLIES]->(b:Enterprise)
WHERE l.stage IS NOT NULL
WITH a.region AS source, b.region AS target, l.stage AS stage,
     sum(coalesce(l.volumeMlnRub, 0.0)) AS volumeMlnRub, count(l) AS links
RETURN source, target, stage, volumeMlnRub, links
