// The seed through Neo4j's offline importer (seed/offline) gives the graph the online seed gives:
// the tests' seed (tests/fixtures: the Komi organisations and 300 generated enterprises, loaded
// online into the test Neo4j, or reused) and the same seed loaded offline into a Neo4j of its own
// (its own home and port: the importer needs the store stopped), then every label, relationship
// type, node and relationship compared with the type of each property. Any change to what the
// online import writes shows up here as a difference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Settings } from '../../server/config.js';
import type { Db } from '../../server/db.js';
import { OfflineRefused, offlineBlocker, offlineUnavailable, seedOffline } from '../../seed/offline/index.js';
import { ConversionError, convertForAdminImport } from '../../seed/offline/convert.js';
import { loadReference } from '../../server/reference.js';
import { embeddedStore, freePort, importOffline, neo4jPid, stopNeo4j, REPO_ROOT } from '../../scripts/neo4j.js';
import { testDb } from '../helpers.js';
import { useSeed } from '../fixtures/index.js';
import { FIXTURE_LABEL } from '../fixtures/datasets.js';

// A generous query timeout: the comparison reads the whole graph, on a machine that may be busy.
const online = useSeed({ queryTimeoutMs: 120_000 });
/** The generated enterprises of the tests' seed (read from it). */
let generatedEnterprises: number;
const home = `.neo4j/test-offline-${process.env.TEST_NEO4J_PORT ?? 'default'}`;
const work = mkdtempSync(join(tmpdir(), 'coopgraph-offline-'));
let offlineSettings: Settings;
let offline: Db;
let timings: Awaited<ReturnType<typeof seedOffline>>['timings'];

beforeAll(async () => {
  // A home left by an interrupted run: stopped and emptied.
  await stopNeo4j(home, () => {});
  rmSync(resolve(REPO_ROOT, home), { recursive: true, force: true });
  offlineSettings = {
    ...online.settings,
    neo4jUri: '',
    embeddedHome: home,
    embeddedBoltPort: await freePort(),
    embeddedHeap: '512m',
    embeddedPageCache: '256m',
  };
  const quiet = () => {};
  const [generated] = await online.db.read("MATCH (e:Enterprise) WHERE e.id STARTS WITH 'g-' RETURN count(e) AS n");
  generatedEnterprises = Number(generated.n);
  // The fixture's seed is generated with the generator's default seed.
  ({ timings } = await seedOffline(offlineSettings, embeddedStore(offlineSettings, quiet), {
    enterprises: generatedEnterprises,
    workDir: join(work, 'offline'),
    log: quiet,
    leaveRunning: true,
  }));
  const neo = await embeddedStore(offlineSettings, quiet).open();
  offline = neo.db;
});

