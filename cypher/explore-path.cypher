// Shortest chain of supply links between two enterprises, at most {{maxHops}} links long
// (a literal: the bounds of a variable-length pattern cannot be parameters; the server
// validates it as 1–10). {{hop}} is `-[:SUPPLIES*1..n]->` (from supplier towards buyer) or
// `-[:SUPPLIES*1..n]-` (either way).
//
// shortestPath() rather than SHORTEST 1: on Neo4j 5.26 it runs as the bidirectional
// breadth-first ShortestPath operator, which grows the search from both ends and stops at the
// first meeting; SHORTEST over an undirected pattern was planned as StatefulShortestPath(Into)
// and took 200 times longer on the million-enterprise graph (over a minute for some pairs, as
// anchors link to thousands of suppliers).
OPTIONAL MATCH (a:Enterprise {id: $from})
OPTIONAL MATCH (b:Enterprise {id: $to})
OPTIONAL CALL (a, b) {
  WITH a, b WHERE a <> b
  MATCH p = shortestPath((a){{hop}}(b))
  RETURN nodes(p) AS pathNodes, relationships(p) AS pathRels
}
WITH a, b,
     CASE WHEN a = b THEN [a] ELSE coalesce(pathNodes, []) END AS pathNodes,
     CASE WHEN a = b THEN [] ELSE coalesce(pathRels, []) END AS pathRels
CALL (pathNodes) {
  UNWIND range(0, size(pathNodes) - 1) AS step
  WITH pathNodes[step] AS m, step
  {{node}}
  RETURN collect({rank: step, eid: elementId(m), node: node}) AS nodes
}
RETURN a IS NOT NULL AS fromExists, b IS NOT NULL AS toExists, nodes,
       [r IN pathRels | {
         id: elementId(r), type: type(r),
         source: {labels: labels(startNode(r)), id: startNode(r).id, code: startNode(r).code},
         target: {labels: labels(endNode(r)), id: endNode(r).id, code: endNode(r).code},
         volumeMlnRub: r.volumeMlnRub, stage: r.stage, product: r.product, synthetic: coalesce(r.synthetic, false)
       }] AS edges
