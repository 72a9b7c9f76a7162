// Chains, their stages (PART_OF) and the stages' OKVED classes (CLASSIFIED_AS).
UNWIND $chains AS chain
MERGE (c:Chain {id: chain.id})
SET c.name = chain.name, c.nameEn = chain.nameEn
WITH c, chain
UNWIND chain.stages AS stage
MERGE (s:Stage {id: stage.id})
SET s.chain = chain.id, s.name = stage.name, s.nameEn = stage.nameEn, s.order = stage.order,
    s.kind = stage.kind, s.okved = stage.okved, s.note = stage.note
MERGE (s)-[:PART_OF]->(c)
WITH s, stage
CALL (s, stage) {
  UNWIND stage.okved AS code
  MATCH (i:Industry {code: code})
  MERGE (s)-[:CLASSIFIED_AS]->(i)
}
