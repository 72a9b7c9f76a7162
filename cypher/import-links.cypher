// One batch of supply links (rows from import-link-rows) touching enterprises that existed
// before this import. A link is identified by supplier, buyer and product. Each is held by the
// import's dataset ($dataset); `tagged` counts the links it adds the id to.
MATCH (s:Enterprise {id: row.supplier})
MATCH (b:Enterprise {id: row.buyer})
MERGE (s)-[l:SUPPLIES {product: row.product}]->(b)
WITH l, row, NOT $dataset IN coalesce(l.datasets, []) AS fresh
SET l += row.props,
    l.datasets = CASE WHEN fresh THEN coalesce(l.datasets, []) + $dataset ELSE l.datasets END
RETURN count(CASE WHEN fresh THEN 1 END) AS tagged
