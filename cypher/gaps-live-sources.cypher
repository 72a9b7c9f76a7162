// Gap analysis, live (server/gaps.ts): where the buyers of region $region get each stage of
// $stages from — supply links into the region grouped by supplier region and stage.
MATCH (b:Enterprise {region: $region})<-[l:SUPPLIES]-(a:Enterprise)
WHERE l.stage IN $stages
WITH a.region AS source, l.stage AS stage, sum(coalesce(l.volumeMlnRub, 0.0)) AS volumeMlnRub, count(l) AS links
RETURN source, stage, volumeMlnRub, links
