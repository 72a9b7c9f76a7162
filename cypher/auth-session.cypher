// The signed-in user of a request (server/auth.ts): the session by the hash of its token, when
// it has not expired and its user is enabled.
MATCH (s:Session {id: $id})-[:OF]->(u:User)
WHERE s.expiresAt > $now AND NOT coalesce(u.disabled, false)
RETURN u.username AS username, u.role AS role, s.csrf AS csrf, coalesce(u.mustChangePassword, false) AS mustChangePassword
