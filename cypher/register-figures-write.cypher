// Figures of a companion dataset written on the enterprises they are newer for (props worked out by
// server/register/write.ts; a size re-derived from them comes with them).
UNWIND $rows AS row
MATCH (e:Enterprise {id: row.id})
SET e += row.props
