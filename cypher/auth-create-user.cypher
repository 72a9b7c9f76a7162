// A new account (server/auth.ts); no row when the name is taken. `first`: only when there is no
// account at all (the first admin, created at start-up by whichever server gets there first).
OPTIONAL MATCH (any:User)
WITH count(any) AS accounts
WHERE NOT $first OR accounts = 0
MERGE (u:User {username: $username})
ON CREATE SET u.role = $role, u.passwordHash = $passwordHash, u.createdAt = $now, u.mustChangePassword = $mustChange,
              u.failedLogins = 0, u.disabled = false, u.new = true
WITH u, coalesce(u.new, false) AS created
REMOVE u.new
RETURN created
