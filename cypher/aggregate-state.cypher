// Whether the aggregate is missing or stale (cheap: the marker and the few ImportRun nodes).
// Stale: an import finished (or, killed, started) after the refresh began, a dataset was removed
// after it (dataChangedAt), the chains changed, or
// it was written before it held the gap analysis' rows (no cellCount).
OPTIONAL MATCH (g:FlowAggregate {id: 'overview'}) WHERE g.version IS NOT NULL
CALL () {
  OPTIONAL MATCH (s:Stage)
  RETURN collect(DISTINCT s.chain) AS chains
}
RETURN g IS NULL AS missing,
       toString(g.refreshedAt) AS refreshedAt,
       g.chains AS aggregated,
       g.cellCount IS NULL AS noCells,
       chains,
       EXISTS {
         MATCH (r:ImportRun) WHERE coalesce(r.finishedAt, r.startedAt) > g.refreshedAt
       } OR coalesce(g.dataChangedAt > g.refreshedAt, false) AS newerImport
