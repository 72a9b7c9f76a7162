// One batch of supply links. A link is identified by supplier, buyer and product.
UNWIND $rows AS row
MATCH (s:Enterprise {id: row.supplier})
MATCH (b:Enterprise {id: row.buyer})
MERGE (s)-[l:SUPPLIES {product: row.product}]->(b)
SET l.stage = row.stage, l.okved = row.okved, l.volumeMlnRub = row.volumeMlnRub, l.since = row.since,
    l.synthetic = row.synthetic, l.source = row.source
