// One batch of ties of a register dump (server/register/write.ts), customers written first: an SME
// in a large customer's partnership programme (IN_PROGRAMME), or its 44-FZ/223-FZ contract with a
// customer (CONTRACT). A tie is the same tie in every dump that lists it (same ends, kind, number
// and date: `key`), and lists the dumps' datasets.
CALL (){
  UNWIND $programmes AS t
  MATCH (s:Enterprise {inn: t.sme})
  MATCH (c:Enterprise {inn: t.customer})
  MERGE (s)-[r:IN_PROGRAMME {key: t.key}]->(c)
  SET r.number = t.number, r.date = t.date,
      r.datasets = CASE WHEN $dataset IN coalesce(r.datasets, []) THEN r.datasets ELSE coalesce(r.datasets, []) + $dataset END
  RETURN count(r) AS programmes
}
CALL (){
  UNWIND $contracts AS t
  MATCH (s:Enterprise {inn: t.sme})
  MATCH (c:Enterprise {inn: t.customer})
  MERGE (s)-[r:CONTRACT {key: t.key}]->(c)
  SET r.law = t.law, r.subject = t.subject, r.number = t.number, r.date = t.date,
      r.datasets = CASE WHEN $dataset IN coalesce(r.datasets, []) THEN r.datasets ELSE coalesce(r.datasets, []) + $dataset END
  RETURN count(r) AS contracts
}
RETURN programmes, contracts
