// Structural risks (server/gaps.ts), for regions with very many links: the same network as
// gaps-risk-links — the largest links at the chain's stages with the supplier or the buyer in the
// region, at most $limit — found by walking the index on SUPPLIES.volumeMlnRub from the top and
// stopping at $limit, instead of expanding every enterprise of the region. Links without a volume
// are left out (they would sort last anyway).
MATCH (a:Enterprise)-[l:SUPPLIES]->(b:Enterprise)
WHERE l.volumeMlnRub IS NOT NULL AND l.stage IN $stages AND (a.region = $region OR b.region = $region)
WITH a, l, b ORDER BY l.volumeMlnRub DESC LIMIT toInteger($limit)
WITH collect({source: a.id, target: b.id, stage: l.stage, volumeMlnRub: l.volumeMlnRub}) AS links,
     collect(DISTINCT a) + collect(DISTINCT b) AS ends
CALL (ends) {
  UNWIND ends AS e
  WITH DISTINCT e
  RETURN collect({id: e.id, name: e.name, nameEn: e.nameEn, region: e.region, size: e.size,
                  stages: coalesce(e.stages, [])}) AS enterprises
}
RETURN links, enterprises
