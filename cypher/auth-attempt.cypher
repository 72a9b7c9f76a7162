// A sign-in attempt reserved before its password is checked (server/routes/auth.ts): counted at
// once, in one write. The count lives on the account, or, for a user name no account has, on a
// SignInGuard of that name: unknown names are counted and locked exactly like accounts, so the
// answers (401, then 423) and the work done never tell whether an account exists. Failures older
// than the lock-out period no longer count, which lets stale guards be deleted here without
// changing any answer. The counted node is write-locked first (a property written, then read
// back: Neo4j's way to avoid lost updates), so simultaneous attempts are counted one after
// another. An attempt past $max in a row, or one at a locked name, is refused unchecked and
// (re)locks it for $lockMs; so at most $max passwords are ever checked in a row.
CALL () {
  MATCH (stale:SignInGuard)
  WHERE stale.lastFailedAt <= $now - $lockMs AND coalesce(stale.lockedUntil, 0) <= $now
  WITH stale LIMIT 100
  DELETE stale
}
OPTIONAL MATCH (account:User {username: $username})
FOREACH (_ IN CASE WHEN account IS NULL THEN [1] ELSE [] END | MERGE (:SignInGuard {username: $username}))
WITH account
OPTIONAL MATCH (guard:SignInGuard {username: $username}) WHERE account IS NULL
WITH coalesce(account, guard) AS u
SET u._lock = true
WITH u, coalesce(u.lockedUntil, 0) > $now AS wasLocked,
     CASE WHEN coalesce(u.lastFailedAt, 0) <= $now - $lockMs THEN 0 ELSE coalesce(u.failedLogins, 0) END AS failed
WITH u, wasLocked, CASE WHEN wasLocked THEN failed ELSE failed + 1 END AS attempt
WITH u, wasLocked, attempt, NOT wasLocked AND attempt > $max AS over
SET u.failedLogins = CASE WHEN over THEN 0 ELSE attempt END,
    u.lastFailedAt = $now,
    u.lockedUntil = CASE WHEN over THEN $now + $lockMs ELSE u.lockedUntil END
REMOVE u._lock
RETURN wasLocked OR over AS refused, attempt, u.lockedUntil AS lockedUntil
