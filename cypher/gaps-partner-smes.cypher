// Partner regions (server/gaps.ts): the SMEs (micro, small, medium) operating at stage $stage in
// the regions $regions, largest revenue first (unknown revenue last), at most $perRegion each.
MATCH (:Stage {id: $stage})<-[:OPERATES_AT]-(e:Enterprise)
WHERE e.region IN $regions AND e.size IN ['micro', 'small', 'medium']
WITH e ORDER BY coalesce(e.revenueMlnRub, -1.0) DESC, e.id
WITH e.region AS region,
     collect({id: e.id, name: e.name, nameEn: e.nameEn, size: e.size, employees: e.employees,
              revenueMlnRub: e.revenueMlnRub, synthetic: coalesce(e.synthetic, false)}) AS smes
RETURN region, smes[..$perRegion] AS smes, size(smes) AS total
