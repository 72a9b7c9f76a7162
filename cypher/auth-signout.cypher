// Ends a session (server/auth.ts).
MATCH (s:Session {id: $id})
DETACH DELETE s
