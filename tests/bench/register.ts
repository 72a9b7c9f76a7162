// `npm run bench -- register`: the FNS register reader on a synthetic 1,000,000-document register
// ZIP in the real layout (seed/fns/generate.ts; generated once by a child process, cached under
// .data/bench/). One run prints:
//   floor   unzip + decode + the same XML tokenizer (saxes) with no-op handlers: the bare streaming
//           parse of the ZIP, the fastest any reader built on these libraries could go;
//   parse   the reader (server/register/read.ts) yielding every RegisterDocument;
//   load    the import into Neo4j — a hook (LOAD STEP below) the register writer fills in.
// Each pass runs in a process of its own (this file as a script), so its peak RSS (getrusage) is
// the reader's, not the benchmark runner's. Figures: wall and CPU seconds, documents/s, MB/s of
// inflated XML, the parse ÷ floor ratio (target ≥ 0.7) and the peak RSS (target < 500 MB).
// BENCH_REGISTER_DOCUMENTS (default 1,000,000), BENCH_REGISTER_VERSION (4.05),
// BENCH_REGISTER_RUNS (default 2: floor and parse alternated, the fastest of each kept).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import { REPO_ROOT, freePort, startNeo4j, stopNeo4j } from '../../scripts/neo4j.js';
import { DEFAULT_SETTINGS } from '../../server/config.js';
import { Db } from '../../server/db.js';
import { prepareDatabase } from '../../server/setup.js';
import { importRegister, registerOptions } from '../../server/register/index.js';
import type { RegisterVersion } from '../../seed/fns/generate.js';
import { openFnsArchive } from '../../server/register/read.js';
import { DEFAULT_LIMITS, ZipArchive } from '../../server/register/zip.js';
import { decoderFor } from '../../server/register/xml.js';
import { table } from './lib.js';

export interface PassFigures {
  step: string;
  documents: number;
  bytes: number;
  ms: number;
  /** CPU time of the process (all threads, inflate included): steadier than ms on a shared machine. */
  cpuMs: number;
  peakRssMb: number;
}

export interface RegisterBench {
  file: string;
  zipBytes: number;
  generatedMs: number | null;
  floor: PassFigures;
  parse: PassFigures;
  unreadable: number;
  /** Filled by the load step once the writer exists (see LOAD STEP). */
  load: PassFigures | null;
}

/**
 * LOAD STEP — the hook for the import into Neo4j. The register writer's `importRegister`
 * (server/register/index.ts) is measured here: start an empty database, import `file`, and return
 * its figures as a PassFigures with step 'load'. Until it is set, the load is not measured.
 */
export type LoadStep = (file: string, log: (s: string) => void) => Promise<PassFigures>;

const LOAD_HOME = '.neo4j/bench-register-load';

/**
 * The load step: `importRegister` (server/register/index.ts) of the whole archive into an empty
 * database — a Neo4j of its own in a fresh folder (BENCH_NEO4J_HEAP, BENCH_NEO4J_PAGECACHE, default
 * 4g each), the schema and the reference data applied first — run in a child process, so that the
 * peak RSS is the load's. Timed from the open of the archive to the end of the report: the reading,
 * the batches (BENCH_IMPORT_BATCH_SIZE, default the setting's 5,000), the ties, the dataset's
 * counts and the overview's aggregate. Also logs the CPU seconds Neo4j spent (on a shared machine
 * the wall time follows the load of the others; the CPU time does not). BENCH_KEEP=1 keeps the
 * database.
 */
