// One batch of supply links between enterprises this import creates, sent column by column (see
// import-enterprises-new). No link between them can exist yet, so CREATE suffices; each is held by
// the import's dataset ($dataset).
UNWIND range(0, size($supplier) - 1) AS i
MATCH (s:Enterprise {id: $supplier[i]})
MATCH (b:Enterprise {id: $buyer[i]})
CREATE (s)-[:SUPPLIES {
  product: $product[i], stage: $stage[i], okved: $okved[i], volumeMlnRub: $volumeMlnRub[i],
  since: $since[i], synthetic: $synthetic[i], source: $source[i], datasets: [$dataset]
}]->(b)
