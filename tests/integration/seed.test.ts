// The seed as `npm start` loads it: the Komi organisations of the source article and a generated
// graph that gives the analyses something to show, as one dataset ('seed'). Then `npm start`
// itself: with SEED_ENTERPRISES=0 (the Komi organisations alone), after the seed was removed (not
// loaded again), with COOPGRAPH_START_DATA=reference (no seed), and with bad settings (refused
// before anything is written).
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDatabase } from '../../seed/load.js';
import { removeDataset } from '../../server/datasets.js';
import { freePort, REPO_ROOT } from '../../scripts/neo4j.js';
import { wipe } from '../helpers.js';
import { search } from '../../server/graph.js';
import { overviewFromAggregate, overviewLive, type Overview } from '../../server/overview.js';
import { aggregateState } from '../../server/aggregate.js';
import { readiness } from '../../server/gaps/index.js';
import type { Db } from '../../server/db.js';
import { useEmptyGraph } from '../fixtures/index.js';

const empty = useEmptyGraph({ importBatchSize: 2_000 });
const { settings } = empty;
let db: Db;
let seeded: Awaited<ReturnType<typeof seedDatabase>>;
beforeAll(async () => {
  ({ db } = empty);
  seeded = await seedDatabase(db, settings, {
    enterprises: 3_000,
    workDir: mkdtempSync(join(tmpdir(), 'coopgraph-seed-')),
    log: () => {},
  });
});

const one = async (query: string) => (await db.read(query))[0];

