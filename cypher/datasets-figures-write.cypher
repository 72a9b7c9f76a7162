// Removal of a dataset, step 3 (server/datasets.ts): the figures the dataset was the source of go
// from a batch of kept enterprises; a size that came from it, or was derived from a figure that
// went, becomes the one derived from the remaining figures (or none).
UNWIND $rows AS row
MATCH (e:Enterprise) WHERE elementId(e) = row.eid
FOREACH (_ IN CASE WHEN row.clearRevenue THEN [1] ELSE [] END |
  REMOVE e.revenueMlnRub, e.revenueYear, e.revenueSource)
FOREACH (_ IN CASE WHEN row.clearEmployees THEN [1] ELSE [] END |
  REMOVE e.employees, e.employeesYear, e.employeesSource)
FOREACH (_ IN CASE WHEN row.resize THEN [1] ELSE [] END |
  SET e.size = row.size, e.sizeSource = row.sizeSource
  REMOVE e.sizeDataset)
RETURN count(e) AS n
