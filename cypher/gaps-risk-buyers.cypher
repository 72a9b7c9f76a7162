// Structural risks with a what-if scenario (server/gaps/risks.ts): every supplier of the buyers
// $buyers at the chain's stages ($stages), with the summed volume — to recount the single-supplier
// dependencies of the buyers a scenario's contracts name.
MATCH (b:Enterprise)<-[l:SUPPLIES]-(a:Enterprise)
WHERE b.id IN $buyers AND l.stage IN $stages
WITH b, l.stage AS stage, a, sum(coalesce(l.volumeMlnRub, 0.0)) AS volumeMlnRub
RETURN b.id AS buyer, stage, a.id AS supplier, a.name AS supplierName, a.nameEn AS supplierNameEn,
       a.region AS supplierRegion, a.size AS supplierSize, volumeMlnRub
