// The export on large subgraphs: POST /api/export over HTTP to the app running in a process of
// its own, for subgraphs of 5,000 and 50,000 nodes (enterprises of a generated graph with the
// regions and chain stages, and every relationship among them) in GEXF, GraphML and CSV. Prints
// the time to the last byte, the file's size and the server's peak resident memory during the
// export (VmHWM, reset before each export through /proc/<pid>/clear_refs) beside its resident
// memory before it. The graph comes from the project's generator (BENCH_EXPORT_ENTERPRISES,
// default 60,000 enterprises, about 5 supply links each) in a Neo4j of its own (.neo4j/bench-export),
// kept between runs; BENCH_EXPORT_URI, …_USER, …_PASSWORD for another. Asserts nothing.
//
// Beside each export it prints the floor measured in the same run, just before: a bare Cypher read
// of the same nodes (their properties, by key) and of every link among them (its properties and
// both ends), each in one query through the driver, with nothing built from the answer. An export
// cannot be faster than reading its data; the ratio says what the export adds to that.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DEFAULT_SETTINGS, type Settings } from '../../server/config.js';
import { Db } from '../../server/db.js';
import { prepareDatabase } from '../../server/setup.js';
import { seedDatabase } from '../../seed/load.js';
import { freePort, startNeo4j, REPO_ROOT } from '../../scripts/neo4j.js';
import { table } from './lib.js';

export interface ExportRow {
  nodes: number;
  links: number;
  format: string;
  seconds: number;
  /** The bare read of the same nodes and links, in seconds, measured just before this export. */
  floor: number;
  mb: number;
  peakMb: number;
  baseMb: number;
}
export interface ExportBench {
  enterprises: number;
  supplyLinks: number;
  rows: ExportRow[];
}

// The floor: the nodes by key, then the links among them (by element id, each from its start).
// The links come as one row per start node with a list, the shape the export reads them in
// because it measured the cheaper of the two (the driver's cost is per row and per field: 4.8 s
// against 6.6 s for one row per link, README): a floor in the dearer shape would be one the export
// can beat, not one it cannot go below.
const FLOOR_NODES = `
CALL () {
  UNWIND $regions AS c MATCH (n:Region {code: c}) RETURN n
  UNION ALL
  UNWIND $stages AS s MATCH (n:Stage {id: s}) RETURN n
  UNION ALL
  UNWIND $enterprises AS e MATCH (n:Enterprise {id: e}) RETURN n
}
RETURN elementId(n) AS eid, labels(n) AS labels, properties(n) AS props`;
const FLOOR_LINKS = `
UNWIND $eids AS s
MATCH (a)-[r]->(b) WHERE elementId(a) = s
WITH s, r, elementId(b) AS t WHERE t IN $eids AND t <> s
RETURN s, collect([t, elementId(r), type(r), properties(r)]) AS links`;

/** Seconds of the bare read of the nodes named by `ids` (type:key) and of the links among them. */
async function floorRead(db: Db, ids: string[]): Promise<{ seconds: number; links: number }> {
  const keys = (type: string) => ids.filter((id) => id.startsWith(`${type}:`)).map((id) => id.slice(type.length + 1));
  const started = performance.now();
  const nodes = await db.read(FLOOR_NODES, {
    regions: keys('region'),
    stages: keys('stage'),
    enterprises: keys('enterprise'),
  });
  const links = await db.read(FLOOR_LINKS, { eids: nodes.map((n) => n.eid) });
  const count = links.reduce((sum, row) => sum + (row.links as unknown[]).length, 0);
  return { seconds: (performance.now() - started) / 1000, links: count };
}

const kb = (pid: number, field: string) =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);

