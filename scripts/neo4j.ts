// The project's own Neo4j Community server: fetched from Maven Central with Maven, run with the
// JDK on loopback, data kept under an ignored folder, stopped cleanly with SIGTERM.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, readdirSync, rmSync, openSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';
import neo4j from 'neo4j-driver';
import { Db } from '../server/db.js';
import type { Settings } from '../server/config.js';
import type { OfflineStore } from '../seed/offline/index.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const NEO4J_VERSION = readFileSync(join(REPO_ROOT, 'neo4j', 'pom.xml'), 'utf8').match(
  /<neo4j\.version>([^<]+)</,
)![1];
const LIB_DIR = join(REPO_ROOT, '.neo4j', 'lib', NEO4J_VERSION);

// From Neo4j's default neo4j.conf: needed on JDK 17.
const JVM_FLAGS = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+UnlockExperimentalVMOptions',
  '-XX:+TrustFinalNonStaticFields',
  '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Djdk.tls.ephemeralDHKeySize=2048',
  '-Djdk.tls.rejectClientInitiatedRenegotiation=true',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
];

export interface EmbeddedOptions {
  /** Folder for conf, data, logs and the password file (relative to the repo root or absolute). */
  home: string;
  boltPort: number;
  heap: string;
  pageCache: string;
  transactionTimeout?: string;
  /** Folder that LOAD CSV may read (benchmarks compare the import with it). */
  importDir?: string;
  log?: (line: string) => void;
}

export interface EmbeddedNeo4j {
  uri: string;
  user: string;
  password: string;
  /** Stops the server if this process started it; resolves once the JVM has exited. */
  stop(): Promise<void>;
  pid: number;
}

/** Copies the Neo4j jars from Maven Central into .neo4j/lib/<version> (once). */
export function ensureNeo4jJars(log: (line: string) => void = console.log): string {
  const complete = join(LIB_DIR, '.complete');
  if (existsSync(complete)) return LIB_DIR;
  for (const tool of ['java', 'mvn']) {
    if (spawnSync(tool, ['-version'], { stdio: 'ignore' }).status !== 0) {
      throw new Error(`${tool} is needed to fetch and run Neo4j; install OpenJDK 17 and Maven (see README)`);
    }
  }
  log(`[neo4j] fetching Neo4j Community ${NEO4J_VERSION} from Maven Central…`);
  rmSync(LIB_DIR, { recursive: true, force: true });
  mkdirSync(LIB_DIR, { recursive: true });
  const result = spawnSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      join(REPO_ROOT, 'neo4j', 'pom.xml'),
      'dependency:copy-dependencies',
      `-DoutputDirectory=${LIB_DIR}`,
      '-DincludeScope=runtime',
    ],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) {
    rmSync(LIB_DIR, { recursive: true, force: true });
    throw new Error('mvn could not fetch Neo4j (see the output above)');
  }
  writeFileSync(complete, `${NEO4J_VERSION}\n`);
  return LIB_DIR;
}

function writeConfig(home: string, opts: EmbeddedOptions): void {
  mkdirSync(join(home, 'conf'), { recursive: true });
  for (const dir of ['data', 'logs', 'plugins', 'run']) mkdirSync(join(home, dir), { recursive: true });
  const lines = [
    '# Written by scripts/neo4j.ts on every start; edit the settings there or via environment variables.',
    'server.default_listen_address=127.0.0.1',
    'server.bolt.enabled=true',
    `server.bolt.listen_address=127.0.0.1:${opts.boltPort}`,
    `server.bolt.advertised_address=127.0.0.1:${opts.boltPort}`,
    'server.http.enabled=false',
    'server.https.enabled=false',
    'dbms.security.auth_enabled=true',
    `server.directories.data=${join(home, 'data')}`,
    `server.directories.logs=${join(home, 'logs')}`,
    `server.directories.plugins=${join(home, 'plugins')}`,
    `server.directories.run=${join(home, 'run')}`,
    `server.memory.pagecache.size=${opts.pageCache}`,
    `db.transaction.timeout=${opts.transactionTimeout ?? '10m'}`,
    'db.tx_log.rotation.retention_policy=2 files',
    'dbms.usage_report.enabled=false',
    'server.logs.gc.enabled=false',
    ...(opts.importDir ? [`server.directories.import=${opts.importDir}`] : []),
  ];
  writeFileSync(join(home, 'conf', 'neo4j.conf'), lines.join('\n') + '\n');
}

function javaArgs(opts: EmbeddedOptions, libDir: string): string[] {
  return [`-Xms${opts.heap}`, `-Xmx${opts.heap}`, ...JVM_FLAGS, '-cp', `${libDir}/*`];
}

/**
 * The embedded database's password: letters and digits only, so the admin tool's
 * option parser can never read it as a flag (a base64url value starting with `-` did).
 */
export function newNeo4jPassword(): string {
  return randomBytes(20).toString('hex');
}

