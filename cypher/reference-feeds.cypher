// The order of stages within a chain; runs after every stage exists.
UNWIND $stages AS stage
MATCH (s:Stage {id: stage.id})
CALL (s, stage) {
  OPTIONAL MATCH (s)-[old:FEEDS]->(t:Stage) WHERE NOT t.id IN stage.feeds
  DELETE old
}
WITH s, stage
UNWIND stage.feeds AS next
MATCH (t:Stage {id: next})
MERGE (s)-[:FEEDS]->(t)
