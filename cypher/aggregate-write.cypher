// Aggregate refresh, last statement of its transaction: writes the new version's rows, points the
// marker at them, keeps the version it replaces as the previous one and deletes every older row.
// All of it commits at once, but Neo4j makes a commit visible piece by piece: a reader that finds
// fewer rows of the current version than the marker promises reads the previous version instead
// (overview-aggregate.cypher), whose rows this commit leaves alone.
// $flows: [{chain, source, target, volumeMlnRub, links}], $counts: [{chain, region, enterprises, smes}],
// $chains, $flowCounts, $countCounts: the chains and how many rows of each are written.
// The gap analysis' rows (server/gap-cells.ts): $cells: [{region, stage, enterprises, smes, revenueMlnRub,
// demandMlnRub, localMlnRub, links, localLinks, importKmMlnRub}], $stageFlows: [{stage, source, target,
// volumeMlnRub, links}]; the marker keeps their numbers (cellCount, stageFlowCount) as it does the others'.
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
// Gap rows left over under the new version's number (a marker deleted by hand restarts the
// numbering) would mix with the new ones: delete them first.
CALL (version) {
  MATCH (c:StageCell {version: version})
  DELETE c
}
CALL (version) {
  MATCH (f:StageFlow {version: version})
  DELETE f
}
CALL (version) {
  UNWIND $cells AS c
  CREATE (:StageCell {version: version, region: c.region, stage: c.stage, enterprises: c.enterprises, smes: c.smes,
                      revenueMlnRub: c.revenueMlnRub, demandMlnRub: c.demandMlnRub, localMlnRub: c.localMlnRub,
                      links: c.links, localLinks: c.localLinks, importKmMlnRub: c.importKmMlnRub})
}
CALL (version) {
  UNWIND $stageFlows AS f
  CREATE (:StageFlow {version: version, stage: f.stage, source: f.source, target: f.target,
                      volumeMlnRub: f.volumeMlnRub, links: f.links})
}
OPTIONAL CALL () {
  MATCH (r:ImportRun {status: 'completed'})
  RETURN r.id AS importRun ORDER BY r.finishedAt DESC LIMIT 1
}
SET g.previous = g.version, g.previousRefreshedAt = g.refreshedAt, g.previousChains = g.chains,
    g.previousFlowCounts = g.flowCounts, g.previousCountCounts = g.countCounts,
    g.previousCellCount = g.cellCount, g.previousStageFlowCount = g.stageFlowCount
SET g.version = version, g.refreshedAt = datetime.transaction(), g.importRun = importRun,
    g.chains = $chains, g.flowCounts = $flowCounts, g.countCounts = $countCounts,
    g.links = $links, g.durationMs = $durationMs,
    g.cellCount = size($cells), g.stageFlowCount = size($stageFlows)
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
// The gap rows of every other version, older or left over (NOT IN: a row of a version above the
// current one, from before a marker was deleted, goes too).
CALL (g) {
  MATCH (c:StageCell) WHERE NOT c.version IN [g.version, coalesce(g.previous, -1)]
  DELETE c
}
CALL (g) {
  MATCH (f:StageFlow) WHERE NOT f.version IN [g.version, coalesce(g.previous, -1)]
  DELETE f
}
RETURN version
