// A load of an FNS archive ends: its ImportRun's status and counts (links: its ties).
MATCH (r:ImportRun {id: $id})
SET r.status = $status, r.error = $error, r.finishedAt = datetime(), r.enterprises = $enterprises,
    r.links = $ties, r.clusters = 0
