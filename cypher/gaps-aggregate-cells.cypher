// Gap analysis from the aggregate (server/aggregate.ts, server/gaps.ts): every StageCell row of the
// current version ($previous = false) or of the one it replaced ($previous = true), column by
// column, with the row count the marker promises (a read that raced a refresh's commit finds
// fewer). No rows when there is no such version or it was written before cells existed.
MATCH (g:FlowAggregate {id: 'overview'})
WITH CASE WHEN $previous
       THEN {version: g.previous, refreshedAt: g.previousRefreshedAt, cellCount: g.previousCellCount}
       ELSE {version: g.version, refreshedAt: g.refreshedAt, cellCount: g.cellCount}
     END AS v
WHERE v.version IS NOT NULL AND v.cellCount IS NOT NULL
CALL (v) {
  MATCH (c:StageCell {version: v.version})
  RETURN {region: collect(c.region), stage: collect(c.stage), enterprises: collect(c.enterprises),
          smes: collect(c.smes), revenueMlnRub: collect(c.revenueMlnRub), demandMlnRub: collect(c.demandMlnRub),
          localMlnRub: collect(c.localMlnRub), links: collect(c.links), localLinks: collect(c.localLinks),
          importKmMlnRub: collect(c.importKmMlnRub)} AS cells
}
RETURN v.version AS version, toString(v.refreshedAt) AS refreshedAt, v.cellCount AS cellCount, cells
