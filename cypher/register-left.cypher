// After a complete load of a register dump: the register subjects in its scope (its regions, or
// all) that it did not list — their last listing is older than the dump — have left the register
// on its state date. They stay in the graph. Run until it marks fewer than $limit.
MATCH (e:Enterprise)
WHERE e.source = 'fns-rsmp' AND e.tiesOnly IS NULL AND e.leftRegisterAt IS NULL
  AND e.registerState < $stateDate AND ($regions IS NULL OR e.region IN $regions)
WITH e LIMIT toInteger($limit)
SET e.leftRegisterAt = $stateDate
RETURN count(e) AS marked
