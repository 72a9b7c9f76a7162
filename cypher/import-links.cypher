// One batch of supply links (rows from import-link-rows) touching enterprises that existed
// before this import. A link is identified by supplier, buyer and product. $set names the
// properties the file's columns give (an absent column leaves its property as it is); without an
// okved column ($hasOkved false), a link with an OKVED code of its own keeps the stage it gave.
// Each link is held by the import's dataset ($dataset); `tagged` counts the links it adds the id to.
MATCH (s:Enterprise {id: row.supplier})
MATCH (b:Enterprise {id: row.buyer})
MERGE (s)-[l:SUPPLIES {product: row.product}]->(b)
WITH l, row, NOT $dataset IN coalesce(l.datasets, []) AS fresh
SET l.datasets = CASE WHEN fresh THEN coalesce(l.datasets, []) + $dataset ELSE l.datasets END
FOREACH (key IN $set | SET l[key] = row.props[key])
SET l.stage = CASE WHEN $hasOkved OR l.okved IS NULL THEN row.stage ELSE l.stage END
RETURN count(CASE WHEN fresh THEN 1 END) AS tagged
