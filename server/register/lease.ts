// The import lease (server/import/lock.ts) for a load of an FNS archive. The lease takes over a
// lease its own process holds (it counts it as left behind by a run cut off when Neo4j went away),
// while CSV imports of one process take turns outside it; so a live lease of this process (a CSV
// import, or a load of an archive, running here now) is waited for here rather than taken.
import { hostname } from 'node:os';
import type { Db } from '../db.js';
import { acquireImportLease, ImportBusyError, type ImportLease } from '../import/lock.js';

interface LeaseState {
  host: string;
  pid: number;
  holder: string;
  since: string;
}

async function liveLease(db: Db): Promise<LeaseState | null> {
  const [row] = await db.read(
    `MATCH (l:ImportLock {id: 'import'}) WHERE l.token IS NOT NULL AND l.expiresAt >= datetime()
     RETURN l.host AS host, l.pid AS pid, l.holder AS holder, toString(l.since) AS since`,
  );
  return row
    ? { host: String(row.host), pid: Number(row.pid), holder: String(row.holder), since: String(row.since) }
    : null;
}

/** Waits (up to `waitMs`) while an import of this process holds the lease. */
export async function waitForOwnLease(db: Db, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (let pause = 100; ; pause = Math.min(pause * 2, 1_000)) {
    const lease = await liveLease(db);
    if (!lease || lease.host !== hostname() || lease.pid !== process.pid) return;
    const left = deadline - Date.now();
    if (left <= 0) throw new ImportBusyError(lease.holder, lease.since);
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)));
  }
}

/** The import lease, waiting up to `waitMs` for an import here or elsewhere to end. */
export async function acquireRegisterLease(db: Db, opts: { waitMs: number; holder?: string }): Promise<ImportLease> {
  const deadline = Date.now() + opts.waitMs;
  await waitForOwnLease(db, opts.waitMs);
  return acquireImportLease(db, {
    waitMs: Math.max(0, deadline - Date.now()),
    holder: opts.holder ?? `${hostname()} pid ${process.pid}`,
  });
}
