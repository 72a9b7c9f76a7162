// Fragment, included as {{node}} by the other explore-*.cypher queries: the explorer's view of
// the node bound to `m`, as the map `node` (server/explore.ts turns it into an ExploreNode).
// The region is a region's own code, an enterprise's, technopark's or support organisation's
// `region` (else its LOCATED_IN region), and for a cluster the first of its BASED_IN regions in
// the order of its `regions` list. Its centre places the node on the geographic layout.
CALL (m) {
  WITH m, CASE
    WHEN m:Region THEN m.code
    WHEN m:Cluster THEN head(COLLECT {
      MATCH (m)-[:BASED_IN]->(r:Region)
      WITH r, [i IN range(0, size(coalesce(m.regions, [])) - 1) WHERE m.regions[i] = r.code] AS at
      RETURN r.code ORDER BY coalesce(at[0], 1000), r.code
    })
    ELSE coalesce(m.region, head(COLLECT { MATCH (m)-[:LOCATED_IN]->(r:Region) RETURN r.code ORDER BY r.code }))
  END AS region
  OPTIONAL MATCH (place:Region {code: region})
  RETURN {
    labels: labels(m), id: m.id, code: m.code, name: m.name, nameEn: m.nameEn, nameLatin: m.nameLatin,
    inn: m.inn, okved: m.okved,
    region: region, lat: place.location.latitude, lon: place.location.longitude,
    size: m.size, employees: m.employees, revenueMlnRub: m.revenueMlnRub,
    chain: m.chain, chains: m.chains, stages: m.stages,
    clusters: CASE WHEN m:Enterprise THEN COLLECT { MATCH (m)-[:MEMBER_OF]->(c:Cluster) RETURN c.id ORDER BY c.id } ELSE [] END,
    // getDegree: read from the relationship counts of dense nodes, not by visiting the neighbours
    degree: COUNT { (m)--() },
    synthetic: coalesce(m.synthetic, false)
  } AS node
}
