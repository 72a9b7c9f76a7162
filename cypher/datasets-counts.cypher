// What a dataset holds, counted from the graph (server/datasets.ts closeDataset): one scan of each
// tagged label and relationship type.
CALL () {
  MATCH (e:Enterprise) WHERE $id IN e.datasets
  RETURN count(e) AS enterprises
}
CALL () {
  MATCH (c:Cluster) WHERE $id IN c.datasets
  RETURN count(c) AS clusters
}
CALL () {
  MATCH ()-[l:SUPPLIES]->() WHERE $id IN l.datasets
  RETURN count(l) AS links
}
CALL () {
  MATCH ()-[t:IN_PROGRAMME|CONTRACT]->() WHERE $id IN t.datasets
  RETURN count(t) AS ties
}
RETURN enterprises, clusters, links, ties
