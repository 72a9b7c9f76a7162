// One Neo4j driver per process. Reads run in read transactions, writes in write transactions,
// each with a timeout. Cypher comes from cypher/*.cypher by name.
import neo4j, { type Driver, type ManagedTransaction, Neo4jError } from 'neo4j-driver';
import { readFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CYPHER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'cypher');

// Nagle's algorithm off for the driver's connections. The driver sends a Bolt message longer
// than its 1400-byte buffer in several socket writes, and with Nagle on (Node's default) the
// last one waits for Neo4j's delayed ACK: about 40 ms more for every query whose text and
// parameters pass 1.4 kB (RETURN 1 behind a 2 kB comment: 47 ms; without Nagle: 3 ms). The
// driver has no setting for it, but it turns keep-alive on for each socket it opens, so the
// socket is switched there; other sockets of the process that ask for keep-alive lose Nagle
// too, which suits request-response traffic.
const setKeepAlive = Socket.prototype.setKeepAlive;
if (!(setKeepAlive as { coopgraphNoDelay?: boolean }).coopgraphNoDelay) {
  const withNoDelay = function (this: Socket, ...args: Parameters<Socket['setKeepAlive']>) {
    this.setNoDelay(true);
    return setKeepAlive.apply(this, args);
  };
  Object.assign(withNoDelay, { coopgraphNoDelay: true });
  Socket.prototype.setKeepAlive = withNoDelay;
}

const cypherCache = new Map<string, string>();

/** The text of cypher/<name>.cypher (comments kept; Neo4j ignores them). */
export function cypher(name: string): string {
  let text = cypherCache.get(name);
  if (text === undefined) {
    text = readFileSync(join(CYPHER_DIR, `${name}.cypher`), 'utf8')
      .trim()
      .replace(/;\s*$/, '');
    cypherCache.set(name, text);
  }
  return text;
}

