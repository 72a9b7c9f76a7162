// A successful sign-in (server/auth.ts): a new session (never one the client brought: no session
// fixation), the failure count reset, the session the client presented, if any, ended, and
// expired sessions of the user removed.
MATCH (u:User {username: $username})
SET u.failedLogins = 0, u.lockedUntil = null, u.lastLoginAt = $now
WITH u
OPTIONAL MATCH (old:Session)-[:OF]->(u) WHERE old.id = $presented OR old.expiresAt <= $now
DETACH DELETE old
WITH DISTINCT u
CREATE (s:Session {id: $id, csrf: $csrf, createdAt: $now, expiresAt: $expiresAt})-[:OF]->(u)
RETURN u.username AS username
