// Aggregate refresh, pass 1 (server/aggregate.ts): every supply link grouped by supplier region,
// buyer region and the link's stage, in one scan. The server maps each stage to its chain
// (Stage.chain) and adds every group to 'all' too, links without a stage included — the same
// grouping as overview-flows.cypher, which filters one chain at a time instead.
MATCH (a:Enterprise)-[l:SUPPLIES]->(b:Enterprise)
WITH a.region AS source, b.region AS target, l.stage AS stage,
     sum(coalesce(l.volumeMlnRub, 0.0)) AS volumeMlnRub, count(l) AS links
RETURN source, target, stage, volumeMlnRub, links
