// Fragment, one per node type, joined with UNION ALL as the find clause of other explore-*
// queries (a node carries one of these labels): the nodes of the type whose keys are listed in
// the parameter map $ids, with their explorer id (`nodeId`, type:key, the key as the index holds
// it: no property read). The label, key and type come from NODE_TYPES in server/graph.ts, never
// from user input; the keys are parameters (an index seek each).
MATCH (m:{{label}}) WHERE m.{{key}} IN $ids.{{type}} RETURN m, '{{type}}:' + m.{{key}} AS nodeId
