// Overview from the aggregate (server/aggregate.ts): one chain's rows of the current version
// ($previous = false) or of the one it replaced ($previous = true), the row counts the marker
// promises for them (a read that raced a refresh's commit finds fewer), and every region with its
// position. No rows when there is no such version or it lacks the chain.
MATCH (g:FlowAggregate {id: 'overview'})
WITH CASE WHEN $previous
       THEN {version: g.previous, refreshedAt: g.previousRefreshedAt, chains: g.previousChains,
             flowCounts: g.previousFlowCounts, countCounts: g.previousCountCounts}
       ELSE {version: g.version, refreshedAt: g.refreshedAt, chains: g.chains,
             flowCounts: g.flowCounts, countCounts: g.countCounts}
     END AS v
WHERE v.version IS NOT NULL AND $chain IN v.chains
WITH v, [i IN range(0, size(v.chains) - 1) WHERE v.chains[i] = $chain][0] AS i
WITH v.version AS version, toString(v.refreshedAt) AS refreshedAt, v.flowCounts[i] AS flowCount, v.countCounts[i] AS countCount
// Rows come back as parallel lists (column by column): thousands of flows travel faster so than as maps.
CALL (version) {
  MATCH (c:RegionCount {version: version, chain: $chain})
  RETURN {region: collect(c.region), enterprises: collect(c.enterprises), smes: collect(c.smes)} AS counts
}
CALL (version) {
  MATCH (f:RegionFlow {version: version, chain: $chain})
  RETURN {source: collect(f.source), target: collect(f.target), volumeMlnRub: collect(f.volumeMlnRub), links: collect(f.links)} AS flows
}
CALL () {
  MATCH (r:Region)
  WITH r ORDER BY r.code
  RETURN collect({code: r.code, name: r.name, nameEn: r.nameEn, federalDistrict: r.federalDistrict,
                  lat: r.location.latitude, lon: r.location.longitude}) AS regions
}
RETURN version, refreshedAt, flowCount, countCount, counts, flows, regions
