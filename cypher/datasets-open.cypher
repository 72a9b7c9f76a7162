// A dataset begins to load (server/datasets.ts openDataset): created, or marked running again when
// a load of the same id completes or refreshes it.
MERGE (d:Dataset {id: $id})
SET d.kind = $kind, d.name = $name, d.stateDate = $stateDate, d.status = 'running', d.startedAt = datetime(),
    d.loadedBy = $loadedBy, d.error = null
RETURN d.id AS id
