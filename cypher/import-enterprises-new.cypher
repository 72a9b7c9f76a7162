// One batch of enterprises that the validation pass found absent, sent column by column (one
// list per property: half the Bolt cost of a list of maps). Plain CREATE with the properties
// inline, no MERGE and no clean-up: the fast path of a first import. A re-run takes
// import-enterprises. Everything created is held by the import's dataset ($dataset), which is
// also the source of the figures and the size the row gives. Columns the file leaves out arrive
// as nulls (nothing stored) or the defaults of core/import-columns.ts.
UNWIND range(0, size($id) - 1) AS i
CREATE (e:Enterprise {
  id: $id[i], inn: $inn[i], name: $name[i], nameEn: $nameEn[i], nameLatin: $nameLatin[i],
  region: $region[i], okved: $okved[i], okvedAll: $okvedAll[i], employees: toInteger($employees[i]),
  employeesSource: CASE WHEN $employees[i] IS NULL THEN null ELSE $dataset END,
  revenueMlnRub: $revenueMlnRub[i], revenueSource: CASE WHEN $revenueMlnRub[i] IS NULL THEN null ELSE $dataset END,
  size: $size[i], sizeSource: $sizeSource[i], sizeDataset: CASE WHEN $size[i] IS NULL THEN null ELSE $dataset END,
  stages: $stages[i],
  chains: $chains[i], priorityTerritory: $priorityTerritory[i], synthetic: $synthetic[i],
  syntheticFigures: $syntheticFigures[i], source: $source[i], datasets: [$dataset]
})
WITH e, i
MATCH (r:Region {code: $region[i]})
CREATE (e)-[:LOCATED_IN]->(r)
WITH e, i
CALL (e, i) {
  UNWIND $stages[i] AS stageId
  MATCH (s:Stage {id: stageId})
  CREATE (e)-[:OPERATES_AT]->(s)
}
CALL (e, i) {
  MATCH (c:Cluster {id: $cluster[i]})
  CREATE (e)-[:MEMBER_OF {role: $clusterRole[i], datasets: [$dataset]}]->(c)
}
CALL (e, i) {
  MATCH (t:Technopark {id: $technopark[i]})
  CREATE (e)-[:RESIDENT_OF {datasets: [$dataset]}]->(t)
}