function passwordFor(home: string, libDir: string, opts: EmbeddedOptions): string {
  const file = join(home, 'password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const hasData = existsSync(join(home, 'data', 'dbms')) && readdirSync(join(home, 'data', 'dbms')).length > 0;
  if (hasData)
    throw new Error(`${file} is missing but ${home}/data holds a database; restore the file or delete ${home}`);
  const password = newNeo4jPassword();
  const result = spawnSync(
    'java',
    [
      ...javaArgs({ ...opts, heap: '256m' }, libDir).filter((a) => !a.startsWith('-Xms')),
      'org.neo4j.cli.AdminTool',
      'dbms',
      'set-initial-password',
      password,
    ],
    { env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: join(home, 'conf') }, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`could not set the Neo4j password: ${result.stderr || result.stdout}`);
  writeFileSync(file, password + '\n', { mode: 0o600 });
  return password;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True when `pid` is a Neo4j started on `home` (a pid file may outlive a reboot; its number may be reused). */
function isOurNeo4j(pid: number, home: string): boolean {
  if (!pid || !isAlive(pid)) return false;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('CommunityEntryPoint') && cmdline.includes(`--home-dir=${home}`);
  } catch {
    return false;
  }
}

async function boltAnswers(uri: string, user: string, password: string): Promise<boolean> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(user, password), { connectionTimeout: 2000, logging: undefined });
  try {
    await driver.getServerInfo();
    return true;
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return !isAlive(pid);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)));
  });
}

/** A port the OS considers free right now (for test instances). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** The pid of the Neo4j this project runs on `home` (started by any process), or null when none runs. */
export function neo4jPid(homeArg: string): number | null {
  const home = resolve(REPO_ROOT, homeArg);
  const pidFile = join(home, 'neo4j.pid');
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  return isOurNeo4j(pid, home) ? pid : null;
}

/** Sends SIGTERM to a Neo4j started earlier (its pid file) and waits for a clean shutdown. */
export async function stopNeo4j(homeArg: string, log: (line: string) => void = console.log): Promise<boolean> {
  const home = resolve(REPO_ROOT, homeArg);
  const pidFile = join(home, 'neo4j.pid');
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  if (isOurNeo4j(pid, home)) {
    log(`[neo4j] stopping (pid ${pid})…`);
    process.kill(pid, 'SIGTERM');
    if (!(await waitForExit(pid, 120_000))) {
      log('[neo4j] did not stop within 120 s; killing it (recovery will run on next start)');
      process.kill(pid, 'SIGKILL');
    }
  }
  rmSync(pidFile, { force: true });
  return true;
}

/**
 * Starts the project's Neo4j (or reuses one this project already started on the same home)
 * and resolves once Bolt answers.
 */
