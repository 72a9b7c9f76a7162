// Structural risks (server/gaps.ts): the supply network of region $region in a chain — the links
// at the chain's stages ($stages) with the supplier or the buyer in the region — largest volume
// first, at most $limit, with the number of such links. Enterprises come with their region and
// stages (for the FEEDS check of suggested links).
CALL () {
  MATCH (a:Enterprise {region: $region})-[l:SUPPLIES]->(b:Enterprise)
  WHERE l.stage IN $stages
  RETURN a, l, b
  UNION
  MATCH (a:Enterprise)-[l:SUPPLIES]->(b:Enterprise {region: $region})
  WHERE l.stage IN $stages
  RETURN a, l, b
}
WITH a, l, b ORDER BY coalesce(l.volumeMlnRub, 0.0) DESC, a.id, b.id, l.product
WITH collect({source: a.id, target: b.id, stage: l.stage, volumeMlnRub: coalesce(l.volumeMlnRub, 0.0)}) AS links
WITH size(links) AS total, links[..$limit] AS links
CALL (links) {
  UNWIND links AS link
  UNWIND [link.source, link.target] AS id
  WITH DISTINCT id
  MATCH (e:Enterprise {id: id})
  RETURN collect({id: e.id, name: e.name, nameEn: e.nameEn, region: e.region, size: e.size,
                  stages: coalesce(e.stages, [])}) AS enterprises
}
RETURN total, links, enterprises