export async function benchExport(opts: {
  sizes: number[];
  formats: string[];
  log: (s: string) => void;
}): Promise<ExportBench> {
  const { log } = opts;
  const enterprises = Number(process.env.BENCH_EXPORT_ENTERPRISES ?? 60_000);
  let uri = process.env.BENCH_EXPORT_URI ?? '';
  let user = process.env.BENCH_EXPORT_USER ?? 'neo4j';
  let password = process.env.BENCH_EXPORT_PASSWORD ?? '';
  let stop = async () => {};
  if (!uri) {
    const neo = await startNeo4j({
      home: '.neo4j/bench-export',
      boltPort: await freePort(),
      heap: process.env.BENCH_NEO4J_HEAP ?? '2g',
      pageCache: process.env.BENCH_NEO4J_PAGECACHE ?? '1g',
      log,
    });
    ({ uri, user, password } = neo);
    stop = neo.stop;
  }
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    neo4jUri: uri,
    neo4jUser: user,
    neo4jPassword: password,
    importTimeoutMs: 600_000,
  };
  const db = new Db({ uri, user, password, database: settings.neo4jDatabase, queryTimeoutMs: 120_000 });
  let server: ChildProcess | null = null;
  try {
    const [seeded] = await db.read(
      "OPTIONAL MATCH (s:SeedRun {id: 'seed', status: 'completed'}) RETURN s.enterprises AS n",
    );
    if (Number(seeded?.n ?? 0) !== enterprises) {
      log(`generating and importing ${enterprises} enterprises`);
      if (seeded?.n !== null && seeded?.n !== undefined)
        throw new Error(
          `that database holds a graph of ${seeded.n} enterprises; wipe it or set BENCH_EXPORT_ENTERPRISES=${seeded.n}`,
        );
      await prepareDatabase(db);
      await seedDatabase(db, settings, {
        enterprises,
        workDir: mkdtempSync(join(tmpdir(), 'coopgraph-bench-export-')),
        log,
      });
    }
    const [{ links: supplyLinks }] = await db.read('MATCH ()-[l:SUPPLIES]->() RETURN count(l) AS links');
    const context = (
      await db.read(
        'CALL () { MATCH (r:Region) RETURN "region:" + r.code AS id UNION ALL MATCH (s:Stage) RETURN "stage:" + s.id AS id } RETURN id',
      )
    ).map((r) => String(r.id));

    // BENCH_EXPORT_SERVER_HEAP (MB) caps the server's V8 heap: an export that still completes shows
    // what it really needs beside what a lazy garbage collector lets the process grow to.
    const heap = process.env.BENCH_EXPORT_SERVER_HEAP
      ? [`--max-old-space-size=${Number(process.env.BENCH_EXPORT_SERVER_HEAP)}`]
      : [];
    server = spawn(process.execPath, [...heap, '--import', 'tsx', join(REPO_ROOT, 'tests/bench/export-server.ts')], {
      env: { ...process.env, BENCH_EXPORT_URI: uri, BENCH_EXPORT_USER: user, BENCH_EXPORT_PASSWORD: password },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [base, auth] = await new Promise<[string, Record<string, string>]>((resolve, reject) => {
      const lines: string[] = [];
      createInterface({ input: server!.stdout! }).on('line', (line) => {
        lines.push(line);
        if (lines.length === 2) resolve([lines[0], JSON.parse(lines[1])]);
      });
      server!.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
    });
    const pid = server.pid!;
    const rows: ExportRow[] = [];
    // A warm-up export (compiled code, Neo4j's query plans) before anything is measured.
    const warm = (await db.read('MATCH (e:Enterprise) RETURN "enterprise:" + e.id AS id ORDER BY e.id LIMIT 500')).map(
      (r) => String(r.id),
    );
    for (const format of opts.formats)
      await (
        await fetch(`${base}/api/export`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ format, ids: warm }),
        })
      ).arrayBuffer();
    for (const size of opts.sizes) {
      const ids = [
        ...context,
        ...(
          await db.read('MATCH (e:Enterprise) RETURN "enterprise:" + e.id AS id ORDER BY e.id LIMIT toInteger($n)', {
            n: size - context.length,
          })
        ).map((r) => String(r.id)),
      ];
      let links = NaN; // counted in the GEXF as it streams
      await floorRead(db, ids); // warms Neo4j's page cache for these nodes, as the warm-up export did for its own
      for (const format of opts.formats) {
        const floor = await floorRead(db, ids);
        log(`floor ${ids.length} nodes, ${floor.links} links: ${floor.seconds.toFixed(1)} s`);
        writeFileSync(`/proc/${pid}/clear_refs`, '5');
        const baseMb = kb(pid, 'VmRSS') / 1024;
        const started = performance.now();
        const response = await fetch(`${base}/api/export`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ format, ids }),
        });
        if (!response.ok) throw new Error(`${format} ${size}: ${response.status} ${await response.text()}`);
        let bytes = 0;
        let edges = 0;
        let tail = '';
        const decoder = new TextDecoder();
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          bytes += chunk.length;
          if (format !== 'gexf') continue;
          const text = tail + decoder.decode(chunk, { stream: true });
          edges += text.split('<edge ').length - 1;
          tail = text.slice(-5);
        }
        if (format === 'gexf') links = edges;
        const seconds = (performance.now() - started) / 1000;
        const peakMb = kb(pid, 'VmHWM') / 1024;
        rows.push({
          nodes: ids.length,
          links: format === 'gexf' ? links : floor.links,
          format,
          seconds,
          floor: floor.seconds,
          mb: bytes / 1024 / 1024,
          peakMb,
          baseMb,
        });
        log(
          `${format} ${ids.length} nodes: ${seconds.toFixed(1)} s, ${(bytes / 1024 / 1024).toFixed(1)} MB, peak ${peakMb.toFixed(0)} MB`,
        );
      }
    }
    return {
      enterprises,
      supplyLinks: Number(supplyLinks),
      rows: rows.map((r) => ({
        ...r,
        links: rows.find((g) => g.nodes === r.nodes && g.format === 'gexf')?.links ?? r.links,
      })),
    };
  } finally {
    server?.kill('SIGTERM');
    await db.close();
    await stop();
  }
}

export function printExport(b: ExportBench): string {
  const heap = process.env.BENCH_EXPORT_SERVER_HEAP
    ? `, server heap capped at ${process.env.BENCH_EXPORT_SERVER_HEAP} MB`
    : '';
  return (
    `${b.enterprises.toLocaleString('en')} generated enterprises (plus the Komi seed), ${b.supplyLinks.toLocaleString('en')} supply links${heap}\n\n` +
    table([
      [
        'nodes',
        'links',
        'format',
        'seconds',
        'bare read, s',
        '× bare read',
        'MB',
        'server RSS before, MB',
        'server peak RSS, MB',
      ],
      ...b.rows.map((r) => [
        r.nodes.toLocaleString('en'),
        r.links.toLocaleString('en'),
        r.format,
        r.seconds.toFixed(1),
        r.floor.toFixed(1),
        (r.seconds / r.floor).toFixed(2),
        r.mb.toFixed(1),
        r.baseMb.toFixed(0),
        r.peakMb.toFixed(0),
      ]),
    ])
  );
}
