// The dataset an import writes into (server/import/write.ts) begins to load: created with empty
// counts, or marked running again when an import adds to it (the seed's two imports share 'seed';
// a re-run completes a failed load). Its counts grow as the import tags what it writes.
MERGE (d:Dataset {id: $id})
ON CREATE SET d.enterprises = 0, d.links = 0, d.ties = 0, d.clusters = 0, d.loadedAt = datetime()
SET d.kind = $kind, d.name = coalesce($name, d.name, $defaultName), d.status = 'running', d.startedAt = datetime(),
    d.loadedBy = coalesce($loadedBy, d.loadedBy), d.error = null
RETURN d.id AS id
