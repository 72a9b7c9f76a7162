// The import into a dataset ends (server/import/write.ts): its status, and the nodes and links this
// import tagged with the dataset's id for the first time added to the dataset's counts. A node or
// link is counted once, by the import that first added the id to its `datasets` list, so imports
// into the same dataset accumulate and a re-run counts nothing twice.
MATCH (d:Dataset {id: $id})
SET d.status = $status, d.error = $error, d.loadedAt = datetime(), d.finishedAt = datetime(),
    d.enterprises = coalesce(d.enterprises, 0) + $enterprises, d.links = coalesce(d.links, 0) + $links,
    d.clusters = coalesce(d.clusters, 0) + $clusters, d.ties = coalesce(d.ties, 0)
RETURN d.id AS id