export async function loadPass(file: string, log: (s: string) => void): Promise<PassFigures> {
  await stopNeo4j(LOAD_HOME, log);
  rmSync(resolve(REPO_ROOT, LOAD_HOME), { recursive: true, force: true });
  const neo = await startNeo4j({
    home: LOAD_HOME,
    boltPort: await freePort(),
    heap: process.env.BENCH_NEO4J_HEAP ?? '4g',
    pageCache: process.env.BENCH_NEO4J_PAGECACHE ?? '4g',
    log,
  });
  try {
    const db = new Db({
      uri: neo.uri,
      user: neo.user,
      password: neo.password,
      database: 'neo4j',
      queryTimeoutMs: 600_000,
    });
    try {
      await prepareDatabase(db);
    } finally {
      await db.close();
    }
    const neoCpu = () => {
      const f = readFileSync(`/proc/${neo.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
    };
    const before = neoCpu();
    log('load: importRegister into the empty database…');
    const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'load', file], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      env: { ...process.env, BENCH_LOAD_URI: neo.uri, BENCH_LOAD_USER: neo.user, BENCH_LOAD_PASSWORD: neo.password },
    });
    if (run.status !== 0) throw new Error(`the load failed (exit ${run.status})`);
    const figures = JSON.parse(run.stdout.trim().split('\n').pop()!) as PassFigures & { enterprises: number };
    log(
      `load: ${figures.enterprises.toLocaleString('en')} enterprises in ${(figures.ms / 1000).toFixed(1)} s; ` +
        `CPU: the load's process ${(figures.cpuMs / 1000).toFixed(0)} s, Neo4j ${((neoCpu() - before) / 1000).toFixed(0)} s`,
    );
    return figures;
  } finally {
    await neo.stop();
    if (process.env.BENCH_KEEP !== '1') rmSync(resolve(REPO_ROOT, LOAD_HOME), { recursive: true, force: true });
  }
}

/** The load itself, in the child process (see loadPass). */
async function loadInChild(file: string): Promise<PassFigures & { enterprises: number }> {
  const db = new Db({
    uri: process.env.BENCH_LOAD_URI!,
    user: process.env.BENCH_LOAD_USER ?? 'neo4j',
    password: process.env.BENCH_LOAD_PASSWORD ?? '',
    database: 'neo4j',
    queryTimeoutMs: 600_000,
  });
  const start = performance.now();
  let bytes = 0;
  try {
    const { value, cpuMs, peakRssMb } = await measured(() =>
      importRegister(db, file, {
        ...registerOptions(DEFAULT_SETTINGS),
        batchSize: Number(process.env.BENCH_IMPORT_BATCH_SIZE ?? DEFAULT_SETTINGS.importBatchSize),
        timeoutMs: 30 * 60_000,
        onProgress: (p) => (bytes = p.bytes),
      }),
    );
    if (value.status !== 'completed') throw new Error(`the load ended ${value.status}: ${value.error}`);
    const [row] = await db.read('MATCH (e:Enterprise) WHERE e.tiesOnly IS NULL RETURN count(e) AS n');
    return {
      step: 'load',
      documents: value.counts.documents,
      enterprises: Number(row.n),
      bytes,
      ms: performance.now() - start,
      cpuMs,
      peakRssMb,
    };
  } finally {
    await db.close();
  }
}

/** Runs a step and reports its CPU time and the process's peak RSS (getrusage's maxRSS) in MB. */
async function measured<T>(task: () => Promise<T>): Promise<{ value: T; cpuMs: number; peakRssMb: number }> {
  const cpu = process.cpuUsage();
  const value = await task();
  const used = process.cpuUsage(cpu);
  return { value, cpuMs: (used.user + used.system) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

const noop = () => {};

/** The floor: every part inflated, decoded and tokenized by saxes, its tag events handled by no-ops. */
export async function floorPass(file: string): Promise<PassFigures> {
  const start = performance.now();
  const { value, cpuMs, peakRssMb } = await measured(async () => {
    const zip = await ZipArchive.open(file, DEFAULT_LIMITS);
    let bytes = 0;
    try {
      for (const m of zip.members) {
        if (!/\.xml$/i.test(m.name)) continue;
        // The events the reader listens to, with no-op handlers.
        const parser = new SaxesParser({ xmlns: false, position: false });
        parser.on('opentag', noop);
        parser.on('closetag', noop);
        let decoder: ReturnType<typeof decoderFor> | null = null;
        for await (const chunk of zip.inflate(m)) {
          decoder ??= decoderFor(chunk);
          parser.write(decoder.decode(chunk));
          bytes += chunk.length;
        }
        if (decoder) parser.write(decoder.end());
        parser.close();
      }
    } finally {
      zip.close();
    }
    // The floor counts no documents (it has no handlers): the same documents as the parse's.
    return { bytes, documents: 0 };
  });
  return { step: 'floor', ...value, ms: performance.now() - start, cpuMs, peakRssMb };
}

/** The reader: every document yielded as a record. */
export async function parsePass(file: string): Promise<PassFigures & { unreadable: number }> {
  const start = performance.now();
  const { value, cpuMs, peakRssMb } = await measured(async () => {
    let bytes = 0;
    const archive = await openFnsArchive(file, { onProgress: (p) => (bytes = p.bytes) });
    let documents = 0;
    let unreadable = 0;
    try {
      for await (const item of archive.documents()) {
        if ('unreadable' in item) unreadable++;
        else documents++;
      }
    } finally {
      await archive.close();
    }
    return { bytes, documents, unreadable };
  });
  return { step: 'parse', ...value, ms: performance.now() - start, cpuMs, peakRssMb };
}

/** The cached register ZIP of `documents` documents, written when missing. */
export async function benchRegisterZip(
  documents: number,
  version: RegisterVersion,
  log: (s: string) => void,
): Promise<{ file: string; generatedMs: number | null }> {
  const dir = join(REPO_ROOT, '.data', 'bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `fns-register-${documents}-v${version}-s1.zip`);
  if (existsSync(file)) return { file, generatedMs: null };
  log(`generating ${documents.toLocaleString('en')} register documents (version ${version}) into ${file}…`);
  const start = performance.now();
  const tmp = `${file}.tmp`;
  // In a process of its own, so that this one's peak RSS is the reader's alone.
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/fns-generate.ts',
      '--documents',
      String(documents),
      '--version',
      version,
      '--seed',
      '1',
      '--file',
      tmp,
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`the generator failed (exit ${run.status})`);
  log(run.stdout.trim());
  renameSync(tmp, file);
  return { file, generatedMs: performance.now() - start };
}

/**
 * Runs one pass in a child process of its own (this file as a script), so that its peak RSS is the
 * reader's alone, not that of the benchmark runner's other modules (Chromium drivers, Vite…).
 */
function passInChild(step: 'floor' | 'parse', file: string): PassFigures & { unreadable?: number } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), step, file], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`the ${step} pass failed (exit ${run.status})`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as PassFigures & { unreadable?: number };
}

