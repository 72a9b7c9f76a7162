// One import at a time across every server process and `npm run import`: a lease kept in Neo4j.
// Imports decide from the database which rows are new (and take the fast CREATE path for them), so
// two imports side by side could each find the same rows new; the lease makes the second wait.
// The holder renews the lease while it works. A lease whose holder died expires and is taken over;
// on the holder's own machine a dead process is seen at once, and so is a lease this process left
// behind when Neo4j went away before it could be given back (imports in one process take turns).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { cypher, type Db } from '../db.js';
import { AppError } from '../errors.js';
import { importMessage, type Lang } from './messages.js';

/** Another import held the lease for the whole wait. */
export class ImportBusyError extends AppError {
  declare readonly code: 'import_running';
  constructor(
    readonly holder: string,
    readonly since: string,
  ) {
    super(409, 'import_running', `another import is running (since ${since}, ${holder})`);
  }
}

/** The lease was lost while its import ran (not renewed in time and taken by another import). */
export class ImportLeaseLostError extends AppError {
  declare readonly code: 'import_lease_lost';
  constructor() {
    super(
      409,
      'import_lease_lost',
      'the import lost its lease to another import and stopped; the batches written stay, and a re-run completes them',
    );
  }
}

export interface LeaseOptions {
  /** How long to wait for a running import to end before giving up. */
  waitMs: number;
  /** How long a lease lives without renewal (renewed at a third of it). */
  ttlMs?: number;
  /** Who holds it, as shown to those who wait. */
  holder?: string;
}

export interface ImportLease {
  /** Throws ImportLeaseLostError once a renewal found the lease taken. */
  check(): void;
  release(): Promise<void>;
}

const LEASE_TTL_MS = 60_000;

/** Whether a process of this machine runs (EPERM: it does, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function acquireImportLease(db: Db, opts: LeaseOptions): Promise<ImportLease> {
  const token = randomUUID();
  const ttlMs = opts.ttlMs ?? LEASE_TTL_MS;
  const host = hostname();
  const holder = opts.holder ?? `${host} pid ${process.pid}`;
  const deadline = Date.now() + opts.waitMs;
  let stale: string | null = null;
  for (let pause = 100; ; pause = Math.min(pause * 2, 1_000)) {
    const [row] = await db.write(cypher('import-lock-acquire'), {
      token,
      holder,
      host,
      pid: process.pid,
      ttlMs,
      stale,
    });
    if (row.free) break;
    if (row.host === host && (Number(row.pid) === process.pid || !processAlive(Number(row.pid)))) {
      stale = String(row.token);
      continue;
    }
    const left = deadline - Date.now();
    if (left <= 0) throw new ImportBusyError(String(row.holder), String(row.since));
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)));
  }

  let lost = false;
  let renewing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(
    () => {
      renewing = db
        .write(cypher('import-lock-renew'), { token, ttlMs })
        .then((rows) => {
          if (rows.length === 0) lost = true;
        })
        // Neo4j unreachable: the import's own writes fail too; the lease expires on its own.
        .catch(() => undefined);
    },
    Math.max(ttlMs / 3, 10),
  );
  timer.unref();
  return {
    check() {
      if (lost) throw new ImportLeaseLostError();
    },
    async release() {
      clearInterval(timer);
      await renewing;
      await db.write(cypher('import-lock-release'), { token }).catch(() => undefined);
    },
  };
}

/** An error of the lease as the 409 to answer, in the user's language (null for any other error). */
export function leaseRefusal(error: unknown, lang: Lang): AppError | null {
  if (error instanceof ImportBusyError) {
    // "2026-11-28T09:30:00.123Z" → "2026-11-28 09:30 UTC"
    const since = /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(error.since)
      ? `${error.since.slice(0, 16).replace('T', ' ')} UTC`
      : error.since;
    return new AppError(409, error.code, importMessage(error.code, lang, { value: since, detail: error.holder }));
  }
  if (error instanceof ImportLeaseLostError) return new AppError(409, error.code, importMessage(error.code, lang, {}));
  return null;
}
