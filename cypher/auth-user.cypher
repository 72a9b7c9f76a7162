// One account for signing in (server/auth.ts).
MATCH (u:User {username: $username})
RETURN u.username AS username, u.role AS role, u.passwordHash AS passwordHash, coalesce(u.disabled, false) AS disabled,
       coalesce(u.failedLogins, 0) AS failedLogins, u.lockedUntil AS lockedUntil, coalesce(u.mustChangePassword, false) AS mustChangePassword
