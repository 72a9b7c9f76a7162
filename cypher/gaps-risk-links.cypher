// Structural risks (server/gaps.ts): the supply network of region $region in a chain — the links
// at the chain's stages ($stages) with the supplier or the buyer in the region — largest volume
// first, at most $limit (the server asks for one more to know whether it cut any), by expanding
// the region's enterprises (gaps-risk-links-top does it from the volume index for huge regions). Enterprises
// come with their region and stages (for the FEEDS check of suggested links).
CALL () {
  MATCH (a:Enterprise {region: $region})-[l:SUPPLIES]->(b:Enterprise)
  WHERE l.stage IN $stages
  RETURN a, l, b
  UNION
  MATCH (a:Enterprise)-[l:SUPPLIES]->(b:Enterprise {region: $region})
  WHERE l.stage IN $stages
  RETURN a, l, b
}
WITH a, l, b ORDER BY coalesce(l.volumeMlnRub, 0.0) DESC LIMIT toInteger($limit)
WITH collect({source: a.id, target: b.id, stage: l.stage, volumeMlnRub: coalesce(l.volumeMlnRub, 0.0)}) AS links,
     collect(DISTINCT a) + collect(DISTINCT b) AS ends
CALL (ends) {
  UNWIND ends AS e
  WITH DISTINCT e
  RETURN collect({id: e.id, name: e.name, nameEn: e.nameEn, region: e.region, size: e.size,
                  stages: coalesce(e.stages, [])}) AS enterprises
}
RETURN links, enterprises
