// One batch of register subjects the graph holds already (rows from server/register/write.ts, whose
// `props` the writer worked out: a null removes the property). The dump is the truth for what it
// says of each: its region, the stages of its main code (OPERATES_AT) and of its extra codes
// (CAPABLE_OF); a subject listed again has not left the register, nor is it known only from ties.
UNWIND $rows AS row
MATCH (e:Enterprise {id: row.id})
SET e += row.props,
    e.datasets = CASE WHEN $dataset IN coalesce(e.datasets, []) THEN e.datasets ELSE coalesce(e.datasets, []) + $dataset END
REMOVE e.tiesOnly, e.leftRegisterAt
WITH e, row
CALL (e, row) {
  OPTIONAL MATCH (e)-[old:LOCATED_IN]->(r:Region) WHERE r.code <> row.region
  DELETE old
}
CALL (e, row) {
  MATCH (r:Region {code: row.region})
  MERGE (e)-[:LOCATED_IN]->(r)
}
CALL (e, row) {
  OPTIONAL MATCH (e)-[old:OPERATES_AT]->(s:Stage) WHERE NOT s.id IN row.stages
  DELETE old
}
CALL (e, row) {
  UNWIND row.stages AS stageId
  MATCH (s:Stage {id: stageId})
  MERGE (e)-[:OPERATES_AT]->(s)
}
CALL (e, row) {
  OPTIONAL MATCH (e)-[old:CAPABLE_OF]->(s:Stage) WHERE NOT s.id IN row.capable
  DELETE old
}
CALL (e, row) {
  UNWIND row.capable AS stageId
  MATCH (s:Stage {id: stageId})
  MERGE (e)-[:CAPABLE_OF]->(s)
}
