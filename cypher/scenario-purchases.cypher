// What a buyer now buys at a stage (server/scenarios.ts), supplier by supplier: the purchases a
// hypothetical contract can replace. No row: no such buyer.
MATCH (b:Enterprise {id: $buyer})
OPTIONAL MATCH (b)<-[l:SUPPLIES {stage: $stage}]-(x:Enterprise)
WHERE x <> b
WITH b, x, sum(coalesce(l.volumeMlnRub, 0.0)) AS volumeMlnRub, count(l) AS links
RETURN b.id AS buyer, b.name AS buyerName, b.nameEn AS buyerNameEn, b.region AS buyerRegion,
       collect(CASE WHEN x IS NULL THEN null ELSE
         {id: x.id, name: x.name, nameEn: x.nameEn, region: x.region, volumeMlnRub: volumeMlnRub, links: links} END) AS purchases
