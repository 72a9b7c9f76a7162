// Candidate entrants (server/gaps/candidates.ts): the SMEs (micro, small, medium; still in the
// register; not known only from ties) located in $regions that are linked to stage $stage, or to a
// stage next to it (FEEDS either way), by OPERATES_AT or CAPABLE_OF; with their codes, figures and
// ties to the chain's partners $partners (gaps-candidates-partners: one entry per partner, however
// many relationships). Read from the stage side: the stage (unique index), the stages next to it
// (a dozen FEEDS), their OPERATES_AT / CAPABLE_OF relationships, filtered by region — Neo4j's
// planner may instead start from the region index and join on those stages when the regions hold
// fewer enterprises than the stages; either way no label is scanned and the cost grows with the
// enterprises at those stages or in those regions, not with the graph. The ties of a candidate
// are its own few relationships. The evidence kind and the ranking are worked out in TypeScript.
MATCH (s:Stage {id: $stage})-[:FEEDS*0..1]-(t:Stage)<-[r:OPERATES_AT|CAPABLE_OF]-(e:Enterprise)
WHERE e.region IN $regions AND e.size IN ['micro', 'small', 'medium']
  AND e.leftRegisterAt IS NULL AND NOT coalesce(e.tiesOnly, false)
WITH e, collect(DISTINCT {stage: t.id, rel: type(r)}) AS links
CALL (e) {
  OPTIONAL MATCH (e)-[k:SUPPLIES|IN_PROGRAMME|CONTRACT]-(p:Enterprise)
  WHERE p.id IN $partners
  WITH p, collect(DISTINCT type(k)) AS kinds, count(k) AS n
  RETURN collect(CASE WHEN p IS NOT NULL THEN {id: p.id, name: p.name, nameEn: p.nameEn, kinds: kinds, relationships: n} END) AS ties
}
RETURN e.id AS id, e.inn AS inn, e.name AS name, e.nameEn AS nameEn, e.region AS region,
       e.okved AS okved, coalesce(e.okvedAll, CASE WHEN e.okved IS NULL THEN [] ELSE [e.okved] END) AS okvedAll,
       e.size AS size, e.sizeSource AS sizeSource, e.employees AS employees, e.employeesYear AS employeesYear,
       e.revenueMlnRub AS revenueMlnRub, e.revenueYear AS revenueYear, coalesce(e.synthetic, false) AS synthetic,
       links, ties
