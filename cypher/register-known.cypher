// The INNs of the register subjects in a load's scope (its regions, or all), a page at a time in
// INN order: a filtered load keeps them up to date whatever its filters say (server/register).
MATCH (e:Enterprise)
WHERE e.source = 'fns-rsmp' AND e.tiesOnly IS NULL AND e.inn > $after
  AND ($regions IS NULL OR e.region IN $regions)
RETURN e.inn AS inn
ORDER BY inn
LIMIT toInteger($limit)
