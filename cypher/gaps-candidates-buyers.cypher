// Buyers at stage $stage in region $region (server/gaps/candidates.ts), whom a what-if contract
// with a candidate would supply: enterprises located there that buy at the stage now (largest
// volume first), then the anchors of the chain's clusters based there.
CALL () {
  MATCH (b:Enterprise)<-[l:SUPPLIES]-(:Enterprise)
  WHERE b.region = $region AND l.stage = $stage
  RETURN b, sum(coalesce(l.volumeMlnRub, 0.0)) AS volume
  UNION
  MATCH (:Region {code: $region})<-[:BASED_IN]-(:Cluster {chain: $chain})<-[:MEMBER_OF {role: 'anchor'}]-(b:Enterprise)
  RETURN b, 0.0 AS volume
}
WITH b, max(volume) AS volume
RETURN b.id AS id, b.name AS name, b.nameEn AS nameEn, volume AS volumeMlnRub,
       EXISTS { (b)-[:MEMBER_OF {role: 'anchor'}]->(:Cluster {chain: $chain}) } AS anchor
ORDER BY volumeMlnRub DESC, anchor DESC, id
LIMIT toInteger($limit)
