// One batch of supply links (rows from import-link-rows) touching enterprises that existed
// before this import. A link is identified by supplier, buyer and product.
MATCH (s:Enterprise {id: row.supplier})
MATCH (b:Enterprise {id: row.buyer})
MERGE (s)-[l:SUPPLIES {product: row.product}]->(b)
SET l += row.props