afterAll(async () => {
  await offline?.close();
  await stopNeo4j(home, () => {});
  rmSync(resolve(REPO_ROOT, home), { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

/** Every property with its Cypher type; times (when a load ran) by their type alone. */
const TYPED = (v: string) =>
  `[k IN keys(${v}) | [k, valueType(${v}[k]), CASE WHEN valueType(${v}[k]) STARTS WITH 'ZONED' OR valueType(${v}[k]) STARTS WITH 'LOCAL' THEN null ELSE ${v}[k] END]]`;

const sortedLines = (rows: Record<string, unknown>[]) =>
  rows
    .map((r) => JSON.stringify(r, (_k, v: unknown) => (Array.isArray(v) && v.every(Array.isArray) ? [...v].sort() : v)))
    .sort();

/** The whole graph as sorted lines: nodes by labels and typed properties, relationships by ends, type and properties. */
async function dump(db: Db): Promise<{ labels: string[]; types: string[]; nodes: string[]; relationships: string[] }> {
  const labels = await db.read(
    'MATCH (n) UNWIND labels(n) AS label WITH label WHERE label <> $fixture RETURN label, count(*) AS n',
    { fixture: FIXTURE_LABEL },
  );
  const types = await db.read('MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n');
  // Bookkeeping whose values differ by nature (ids drawn at random, durations) is compared by
  // count above; the overview's aggregate rows of the current version without the version number.
  const nodes = await db.read(
    `OPTIONAL MATCH (g:FlowAggregate {id: 'overview'})
     MATCH (n) WHERE NOT n:ImportRun AND NOT n:ImportLock AND NOT n:FlowAggregate AND NOT n:${FIXTURE_LABEL}
     WITH n, g, n:RegionFlow OR n:RegionCount OR n:StageCell OR n:StageFlow AS aggregate
     WHERE NOT aggregate OR n.version = g.version
     WITH n, aggregate, ${TYPED('n')} AS p
     RETURN labels(n) AS labels, CASE WHEN aggregate THEN [x IN p WHERE x[0] <> 'version'] ELSE p END AS p`,
  );
  const relationships = await db.read(
    `MATCH (a)-[r]->(b) WHERE NOT a:ImportRun
     RETURN labels(a)[0] + ':' + coalesce(a.id, a.code) AS a, type(r) AS t, ${TYPED('r')} AS p,
            labels(b)[0] + ':' + coalesce(b.id, b.code) AS b`,
  );
  return {
    labels: sortedLines(labels),
    types: sortedLines(types),
    nodes: sortedLines(nodes),
    relationships: sortedLines(relationships),
  };
}

/** The lines only one side has (at most 10 of each), for a readable failure. */
function difference(a: string[], b: string[]): { onlyOnline: string[]; onlyOffline: string[] } {
  const inB = new Set(b);
  const inA = new Set(a);
  return {
    onlyOnline: a.filter((x) => !inB.has(x)).slice(0, 10),
    onlyOffline: b.filter((x) => !inA.has(x)).slice(0, 10),
  };
}

describe('the seed loaded offline', () => {
  it('holds what the online seed holds, property by property and type by type', async () => {
    const [a, b] = [await dump(online.db), await dump(offline)];
    expect(b.labels).toEqual(a.labels);
    expect(b.types).toEqual(a.types);
    expect(difference(a.nodes, b.nodes)).toEqual({ onlyOnline: [], onlyOffline: [] });
    expect(difference(a.relationships, b.relationships)).toEqual({ onlyOnline: [], onlyOffline: [] });
    expect(b.nodes).toEqual(a.nodes);
    expect(b.relationships).toEqual(a.relationships);
  });

  it('is the generated graph and the Komi organisations, complete', async () => {
    const [row] = await offline.read(
      `MATCH (e:Enterprise) WITH count(e) AS enterprises, count(CASE WHEN e.id STARTS WITH 'g-' THEN 1 END) AS generated
       MATCH ()-[l:SUPPLIES]->() WITH enterprises, generated, count(l) AS links
       OPTIONAL MATCH (s:SeedRun {id: 'seed'})
       RETURN enterprises, generated, links, s.status AS status`,
    );
    expect(row.generated).toBe(generatedEnterprises);
    expect(row.enterprises).toBeGreaterThan(generatedEnterprises);
    expect(row.links).toBeGreaterThan(generatedEnterprises);
    expect(row.status).toBe('completed');
    // The schema is in place: the INN is unique, names are searchable.
    const constraints = await offline.read("SHOW CONSTRAINTS YIELD name WHERE name = 'enterprise_inn' RETURN name");
    expect(constraints).toHaveLength(1);
    const [hit] = await offline.read(
      "CALL db.index.fulltext.queryNodes('names', 'Лузалес') YIELD node RETURN node.id AS id LIMIT 1",
    );
    expect(hit.id).toBe('luzales');
    expect(timings.import).toBeGreaterThan(0);
  });

  it('is refused for a database that holds data, which stays as it was', async () => {
    expect(await offlineBlocker(online.db)).toMatch(/not empty.*Enterprise/);
    const before = await offline.read('MATCH (e:Enterprise) RETURN count(e) AS n');
    await expect(
      seedOffline(
        offlineSettings,
        embeddedStore(offlineSettings, () => {}),
        {
          enterprises: 10,
          workDir: join(work, 'again'),
          log: () => {},
          leaveRunning: true,
        },
      ),
    ).rejects.toThrow(OfflineRefused);
    expect(neo4jPid(home)).not.toBeNull();
    expect(await offline.read('MATCH (e:Enterprise) RETURN count(e) AS n')).toEqual(before);
  });

  it('is refused for a Neo4j elsewhere (NEO4J_URI), before anything is touched', async () => {
    const external = { ...offlineSettings, neo4jUri: online.settings.neo4jUri };
    expect(offlineUnavailable(external)).toMatch(/NEO4J_URI/);
    const store = embeddedStore(external, () => {});
    await expect(
      seedOffline(external, store, { enterprises: 10, workDir: join(work, 'x'), log: () => {} }),
    ).rejects.toThrow(OfflineRefused);
    const db = testDb(online.settings);
    try {
      expect((await db.read('MATCH (e:Enterprise) RETURN count(e) AS n'))[0].n).toBeGreaterThan(generatedEnterprises);
    } finally {
      await db.close();
    }
  });
});

describe("the offline importer's files", () => {
  const files = (links: string) => {
    const dir = join(work, `files-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'clusters.csv'), 'id,name,kind,status,chain,regions,synthetic\n');
    writeFileSync(
      join(dir, 'enterprises.csv'),
      'id,inn,name,region,okved,employees,revenue_mln_rub,cluster,cluster_role,technopark,priority_territory,size,stages,synthetic,synthetic_figures,source\n' +
        'a,,"Лес, ""Тайга""",11,02.20,10,5.5,,,,false,,,true,true,x\n' +
        'b,,Пилорама,29,16.10,20,12,,,,false,,,true,true,x\n',
    );
    writeFileSync(join(dir, 'links.csv'), 'supplier,buyer,product,okved,volume_mln_rub,since,synthetic\n' + links);
    return {
      clusters: join(dir, 'clusters.csv'),
      enterprises: join(dir, 'enterprises.csv'),
      links: join(dir, 'links.csv'),
    };
  };
  const convert = (links: string) =>
    convertForAdminImport({
      files: files(links),
      outDir: join(work, 'out'),
      reference: loadReference(),
      sme: online.settings.sme,
      dataset: 'seed',
    });

  it('are refused, row by row, for what the online import refuses', async () => {
    await expect(convert('a,b,Брёвна,,1,2020,true\na,b,Брёвна,,2,2021,true\n')).rejects.toThrow(
      /links\.csv:3 product duplicate_link/,
    );
    await expect(convert('a,c,Брёвна,,1,2020,true\n')).rejects.toThrow(/links\.csv:2 buyer unknown_enterprise «c»/);
    await expect(convert('a,b,Брёвна,,-1,2020,true\n')).rejects.toThrow(ConversionError);
  });

  it('keep two products between the same enterprises apart, and quoted names whole', async () => {
    const out = await convert('a,b,Брёвна,,1,2020,true\na,b,Щепа,,2,,true\n');
    expect(out.counts).toMatchObject({ enterprises: 2, links: 2 });
    const enterprises = readFileSync(out.nodes.find((n) => n.label === 'Enterprise')!.file, 'utf8');
    expect(enterprises).toContain('"a",,"Лес, ""Тайга""",');
  });
});

describe('an offline import that fails', () => {
  it('leaves an empty database behind, not a broken one', async () => {
    await offline.close();
    await stopNeo4j(home, () => {});
    const dir = join(work, 'broken');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'nodes.csv'), 'id:ID(Enterprise)\n"a"\n');
    writeFileSync(join(dir, 'links.csv'), ':START_ID(Enterprise),:END_ID(Enterprise)\n"a","nowhere"\n');
    await expect(
      importOffline({
        home,
        boltPort: offlineSettings.embeddedBoltPort,
        heap: '512m',
        pageCache: '256m',
        database: offlineSettings.neo4jDatabase,
        nodes: [{ label: 'Enterprise', file: join(dir, 'nodes.csv') }],
        relationships: [{ type: 'SUPPLIES', file: join(dir, 'links.csv') }],
        logFile: join(dir, 'import.log'),
        reportFile: join(dir, 'import.report'),
        log: () => {},
      }),
    ).rejects.toThrow(/offline import failed.*empty again/s);
    offline = (await embeddedStore(offlineSettings, () => {}).open()).db;
    expect((await offline.read('MATCH (n) RETURN count(n) AS n'))[0].n).toBe(0);
  });
});