export async function benchRegister(opts: {
  documents: number;
  version: RegisterVersion;
  runs: number;
  log: (s: string) => void;
  load?: LoadStep;
}): Promise<RegisterBench> {
  const { file, generatedMs } = await benchRegisterZip(opts.documents, opts.version, opts.log);
  let floor: PassFigures | null = null;
  let parse: (PassFigures & { unreadable?: number }) | null = null;
  for (let run = 1; run <= opts.runs; run++) {
    opts.log(`run ${run}/${opts.runs}: floor (unzip + saxes, no-op handlers)…`);
    const f = passInChild('floor', file);
    if (!floor || f.ms < floor.ms) floor = f;
    opts.log(`run ${run}/${opts.runs}: parse (the reader, every record)…`);
    const p = passInChild('parse', file);
    if (!parse || p.ms < parse.ms) parse = p;
  }
  floor!.documents = parse!.documents;
  // LOAD STEP: the writer's importRegister into an empty database (loadPass), unless another is given.
  const load = await (opts.load ?? loadPass)(file, opts.log);
  return {
    file,
    zipBytes: statSync(file).size,
    generatedMs,
    floor: floor!,
    parse: parse!,
    unreadable: parse!.unreadable ?? 0,
    load,
  };
}

export function printRegister(b: RegisterBench): string {
  const row = (p: PassFigures) => [
    p.step,
    p.documents > 0 ? p.documents.toLocaleString('en') : '—',
    (p.ms / 1000).toFixed(1),
    (p.cpuMs / 1000).toFixed(1),
    p.documents > 0 ? Math.round(p.documents / (p.ms / 1000)).toLocaleString('en') : '—',
    (p.bytes / 1e6 / (p.ms / 1000)).toFixed(1),
    p.peakRssMb.toFixed(0),
  ];
  const rows: (string | number)[][] = [
    ['step', 'documents', 'wall s', 'CPU s', 'documents/s', 'MB/s (XML)', 'peak RSS MB'],
    row(b.floor),
    row(b.parse),
  ];
  if (b.load) rows.push(row(b.load));
  return [
    `${b.file}: ${(b.zipBytes / 1e6).toFixed(0)} MB zipped, ${(b.parse.bytes / 1e6).toFixed(0)} MB of XML` +
      (b.generatedMs !== null ? ` (generated in ${(b.generatedMs / 1000).toFixed(0)} s)` : ' (cached)'),
    '',
    table(rows),
    '',
    `parse ÷ floor rate: ${(b.floor.ms / b.parse.ms).toFixed(2)}× by wall time, ${(b.floor.cpuMs / b.parse.cpuMs).toFixed(2)}× by CPU time ` +
      `(target ≥ 0.7×); unreadable documents: ${b.unreadable}`,
    b.load ? '' : 'load: not measured yet (LOAD STEP in tests/bench/register.ts awaits the register writer)',
  ].join('\n');
}
// As a script: `tsx tests/bench/register.ts floor|parse|load FILE` prints one pass's figures as JSON.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [step, file] = process.argv.slice(2);
  if ((step !== 'floor' && step !== 'parse' && step !== 'load') || !file) {
    console.error('usage: tsx tests/bench/register.ts floor|parse|load FILE');
    process.exit(2);
  }
  console.log(
    JSON.stringify(
      step === 'floor' ? await floorPass(file) : step === 'parse' ? await parsePass(file) : await loadInChild(file),
    ),
  );
}
