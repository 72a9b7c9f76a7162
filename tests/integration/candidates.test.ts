// Candidate entrants of a gap (GET /api/gaps/candidates and its export) against the real Neo4j, on
// a small graph composed here, whose ranking is worked out by hand below.
//
// The gap: Komi (11), timber chain, stage timber.sawmilling (16.10). Sawmilling is fed by logging
// (02.20), transport (49.41), … and feeds panels, pulp (17.11), joinery (16.23), … Searched with
// radiusKm = 620, neighbours = 3: Komi, then Kirov 43 (347.4 km), Perm 59 (506.6 km), Udmurtia 18
// (552.4 km); Arkhangelsk 29 (607.9 km) is the 5th nearest, so out.
//
// Partners (the chain's anchors and large enterprises):
//   k-anchor  large, pulp, anchor of the Komi timber cluster   k-large  large, paper, no cluster
//   x-oil     large, refining (oilgas: not a partner)          x-oilanchor  anchor of an oilgas cluster
//
// Candidates (K: mean of the known of category 1/3·2/3·1, ln(1+staff)/ln 251, ln(1+revenue)/ln 2001):
//   in Komi
//   a  small 16.10, 40 staff, 150 mln; SUPPLIES ×2 and IN_PROGRAMME to k-anchor, CONTRACT to k-large:
//      2 partners, 4 relationships; active; K = 0.666263, T = 2/3
//      → 100 × (0.45 + 0.15 + 0.2·0.666263 + 0.2·0.666667) = 86.66
//   m  small, main code 25.62, a file named the stage (OPERATES_AT): active, no code → 45+15+13.33 = 73.33
//   k  small 02.20; 16.10 as an extra code of a user file (OPERATES_AT both): declared → 27+15+13.33 = 55.33
//   b  micro 02.20 (+16.10 extra, CAPABLE_OF); CONTRACT to x-oil (not a partner): declared → 27+15+6.67 = 48.67
//   c  small 49.41 (transport FEEDS sawmilling), 12 staff, 30 mln; k-anchor SUPPLIES it: 1 partner;
//      adjacent upstream; K = 0.527543 → 13.5 + 15 + 10.55 + 6.67 = 45.72
//   i, h, j  micro 16.23 (sawmilling FEEDS joinery): adjacent downstream, 13.5 + 15 + 6.67 = 35.17 each;
//      by INN: i (1101…) before h (1102…), j (no INN) last
//   out: d (left the register), e (large), f (tiesOnly), l (size unknown), o (logging services: not
//        next to sawmilling), y (oilgas only)
//   nearby
//   n  Kirov, medium 16.10, 200 staff, 1500 mln; SUPPLIES k-anchor: 1 partner; P = 1 − 347.4/620 =
//      0.439677, K = 0.973991 → 45 + 6.5952 + 19.4798 + 6.6667 = 77.74
//   q  Udmurtia, small 16.10; SUPPLIES k-large (a partner), IN_PROGRAMME to x-oilanchor (not one):
//      P = 0.109032 → 45 + 1.6355 + 13.3333 + 6.6667 = 66.64
//   p  Perm, small 17.11 (pulp), 50 staff: adjacent downstream, P = 0.182903, K = 0.689125 → 30.03
//   r  Arkhangelsk, small 16.10: outside the search with neighbours = 3 (in with the defaults)
//
// Order: a, m, k, b, c, i, h, j (Komi), then n, q, p. Buyers at sawmilling in Komi: k-anchor
// (from a 10 + 5, from n 20 = 35 mln RUB), k-large (from q 7).
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { prepareDatabase } from '../../server/setup.js';
import { completeInn } from '../../core/reference.js';
import type { CandidateReport } from '../../core/schemas.js';
import neo4j from 'neo4j-driver';
import { cypher } from '../../server/db.js';
import { useApp, useDataset, type Dataset } from '../fixtures/index.js';

