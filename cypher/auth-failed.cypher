// A failed sign-in (server/routes/auth.ts), already counted by auth-attempt: the attempt that
// reached $max in a row locks the account for $lockMs.
MATCH (u:User {username: $username})
WITH u, $attempt >= $max AND coalesce(u.lockedUntil, 0) <= $now AS lock
SET u.lockedUntil = CASE WHEN lock THEN $now + $lockMs ELSE u.lockedUntil END,
    u.failedLogins = CASE WHEN lock THEN 0 ELSE u.failedLogins END
RETURN lock OR coalesce(u.lockedUntil, 0) > $now AS locked, u.lockedUntil AS lockedUntil
