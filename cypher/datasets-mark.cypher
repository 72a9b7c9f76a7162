// A dataset's status alone (server/datasets.ts): 'removing' while it goes, 'failed' when its load stopped.
MATCH (d:Dataset {id: $id})
SET d.status = $status, d.error = $error
RETURN d.id AS id