interface E {
  id: string;
  region: string;
  size: string | null;
  okved: string | null;
  okvedAll?: string[];
  operates?: string[];
  capable?: string[];
  inn?: string | null;
  employees?: number;
  revenue?: number;
  extra?: Record<string, unknown>;
}

const inn = (body: string) => completeInn(body);
const ENTERPRISES: E[] = [
  { id: 'k-anchor', region: '11', size: 'large', okved: '17.11', operates: ['timber.pulp'], inn: inn('110000001') },
  { id: 'k-large', region: '11', size: 'large', okved: '17.12', operates: ['timber.paper'], inn: inn('110000002') },
  { id: 'x-oil', region: '11', size: 'large', okved: '19.20', operates: ['oilgas.refining'] },
  { id: 'x-oilanchor', region: '11', size: 'large', okved: '06.10', operates: ['oilgas.oil-production'] },
  {
    id: 'a',
    region: '11',
    size: 'small',
    okved: '16.10',
    operates: ['timber.sawmilling'],
    inn: inn('110100005'),
    employees: 40,
    revenue: 150,
    extra: { employeesYear: 2024, revenueYear: 2023, sizeSource: 'register' },
  },
  { id: 'm', region: '11', size: 'small', okved: '25.62', operates: ['timber.sawmilling'], inn: inn('110100006') },
  {
    id: 'k',
    region: '11',
    size: 'small',
    okved: '02.20',
    okvedAll: ['02.20', '16.10'],
    operates: ['timber.logging', 'timber.sawmilling'],
    inn: inn('110100007'),
  },
  {
    id: 'b',
    region: '11',
    size: 'micro',
    okved: '02.20',
    okvedAll: ['02.20', '16.10'],
    operates: ['timber.logging'],
    capable: ['timber.sawmilling'],
    inn: inn('110100008'),
  },
  {
    id: 'c',
    region: '11',
    size: 'small',
    okved: '49.41',
    operates: ['timber.transport', 'oilgas.trucking'],
    inn: inn('110100009'),
    employees: 12,
    revenue: 30,
  },
  { id: 'i', region: '11', size: 'micro', okved: '16.23', operates: ['timber.joinery'], inn: inn('110100001') },
  { id: 'h', region: '11', size: 'micro', okved: '16.23', operates: ['timber.joinery'], inn: inn('110200002') },
  { id: 'j', region: '11', size: 'micro', okved: '16.23', operates: ['timber.joinery'], inn: null },
  {
    id: 'd',
    region: '11',
    size: 'medium',
    okved: '16.10',
    operates: ['timber.sawmilling'],
    extra: { leftRegisterAt: '2025-01-10' },
  },
  { id: 'e', region: '11', size: 'large', okved: '16.10', operates: ['timber.sawmilling'] },
  { id: 'f', region: '11', size: 'small', okved: '16.10', operates: ['timber.sawmilling'], extra: { tiesOnly: true } },
  { id: 'l', region: '11', size: null, okved: '16.10', operates: ['timber.sawmilling'] },
  { id: 'o', region: '59', size: 'micro', okved: '02.40', operates: ['timber.logging-services'] },
  { id: 'y', region: '11', size: 'small', okved: '19.20', operates: ['oilgas.refining'] },
  {
    id: 'n',
    region: '43',
    size: 'medium',
    okved: '16.10',
    operates: ['timber.sawmilling'],
    inn: inn('430100001'),
    employees: 200,
    revenue: 1500,
  },
  { id: 'q', region: '18', size: 'small', okved: '16.10', operates: ['timber.sawmilling'], inn: inn('180100001') },
  {
    id: 'p',
    region: '59',
    size: 'small',
    okved: '17.11',
    operates: ['timber.pulp'],
    inn: inn('590100001'),
    employees: 50,
  },
  { id: 'r', region: '29', size: 'small', okved: '16.10', operates: ['timber.sawmilling'], inn: inn('290100001') },
];

