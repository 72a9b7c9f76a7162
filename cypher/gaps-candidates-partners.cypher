// The partners of a chain (server/gaps/candidates.ts), whose ties make a candidate's T: the large
// enterprises operating at a stage of $chain (from the size index: large ones are few) and the
// anchors (MEMBER_OF role 'anchor') of the chain's clusters.
CALL () {
  MATCH (p:Enterprise {size: 'large'})
  WHERE EXISTS { (p)-[:OPERATES_AT]->(:Stage {chain: $chain}) }
  RETURN p.id AS id, true AS large, false AS anchor
  UNION
  MATCH (:Cluster {chain: $chain})<-[:MEMBER_OF {role: 'anchor'}]-(p:Enterprise)
  RETURN p.id AS id, false AS large, true AS anchor
}
RETURN id, max(large) AS large, max(anchor) AS anchor
