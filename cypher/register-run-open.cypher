// A load of an FNS archive begins: its ImportRun (listed by GET /api/imports beside the CSV imports).
CREATE (r:ImportRun {id: $id, startedAt: datetime(), status: 'running', files: $files, kind: $kind, dataset: $dataset})