const TIES = [
  { type: 'SUPPLIES', from: 'a', to: 'k-anchor', props: { stage: 'timber.sawmilling', volumeMlnRub: 10 } },
  { type: 'SUPPLIES', from: 'a', to: 'k-anchor', props: { stage: 'timber.sawmilling', volumeMlnRub: 5 } },
  { type: 'IN_PROGRAMME', from: 'a', to: 'k-anchor', props: { number: 'П-1', date: '2024-03-01' } },
  { type: 'CONTRACT', from: 'a', to: 'k-large', props: { law: '223-FZ', subject: 'пиломатериалы' } },
  { type: 'SUPPLIES', from: 'k-anchor', to: 'c', props: { stage: 'timber.transport', volumeMlnRub: 3 } },
  { type: 'CONTRACT', from: 'b', to: 'x-oil', props: { law: '44-FZ', subject: 'доски' } },
  { type: 'IN_PROGRAMME', from: 'q', to: 'x-oilanchor', props: { number: 'П-2' } },
  { type: 'SUPPLIES', from: 'n', to: 'k-anchor', props: { stage: 'timber.sawmilling', volumeMlnRub: 20 } },
  { type: 'SUPPLIES', from: 'q', to: 'k-large', props: { stage: 'timber.sawmilling', volumeMlnRub: 7 } },
];

const CANDIDATES_DATASET: Dataset = {
  name: 'candidates: a composed graph around Komi sawmilling',
  async load(db) {
    await prepareDatabase(db);
    await db.write(
      `UNWIND $rows AS row
       CREATE (e:Enterprise {id: row.id, name: 'ООО «' + toUpper(row.id) + '»', region: row.region, okved: row.okved,
                             okvedAll: row.okvedAll, stages: row.operates, synthetic: false, datasets: ['test']})
       SET e.size = row.size, e.inn = row.inn, e.employees = row.employees, e.revenueMlnRub = row.revenue, e += row.extra
       WITH e, row
       MATCH (r:Region {code: row.region}) CREATE (e)-[:LOCATED_IN]->(r)
       WITH e, row
       CALL (e, row) { UNWIND row.operates AS s MATCH (st:Stage {id: s}) CREATE (e)-[:OPERATES_AT]->(st) }
       CALL (e, row) { UNWIND row.capable AS s MATCH (st:Stage {id: s}) CREATE (e)-[:CAPABLE_OF]->(st) }`,
      {
        rows: ENTERPRISES.map((e) => ({
          ...e,
          inn: e.inn ?? null,
          okvedAll: e.okvedAll ?? (e.okved ? [e.okved] : []),
          operates: e.operates ?? [],
          capable: e.capable ?? [],
          employees: e.employees ?? null,
          revenue: e.revenue ?? null,
          extra: e.extra ?? {},
        })),
      },
    );
    await db.write(
      `MATCH (r:Region {code: '11'})
       CREATE (t:Cluster {id: 'c-timber', name: 'Лесной кластер', chain: 'timber', kind: 'industrial', status: 'forming', datasets: ['test']})-[:BASED_IN]->(r),
              (o:Cluster {id: 'c-oil', name: 'Нефтегазовый кластер', chain: 'oilgas', kind: 'industrial', status: 'forming', datasets: ['test']})-[:BASED_IN]->(r)
       WITH t, o
       MATCH (a:Enterprise {id: 'k-anchor'}), (x:Enterprise {id: 'x-oilanchor'}), (c:Enterprise {id: 'c'})
       CREATE (a)-[:MEMBER_OF {role: 'anchor'}]->(t), (x)-[:MEMBER_OF {role: 'anchor'}]->(o),
              (c)-[:MEMBER_OF {role: 'participant'}]->(t)`,
    );
    for (const tie of TIES) {
      await db.write(
        `MATCH (a:Enterprise {id: $from}), (b:Enterprise {id: $to})
         CREATE (a)-[r:${tie.type}]->(b) SET r = $props, r.datasets = ['test']`,
        { from: tie.from, to: tie.to, props: tie.props },
      );
    }
  },
};

const data = useDataset(CANDIDATES_DATASET);
const api = useApp(data, 'planner');
let app: FastifyInstance;
beforeAll(() => {
  ({ app } = api);
});

