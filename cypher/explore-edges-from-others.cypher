// Fragment, one per node type joined with UNION ALL as the {{fromOthers}} of explore-edges: the
// relationships from the nodes of $t to the new nodes ($a) of the type {{label}}, over the
// relationship types that can end at one ({{types}}, by the data model), when a new node of the
// type has more incoming relationships than $t has nodes.
WITH fromOthers WHERE '{{label}}' IN fromOthers
MATCH (v) WHERE elementId(v) IN $t
// In a subquery of its own, so that the planner does not start from the hub ($a) instead.
CALL (v) {
  MATCH (v)-[r:{{types}}]->(x)
  RETURN r, x
}
WITH r, x WHERE x:{{label}} AND elementId(x) IN $a
RETURN r
