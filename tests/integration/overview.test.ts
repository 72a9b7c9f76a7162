// The overview against the real Neo4j, on the example files whose figures are worked out by hand:
//
// enterprises (size by 209-FZ from employees and revenue; chains from OKVED):
//   11 Komi:        ex-sawmill 16.10 (45, 300 → small, timber), ex-logging 02.20 (12, 90 → micro, timber),
//                   ex-pulp 17.11 (2500, 40000 → large, timber)
//   29 Arkhangelsk: ex-repair 33.12 (80, 500 → small, timber and oilgas: 33.12 is in both)
//   35 Vologda:     ex-chem 20.13 (200, 1500 → medium, timber: process chemicals)
// links (stage from the link's OKVED, else the supplier's; the buyer's chain wins a tie):
//   logging→sawmill 40, logging→pulp 25.5, sawmill→pulp 12   — all timber, inside 11: local 77.5 in 3 links
//   repair→pulp 8 (33.12; the buyer ex-pulp is timber)       — timber, 29 → 11
//   chem→pulp 30 (20.13)                                     — timber, 35 → 11
//
// The overview reads the aggregate that every import refreshes (server/aggregate.ts); the last
// part checks the aggregate itself against the live query and against figures worked by hand.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import {
  overview,
  overviewFromAggregate,
  overviewLive,
  overviewWithGaps,
  OverviewPendingError,
  type Overview,
} from '../../server/overview.js';
import { regionGapCounts } from '../../server/gaps/index.js';
import { aggregateState, ensureAggregate, refreshAggregate } from '../../server/aggregate.js';
import { importFiles, importOptions } from '../../server/import/index.js';
import { generateDataset } from '../../seed/generate/index.js';
import { loadReference } from '../../server/reference.js';
import type { Db } from '../../server/db.js';
import { useApp, useExamples } from '../fixtures/index.js';

const examples = useExamples();
const api = useApp(examples);
const { settings } = examples;
let db: Db;
let app: FastifyInstance;
beforeAll(() => {
  ({ db } = examples);
  ({ app } = api);
});

const region = (o: Overview, code: string) => o.regions.find((r) => r.code === code)!;
/** Regions with enterprises, as code → [enterprises, SMEs]. */
const populated = (o: Overview) =>
  Object.fromEntries(o.regions.filter((r) => r.enterprises > 0).map((r) => [r.code, [r.enterprises, r.smes]]));

