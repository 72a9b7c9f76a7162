// Saved views (server/views.ts): the user's own and those shared with the team, newest first.
MATCH (v:SavedView)
WHERE v.owner = $user OR v.shared
RETURN v.id AS id, v.name AS name, v.owner AS owner, v.shared AS shared, v.hash AS hash, v.createdAt AS createdAt
ORDER BY v.createdAt DESC, v.id
