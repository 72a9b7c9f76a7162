// The subjects of one batch of a register dump that the graph holds already, found by INN, with
// what the writer needs to update them (server/register/write.ts): their main code, the state date
// of the dump that last listed them, and their headcount with its year and source (and, for a
// user's file, when that file was loaded).
UNWIND $inns AS inn
MATCH (e:Enterprise {inn: inn})
OPTIONAL MATCH (d:Dataset {id: e.employeesSource})
RETURN inn, e.id AS id, e.okved AS okved, e.registerState AS registerState, e.employees AS employees,
       e.employeesYear AS employeesYear, e.employeesSource AS employeesSource, d.loadedAt AS employeesLoadedAt,
       e.sizeSource AS sizeSource
