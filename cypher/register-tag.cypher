// Subjects that an older dump lists after a newer one was loaded: they keep the newer dump's
// figures and are only marked as held by the older dump's dataset too.
UNWIND $ids AS id
MATCH (e:Enterprise {id: id})
SET e.datasets = CASE WHEN $dataset IN coalesce(e.datasets, []) THEN e.datasets ELSE coalesce(e.datasets, []) + $dataset END
