// Every account (server/auth.ts), for admins: never the password hash.
MATCH (u:User)
OPTIONAL MATCH (s:Session)-[:OF]->(u) WHERE s.expiresAt > $now
WITH u, count(s) AS sessions
RETURN u.username AS username, u.role AS role, coalesce(u.disabled, false) AS disabled, u.createdAt AS createdAt,
       u.lastLoginAt AS lastLoginAt, coalesce(u.mustChangePassword, false) AS mustChangePassword,
       u.lockedUntil AS lockedUntil, sessions
ORDER BY u.username
