// One batch of register subjects the graph holds already (server/register/write.ts), packed as
// register-create's: each column one string, rows joined by $rs, a row's list by $us. The dump is
// the truth for what it says of each subject: its kind, codes, state, products, its region, the
// stages of its main code (OPERATES_AT) and of its extra codes (CAPABLE_OF); a subject listed again
// has not left the register, nor is it known only from ties. An empty `name`, `ogrn`, `fullName`,
// `size` or `employees` keeps what the subject has (a user's name, a figure the writer kept).
WITH split($id, $rs) AS id, split($inn, $rs) AS inn, split($subject, $rs) AS subject, split($okved, $rs) AS okved,
     split($okvedAll, $rs) AS okvedAll, split($stages, $rs) AS stages, split($chains, $rs) AS chains,
     split($capable, $rs) AS capable, split($registeredAt, $rs) AS registeredAt, split($products, $rs) AS products,
     split($region, $rs) AS region, split($locality, $rs) AS locality, split($ogrn, $rs) AS ogrn,
     split($fullName, $rs) AS fullName, split($name, $rs) AS name, split($nameLatin, $rs) AS nameLatin,
     split($size, $rs) AS size, split($employees, $rs) AS employees
UNWIND range(0, size(id) - 1) AS i
MATCH (e:Enterprise {id: id[i]})
WITH e, i, region[i] AS region, CASE stages[i] WHEN '' THEN [] ELSE split(stages[i], $us) END AS stages,
     CASE capable[i] WHEN '' THEN [] ELSE split(capable[i], $us) END AS capable, name[i] AS name,
     nameLatin[i] AS nameLatin, size[i] AS size, toInteger(employees[i]) AS employees, ogrn[i] AS ogrn,
     fullName[i] AS fullName, inn[i] AS inn, subject[i] AS subject, okved[i] AS okved, okvedAll[i] AS okvedAll,
     chains[i] AS chains, registeredAt[i] AS registeredAt, products[i] AS products, locality[i] AS locality
SET e.inn = inn,
    e.subject = CASE subject WHEN '' THEN null ELSE subject END,
    e.okved = CASE okved WHEN '' THEN null ELSE okved END,
    e.okvedAll = CASE okvedAll WHEN '' THEN [] ELSE split(okvedAll, $us) END,
    e.stages = stages,
    e.chains = CASE chains WHEN '' THEN [] ELSE split(chains, $us) END,
    e.registeredAt = CASE registeredAt WHEN '' THEN null ELSE registeredAt END,
    e.registerState = $registerState,
    e.products = CASE products WHEN '' THEN [] ELSE split(products, $us) END,
    e.region = region,
    e.locality = CASE locality WHEN '' THEN null ELSE locality END,
    e.synthetic = false,
    e.source = 'fns-rsmp',
    e.ogrn = CASE ogrn WHEN '' THEN e.ogrn ELSE ogrn END,
    e.fullName = CASE fullName WHEN '' THEN e.fullName ELSE fullName END,
    e.name = CASE name WHEN '' THEN e.name ELSE name END,
    e.nameLatin = CASE WHEN name = '' THEN e.nameLatin WHEN nameLatin = '' THEN null ELSE nameLatin END,
    e.size = CASE size WHEN '' THEN e.size ELSE size END,
    e.sizeSource = CASE size WHEN '' THEN e.sizeSource ELSE 'register' END,
    e.sizeDataset = CASE size WHEN '' THEN e.sizeDataset ELSE $dataset END,
    e.employees = coalesce(employees, e.employees),
    e.employeesYear = CASE WHEN employees IS NULL THEN e.employeesYear ELSE $employeesYear END,
    e.employeesSource = CASE WHEN employees IS NULL THEN e.employeesSource ELSE $dataset END,
    e.datasets = CASE WHEN $dataset IN coalesce(e.datasets, []) THEN e.datasets ELSE coalesce(e.datasets, []) + $dataset END
REMOVE e.tiesOnly, e.leftRegisterAt
WITH e, region, stages, capable
CALL (e, region) {
  OPTIONAL MATCH (e)-[old:LOCATED_IN]->(r:Region) WHERE r.code <> region
  DELETE old
}
CALL (e, region) {
  MATCH (r:Region {code: region})
  MERGE (e)-[:LOCATED_IN]->(r)
}
CALL (e, stages) {
  OPTIONAL MATCH (e)-[old:OPERATES_AT]->(s:Stage) WHERE NOT s.id IN stages
  DELETE old
}
CALL (e, stages) {
  UNWIND stages AS stageId
  MATCH (s:Stage {id: stageId})
  MERGE (e)-[:OPERATES_AT]->(s)
}
CALL (e, capable) {
  OPTIONAL MATCH (e)-[old:CAPABLE_OF]->(s:Stage) WHERE NOT s.id IN capable
  DELETE old
}
CALL (e, capable) {
  UNWIND capable AS stageId
  MATCH (s:Stage {id: stageId})
  MERGE (e)-[:CAPABLE_OF]->(s)
}
