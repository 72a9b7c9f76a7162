// Import lease, given back when its import ends (whatever the outcome).
MATCH (l:ImportLock {id: 'import', token: $token})
SET l.token = null, l.holder = null, l.host = null, l.pid = null, l.since = null, l.expiresAt = null
