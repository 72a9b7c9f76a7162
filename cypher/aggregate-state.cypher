// Whether the aggregate is missing or stale (cheap: the marker and the few ImportRun nodes).
// Stale: an import finished (or, killed, started) after the refresh began, or the chains changed.
OPTIONAL MATCH (g:FlowAggregate {id: 'overview'}) WHERE g.version IS NOT NULL
CALL () {
  OPTIONAL MATCH (s:Stage)
  RETURN collect(DISTINCT s.chain) AS chains
}
RETURN g IS NULL AS missing,
       toString(g.refreshedAt) AS refreshedAt,
       g.chains AS aggregated,
       chains,
       EXISTS {
         MATCH (r:ImportRun) WHERE coalesce(r.finishedAt, r.startedAt) > g.refreshedAt
       } AS newerImport
