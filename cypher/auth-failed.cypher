// A failed sign-in (server/routes/auth.ts), already counted by auth-attempt on the account or on
// the SignInGuard of an unknown name: the attempt that reached $max in a row locks it for $lockMs.
OPTIONAL MATCH (account:User {username: $username})
OPTIONAL MATCH (guard:SignInGuard {username: $username}) WHERE account IS NULL
WITH coalesce(account, guard) AS u
WHERE u IS NOT NULL
WITH u, $attempt >= $max AND coalesce(u.lockedUntil, 0) <= $now AS lock
SET u.lockedUntil = CASE WHEN lock THEN $now + $lockMs ELSE u.lockedUntil END,
    u.failedLogins = CASE WHEN lock THEN 0 ELSE u.failedLogins END
RETURN lock OR coalesce(u.lockedUntil, 0) > $now AS locked, u.lockedUntil AS lockedUntil
