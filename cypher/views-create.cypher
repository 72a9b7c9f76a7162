// A saved view (server/views.ts).
CREATE (v:SavedView {id: $id, name: $name, owner: $owner, shared: $shared, hash: $hash, createdAt: $now})
RETURN v.id AS id, v.name AS name, v.owner AS owner, v.shared AS shared, v.hash AS hash, v.createdAt AS createdAt