describe('overview()', () => {
  it('lists all 89 regions with their centres and federal districts', async () => {
    const o = await overview(db, 'timber');
    expect(o.regions).toHaveLength(89);
    expect(region(o, '11')).toMatchObject({
      name: 'Республика Коми',
      nameEn: expect.stringMatching(/Komi/),
      federalDistrict: 'northwestern',
    });
    expect(region(o, '11').lat).toBeCloseTo(61.67, 2);
    expect(region(o, '11').lon).toBeCloseTo(50.84, 2);
    expect(region(o, '87').lon).toBeGreaterThan(170);
  });

  it('timber: enterprises and SMEs by region, local volume, and the flows 29→11 and 35→11', async () => {
    const o = await overview(db, 'timber');
    expect(o.chain).toBe('timber');
    expect(populated(o)).toEqual({ '11': [3, 2], '29': [1, 1], '35': [1, 1] });
    expect(region(o, '11').local).toEqual({ volumeMlnRub: 77.5, links: 3 });
    expect(region(o, '29').local).toEqual({ volumeMlnRub: 0, links: 0 });
    expect(o.flows).toEqual([
      { source: '35', target: '11', volumeMlnRub: 30, links: 1 },
      { source: '29', target: '11', volumeMlnRub: 8, links: 1 },
    ]);
  });

  it('oil and gas: only the repair shop, which supplies no oil-and-gas link', async () => {
    const o = await overview(db, 'oilgas');
    expect(populated(o)).toEqual({ '29': [1, 1] });
    expect(o.flows).toEqual([]);
    expect(o.regions.every((r) => r.local.links === 0)).toBe(true);
  });

  it('all: every enterprise and every link', async () => {
    const o = await overview(db, 'all');
    expect(populated(o)).toEqual({ '11': [3, 2], '29': [1, 1], '35': [1, 1] });
    expect(region(o, '11').local).toEqual({ volumeMlnRub: 77.5, links: 3 });
    expect(o.flows.map((f) => [f.source, f.target, f.volumeMlnRub, f.links])).toEqual([
      ['35', '11', 30, 1],
      ['29', '11', 8, 1],
    ]);
  });

  it('counts a link by its own stage: an oil-and-gas link between timber enterprises shows under oilgas only', async () => {
    // A link the files do not have, added and removed here: 29 → 35, stage oilgas.repair. Written
    // directly, not imported, so the aggregate is refreshed by hand.
    await db.write(`MATCH (a:Enterprise {id: 'ex-repair'}), (b:Enterprise {id: 'ex-chem'})
      CREATE (a)-[:SUPPLIES {product: 'test', stage: 'oilgas.repair', volumeMlnRub: 2.25}]->(b)`);
    try {
      await refreshAggregate(db);
      for (const read of [overview, overviewLive]) {
        expect((await read(db, 'oilgas')).flows).toEqual([
          { source: '29', target: '35', volumeMlnRub: 2.25, links: 1 },
        ]);
        expect((await read(db, 'timber')).flows.some((f) => f.target === '35')).toBe(false);
        expect((await read(db, 'all')).flows).toContainEqual({
          source: '29',
          target: '35',
          volumeMlnRub: 2.25,
          links: 1,
        });
      }
    } finally {
      await db.write(
        "MATCH (:Enterprise {id: 'ex-repair'})-[l:SUPPLIES {product: 'test'}]->(:Enterprise {id: 'ex-chem'}) DELETE l",
      );
      await refreshAggregate(db);
    }
    expect((await overview(db, 'oilgas')).flows).toEqual([]);
  });
});

describe('GET /api/overview', () => {
  it('answers with the same figures, all chains by default', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/overview?chain=timber' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as Overview;
    expect(body.regions).toHaveLength(89);
    expect(body.flows[1]).toEqual({ source: '29', target: '11', volumeMlnRub: 8, links: 1 });
    expect((await app.inject({ method: 'GET', url: '/api/overview' })).json().chain).toBe('all');
  });

  it("counts each region's gaps as the gap matrix does: per chain, and summed over the chains for all", async () => {
    const perChain: Record<string, Record<string, number>> = {};
    for (const chain of ['timber', 'oilgas']) {
      const matrix = (await app.inject({ method: 'GET', url: `/api/gaps/matrix?chain=${chain}` })).json() as {
        regions: { code: string }[];
        gap: number[][];
      };
      perChain[chain] = Object.fromEntries(
        matrix.regions.map((r, i) => [r.code, matrix.gap.filter((row) => row[i] !== 0).length]),
      );
      const body = (await app.inject({ method: 'GET', url: `/api/overview?chain=${chain}` })).json() as Overview;
      expect(Object.fromEntries(body.regions.map((r) => [r.code, r.gaps]))).toEqual(perChain[chain]);
    }
    // Komi buys at timber stages it has no enterprise of (process chemicals from Vologda, repair from
    // Arkhangelsk): gaps there; a region without any enterprise or purchase has none.
    expect(perChain.timber['11']).toBeGreaterThan(0);
    expect(perChain.timber['87']).toBe(0);
    const all = (await app.inject({ method: 'GET', url: '/api/overview?chain=all' })).json() as Overview;
    for (const r of all.regions) expect(r.gaps).toBe(perChain.timber[r.code] + perChain.oilgas[r.code]);
  });

  it('refuses an unknown chain with 400', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/overview?chain=steel' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('bad_request');
  });

  it('is in the OpenAPI document with its parameter and response', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const op = doc.paths['/api/overview'].get;
    expect(op.parameters.find((p: { name: string }) => p.name === 'chain')).toBeTruthy();
    expect(op.responses['200'].content['application/json'].schema.properties).toHaveProperty('flows');
  });
});

