// `npm test` and the tier scripts: `tsx scripts/test.ts [--tier unit|integration|faults|e2e] [vitest
// arguments and file filters]`. Only what the chosen files need is started: the unit tier needs
// nothing; integration, faults and e2e share one Neo4j for the whole run (the project's own on a
// separate port and folder, unless TEST_NEO4J_URI points at another); e2e also needs the built
// client, built once and only when its sources are newer than dist/. Neo4j is stopped at the end,
// and on SIGINT, SIGTERM or SIGHUP.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { join, relative, resolve } from 'node:path';
import { freePort, startNeo4j, stopNeo4j, REPO_ROOT } from './neo4j.js';
import { clientIsStale } from './client-build.js';

const TIERS = ['unit', 'integration', 'faults', 'e2e'] as const;
type Tier = (typeof TIERS)[number];
const NEEDS_NEO4J: Tier[] = ['integration', 'faults', 'e2e'];

// Vitest options that take a value: their value is not a file filter.
const VALUE_OPTIONS = new Set([
  '-t',
  '--testNamePattern',
  '--reporter',
  '--outputFile',
  '--project',
  '--shard',
  '--bail',
  '--retry',
  '--maxWorkers',
  '--minWorkers',
  '--testTimeout',
  '--hookTimeout',
  '-c',
  '--config',
  '-r',
  '--root',
  '--dir',
  '--exclude',
  '--pool',
  '--environment',
  '--sequence.seed',
  '--mode',
  '--inspect-brk',
]);

function parseArgs(argv: string[]): { tiers: Tier[]; vitestArgs: string[]; filters: string[] } {
  const vitestArgs: string[] = [];
  const filters: string[] = [];
  let tiers: Tier[] = [...TIERS];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--tier' || arg.startsWith('--tier=')) {
      const name = arg.includes('=') ? arg.slice('--tier='.length) : argv[++i];
      if (!TIERS.includes(name as Tier)) throw new Error(`unknown tier "${name}"; one of ${TIERS.join(', ')}`);
      tiers = [name as Tier];
      continue;
    }
    vitestArgs.push(arg);
    if (arg.startsWith('-')) {
      if (VALUE_OPTIONS.has(arg) && i + 1 < argv.length) vitestArgs.push(argv[++i]);
    } else {
      filters.push(arg);
    }
  }
  return { tiers, vitestArgs, filters };
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** The tiers among `tiers` that hold a file Vitest would pick for `filters` (it matches by substring). */
function tiersWithFiles(tiers: Tier[], filters: string[]): Tier[] {
  if (filters.length === 0) return tiers;
  const wanted = filters.map((f) => [f, resolve(f)]);
  return tiers.filter((tier) =>
    filesUnder(join(REPO_ROOT, 'tests', tier)).some((file) => {
      const rel = relative(REPO_ROOT, file);
      return wanted.some(([f, abs]) => rel.includes(f) || file.includes(f) || file.startsWith(abs));
    }),
  );
}

function exitCode(child: ChildProcess): Promise<number> {
  return new Promise((resolveCode) => {
    child.on('exit', (code, signal) => resolveCode(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1)));
    child.on('error', () => resolveCode(1));
  });
}

const { tiers: chosen, vitestArgs, filters } = parseArgs(process.argv.slice(2));
// Filters that match no file of the chosen tiers still go to Vitest, which says so.
const tiers = tiersWithFiles(chosen, filters);
const running = tiers.length > 0 ? tiers : chosen;
const needsNeo4j = running.some((t) => NEEDS_NEO4J.includes(t));
const needsClient = running.includes('e2e');

const children = new Set<ChildProcess>();
let neo4jHome: string | undefined;
let interrupted: NodeJS.Signals | undefined;
// Interrupted (Ctrl+C, a closed terminal, CI's timeout): the tests and the build stop, and so does
// Neo4j, even mid-start (its pid file is written as soon as it is spawned), instead of leaving it
// holding its port.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    interrupted = signal;
    for (const child of children) child.kill(signal);
    if (children.size === 0 && neo4jHome) {
      void stopNeo4j(neo4jHome).finally(() => process.exit(128 + os.constants.signals[signal]));
    }
  });
}

/** Runs a package's Node entry point directly: `npx` would not pass our signals on to it. */
function run(entry: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'node_modules', entry), ...args], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env,
  });
  children.add(child);
  return exitCode(child).finally(() => children.delete(child));
}

let env: NodeJS.ProcessEnv = { ...process.env };
let stop = async () => {};
let status = 1;
try {
  // The client builds while Neo4j starts: one waits on the JVM, the other on the bundler.
  let build: Promise<number> = Promise.resolve(0);
  if (needsClient) {
    if (clientIsStale()) {
      console.log('[test] building the client…');
      build = run('vite/bin/vite.js', ['build', '--logLevel', 'warn']);
    } else {
      console.log('[test] the built client is newer than its sources; not rebuilding');
    }
  }
  if (needsNeo4j && !process.env.TEST_NEO4J_URI) {
    // A run on a port of its own keeps its own folder, so runs side by side do not share a store.
    neo4jHome = process.env.TEST_NEO4J_PORT ? `.neo4j/test-${process.env.TEST_NEO4J_PORT}` : '.neo4j/test';
    const neo = await startNeo4j({
      home: neo4jHome,
      boltPort: Number(process.env.TEST_NEO4J_PORT ?? (await freePort())),
      heap: '1g',
      pageCache: '512m',
    });
    env = { ...env, TEST_NEO4J_URI: neo.uri, TEST_NEO4J_USER: neo.user, TEST_NEO4J_PASSWORD: neo.password };
    stop = neo.stop;
  }
  if (needsNeo4j) env.TEST_OUTAGE_NEO4J_PORT ??= String(await freePort());
  if ((await build) !== 0) throw new Error('the client did not build (see above)');
  if (interrupted) throw new Error(`interrupted by ${interrupted}`);
  const projects = running.flatMap((t) => ['--project', t]);
  status = await run('vitest/vitest.mjs', ['run', ...projects, ...vitestArgs], env);
} catch (error) {
  console.error(`[test] ${error instanceof Error ? error.message : String(error)}`);
  status = interrupted ? 128 + os.constants.signals[interrupted] : 1;
} finally {
  await stop();
}
process.exit(status);
