// Fragment, the {{multiScan}} of explore-expand for a node with SUPPLIES, ties (IN_PROGRAMME,
// CONTRACT) or FEEDS, types that may link a pair more than once: one visit of them all
// ({{pattern}}), whatever the filters, for the counts. `multiCounts` has one entry per type and
// direction ('SUPPLIES|in', …): how many neighbours have it; the entry '*' counts all the
// neighbours and, as `passing`, those with a link that passes the filters ({{passes}}).
// Only these few counts leave: a list as long as the neighbours, even out of scope, would be
// accounted in every row the ranking's sorts keep (a large customer's 10^4 tied SMEs times the
// limit passed the transaction memory limit).
MATCH {{pattern}}
WITH m, type(r) + '|' + CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS kind,
     max(CASE WHEN {{passes}} THEN 1 ELSE 0 END) AS passes
WITH m, collect(kind) AS kinds, max(passes) AS passes
UNWIND kinds + ['*'] AS kind
WITH kind, count(*) AS count, sum(passes) AS passing
RETURN collect({kind: kind, count: count, passing: passing}) AS multiCounts
