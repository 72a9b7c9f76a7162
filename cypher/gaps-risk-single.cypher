// Structural risks (server/gaps.ts): buyers in region $region that get a stage of the chain
// ($stages) from one supplier only, largest volume first, at most $limit, with their number.
// Names are read for the rows returned only.
MATCH (b:Enterprise {region: $region})<-[l:SUPPLIES]-(a:Enterprise)
WHERE l.stage IN $stages
WITH b, l.stage AS stage, collect(DISTINCT a) AS suppliers, sum(coalesce(l.volumeMlnRub, 0.0)) AS volumeMlnRub
WHERE size(suppliers) = 1
WITH b, stage, suppliers[0] AS a, volumeMlnRub ORDER BY volumeMlnRub DESC, b.id, stage
WITH collect([b, stage, a, volumeMlnRub]) AS rows
CALL (rows) {
  UNWIND rows[..$limit] AS row
  WITH row[0] AS b, row[1] AS stage, row[2] AS a, row[3] AS volumeMlnRub
  RETURN collect({buyer: b.id, buyerName: b.name, buyerNameEn: b.nameEn, buyerSize: b.size, stage: stage,
                  supplier: a.id, supplierName: a.name, supplierNameEn: a.nameEn, supplierRegion: a.region,
                  supplierSize: a.size, volumeMlnRub: volumeMlnRub}) AS top
}
RETURN size(rows) AS total, top AS rows