const CHAINS = ['timber', 'oilgas', 'all'];
/** The overview without the aggregate's timestamp, to compare aggregate and live figures. */
const figures = ({ refreshedAt: _refreshedAt, ...o }: Overview) => o;
const marker = async () =>
  (
    await db.read(
      "MATCH (g:FlowAggregate {id: 'overview'}) RETURN g.version AS version, toString(g.refreshedAt) AS refreshedAt",
    )
  )[0];

describe('the aggregate', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'coopgraph-overview-'));
  const file = (name: string, content: string) => {
    const path = join(tmp, name);
    writeFileSync(path, content);
    return { path, name };
  };

  // The examples as a fresh load leaves them (the tests above may have changed them); that
  // removes the account the app above signed in with, so this block has an app of its own.
  const freshApi = useApp(useExamples());
  beforeAll(() => {
    ({ app } = freshApi);
  });

  it('is written by the import: one row per region pair and chain, one count per region and chain', async () => {
    expect(await aggregateState(db)).toMatchObject({ missing: false, stale: false });
    const [g] = await db.read(
      "MATCH (g:FlowAggregate {id: 'overview'}) RETURN g.chains AS chains, g.flowCounts AS flows, g.countCounts AS counts, g.links AS links, g.importRun AS run",
    );
    const [run] = await db.read("MATCH (r:ImportRun {status: 'completed'}) RETURN r.id AS id");
    // timber: 11→11, 29→11, 35→11; oilgas: none; all: the same three pairs.
    expect(g).toMatchObject({
      chains: ['oilgas', 'timber', 'all'],
      flows: [0, 3, 3],
      counts: [89, 89, 89],
      links: 5,
      run: run.id,
    });
    const rows = await db.read(
      "MATCH (f:RegionFlow {chain: 'timber'}) RETURN f.source AS s, f.target AS t, f.volumeMlnRub AS v, f.links AS n ORDER BY s, t",
    );
    expect(rows).toEqual([
      { s: '11', t: '11', v: 77.5, n: 3 },
      { s: '29', t: '11', v: 8, n: 1 },
      { s: '35', t: '11', v: 30, n: 1 },
    ]);
    const [komi] = await db.read(
      "MATCH (c:RegionCount {chain: 'timber', region: '11'}) RETURN c.enterprises AS e, c.smes AS s",
    );
    expect(komi).toEqual({ e: 3, s: 2 });
  });

  it('gives the same overview as the live query, for every chain', async () => {
    for (const chain of CHAINS) {
      const aggregated = await overviewFromAggregate(db, chain);
      expect(aggregated?.refreshedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(figures(aggregated!)).toEqual(figures(await overviewLive(db, chain)));
    }
  });

  it('is left as it was by a rejected import and by a dry run', async () => {
    const before = await marker();
    const expected = await Promise.all(CHAINS.map((c) => overview(db, c)));
    const bad = file(
      'bad-links.csv',
      'supplier,buyer,product,okved,volume_mln_rub,since\nex-chem,ex-sawmill,Антисептик,20.13,1.25,2023\nex-pulp,ex-repair,Бумага,17.12,-4,2022\n',
    );
    const rejected = await importFiles(db, [bad], importOptions(settings));
    expect(rejected.ok).toBe(false);
    expect(rejected.aggregate).toBeUndefined();
    const good = file(
      'good-links.csv',
      'supplier,buyer,product,okved,volume_mln_rub,since\nex-chem,ex-sawmill,Антисептик,20.13,1.25,2023\n',
    );
    const dry = await importFiles(db, [good], { ...importOptions(settings), dryRun: true });
    expect(dry.ok).toBe(true);
    expect(dry.aggregate).toBeUndefined();
    expect(await marker()).toEqual(before);
    expect(await Promise.all(CHAINS.map((c) => overview(db, c)))).toEqual(expected);
  });

  it('follows an import of more enterprises and links, with figures worked by hand', async () => {
    // ex-it (77 Moscow, 62.01: no chain; 10 staff, 50 mln → micro) and four links:
    //   ex-logging→ex-sawmill 40 → 42 (the same link again, new volume): timber, local 11 77.5 → 79.5
    //   ex-chem→ex-sawmill 1.25 (20.13):  timber, 35 → 11 becomes 31.25 in 2 links
    //   ex-pulp→ex-repair 4.75 (17.12):   timber (paper), a new flow 11 → 29
    //   ex-it→ex-pulp 3.5 (62.01):        no stage, so under 'all' only: 77 → 11
    const before = await marker();
    const report = await importFiles(
      db,
      [
        file(
          'more-enterprises.csv',
          'id,inn,name,region,okved,employees,revenue_mln_rub,cluster,cluster_role,technopark,priority_territory\nex-it,,ООО «Пример ИТ»,77,62.01,10,50,,,,false\n',
        ),
        file(
          'more-links.csv',
          [
            'supplier,buyer,product,okved,volume_mln_rub,since',
            'ex-logging,ex-sawmill,Пиловочник,02.20,42,2019',
            'ex-chem,ex-sawmill,Антисептик,20.13,1.25,2023',
            'ex-pulp,ex-repair,Бумага,17.12,4.75,2022',
            'ex-it,ex-pulp,Программа учёта,62.01,3.5,2022',
          ].join('\n') + '\n',
        ),
      ],
      importOptions(settings),
    );
    expect(report.errors).toEqual([]);
    expect(report.aggregate).toMatchObject({ version: Number(before.version) + 1 });
    expect((await aggregateState(db)).stale).toBe(false);

    const timber = await overview(db, 'timber');
    expect(timber.refreshedAt).not.toBe(before.refreshedAt);
    expect(populated(timber)).toEqual({ '11': [3, 2], '29': [1, 1], '35': [1, 1] });
    expect(region(timber, '11').local).toEqual({ volumeMlnRub: 79.5, links: 3 });
    expect(timber.flows).toEqual([
      { source: '35', target: '11', volumeMlnRub: 31.25, links: 2 },
      { source: '29', target: '11', volumeMlnRub: 8, links: 1 },
      { source: '11', target: '29', volumeMlnRub: 4.75, links: 1 },
    ]);
    const oilgas = await overview(db, 'oilgas');
    expect(populated(oilgas)).toEqual({ '29': [1, 1] });
    expect(oilgas.flows).toEqual([]);
    const all = await overview(db, 'all');
    expect(populated(all)).toEqual({ '11': [3, 2], '29': [1, 1], '35': [1, 1], '77': [1, 1] });
    expect(region(all, '11').local).toEqual({ volumeMlnRub: 79.5, links: 3 });
    expect(region(all, '77').local).toEqual({ volumeMlnRub: 0, links: 0 });
    expect(all.flows).toEqual([
      { source: '35', target: '11', volumeMlnRub: 31.25, links: 2 },
      { source: '29', target: '11', volumeMlnRub: 8, links: 1 },
      { source: '11', target: '29', volumeMlnRub: 4.75, links: 1 },
      { source: '77', target: '11', volumeMlnRub: 3.5, links: 1 },
    ]);
    for (const chain of CHAINS)
      expect(figures(await overview(db, chain))).toEqual(figures(await overviewLive(db, chain)));
    // Over HTTP too (the response keeps its shape: no extra fields).
    const body = (await app.inject({ method: 'GET', url: '/api/overview?chain=all' })).json();
    expect(body).toEqual(figures(await overviewWithGaps(db, 'all', settings.gapLsrThreshold)));
  });

  it('when missing: computed live on a small graph, refused with 503 «aggregating» on a large one, rebuilt at start-up', async () => {
    const expected = await Promise.all(CHAINS.map((c) => overview(db, c)));
    await db.write('MATCH (n) WHERE n:FlowAggregate OR n:RegionFlow OR n:RegionCount DELETE n');
    expect(await overviewFromAggregate(db, 'timber')).toBeNull();
    expect(await aggregateState(db)).toMatchObject({ missing: true });
    // Gap counts that cannot be had are unknown (null), never 0.
    expect(await regionGapCounts(db, settings.gapLsrThreshold, 'timber', { liveMaxLinks: 0 })).toBeNull();
    const live = await overview(db, 'timber');
    expect(live.refreshedAt).toBeNull();
    expect(figures(live)).toEqual(figures(expected[0]));
    // The same graph taken for a large one (over 0 links): no live scan.
    const refused = await overview(db, 'timber', { liveMaxLinks: 0 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OverviewPendingError);
    expect(refused).toMatchObject({
      code: 'aggregating',
      reason: expect.stringMatching(/8 links.*not been aggregated yet/),
    });
    const res = await app.inject({ method: 'GET', url: '/api/overview?chain=timber' });
    expect(res.statusCode).toBe(200); // small: live
    // What start-up does.
    expect(await ensureAggregate(db, () => {})).toMatchObject({ links: 8 });
    expect(await ensureAggregate(db, () => {})).toBeNull();
    expect((await Promise.all(CHAINS.map((c) => overview(db, c)))).map(figures)).toEqual(expected.map(figures));
  });

  it('is stale after an import it does not include (another process, or one killed half-way), and start-up refreshes it', async () => {
    const before = await marker();
    await db.write(
      "CREATE (:ImportRun {id: 'overview-test-killed', status: 'running', startedAt: datetime() + duration('PT1S')})",
    );
    try {
      expect(await aggregateState(db)).toMatchObject({ missing: false, stale: true });
      await new Promise((r) => setTimeout(r, 1100));
      expect(await ensureAggregate(db, () => {})).not.toBeNull();
      expect(Number((await marker()).version)).toBe(Number(before.version) + 1);
      expect((await aggregateState(db)).stale).toBe(false);
    } finally {
      await db.write("MATCH (r:ImportRun {id: 'overview-test-killed'}) DELETE r");
    }
  });

  it('matches the live query on a generated graph, and concurrent reads never see half of a refresh', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coopgraph-overview-gen-'));
    const { files, counts } = await generateDataset({ enterprises: 800, outDir: dir, reference: loadReference() });
    const report = await importFiles(
      db,
      [{ path: files.clusters }, { path: files.enterprises }, { path: files.links }],
      { ...importOptions(settings), batchSize: 2_000 },
    );
    expect(report.errors).toEqual([]);
    const [{ noStage }] = await db.read('MATCH ()-[l:SUPPLIES]->() WHERE l.stage IS NULL RETURN count(l) AS noStage');
    const expected = new Map<string, ReturnType<typeof figures>>();
    for (const chain of CHAINS) {
      const live = figures(await overviewLive(db, chain));
      expect(figures((await overviewFromAggregate(db, chain))!)).toEqual(live);
      expected.set(chain, live);
    }
    const all = expected.get('all')!;
    const total = all.flows.reduce((n, f) => n + f.links, 0) + all.regions.reduce((n, r) => n + r.local.links, 0);
    expect(total).toBe(counts.links + 8); // the generated links, the examples' 5 and the extra file's 3 new ones
    expect(Number(noStage)).toBeGreaterThan(0); // 'all' counts links without a stage too

    let refreshing = true;
    const refreshes = (async () => {
      try {
        for (let i = 0; i < 5; i++) await refreshAggregate(db);
      } finally {
        refreshing = false;
      }
    })();
    let reads = 0;
    while (refreshing) {
      const chain = CHAINS[reads++ % CHAINS.length];
      expect(figures((await overviewFromAggregate(db, chain))!)).toEqual(expected.get(chain));
    }
    await refreshes;
    expect(reads).toBeGreaterThan(5);
  });
});
