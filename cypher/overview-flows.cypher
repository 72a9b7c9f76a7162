// Overview: supply links aggregated by supplier region → buyer region (same-region pairs too;
// the server reports those as the region's local volume). A link belongs to a chain when its
// `stage` is a stage of that chain; for $chain = 'all' every link counts, with or without a stage.
CALL () {
  OPTIONAL MATCH (s:Stage) WHERE s.chain = $chain
  RETURN collect(s.id) AS stages
}
MATCH (a:Enterprise)-[l:SUPPLIES]->(b:Enterprise)
WHERE $chain = 'all' OR l.stage IN stages
WITH a.region AS source, b.region AS target, sum(coalesce(l.volumeMlnRub, 0.0)) AS volumeMlnRub, count(l) AS links
RETURN source, target, volumeMlnRub, links
ORDER BY source, target
