// One batch of register subjects the graph does not hold: plain CREATE with the properties inline,
// the fast path of a first load (server/register/write.ts). Each column of the batch comes as one
// string, its rows joined by $rs (U+001E) and a row's list by $us (U+001F) — control characters XML
// cannot hold — so the driver packs a few long strings instead of a value per field; an empty
// string is a null (not stored) or an empty list. Every subject is held by the dump's dataset.
WITH split($id, $rs) AS id, split($inn, $rs) AS inn, split($ogrn, $rs) AS ogrn, split($name, $rs) AS name,
     split($fullName, $rs) AS fullName, split($nameLatin, $rs) AS nameLatin, split($subject, $rs) AS subject,
     split($size, $rs) AS size, split($sizeSource, $rs) AS sizeSource, split($okved, $rs) AS okved,
     split($okvedAll, $rs) AS okvedAll, split($stages, $rs) AS stages, split($chains, $rs) AS chains,
     split($capable, $rs) AS capable, split($employees, $rs) AS employees, split($registeredAt, $rs) AS registeredAt,
     split($products, $rs) AS products, split($region, $rs) AS region, split($locality, $rs) AS locality
UNWIND range(0, size(id) - 1) AS i
WITH i, id[i] AS id, inn[i] AS inn, ogrn[i] AS ogrn, name[i] AS name, fullName[i] AS fullName,
     nameLatin[i] AS nameLatin, subject[i] AS subject, size[i] AS size, sizeSource[i] AS sizeSource,
     okved[i] AS okved, okvedAll[i] AS okvedAll, stages[i] AS stages, chains[i] AS chains, capable[i] AS capable,
     toInteger(employees[i]) AS employees, registeredAt[i] AS registeredAt, products[i] AS products,
     region[i] AS region, locality[i] AS locality
CREATE (e:Enterprise {
  id: id, inn: inn, ogrn: CASE ogrn WHEN '' THEN null ELSE ogrn END, name: name,
  fullName: CASE fullName WHEN '' THEN null ELSE fullName END,
  nameLatin: CASE nameLatin WHEN '' THEN null ELSE nameLatin END,
  subject: CASE subject WHEN '' THEN null ELSE subject END,
  size: CASE size WHEN '' THEN null ELSE size END,
  sizeSource: CASE sizeSource WHEN '' THEN null ELSE sizeSource END,
  sizeDataset: CASE size WHEN '' THEN null ELSE $dataset END,
  okved: CASE okved WHEN '' THEN null ELSE okved END,
  okvedAll: CASE okvedAll WHEN '' THEN [] ELSE split(okvedAll, $us) END,
  stages: CASE stages WHEN '' THEN [] ELSE split(stages, $us) END,
  chains: CASE chains WHEN '' THEN [] ELSE split(chains, $us) END,
  employees: employees,
  employeesYear: CASE WHEN employees IS NULL THEN null ELSE $employeesYear END,
  employeesSource: CASE WHEN employees IS NULL THEN null ELSE $dataset END,
  registeredAt: CASE registeredAt WHEN '' THEN null ELSE registeredAt END,
  registerState: $registerState,
  products: CASE products WHEN '' THEN [] ELSE split(products, $us) END,
  region: region, locality: CASE locality WHEN '' THEN null ELSE locality END,
  synthetic: false, source: 'fns-rsmp', datasets: [$dataset]
})
WITH e, region, stages, capable
MATCH (r:Region {code: region})
CREATE (e)-[:LOCATED_IN]->(r)
WITH e, stages, capable
CALL (e, stages) {
  UNWIND CASE stages WHEN '' THEN [] ELSE split(stages, $us) END AS stageId
  MATCH (s:Stage {id: stageId})
  CREATE (e)-[:OPERATES_AT]->(s)
}
CALL (e, capable) {
  UNWIND CASE capable WHEN '' THEN [] ELSE split(capable, $us) END AS stageId
  MATCH (s:Stage {id: stageId})
  CREATE (e)-[:CAPABLE_OF]->(s)
}
