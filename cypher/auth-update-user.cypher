// Changes an account (server/auth.ts): role, password, enabled; a new password or a disabled
// account ends its sessions. No row when there is no such account.
MATCH (u:User {username: $username})
SET u.role = coalesce($role, u.role),
    u.passwordHash = coalesce($passwordHash, u.passwordHash),
    u.mustChangePassword = CASE WHEN $passwordHash IS NULL THEN u.mustChangePassword ELSE $mustChange END,
    u.disabled = coalesce($disabled, u.disabled),
    u.failedLogins = CASE WHEN $passwordHash IS NULL THEN u.failedLogins ELSE 0 END,
    u.lockedUntil = CASE WHEN $passwordHash IS NULL THEN u.lockedUntil ELSE null END
WITH u
OPTIONAL MATCH (s:Session)-[:OF]->(u) WHERE ($passwordHash IS NOT NULL OR $disabled = true) AND s.id <> $keep
DETACH DELETE s
RETURN DISTINCT u.username AS username
