// OKVED2 codes used by the chains.
UNWIND $rows AS row
MERGE (i:Industry {code: row.code})
SET i.name = row.name, i.nameEn = row.nameEn
