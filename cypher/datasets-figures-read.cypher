// Removal of a dataset, step 3 (server/datasets.ts): a batch of the kept enterprises holding a figure
// the dataset was the source of, with the figures that remain once those are cleared (the server
// works out the size from them, as the import does).
MATCH (e:Enterprise)
WHERE e.revenueSource = $id OR e.employeesSource = $id OR e.sizeDataset = $id
WITH e LIMIT toInteger($batch)
WITH e, e.revenueSource = $id AS revenue, e.employeesSource = $id AS employees
RETURN elementId(e) AS eid, coalesce(revenue, false) AS clearRevenue, coalesce(employees, false) AS clearEmployees,
       coalesce(e.sizeDataset = $id, false) AS clearSize, e.sizeSource AS sizeSource,
       CASE WHEN revenue THEN null ELSE e.revenueMlnRub END AS revenueMlnRub,
       CASE WHEN employees THEN null ELSE e.employees END AS employees
