// A dataset's load ends (server/datasets.ts closeDataset): its status, its counts and when.
MATCH (d:Dataset {id: $id})
SET d.status = $status, d.error = $error, d.loadedAt = datetime(), d.finishedAt = datetime(),
    d.enterprises = $enterprises, d.clusters = $clusters, d.links = $links, d.ties = $ties
RETURN d.id AS id
