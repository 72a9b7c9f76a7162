// Import lease, renewed while its import runs; no row when the lease was lost.
MATCH (l:ImportLock {id: 'import', token: $token})
SET l.expiresAt = datetime.transaction() + duration({milliseconds: $ttlMs})
RETURN l.token AS token