/** Splits a multi-statement file such as schema.cypher into statements. */
export function cypherStatements(name: string): string[] {
  return readFileSync(join(CYPHER_DIR, `${name}.cypher`), 'utf8')
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

export type Row = Record<string, unknown>;

export interface DbOptions {
  uri: string;
  user: string;
  password: string;
  database: string;
  queryTimeoutMs: number;
}

/** Failure kinds the HTTP layer maps to status codes. */
export class DbUnavailableError extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(`Neo4j is unavailable: ${reason}`);
    this.reason = reason;
  }
}
export class DbTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the query did not finish within ${timeoutMs} ms`);
  }
}

/** The query needed more memory than Neo4j lets one transaction (or all of them) use. */
export class DbMemoryError extends Error {
  constructor(readonly reason: string) {
    super(`the query needs more memory than the graph database allows: ${reason}`);
  }
}

const MEMORY_CODES = new Set([
  'Neo.ClientError.General.TransactionOutOfMemoryError',
  'Neo.TransientError.General.TransactionMemoryLimit',
  'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
]);

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
]);

/** The first line of a driver message, without the routing table or pool status it may carry. */
function reasonOf(message: string): string {
  return message
    .split('\n')[0]
    .replace(/\.?\s*(Known routing table|Pool status|RoutingTable)\b.*$/i, '')
    .trim();
}

export function classifyError(error: unknown, timeoutMs: number): unknown {
  if (error instanceof DbTimeoutError || error instanceof DbUnavailableError) return error;
  if (error instanceof Neo4jError) {
    if (MEMORY_CODES.has(error.code)) return new DbMemoryError(reasonOf(error.message));
    if (UNAVAILABLE_CODES.has(error.code) || error.code === 'Neo.ClientError.Database.DatabaseNotFound') {
      return new DbUnavailableError(reasonOf(error.message));
    }
    if (/TransactionTimedOut|Transaction\.Terminated/.test(error.code)) return new DbTimeoutError(timeoutMs);
  }
  if (error instanceof Error && /acquisition timed out/i.test(error.message)) {
    // Every connection is taken by queries that do not come back: a stalled or overloaded Neo4j.
    return new DbUnavailableError('no connection to the graph database became free in time (it may be stalled)');
  }
  if (error instanceof Error && /ECONNREFUSED|ECONNRESET|connection.*(closed|refused)/i.test(error.message)) {
    return new DbUnavailableError(reasonOf(error.message));
  }
  return error;
}

/**
 * Beyond its timeout, a transaction is given this long for Neo4j to end it; then the request stops
 * waiting (a stalled Neo4j ends nothing) and its session is left to close in the background.
 */
export const STALL_GRACE_MS = 2_000;

/** `work`, or a DbTimeoutError once `timeoutMs` + STALL_GRACE_MS have passed without an answer. */
async function withinDeadline<T>(work: Promise<T>, timeoutMs: number): Promise<{ value: T } | { stalled: true }> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<{ stalled: true }>((resolve) => {
    timer = setTimeout(() => resolve({ stalled: true }), timeoutMs + STALL_GRACE_MS);
  });
  work.catch(() => undefined); // a late failure after the deadline is nobody's to handle
  try {
    return await Promise.race([work.then((value) => ({ value })), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export class Db {
  readonly driver: Driver;
  readonly database: string;
  readonly queryTimeoutMs: number;

  constructor(opts: DbOptions) {
    this.driver = neo4j.driver(opts.uri, neo4j.auth.basic(opts.user, opts.password), {
      disableLosslessIntegers: true,
      // Fail fast when Neo4j is down so the API can answer 503 instead of hanging;
      // the pool reconnects on its own once Neo4j is back.
      maxTransactionRetryTime: 2_000,
      connectionAcquisitionTimeout: 5_000,
      connectionTimeout: 3_000,
      maxConnectionPoolSize: 50,
    });
    this.database = opts.database;
    this.queryTimeoutMs = opts.queryTimeoutMs;
  }

  private async run<T>(
    mode: 'READ' | 'WRITE',
    work: (tx: ManagedTransaction) => Promise<T>,
    timeoutMs = this.queryTimeoutMs,
  ): Promise<T> {
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    let stalled = false;
    try {
      const config = { timeout: timeoutMs };
      const result = await withinDeadline(
        mode === 'READ' ? session.executeRead(work, config) : session.executeWrite(work, config),
        timeoutMs,
      );
      if ('stalled' in result) {
        stalled = true;
        throw new DbTimeoutError(timeoutMs);
      }
      return result.value;
    } catch (error) {
      throw classifyError(error, timeoutMs);
    } finally {
      // A stalled session may not close until Neo4j answers again: do not wait for it.
      if (stalled) void session.close().catch(() => undefined);
      else await session.close();
    }
  }

  /** Runs a read query (Cypher text) and returns plain objects. */
  async read(query: string, params: Row = {}, timeoutMs?: number): Promise<Row[]> {
    return this.run('READ', async (tx) => (await tx.run(query, params)).records.map((r) => r.toObject()), timeoutMs);
  }

  async write(query: string, params: Row = {}, timeoutMs?: number): Promise<Row[]> {
    return this.run('WRITE', async (tx) => (await tx.run(query, params)).records.map((r) => r.toObject()), timeoutMs);
  }

  /** Several statements in one write transaction (all or nothing), e.g. an aggregation and its write. */
  async writeTransaction<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs?: number): Promise<T> {
    return this.run('WRITE', work, timeoutMs);
  }

  /**
   * One write query in an auto-commit transaction, for `CALL { … } IN TRANSACTIONS`, which commits
   * batches of its own and cannot run inside a transaction function. Not retried: make it
   * idempotent, so that running it again after a failure completes it.
   */
  async autoCommit(query: string, params: Row = {}, timeoutMs = this.queryTimeoutMs): Promise<Row[]> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return (await session.run(query, params, { timeout: timeoutMs })).records.map((r) => r.toObject());
    } catch (error) {
      throw classifyError(error, timeoutMs);
    } finally {
      await session.close();
    }
  }

  /** Schema statements cannot share a transaction with data writes; run each on its own. */
  async runSchema(statements: string[]): Promise<void> {
    const session = this.driver.session({ database: this.database });
    try {
      for (const statement of statements) await session.run(statement);
    } catch (error) {
      throw classifyError(error, this.queryTimeoutMs);
    } finally {
      await session.close();
    }
  }

  async serverVersion(): Promise<{ version: string; edition: string }> {
    const rows = await this.read(
      'CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition',
    );
    return { version: String(rows[0]?.version), edition: String(rows[0]?.edition) };
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