export async function startNeo4j(opts: EmbeddedOptions): Promise<EmbeddedNeo4j> {
  const log = opts.log ?? console.log;
  const home = resolve(REPO_ROOT, opts.home);
  const libDir = ensureNeo4jJars(log);
  writeConfig(home, opts);
  const password = passwordFor(home, libDir, opts);
  const uri = `neo4j://127.0.0.1:${opts.boltPort}`;
  const pidFile = join(home, 'neo4j.pid');

  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8'));
    if (isOurNeo4j(pid, home) && (await boltAnswers(uri, 'neo4j', password))) {
      log(`[neo4j] already running (pid ${pid}) at ${uri}; leaving it running on exit`);
      return { uri, user: 'neo4j', password, pid, stop: async () => undefined };
    }
    // Ours, but not answering where asked (another port, or hung): stop it before starting anew.
    if (isOurNeo4j(pid, home)) await stopNeo4j(home, log);
    rmSync(pidFile, { force: true });
  }
  if (!(await portIsFree(opts.boltPort))) {
    throw new Error(
      `port ${opts.boltPort} is already in use by another program; choose another with COOPGRAPH_NEO4J_PORT (or stop that program)`,
    );
  }

  log(`[neo4j] starting Neo4j ${NEO4J_VERSION} on 127.0.0.1:${opts.boltPort} (data in ${home}/data)…`);
  const out = openSync(join(home, 'logs', 'console.log'), 'a');
  const child: ChildProcess = spawn(
    'java',
    [
      ...javaArgs(opts, libDir),
      'org.neo4j.server.CommunityEntryPoint',
      `--home-dir=${home}`,
      `--config-dir=${join(home, 'conf')}`,
    ],
    // Detached: a Ctrl-C in the terminal reaches our handler, which stops Neo4j in order.
    {
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: join(home, 'conf') },
    },
  );
  const pid = child.pid!;
  writeFileSync(pidFile, String(pid));
  let exited = false;
  child.on('exit', () => (exited = true));

  const started = Date.now();
  while (!(await boltAnswers(uri, 'neo4j', password))) {
    if (exited) {
      rmSync(pidFile, { force: true });
      const tail = readFileSync(join(home, 'logs', 'console.log'), 'utf8')
        .split('\n')
        .slice(-30)
        .join('\n');
      throw new Error(`Neo4j exited during start-up; last lines of ${home}/logs/console.log:\n${tail}`);
    }
    if (Date.now() - started > 180_000) {
      process.kill(pid, 'SIGKILL');
      throw new Error(`Neo4j did not answer on ${uri} within 180 s; see ${home}/logs`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.unref();
  log(`[neo4j] ready at ${uri} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return {
    uri,
    user: 'neo4j',
    password,
    pid,
    stop: async () => {
      await stopNeo4j(home, log);
    },
  };
}

export interface OfflineImportOptions extends EmbeddedOptions {
  /** The database to write (Community has one: `neo4j`); its current store is replaced. */
  database: string;
  /** Node files by label; each file's first line is its header (neo4j-admin's `--nodes=Label=file`). */
  nodes: { label: string; file: string }[];
  /** Relationship files by type (`--relationships=TYPE=file`). */
  relationships: { type: string; file: string }[];
  /** Where the importer's own output (progress, report of bad entries) goes. */
  logFile: string;
  reportFile: string;
  /** Off-heap memory for the importer's caches (default: the page cache size). */
  maxOffHeapMemory?: string;
}

/**
 * Neo4j's offline importer (`neo4j-admin database import full`, org.neo4j.cli.AdminTool from the
 * same jars) into the store of `home`, which must not be running: it replaces the database's
 * files with the CSV files' graph, without transactions. Resolves once the importer has exited
 * cleanly; otherwise removes what it left of the database (Neo4j creates it empty at the next
 * start) and throws with the end of its output.
 */
export async function importOffline(opts: OfflineImportOptions): Promise<{ durationMs: number }> {
  const log = opts.log ?? console.log;
  const home = resolve(REPO_ROOT, opts.home);
  const running = neo4jPid(home);
  if (running !== null)
    throw new Error(`Neo4j is running on ${home} (pid ${running}); stop it before an offline import`);
  const libDir = ensureNeo4jJars(log);
  writeConfig(home, opts);
  passwordFor(home, libDir, opts);
  const args = [
    ...javaArgs(opts, libDir),
    'org.neo4j.cli.AdminTool',
    'database',
    'import',
    'full',
    // The database first: --nodes and --relationships take every file name that follows them.
    opts.database,
    '--overwrite-destination=true',
    `--report-file=${opts.reportFile}`,
    `--max-off-heap-memory=${opts.maxOffHeapMemory ?? opts.pageCache}`,
    '--bad-tolerance=0',
    '--skip-bad-relationships=false',
    '--skip-duplicate-nodes=false',
    ...opts.nodes.map((n) => `--nodes=${n.label}=${n.file}`),
    ...opts.relationships.map((r) => `--relationships=${r.type}=${r.file}`),
  ];
  const started = Date.now();
  log(`[neo4j] offline import into ${home} (database ${opts.database}); its output goes to ${opts.logFile}`);
  const out = openSync(opts.logFile, 'w');
  const child = spawn('java', args, {
    stdio: ['ignore', out, out],
    env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: join(home, 'conf') },
  });
  const code = await new Promise<number | null>((done, fail) => {
    child.once('error', fail);
    child.once('exit', (status) => done(status));
  });
  const output = readFileSync(opts.logFile, 'utf8');
  if (code !== 0 || !/IMPORT DONE/.test(output)) {
    const tail = output
      .split('\n')
      .filter((line) => !/^[.-]{10} /.test(line))
      .slice(-25)
      .join('\n');
    // What the importer left is no database: removed, so that the next start creates an empty one.
    for (const dir of ['databases', 'transactions'])
      rmSync(join(home, 'data', dir, opts.database), { recursive: true, force: true });
    throw new Error(
      `the offline import failed (exit code ${code}); the database ${opts.database} is empty again. The end of ${opts.logFile}:\n${tail}`,
    );
  }
  for (const line of output.split('\n')) {
    if (/^\(\d\/\d\) |COMPLETED in|IMPORT DONE|^\s+\d+ (nodes|relationships|properties)|Peak memory/.test(line))
      log(`[neo4j-admin] ${line.trim()}`);
  }
  return { durationMs: Date.now() - started };
}

/**
 * The project's Neo4j of `settings` (COOPGRAPH_NEO4J_HOME, …_PORT, …_HEAP, …_PAGECACHE) as the
 * offline seed (seed/offline) drives it: start or join, stop, import over the stopped store.
 */
export function embeddedStore(settings: Settings, log: (line: string) => void = console.log): OfflineStore {
  const opts: EmbeddedOptions = {
    home: settings.embeddedHome,
    boltPort: settings.embeddedBoltPort,
    heap: settings.embeddedHeap,
    pageCache: settings.embeddedPageCache,
    log,
  };
  const home = resolve(REPO_ROOT, settings.embeddedHome);
  return {
    running: () => neo4jPid(home) !== null,
    fresh: () => neo4jPid(home) === null && !existsSync(join(home, 'data', 'databases', settings.neo4jDatabase)),
    async open() {
      const neo = await startNeo4j(opts);
      const db = new Db({
        uri: neo.uri,
        user: neo.user,
        password: neo.password,
        database: settings.neo4jDatabase,
        queryTimeoutMs: settings.queryTimeoutMs,
      });
      return { db, close: () => db.close() };
    },
    async stop() {
      await stopNeo4j(home, log);
    },
    async importFiles(input) {
      await importOffline({ ...opts, ...input, database: settings.neo4jDatabase });
    },
  };
}