describe('the seed', () => {
  it('holds the organisations of the article with public facts only', async () => {
    const real = await db.read(
      `MATCH (e:Enterprise) WHERE e.synthetic = false
       RETURN e.id AS id, e.inn AS inn, e.source AS source, e.employees AS employees, e.revenueMlnRub AS revenue ORDER BY id`,
    );
    expect(real.map((e) => e.id)).toEqual(
      expect.arrayContaining(['luzales', 'mondi-syktyvkar', 'lukoil-ukhta-refinery']),
    );
    for (const e of real) {
      expect(e.inn, `${e.id} must have no invented INN`).toBeNull();
      expect(e.source, `${e.id} cites its source`).toBeTruthy();
      expect([e.employees, e.revenue], `${e.id} carries no invented figures`).toEqual([null, null]);
    }
    const algraf = await one(
      "MATCH (t:Technopark {id: 'tp-algraf'})-[:LOCATED_IN]->(r:Region) RETURN t.name AS name, r.code AS region, COUNT { (t)<-[:RESIDENT_OF]-() } AS residents",
    );
    expect(algraf).toMatchObject({ region: '11' });
    expect(algraf.name).toContain('Алграф');
    expect(algraf.residents).toBeGreaterThan(0);
    const anchors = await db.read(
      "MATCH (e:Enterprise)-[:MEMBER_OF {role: 'anchor'}]->(:Cluster {id: 'c-11-timber'}) RETURN e.id AS id ORDER BY id",
    );
    expect(anchors.map((a) => a.id)).toEqual(['luzales', 'mondi-syktyvkar']);
    const supported = await one(
      "MATCH (:SupportOrg {id: 'so-my-business-komi'})-[:SUPPORTS]->(t) RETURN count(t) AS n",
    );
    expect(supported.n).toBeGreaterThanOrEqual(2);
  });

  it("does not count the Komi anchors' unknown revenue as 0: the timber cluster fails on the known revenue alone", async () => {
    const r = await readiness(db, settings, 'c-11-timber');
    const dep = r.checks.dependence;
    expect(dep.revenueUnknown.map((p) => p.id)).toEqual(['luzales', 'mondi-syktyvkar']);
    expect(dep.value).toBeNull();
    // Σ internal / the SMEs' revenue is the most the share can be; the anchors' revenue can only lower it.
    expect(dep.upperBound).toBeCloseTo(dep.internalVolumeMlnRub / dep.revenueMlnRub, 6);
    expect(dep.upperBound!).toBeLessThan(dep.threshold);
    expect(dep).toMatchObject({ status: 'failed', unknownRevenueLimitMlnRub: null });
    expect(r.missing).toEqual([]); // no figure would change the verdict
    expect(r).toMatchObject({ status: 'failed', ready: false });
  });

  it('is found by search, stop words and all («Мой бизнес»)', async () => {
    const hits = await search(db, 'Мой бизнес', 10);
    expect(hits.map((h) => h.id)).toContain('supportorg:so-my-business-komi');
    expect((await search(db, 'Лузалес', 5))[0].id).toBe('enterprise:luzales');
  });

  it('marks everything invented as synthetic', async () => {
    expect(
      (
        await one(
          'MATCH (e:Enterprise) WHERE e.synthetic IS NULL OR (e.synthetic = false AND e.source IS NULL) RETURN count(e) AS n',
        )
      ).n,
    ).toBe(0);
    expect((await one('MATCH ()-[l:SUPPLIES]->() WHERE l.synthetic <> true RETURN count(l) AS n')).n).toBe(0);
    expect(
      (await one("MATCH (e:Enterprise) WHERE e.id STARTS WITH 'g-' AND e.synthetic <> true RETURN count(e) AS n")).n,
    ).toBe(0);
  });

  it('has regions with the whole timber chain and regions with gaps in it', async () => {
    const coverage = await db.read(
      `MATCH (s:Stage {chain: 'timber', kind: 'core'})
       WITH collect(s) AS core
       MATCH (r:Region)<-[:LOCATED_IN]-(:Enterprise)-[:OPERATES_AT]->(s:Stage {chain: 'timber', kind: 'core'})
       WITH r, size(core) AS total, count(DISTINCT s) AS present
       RETURN r.code AS region, present, total ORDER BY present DESC`,
    );
    expect(coverage.some((c) => c.present === c.total)).toBe(true);
    expect(coverage.some((c) => Number(c.present) >= 3 && Number(c.present) < Number(c.total))).toBe(true);
  });

  it('has anchors that buy inputs from regions more than 1,000 km away', async () => {
    const far = await one(
      `MATCH (s:Enterprise)-[:LOCATED_IN]->(rs:Region), (b:Enterprise)-[:LOCATED_IN]->(rb:Region), (s)-[:SUPPLIES]->(b)-[:MEMBER_OF {role: 'anchor'}]->(:Cluster)
       WHERE point.distance(rs.location, rb.location) > 1000000
       RETURN count(*) AS n`,
    );
    expect(far.n).toBeGreaterThan(0);
  });

  it('has clusters of both chains, some near the registry threshold of 10 participants', async () => {
    const clusters = await db.read(
      'MATCH (c:Cluster) RETURN c.id AS id, c.chain AS chain, COUNT { (c)<-[:MEMBER_OF]-() } AS members ORDER BY id',
    );
    expect(new Set(clusters.map((c) => c.chain))).toEqual(new Set(['timber', 'oilgas']));
    expect(clusters.some((c) => Number(c.members) >= 8 && Number(c.members) <= 12)).toBe(true);
    const priority = await one(
      `MATCH (c:Cluster)<-[:MEMBER_OF]-(e:Enterprise)
       WITH c, count(e) AS n, sum(CASE WHEN e.priorityTerritory THEN 1 ELSE 0 END) AS p
       WHERE toFloat(p) / n >= 0.3
       RETURN count(c) AS n`,
    );
    expect(priority.n).toBeGreaterThan(0);
  });

  it('makes most enterprises SMEs, with every size category present', async () => {
    const sizes = await db.read('MATCH (e:Enterprise) RETURN e.size AS size, count(*) AS n');
    const bySize: Record<string, number> = Object.fromEntries(sizes.map((s) => [String(s.size), Number(s.n)]));
    const total = Object.values(bySize).reduce((a, b) => a + b, 0);
    expect(Object.keys(bySize).sort()).toEqual(['large', 'medium', 'micro', 'small']);
    expect((bySize.micro + bySize.small + bySize.medium) / total).toBeGreaterThan(0.8);
  });

  it("ends with the overview's aggregate, refreshed once, whose figures are the live query's", async () => {
    // The seed's two imports leave the refresh to the end of the seed.
    expect(seeded.komi.aggregate).toBeUndefined();
    expect(seeded.generated?.aggregate).toBeUndefined();
    expect(seeded.aggregate.version).toBe(1);
    const links = Number((await one('MATCH ()-[l:SUPPLIES]->() RETURN count(l) AS n')).n);
    expect(seeded.aggregate.links).toBe(links);
    expect(await aggregateState(db)).toMatchObject({ missing: false, stale: false });
    const figures = ({ refreshedAt: _refreshedAt, ...o }: Overview) => o;
    for (const chain of ['timber', 'oilgas', 'all']) {
      const aggregated = await overviewFromAggregate(db, chain);
      expect(aggregated, chain).not.toBeNull();
      expect(figures(aggregated!), chain).toEqual(figures(await overviewLive(db, chain)));
      expect(aggregated!.flows.length, chain).toBeGreaterThan(10);
    }
  });
});