const QUERY = 'region=11&chain=timber&stage=timber.sawmilling&radiusKm=620&neighbours=3';
async function ask(query = QUERY): Promise<CandidateReport> {
  const r = await app.inject({ url: `/api/gaps/candidates?${query}` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

// The test's own haversine, independent of the server's.
function km(a: [number, number], b: [number, number]): number {
  const [lat1, lon1, lat2, lon2] = [...a, ...b].map((d) => (d * Math.PI) / 180);
  const h = Math.sin((lat2 - lat1) / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin((lon2 - lon1) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}
const KOMI: [number, number] = [61.67, 50.84];

describe('GET /api/gaps/candidates', () => {
  it('ranks the SMEs worked out by hand: Komi first, then the nearest regions, each by score then INN', async () => {
    const r = await ask();
    expect(r.candidates.map((c) => [c.id, c.score])).toEqual([
      ['a', 86.66],
      ['m', 73.33],
      ['k', 55.33],
      ['b', 48.67],
      ['c', 45.72],
      ['i', 35.17],
      ['h', 35.17],
      ['j', 35.17],
      ['n', 77.74],
      ['q', 66.64],
      ['p', 30.03],
    ]);
    expect(r.candidates.map((c) => c.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(r.total).toBe(11);
    expect(r.counts).toEqual({ active: 4, declared: 2, adjacent: 5 });
    expect(r.regions.map((x) => [x.code, x.candidates])).toEqual([
      ['11', 8],
      ['43', 1],
      ['59', 1],
      ['18', 1],
    ]);
    expect(r.regions[1].distanceKm).toBeCloseTo(km(KOMI, [58.6, 49.67]), 0);
    expect(r.stage).toMatchObject({ id: 'timber.sawmilling', feeds: expect.arrayContaining(['timber.pulp']) });
    expect(r.stage.fedBy).toEqual(expect.arrayContaining(['timber.logging', 'timber.transport']));
  });

  it('shows every component: evidence and the code, category, staff and revenue with their years, distance, ties', async () => {
    const r = await ask();
    const a = r.candidates.find((c) => c.id === 'a')!;
    expect(a).toMatchObject({
      inn: inn('110100005'),
      name: 'ООО «A»',
      region: '11',
      regionName: 'Республика Коми',
      inRegion: true,
      distanceKm: 0,
      size: 'small',
      sizeSource: 'register',
      employees: 40,
      employeesYear: 2024,
      revenueMlnRub: 150,
      revenueYear: 2023,
      evidence: {
        kind: 'active',
        code: '16.10',
        codeName: 'Распиловка и строгание древесины',
        relation: 'OPERATES_AT',
      },
    });
    // Each partner once: k-anchor with its three relationships, k-large with one.
    expect(a.ties.partners).toBe(2);
    expect(a.ties.relationships).toBe(4);
    expect(a.ties.list).toEqual([
      {
        id: 'k-anchor',
        name: 'ООО «K-ANCHOR»',
        nameEn: null,
        anchor: true,
        large: true,
        kinds: ['IN_PROGRAMME', 'SUPPLIES'],
        relationships: 3,
      },
      {
        id: 'k-large',
        name: 'ООО «K-LARGE»',
        nameEn: null,
        anchor: false,
        large: true,
        kinds: ['CONTRACT'],
        relationships: 1,
      },
    ]);
    expect(a.components.evidence.points).toBe(45);
    expect(a.components.proximity.points).toBe(15);
    expect(a.components.capacity.normalised).toBeCloseTo(0.666263, 5);
    expect(a.components.ties).toMatchObject({ value: 2, normalised: 0.666667 });

    const c = r.candidates.find((x) => x.id === 'c')!;
    expect(c.evidence).toMatchObject({
      kind: 'adjacent',
      code: '49.41',
      stage: 'timber.transport',
      direction: 'upstream',
    });
    expect(c.ties.list.map((t) => t.id)).toEqual(['k-anchor']); // supplied by the anchor: either way counts
    const b = r.candidates.find((x) => x.id === 'b')!;
    expect(b.evidence).toMatchObject({ kind: 'declared', code: '16.10', relation: 'CAPABLE_OF' });
    expect(b.ties.partners).toBe(0); // a contract with an oil refinery is not a tie to the timber chain
    expect(b.employees).toBeNull();
    expect(b.components.capacity).toMatchObject({ employees: null, revenue: null, normalised: 0.333333 });
    expect(r.candidates.find((x) => x.id === 'k')!.evidence).toMatchObject({
      kind: 'declared',
      code: '16.10',
      relation: 'OPERATES_AT',
    });
    expect(r.candidates.find((x) => x.id === 'm')!.evidence).toMatchObject({ kind: 'active', code: null });
    expect(r.candidates.find((x) => x.id === 'p')!.evidence).toMatchObject({
      kind: 'adjacent',
      code: '17.11',
      direction: 'downstream',
    });
    const q = r.candidates.find((x) => x.id === 'q')!;
    expect(q.ties.list.map((t) => t.id)).toEqual(['k-large']); // the oil cluster's anchor is not the timber chain's
    expect(q.distanceKm).toBeCloseTo(km(KOMI, [56.85, 53.2]), 0);
    expect(q.inRegion).toBe(false);
  });

  it('leaves out who left the register, large and unknown-size enterprises, customers known only from ties', async () => {
    const ids = (await ask()).candidates.map((c) => c.id);
    for (const out of ['d', 'e', 'f', 'l', 'o', 'y', 'r', 'k-anchor', 'k-large']) expect(ids).not.toContain(out);
  });

  it('searches further with the defaults (1000 km, 8 regions): Arkhangelsk joins, proximity rescales', async () => {
    const r = await ask('region=11&chain=timber&stage=timber.sawmilling');
    expect(r.radiusKm).toBe(1000);
    expect(r.neighbours).toBe(8);
    expect(r.regions.map((x) => x.code)).toEqual(['11', '43', '59', '18', '12', '29', '21', '35', '16']);
    const rr = r.candidates.find((c) => c.id === 'r')!;
    // 100 × (0.45 + 0.15 · (1 − 607.86 / 1000) + 0.2 · 2/3) = 45 + 5.882 + 13.333 = 64.2154 → 64.22 (from the
    // unrounded distance; 607.9 km, rounded first, would give 64.21)
    const arkhangelsk = km(KOMI, [64.54, 40.53]);
    expect(rr.score).toBe(Math.round(100 * (0.45 + 0.15 * (1 - arkhangelsk / 1000) + 0.2 * (2 / 3)) * 100) / 100);
    expect(rr.score).toBe(64.22);
    // n: 45 + 15 · 0.65257 + 19.4798 + 6.6667 = 80.9350 → 80.93 (P from the unrounded distance, just under
    // 0.6526); q: 45 + 6.714 + 13.3333 + 6.6667 = 71.71;
    // p: 13.5 + 15 · 0.4934 + 13.7825 = 34.68
    expect(r.candidates.slice(8).map((c) => [c.id, c.score])).toEqual([
      ['n', 80.93],
      ['q', 71.71],
      ['r', 64.22],
      ['p', 34.68],
    ]);
  });

  it('only the gap region with neighbours=0', async () => {
    const r = await ask('region=11&chain=timber&stage=timber.sawmilling&neighbours=0');
    expect(r.regions.map((x) => x.code)).toEqual(['11']);
    expect(r.total).toBe(8);
  });

  it('pages with limit and offset, ranks counting from the start', async () => {
    const r = await ask(`${QUERY}&limit=3&offset=2`);
    expect(r.candidates.map((c) => [c.rank, c.id])).toEqual([
      [3, 'k'],
      [4, 'b'],
      [5, 'c'],
    ]);
    expect(r).toMatchObject({ total: 11, offset: 2, limit: 3 });
  });

  it('lists the buyers at the stage in the region, largest first, anchors flagged', async () => {
    const r = await ask();
    expect(r.buyers).toEqual([
      { id: 'k-anchor', name: 'ООО «K-ANCHOR»', nameEn: null, anchor: true, volumeMlnRub: 35 },
      { id: 'k-large', name: 'ООО «K-LARGE»', nameEn: null, anchor: false, volumeMlnRub: 7 },
    ]);
  });

  it('states the method with its settings', async () => {
    const r = await ask();
    expect(r.method).toContain('620 km');
    expect(r.method).toContain('up to 3 other regions');
    expect(r.method).toContain('each counted once');
    expect(r.weights).toEqual({ evidence: 0.45, proximity: 0.15, capacity: 0.2, ties: 0.2 });
    expect(r.evidenceValues).toEqual({ active: 1, declared: 0.6, adjacent: 0.3 });
    expect(r.capacityScale).toEqual({ employees: 250, revenueMlnRub: 2000 });
  });

  it('an empty answer where nobody fits: a stage of the timber chain with no SMEs near Kamchatka', async () => {
    const r = await ask('region=41&chain=timber&stage=timber.sawmilling');
    expect(r.total).toBe(0);
    expect(r.candidates).toEqual([]);
    expect(r.buyers).toEqual([]);
  });

  it('refuses an unknown region, chain or stage (404) and a stage of another chain (400), with the reason', async () => {
    const cases: [string, number, string | undefined][] = [
      ['region=99&chain=timber&stage=timber.sawmilling', 404, 'unknown-region'],
      ['region=11&chain=wood&stage=timber.sawmilling', 404, 'unknown-chain'],
      ['region=11&chain=timber&stage=timber.nothing', 404, 'unknown-stage'],
      ['region=11&chain=timber&stage=oilgas.refining', 400, 'stage-not-in-chain'],
      ['region=K1&chain=timber&stage=timber.sawmilling', 400, undefined],
      ['region=11&chain=timber', 400, undefined],
      ['region=11&chain=timber&stage=timber.sawmilling&limit=0', 400, undefined],
    ];
    for (const [query, status, reason] of cases) {
      const r = await app.inject({ url: `/api/gaps/candidates?${query}` });
      expect(r.statusCode, query).toBe(status);
      expect(r.json().reason, query).toBe(reason);
      expect(r.json().message, query).toBeTruthy();
    }
    expect(
      (await app.inject({ url: '/api/gaps/candidates?region=11&chain=timber&stage=oilgas.refining' })).json().message,
    ).toBe('stage oilgas.refining belongs to chain oilgas, not timber');
  });

  it('reads through indexes: the plan seeks by an index (the stage, or the regions when they hold fewer) and scans no label', async () => {
    const driver = neo4j.driver(
      data.settings.neo4jUri,
      neo4j.auth.basic(data.settings.neo4jUser, data.settings.neo4jPassword),
    );
    try {
      const session = driver.session({ database: data.settings.neo4jDatabase });
      const result = await session.run(`EXPLAIN ${cypher('gaps-candidates')}`, {
        stage: 'timber.sawmilling',
        chain: 'timber',
        regions: ['11', '43'],
      });
      await session.close();
      const operators: string[] = [];
      const walk = (p: { operatorType: string; children: unknown[] }) => {
        operators.push(p.operatorType.replace(/@.*$/, ''));
        for (const c of p.children) walk(c as typeof p);
      };
      walk(result.summary.plan as unknown as { operatorType: string; children: unknown[] });
      // Neo4j's cost-based planner starts from the stage (unique index) or from the regions
      // (range index) depending on the counts it sees; either way it seeks, never scans a label.
      expect(
        operators.some((o) => /^Node(Unique)?IndexSeek/.test(o)),
        operators.join(', '),
      ).toBe(true);
      expect(
        operators.filter((o) => /LabelScan|AllNodesScan/.test(o)),
        operators.join(', '),
      ).toEqual([]);
    } finally {
      await driver.close();
    }
  });
});

describe('GET /api/gaps/candidates/export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'candidates-export-'));
  const file = async (format: 'xlsx' | 'pdf', lang = 'ru') => {
    const r = await app.inject({
      url: `/api/gaps/candidates/export?${QUERY}&format=${format}&lang=${lang}&date=2025-06-30`,
    });
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    return r;
  };

  it('XLSX: the ranking with every component, in Russian, with no internal codes; the method on its own sheet', async () => {
    const r = await file('xlsx');
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain('кандидаты');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Кандидаты')!;
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values[0][0]).toBe('Кандидаты на вход в этап «Лесопиление и строгание древесины» — Республика Коми');
    const head = values.findIndex((v) => v[0] === '№');
    expect(values[head]).toContain('Основание');
    expect(values[head]).toContain('Выручка, млн руб.');
    const rows = values.slice(head + 1);
    expect(rows.map((v) => v[1])).toEqual(
      ['A', 'M', 'K', 'B', 'C', 'I', 'H', 'J', 'N', 'Q', 'P'].map((x) => `ООО «${x}»`),
    );
    const col = (name: string) => values[head].indexOf(name);
    const a = rows[0];
    expect(a[col('ИНН')]).toBe(inn('110100005'));
    expect(a[col('Регион')]).toBe('Республика Коми');
    expect(a[col('Основание')]).toBe('основной вид деятельности');
    expect(a[col('Код ОКВЭД2')]).toBe('16.10');
    expect(a[col('Категория')]).toBe('малое');
    expect(a[col('Численность, чел.')]).toBe(40);
    expect(a[col('Год численности')]).toBe(2024);
    expect(a[col('Выручка, млн руб.')]).toBe(150);
    expect(a[col('Партнёров в цепочке')]).toBe(2);
    expect(a[col('Балл')]).toBe(86.66);
    expect(String(a[col('Связи с якорями и крупными предприятиями')])).toContain('ООО «K-ANCHOR» (якорь, крупное)');
    expect(rows[4][col('Основание')]).toBe('смежный этап (поставляет на этап)');
    expect(rows[1][col('Код ОКВЭД2')]).toBe('этап указан в файле без кода');
    expect(rows[8][col('Расстояние, км')]).toBe(347);
    const text = JSON.stringify(values);
    for (const raw of ['timber.', 'active', 'declared', 'adjacent', '"small"', '"micro"', 'OPERATES_AT', 'SUPPLIES'])
      expect(text).not.toContain(raw);
    const method = wb.getWorksheet('Методика')!;
    expect(String(method.getCell('A2').value)).toContain('каждый партнёр считается один раз');
    expect(String(method.getCell('A2').value)).toContain('620 км');
  });

  it('PDF: the same ranking and the method, read back with pdftotext', async () => {
    const r = await file('pdf');
    expect(r.headers['content-type']).toBe('application/pdf');
    const path = join(dir, 'candidates.pdf');
    writeFileSync(path, r.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(text).toContain('Кандидаты на вход в этап «Лесопиление и строгание древесины» — Республика Коми');
    const order = ['A', 'M', 'K', 'B', 'C', 'I', 'H', 'J', 'N', 'Q', 'P'].map((x) => text.indexOf(`ООО «${x}»`));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((x, y) => x - y));
    expect(text).toContain('основной вид деятельности');
    expect(text).toContain('Методика');
    expect(text).toContain('86,66');
    expect(text).not.toMatch(/timber\.|OPERATES_AT|\bactive\b/);
    const pages = text.split('\f').filter((p) => p.trim());
    pages.forEach((page, i) => expect(page).toContain(`Стр. ${i + 1} из ${pages.length}`));
  });

  it('English on request', async () => {
    const r = await file('xlsx', 'en');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Candidates')!;
    expect(String(sheet.getCell('A1').value)).toBe(
      'Candidates to enter the stage “Sawmilling and planing” — Komi Republic',
    );
  });

  it('refuses a stage of another chain before writing anything', async () => {
    const r = await app.inject({
      url: '/api/gaps/candidates/export?region=11&chain=timber&stage=oilgas.refining&format=pdf',
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().reason).toBe('stage-not-in-chain');
  });
});
