// A sign-in attempt reserved before its password is checked (server/routes/auth.ts): counted at
// once, in one write. The user node is write-locked first (a property written, then read back:
// Neo4j's way to avoid lost updates), so simultaneous attempts are counted one after another. An
// attempt past $max in a row, or one at a locked account, is refused unchecked and (re)locks the
// account for $lockMs; so at most $max passwords are ever checked in a row.
MATCH (u:User {username: $username})
SET u._lock = true
WITH u, coalesce(u.lockedUntil, 0) > $now AS wasLocked, coalesce(u.failedLogins, 0) AS failed
WITH u, wasLocked, CASE WHEN wasLocked THEN failed ELSE failed + 1 END AS attempt
WITH u, wasLocked, attempt, NOT wasLocked AND attempt > $max AS over
SET u.failedLogins = CASE WHEN over THEN 0 ELSE attempt END,
    u.lockedUntil = CASE WHEN over THEN $now + $lockMs ELSE u.lockedUntil END
REMOVE u._lock
RETURN wasLocked OR over AS refused, attempt, u.lockedUntil AS lockedUntil
