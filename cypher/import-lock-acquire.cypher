// Import lease, taken before an import reads the database: one import at a time across every
// server process. The SET write-locks the marker node first, so the check below reads what the
// last holder committed. A lease past its expiry, or the one named $stale (its holder is known
// to be dead), is taken over.
MERGE (l:ImportLock {id: 'import'})
SET l.touchedAt = datetime.transaction()
WITH l, l.token IS NULL OR l.expiresAt < datetime.transaction() OR l.token = $stale AS free
SET l.token = CASE WHEN free THEN $token ELSE l.token END,
    l.holder = CASE WHEN free THEN $holder ELSE l.holder END,
    l.host = CASE WHEN free THEN $host ELSE l.host END,
    l.pid = CASE WHEN free THEN $pid ELSE l.pid END,
    l.since = CASE WHEN free THEN datetime.transaction() ELSE l.since END,
    l.expiresAt = CASE WHEN free THEN datetime.transaction() + duration({milliseconds: $ttlMs}) ELSE l.expiresAt END
RETURN free, l.token AS token, l.holder AS holder, l.host AS host, l.pid AS pid, toString(l.since) AS since
