// Overview: every region with its position and the enterprises of a chain located there.
// $chain is a chain id (`timber`, `oilgas`) or 'all' (every enterprise, whatever its chains).
// SMEs are the micro, small and medium enterprises (209-FZ categories; `size` holds them).
MATCH (r:Region)
CALL (r) {
  MATCH (r)<-[:LOCATED_IN]-(e:Enterprise)
  WHERE $chain = 'all' OR $chain IN e.chains
  RETURN count(e) AS enterprises,
         count(CASE WHEN e.size IN ['micro', 'small', 'medium'] THEN 1 END) AS smes
}
RETURN r.code AS code, r.name AS name, r.nameEn AS nameEn, r.federalDistrict AS federalDistrict,
       r.location.latitude AS lat, r.location.longitude AS lon, enterprises, smes
ORDER BY code
