// One batch of cluster rows. The file is the truth for each cluster it lists: regions it no
// longer names are unlinked.
UNWIND $rows AS row
MERGE (c:Cluster {id: row.id})
SET c.name = row.name, c.nameEn = row.nameEn, c.nameLatin = row.nameLatin, c.kind = row.kind,
    c.status = row.status, c.chain = row.chain, c.regions = row.regions,
    c.synthetic = row.synthetic, c.source = row.source
WITH c, row
CALL (c, row) {
  OPTIONAL MATCH (c)-[old:BASED_IN]->(r:Region) WHERE NOT r.code IN row.regions
  DELETE old
}
CALL (c, row) {
  UNWIND row.regions AS code
  MATCH (r:Region {code: code})
  MERGE (c)-[:BASED_IN]->(r)
}
