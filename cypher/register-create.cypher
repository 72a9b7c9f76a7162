// One batch of register subjects the graph does not hold, sent column by column: plain CREATE with
// the properties inline, the fast path of a first load (server/register/write.ts). Null values are
// not stored. Every subject is held by the dump's dataset ($dataset).
UNWIND range(0, size($id) - 1) AS i
CREATE (e:Enterprise {
  id: $id[i], inn: $inn[i], ogrn: $ogrn[i], name: $name[i], fullName: $fullName[i], nameLatin: $nameLatin[i],
  subject: $subject[i], size: $size[i], sizeSource: $sizeSource[i], sizeDataset: $sizeDataset[i],
  okved: $okved[i], okvedAll: $okvedAll[i], stages: $stages[i], chains: $chains[i],
  employees: $employees[i], employeesYear: $employeesYear[i], employeesSource: $employeesSource[i],
  registeredAt: $registeredAt[i], registerState: $registerState, products: $products[i], region: $region[i],
  locality: $locality[i], synthetic: false, source: 'fns-rsmp', datasets: [$dataset]
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
  UNWIND $capable[i] AS stageId
  MATCH (s:Stage {id: stageId})
  CREATE (e)-[:CAPABLE_OF]->(s)
}