/** Tagged labels and relationship types, each with the `datasets` lists its members hold and how many hold each. */
async function tagsByKind(): Promise<Record<string, Record<string, number>>> {
  const rows = await db.read(
    `CALL () {
       MATCH (n) WHERE n:Enterprise OR n:Cluster OR n:Technopark OR n:SupportOrg
       RETURN labels(n)[0] AS kind, n.datasets AS datasets
       UNION ALL
       MATCH ()-[r:SUPPLIES|MEMBER_OF|RESIDENT_OF|SUPPORTS|BASED_IN]->()
       RETURN type(r) AS kind, r.datasets AS datasets
     }
     RETURN kind, datasets, count(*) AS n`,
  );
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) (out[String(r.kind)] ??= {})[JSON.stringify(r.datasets)] = Number(r.n);
  return out;
}

describe('the seed as a dataset', () => {
  it('tags everything it writes with its id and records the dataset with its counts', async () => {
    const tags = await tagsByKind();
    expect(Object.keys(tags).sort()).toEqual([
      'BASED_IN',
      'Cluster',
      'Enterprise',
      'MEMBER_OF',
      'RESIDENT_OF',
      'SUPPLIES',
      'SUPPORTS',
      'SupportOrg',
      'Technopark',
    ]);
    for (const [kind, lists] of Object.entries(tags)) expect(Object.keys(lists), kind).toEqual(['["seed"]']);
    const [dataset] = await db.read(
      `MATCH (d:Dataset {id: 'seed'})
       RETURN d.kind AS kind, d.status AS status, d.name AS name, d.enterprises AS enterprises, d.links AS links,
              d.clusters AS clusters, d.ties AS ties, d.loadedAt IS NOT NULL AS loaded`,
    );
    expect(dataset).toEqual({
      kind: 'seed',
      status: 'completed',
      name: 'Komi organisations + 3000 generated enterprises',
      enterprises: tags.Enterprise['["seed"]'],
      links: tags.SUPPLIES['["seed"]'],
      clusters: tags.Cluster['["seed"]'],
      ties: 0,
      loaded: true,
    });
    expect(dataset.enterprises).toBe(3_000 + seeded.komi.written.enterprises);
  });
});

/** A graph's content by label (the reference data included), bookkeeping left out. */
async function labelCounts(): Promise<Record<string, number>> {
  const rows = await db.read(
    `MATCH (n) WHERE NOT n:User AND NOT n:Session AND NOT n:AuditEvent AND NOT n:ImportRun AND NOT n:ImportLock
     RETURN labels(n)[0] AS label, count(n) AS n ORDER BY label`,
  );
  return Object.fromEntries(rows.map((r) => [String(r.label), Number(r.n)]));
}

/**
 * `npm start`'s script against the test Neo4j with `env`: resolves once it runs (and stops it) or
 * once it exits (with its exit code); its output either way.
 */
