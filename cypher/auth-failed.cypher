// A failed sign-in (server/auth.ts): counts it, and locks the account for $lockMs after $max in a row.
MATCH (u:User {username: $username})
SET u.failedLogins = coalesce(u.failedLogins, 0) + 1
WITH u, u.failedLogins >= $max AS lock
SET u.lockedUntil = CASE WHEN lock THEN $now + $lockMs ELSE u.lockedUntil END,
    u.failedLogins = CASE WHEN lock THEN 0 ELSE u.failedLogins END
RETURN lock AS locked, u.lockedUntil AS lockedUntil
