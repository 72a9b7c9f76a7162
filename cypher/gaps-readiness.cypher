// Cluster registry readiness (server/gaps.ts): a cluster, its regions and its participants (the
// enterprises that are MEMBER_OF it, any role) with their supply links to and from other
// participants of the same cluster. No rows when there is no such cluster.
MATCH (c:Cluster {id: $id})
CALL (c) {
  OPTIONAL MATCH (c)-[:BASED_IN]->(r:Region)
  WITH r ORDER BY r.code
  RETURN collect(r.code) AS regions
}
CALL (c) {
  OPTIONAL MATCH (e:Enterprise)-[m:MEMBER_OF]->(c)
  WITH e, m WHERE e IS NOT NULL
  CALL (e, c) {
    OPTIONAL MATCH (e)-[l:SUPPLIES]->(o:Enterprise)-[:MEMBER_OF]->(c) WHERE o <> e
    RETURN sum(coalesce(l.volumeMlnRub, 0.0)) AS suppliedMlnRub, collect(DISTINCT o.id) AS buyers
  }
  CALL (e, c) {
    OPTIONAL MATCH (e)<-[l:SUPPLIES]-(o:Enterprise)-[:MEMBER_OF]->(c) WHERE o <> e
    RETURN sum(coalesce(l.volumeMlnRub, 0.0)) AS boughtMlnRub, collect(DISTINCT o.id) AS suppliers
  }
  WITH e, m, suppliedMlnRub, buyers, boughtMlnRub, suppliers ORDER BY e.id
  RETURN collect({id: e.id, name: e.name, nameEn: e.nameEn, role: m.role, region: e.region, size: e.size,
                  revenueMlnRub: e.revenueMlnRub, stages: coalesce(e.stages, []), priorityTerritory: coalesce(e.priorityTerritory, false),
                  suppliedMlnRub: suppliedMlnRub, boughtMlnRub: boughtMlnRub,
                  buyers: buyers, suppliers: suppliers}) AS participants
}
RETURN c.id AS id, c.name AS name, c.nameEn AS nameEn, c.kind AS kind, c.status AS status, c.chain AS chain,
       regions, participants
