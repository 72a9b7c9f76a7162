// The enterprises of one batch of a companion dataset (revenue/expenses or headcount), by INN, with
// their figures, the figures' years and sources, and when a user's file that is the source was
// loaded (server/register/write.ts decides which figure stays).
UNWIND $inns AS inn
MATCH (e:Enterprise {inn: inn})
OPTIONAL MATCH (rd:Dataset {id: e.revenueSource})
OPTIONAL MATCH (ed:Dataset {id: e.employeesSource})
RETURN inn, e.id AS id, e.revenueMlnRub AS revenueMlnRub, e.revenueYear AS revenueYear,
       e.revenueSource AS revenueSource, rd.loadedAt AS revenueLoadedAt, e.employees AS employees,
       e.employeesYear AS employeesYear, e.employeesSource AS employeesSource, ed.loadedAt AS employeesLoadedAt,
       e.sizeSource AS sizeSource