async function start(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NEO4J_URI: settings.neo4jUri,
      NEO4J_USER: settings.neo4jUser,
      NEO4J_PASSWORD: settings.neo4jPassword,
      HOST: '127.0.0.1',
      PORT: String(port),
      SEED_ENTERPRISES: '',
      COOPGRAPH_START_DATA: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const running = await new Promise<boolean>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not start in 180 s:\n${out}`)), 180_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('coopgraph is running')) {
        clearTimeout(timer);
        resolve(true);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  if (running) child.kill('SIGTERM');
  const code = await exited;
  return { code: running ? null : code, out };
}

describe('npm start', () => {
  it('with SEED_ENTERPRISES=0 loads the Komi organisations alone and completes the seed', async () => {
    await wipe(db);
    const { code, out } = await start({ SEED_ENTERPRISES: '0' });
    expect(code, out).toBeNull();
    expect(out).toContain('SEED_ENTERPRISES=0');
    // The Komi files' enterprises, as many as the seed above wrote from them, and nothing generated.
    const komi = seeded.komi.written.enterprises;
    expect(komi).toBeGreaterThan(20);
    expect(await db.read('MATCH (e:Enterprise) RETURN count(e) AS n')).toEqual([{ n: komi }]);
    expect(await db.read("MATCH (e:Enterprise) WHERE e.id STARTS WITH 'g-' RETURN e.id AS id")).toEqual([]);
    expect(await db.read('MATCH (s:SeedRun) RETURN s.status AS status, s.enterprises AS n')).toEqual([
      { status: 'completed', n: 0 },
    ]);
    expect(
      await db.read(
        "MATCH (d:Dataset) RETURN d.id AS id, d.status AS status, d.enterprises AS enterprises, d.loadedBy STARTS WITH 'cli:' AS cli",
      ),
    ).toEqual([{ id: 'seed', status: 'completed', enterprises: komi, cli: true }]);
  });

  it('does not load the seed again once it was removed', async () => {
    const removal = await removeDataset(db, 'seed', {
      sme: settings.sme,
      waitMs: 5_000,
      timeoutMs: 60_000,
      user: 'tester',
    });
    expect(removal.deleted.enterprises).toBe(seeded.komi.written.enterprises);
    expect(await labelCounts()).not.toHaveProperty('Enterprise');
    const { code, out } = await start({ SEED_ENTERPRISES: '0' });
    expect(code, out).toBeNull();
    expect(out).not.toContain('loading the seed');
    const counts = await labelCounts();
    for (const label of ['Enterprise', 'Cluster', 'Technopark', 'SupportOrg', 'Dataset'])
      expect(counts, label).not.toHaveProperty(label);
    expect(await db.read('MATCH (s:SeedRun) RETURN s.status AS status, s.removedBy AS by')).toEqual([
      { status: 'removed', by: 'tester' },
    ]);
  });

  it('with COOPGRAPH_START_DATA=reference applies the schema and the reference data, and loads no seed', async () => {
    await wipe(db);
    const { code, out } = await start({ COOPGRAPH_START_DATA: 'reference' });
    expect(code, out).toBeNull();
    expect(out).toContain('COOPGRAPH_START_DATA=reference');
    const counts = await labelCounts();
    expect(counts.Region).toBeGreaterThan(80);
    expect(counts.Chain).toBeGreaterThanOrEqual(2);
    expect(counts.Stage).toBeGreaterThan(10);
    expect(counts.Industry).toBeGreaterThan(10);
    for (const label of ['Enterprise', 'Cluster', 'Technopark', 'SupportOrg', 'Dataset', 'SeedRun'])
      expect(counts, label).not.toHaveProperty(label);
    const constraints = await db.read("SHOW CONSTRAINTS YIELD name WHERE name = 'dataset_id' RETURN name");
    expect(constraints).toHaveLength(1);
  });

  it('refuses a bad SEED_ENTERPRISES or COOPGRAPH_START_DATA before anything is written', async () => {
    await wipe(db);
    for (const [env, message] of [
      [{ SEED_ENTERPRISES: '-1' }, /SEED_ENTERPRISES must be a non-negative integer, got "-1"/],
      [{ SEED_ENTERPRISES: '5000001' }, /SEED_ENTERPRISES must be from 0 to 5000000/],
      [{ COOPGRAPH_START_DATA: 'everything' }, /COOPGRAPH_START_DATA must be demo or reference, got "everything"/],
    ] as const) {
      const { code, out } = await start(env);
      expect(code, out).toBe(2);
      expect(out).toMatch(message);
      expect(await db.read('MATCH (n) RETURN count(n) AS n')).toEqual([{ n: 0 }]);
    }
  });
});
