// Candidate entrants (server/gaps/candidates.ts): the SMEs (micro, small, medium; still in the
// register; not known only from ties) located in $regions that are linked to stage $stage, or to a
// stage next to it (FEEDS either way), by OPERATES_AT or CAPABLE_OF; with their codes, figures and
// ties to the chain's anchors and large enterprises (one entry per partner, however many
// relationships). Read from the stage side: the stage (unique index), the stages next to it (a
// dozen FEEDS), their OPERATES_AT / CAPABLE_OF relationships filtered by region — so the cost grows
// with the enterprises at those stages, not with the graph. The ties of a candidate are its own few
// relationships. The evidence kind and the ranking are worked out in TypeScript.
MATCH (s:Stage {id: $stage})-[:FEEDS*0..1]-(t:Stage)<-[r:OPERATES_AT|CAPABLE_OF]-(e:Enterprise)
WHERE e.region IN $regions AND e.size IN ['micro', 'small', 'medium']
  AND e.leftRegisterAt IS NULL AND NOT coalesce(e.tiesOnly, false)
WITH e, collect(DISTINCT {stage: t.id, rel: type(r)}) AS links
CALL (e) {
  OPTIONAL MATCH (e)-[k:SUPPLIES|IN_PROGRAMME|CONTRACT]-(p:Enterprise)
  WITH p, collect(DISTINCT type(k)) AS kinds, count(k) AS n
  WITH p, kinds, n,
       coalesce(p.size = 'large', false) AND EXISTS { (p)-[:OPERATES_AT]->(:Stage {chain: $chain}) } AS large,
       EXISTS { (p)-[:MEMBER_OF {role: 'anchor'}]->(:Cluster {chain: $chain}) } AS anchor
  RETURN collect(CASE WHEN large OR anchor THEN
    {id: p.id, name: p.name, nameEn: p.nameEn, kinds: kinds, relationships: n, large: large, anchor: anchor}
  END) AS ties
}
RETURN e.id AS id, e.inn AS inn, e.name AS name, e.nameEn AS nameEn, e.region AS region,
       e.okved AS okved, coalesce(e.okvedAll, CASE WHEN e.okved IS NULL THEN [] ELSE [e.okved] END) AS okvedAll,
       e.size AS size, e.sizeSource AS sizeSource, e.employees AS employees, e.employeesYear AS employeesYear,
       e.revenueMlnRub AS revenueMlnRub, e.revenueYear AS revenueYear, coalesce(e.synthetic, false) AS synthetic,
       links, ties
