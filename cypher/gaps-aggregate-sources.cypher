// Gap analysis from the aggregate (server/aggregate.ts, server/gaps.ts): where the buyers of
// region $region get the stages $stages from — the StageFlow rows of aggregate version $version
// into the region (supplier region, stage, volume, links).
MATCH (f:StageFlow {version: $version, target: $region})
WHERE f.stage IN $stages
RETURN f.source AS source, f.stage AS stage, f.volumeMlnRub AS volumeMlnRub, f.links AS links
