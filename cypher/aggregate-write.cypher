// Aggregate refresh, last statement of its transaction: writes the new version's rows, points the
// marker at them, keeps the version it replaces as the previous one and deletes every older row.
// All of it commits at once, but Neo4j makes a commit visible piece by piece: a reader that finds
// fewer rows of the current version than the marker promises reads the previous version instead
// (overview-aggregate.cypher), whose rows this commit leaves alone.
// $flows: [{chain, source, target, volumeMlnRub, links}], $counts: [{chain, region, enterprises, smes}],
// $chains, $flowCounts, $countCounts: the chains and how many rows of each are written.
MATCH (g:FlowAggregate {id: 'overview'})
WITH g, coalesce(g.version, 0) + 1 AS version
CALL (version) {
  UNWIND $flows AS f
  CREATE (:RegionFlow {version: version, chain: f.chain, source: f.source, target: f.target,
                       volumeMlnRub: f.volumeMlnRub, links: f.links})
}
CALL (version) {
  UNWIND $counts AS c
  CREATE (:RegionCount {version: version, chain: c.chain, region: c.region, enterprises: c.enterprises, smes: c.smes})
}
OPTIONAL CALL () {
  MATCH (r:ImportRun {status: 'completed'})
  RETURN r.id AS importRun ORDER BY r.finishedAt DESC LIMIT 1
}
SET g.previous = g.version, g.previousRefreshedAt = g.refreshedAt, g.previousChains = g.chains,
    g.previousFlowCounts = g.flowCounts, g.previousCountCounts = g.countCounts
SET g.version = version, g.refreshedAt = datetime.transaction(), g.importRun = importRun,
    g.chains = $chains, g.flowCounts = $flowCounts, g.countCounts = $countCounts,
    g.links = $links, g.durationMs = $durationMs
REMOVE g.refreshStartedAt
WITH g, version
CALL (g) {
  MATCH (f:RegionFlow) WHERE f.version < g.previous
  DELETE f
}
CALL (g) {
  MATCH (c:RegionCount) WHERE c.version < g.previous
  DELETE c
}
RETURN version
