// What-if scenarios (issue 4, item 3) against the real Neo4j: the hand-built graph of the gap
// analysis (seed/fixtures/gaps/, figures worked out in gaps.test.ts) plus a small Vologda cluster
// (seed/fixtures/scenarios/), both loaded through the import path. Every figure is worked out by
// hand below; the real data must be the same before and after.
//
// Komi (11), timber, today (gaps.test.ts): process chemicals D = 45 (v-chem→k-pulp 30 from 35,
// a-chem→k-pulp 15 from 29), L = 0, no enterprise → no-local-enterprise + missing-upstream-link;
// sawmilling D = 50, L = 20, LSR 0.4 → low-local-sourcing.
//
// cl-vol (35): vs-log logging (revenue 200), vs-saw sawmilling (300), vs-join joinery (100),
// vs-pan panels (100): revenue 700. Links: vs-log→vs-saw 40 (internal); from outside:
// ki-log→vs-saw 60 (logging), v-saw→vs-join 45 (sawmilling), ka-panel→vs-join 20 (panels),
// a-chem→vs-pan 10 (process chemicals). Dependence 40 / 700 = 5.71 % < 20 %: 140 − 40 = 100 missing.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { gapReport, readiness } from '../../server/gaps/index.js';
import type { Db } from '../../server/db.js';
import { asSession, signIn, type TestSession } from '../helpers.js';
import { snapshot } from '../helpers.js';
import { importedFolders, useApp, useDataset } from '../fixtures/index.js';

const FIXTURES = new URL('../../seed/fixtures/', import.meta.url).pathname;
const data = useDataset(importedFolders('gaps and scenarios', [`${FIXTURES}gaps/`, `${FIXTURES}scenarios/`]));
const api = useApp(data);
const { settings } = data;
let db: Db;
let app: FastifyInstance;

const T = (s: string) => `timber.${s}`;
const NL = 'no-local-enterprise';
const MU = 'missing-upstream-link';
const LOW = 'low-local-sourcing';
const get = async (url: string) => app.inject({ method: 'GET', url });
const send = async (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  app.inject({ method, url, payload: payload as object });
/** The real data: every node and relationship except the scenarios' own nodes. */
const realData = async () => (await snapshot(db)).filter((line) => !line.includes('"Scenario"'));

// Test's own haversine (as gaps.test.ts), for the distance left after a takeover.
function km(a: [number, number], b: [number, number]): number {
  const [lat1, lon1] = a.map((d) => (d * Math.PI) / 180);
  const [lat2, lon2] = b.map((d) => (d * Math.PI) / 180);
  const h = Math.sin((lat2 - lat1) / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin((lon2 - lon1) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}
const d29 = km([64.54, 40.53], [61.67, 50.84]);

beforeAll(() => {
  ({ db } = data);
  ({ app } = api);
});

const KOMI_ITEMS = [
  // An SME making process chemicals in Komi, taking over Vologda's 30 to k-pulp.
  {
    kind: 'enterprise',
    id: 'hypothetical:chem',
    name: 'ООО «Новая Химия»',
    region: '11',
    stages: [T('process-chemicals')],
    size: 'small',
    revenueMlnRub: 50,
    clusters: [],
  },
  {
    kind: 'link',
    supplier: 'hypothetical:chem',
    buyer: 'enterprise:k-pulp',
    stage: T('process-chemicals'),
    volumeMlnRub: 30,
    replaces: 'enterprise:v-chem',
  },
  // New demand: k-pulp buys 25 more sawn timber from k-saw.
  { kind: 'link', supplier: 'enterprise:k-saw', buyer: 'enterprise:k-pulp', stage: T('sawmilling'), volumeMlnRub: 25 },
];

describe('scenarios are stored apart from the real data', () => {
  it('create, read, list, change with the version read, refuse a stale version, delete — the real data never change', async () => {
    const before = await realData();
    const created = await send('POST', '/api/scenarios', { name: 'Химия в Коми', items: KOMI_ITEMS });
    expect(created.statusCode).toBe(201);
    const s = created.json();
    expect(s).toMatchObject({
      name: 'Химия в Коми',
      version: 1,
      description: '',
      shared: false,
      mine: true,
      canChange: true,
    });
    expect(s.owner).toMatch(/^test-admin-/);
    expect(s.items).toHaveLength(3);
    expect(s.items[2]).toMatchObject({ kind: 'link', replaces: null, volumeMlnRub: 25 });
    expect((await get(`/api/scenarios/${s.id}`)).json()).toEqual(s);
    expect((await get('/api/scenarios')).json().scenarios).toContainEqual(
      expect.objectContaining({ id: s.id, enterprises: 1, links: 2 }),
    );

    const changed = await send('PUT', `/api/scenarios/${s.id}`, {
      name: 'Химия в Коми, v2',
      items: KOMI_ITEMS.slice(0, 2),
      version: 1,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ version: 2, name: 'Химия в Коми, v2' });
    const stale = await send('PUT', `/api/scenarios/${s.id}`, { name: 'x', items: [], version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toMatch(/saved by someone else \(version 2, yours 1\)/);
    expect((await get(`/api/scenarios/${s.id}`)).json()).toMatchObject({
      version: 2,
      items: KOMI_ITEMS.slice(0, 2).map(() => expect.anything()),
    });

    // Neither the enterprises, the links nor the aggregate saw any of it.
    expect(await realData()).toEqual(before);
    const [{ n }] = await db.read(
      "MATCH (e:Enterprise) WHERE e.id STARTS WITH 'hypothetical' OR e.name = 'ООО «Новая Химия»' RETURN count(e) AS n",
    );
    expect(Number(n)).toBe(0);

    expect((await send('DELETE', `/api/scenarios/${s.id}`)).statusCode).toBe(204);
    expect((await get(`/api/scenarios/${s.id}`)).statusCode).toBe(404);
    expect((await send('DELETE', `/api/scenarios/${s.id}`)).statusCode).toBe(404);
    expect(await realData()).toEqual(before);
  });

  it('a bad item is refused with its position and field, and the scenario keeps what it had', async () => {
    const s = (await send('POST', '/api/scenarios', { name: 'Проверка', items: KOMI_ITEMS })).json();
    const cases: [unknown[], RegExp][] = [
      [[{ ...KOMI_ITEMS[0], region: '99' }], /^item 1, region: no region 99/],
      [[KOMI_ITEMS[0], { ...KOMI_ITEMS[1], stage: 'timber.nope' }], /^item 2, stage: no stage timber\.nope/],
      [[{ ...KOMI_ITEMS[2], buyer: 'enterprise:no-such' }], /^item 1, buyer: no enterprise no-such/],
      [
        [{ ...KOMI_ITEMS[2], supplier: 'hypothetical:ghost' }],
        /^item 1, supplier: hypothetical:ghost is not an enterprise of this scenario/,
      ],
      [[{ ...KOMI_ITEMS[2], volumeMlnRub: -5 }], /^item 1, volumeMlnRub/],
      [[{ ...KOMI_ITEMS[2], buyer: 'enterprise:k-saw' }], /^item 1, buyer: a contract needs two different enterprises/],
      [[{ ...KOMI_ITEMS[0], clusters: ['cl-none'] }], /^item 1, clusters: no cluster cl-none/],
      [[KOMI_ITEMS[0], KOMI_ITEMS[0]], /^item 2, id: hypothetical:chem is listed twice/],
      [[{ kind: 'factory' }], /^item 1, kind: enterprise or link/],
      // k-saw sells k-pulp sawmilling output, not process chemicals: there is no purchase to replace.
      [
        [KOMI_ITEMS[0], { ...KOMI_ITEMS[1], replaces: 'enterprise:k-saw' }],
        /^item 2, replaces: k-saw does not supply k-pulp at timber\.process-chemicals/,
      ],
    ];
    for (const [items, message] of cases) {
      const r = await send('PUT', `/api/scenarios/${s.id}`, { name: 'Проверка', items, version: 1 });
      expect(r.statusCode, JSON.stringify(items)).toBe(400);
      expect(r.json().message).toMatch(message);
    }
    expect((await get(`/api/scenarios/${s.id}`)).json()).toEqual(s);
    expect((await send('POST', '/api/scenarios', { name: '' })).statusCode).toBe(400);
    expect((await get('/api/gaps?chain=timber&region=11&scenario=not-an-id')).statusCode).toBe(400);
    expect(
      (await get('/api/gaps?chain=timber&region=11&scenario=00000000-0000-0000-0000-000000000000')).statusCode,
    ).toBe(404);
  });
});

describe('gaps and scores with a scenario, beside today', () => {
  let id: string;
  beforeAll(async () => {
    id = (await send('POST', '/api/scenarios', { name: 'Коми: химия и пиломатериалы', items: KOMI_ITEMS })).json().id;
  });

  it('process chemicals: D stays 45 (30 taken over from Vologda), L = 30, LSR 2/3 — no longer a gap; 15 left from Arkhangelsk', async () => {
    const today = (await get('/api/gaps?chain=timber&region=11')).json();
    const what = (await get(`/api/gaps?chain=timber&region=11&scenario=${id}`)).json();
    expect(today.scenario).toBeUndefined();
    expect(what.scenario).toMatchObject({
      id,
      name: 'Коми: химия и пиломатериалы',
      items: 3,
      skipped: [],
      replaced: [{ item: 2, volumeMlnRub: 30 }],
    });
    const t = today.stages.find((r: { stage: string }) => r.stage === T('process-chemicals'));
    const w = what.stages.find((r: { stage: string }) => r.stage === T('process-chemicals'));
    expect(t).toMatchObject({ demandMlnRub: 45, localMlnRub: 0, enterprises: 0, rules: [NL, MU] });
    expect(w).toMatchObject({
      demandMlnRub: 45,
      localMlnRub: 30,
      importedMlnRub: 15,
      links: 2,
      localLinks: 1,
      enterprises: 1,
      smes: 1,
      revenueMlnRub: 50,
      gap: false,
      rules: [],
    });
    expect(w.lsr).toBeCloseTo(30 / 45, 12);
    expect(w.importDistanceKm).toBeCloseTo(d29, 1);
    expect(w.sources).toEqual([{ region: '29', volumeMlnRub: 15, links: 1, distanceKm: expect.closeTo(d29, 1) }]);
    // Today's answer is still today's: the scenario was applied to a copy.
    expect(today).toEqual(JSON.parse(JSON.stringify(await gapReport(db, settings, 'timber', '11'))));
  });

  it('sawmilling: 25 more bought locally → D = 75, L = 45, LSR 0.6 ≥ 0.5: low-local-sourcing is gone', async () => {
    const what = (await get(`/api/gaps?chain=timber&region=11&scenario=${id}`)).json();
    const w = what.stages.find((r: { stage: string }) => r.stage === T('sawmilling'));
    expect(w).toMatchObject({
      demandMlnRub: 75,
      localMlnRub: 45,
      importedMlnRub: 30,
      links: 5,
      localLinks: 3,
      gap: false,
      rules: [],
    });
    expect(w.lsr).toBeCloseTo(0.6, 12);
    const today = (await get('/api/gaps?chain=timber&region=11')).json();
    expect(today.stages.find((r: { stage: string }) => r.stage === T('sawmilling')).rules).toEqual([LOW]);
    // 17 gaps today, 15 with the scenario.
    expect(today.stages.filter((r: { gap: boolean }) => r.gap)).toHaveLength(17);
    expect(what.stages.filter((r: { gap: boolean }) => r.gap)).toHaveLength(15);
  });

  it('the matrix, the opportunities and the partners take the scenario too', async () => {
    const m = (await get(`/api/gaps/matrix?chain=timber&scenario=${id}`)).json();
    const si = m.stages.findIndex((s: { id: string }) => s.id === T('process-chemicals'));
    const ri = m.regions.findIndex((r: { code: string }) => r.code === '11');
    expect([m.demandMlnRub[si][ri], m.localMlnRub[si][ri], m.enterprises[si][ri], m.gap[si][ri]]).toEqual([
      45, 30, 1, 0,
    ]);
    const today = (await get('/api/opportunities?chain=timber&region=11')).json();
    const what = (await get(`/api/opportunities?chain=timber&region=11&scenario=${id}`)).json();
    // 17 gaps today: 4 with demand ranked, 13 without apart; 15 with the scenario.
    expect([today.total, today.structuralTotal]).toEqual([4, 13]);
    expect(what.total + what.structuralTotal).toBe(15);
    expect(what.opportunities.map((o: { stage: string }) => o.stage)).not.toContain(T('process-chemicals'));
    // Vologda's chemical capacity to Komi is unchanged; its supply to Komi is now 0 (taken over).
    const partnersToday = (await get('/api/partners?stage=timber.process-chemicals&region=11')).json();
    const partnersWhat = (await get(`/api/partners?stage=timber.process-chemicals&region=11&scenario=${id}`)).json();
    expect(partnersToday.partners.find((p: { region: string }) => p.region === '35').suppliesMlnRub).toBe(30);
    expect(partnersWhat.partners.find((p: { region: string }) => p.region === '35').suppliesMlnRub).toBe(0);
  });

  it('a hypothetical SME in a partner region adds to its capacity and joins its list of SMEs', async () => {
    const s = (
      await send('POST', '/api/scenarios', {
        name: 'Химия в Вологде',
        items: [
          {
            kind: 'enterprise',
            id: 'hypothetical:vchem',
            name: 'ООО «Вологда Реагент»',
            region: '35',
            stages: [T('process-chemicals')],
            size: 'small',
            revenueMlnRub: 5000,
            clusters: [],
          },
        ],
      })
    ).json();
    const url = '/api/partners?stage=timber.process-chemicals&region=11';
    const vologda = (r: { partners: { region: string }[] }) =>
      r.partners.find((p) => p.region === '35') as unknown as {
        capacityMlnRub: number;
        smes: number;
        smeList: { id: string; hypothetical?: boolean }[];
      };
    const today = vologda((await get(url)).json());
    const what = vologda((await get(`${url}&scenario=${s.id}`)).json());
    expect(what.capacityMlnRub).toBe(today.capacityMlnRub + 5000);
    expect(what.smes).toBe(today.smes + 1);
    expect(what.smeList[0]).toMatchObject({ id: 'hypothetical:vchem', hypothetical: true, revenueMlnRub: 5000 });
    expect(what.smeList.slice(1)).toEqual(today.smeList);
  });

  it('an item whose enterprise left the data is skipped and said so', async () => {
    // A scenario naming an enterprise that is then deleted from the real data.
    await db.write(
      "CREATE (:Enterprise {id: 'tmp-gone', name: 'Временное', region: '11', stages: ['timber.sawmilling']})",
    );
    const s = (
      await send('POST', '/api/scenarios', {
        name: 'Устаревший',
        items: [
          {
            kind: 'link',
            supplier: 'enterprise:tmp-gone',
            buyer: 'enterprise:k-pulp',
            stage: T('sawmilling'),
            volumeMlnRub: 5,
          },
        ],
      })
    ).json();
    await db.write("MATCH (e:Enterprise {id: 'tmp-gone'}) DETACH DELETE e");
    const what = (await get(`/api/gaps?chain=timber&region=11&scenario=${s.id}`)).json();
    expect(what.scenario.skipped).toEqual([{ item: 1, reason: 'enterprise_gone', enterprise: 'tmp-gone' }]);
    expect(what.stages).toEqual((await get('/api/gaps?chain=timber&region=11')).json().stages);
  });
});

describe('registry readiness and contract suggestions', () => {
  it('cl-vol today: 4 participants, 2 without links, 40 / 700 = 5.7 %', async () => {
    const r = await readiness(db, settings, 'cl-vol');
    expect(r.checks.participants).toEqual({ status: 'failed', passed: false, value: 4, threshold: 10 });
    expect(r.checks.cooperation).toMatchObject({
      passed: true,
      value: 2,
      failing: [
        { id: 'vs-join', name: 'ООО «Сухона Столяр»' },
        { id: 'vs-pan', name: 'ООО «Сухона Фанера»' },
      ],
    });
    expect(r.checks.dependence).toMatchObject({
      passed: false,
      internalVolumeMlnRub: 40,
      revenueMlnRub: 700,
      threshold: 0.2,
    });
    expect(r.checks.dependence.value).toBeCloseTo(40 / 700, 6);
  });

  it('suggests taking over outside purchases: 60 logging (vs-log), 45 sawn timber (vs-saw), 20 panels (vs-pan); two reach 20 %', async () => {
    const s = (await get('/api/clusters/cl-vol/contract-suggestions')).json();
    expect(s.dependence).toMatchObject({
      internalVolumeMlnRub: 40,
      revenueMlnRub: 700,
      threshold: 0.2,
      neededMlnRub: 100,
    });
    // a-chem's 10 of process chemicals to vs-pan: no participant operates at that stage.
    expect(s.total).toBe(3);
    expect(
      s.suggestions.map(
        (c: {
          supplier: { id: string };
          buyer: { id: string };
          stage: string;
          volumeMlnRub: number;
          replaces: { id: string };
        }) => [c.supplier.id, c.buyer.id, c.stage, c.volumeMlnRub, c.replaces.id],
      ),
    ).toEqual([
      ['vs-log', 'vs-saw', T('logging'), 60, 'ki-log'],
      ['vs-saw', 'vs-join', T('sawmilling'), 45, 'v-saw'],
      ['vs-pan', 'vs-join', T('panels'), 20, 'ka-panel'],
    ]);
    expect(s.suggestions[0].dependenceAfter).toBeCloseTo(100 / 700, 6);
    // 60 + 45 = 105 ≥ 100: two contracts, (40 + 105) / 700 = 20.7 %.
    expect(s.plan).toMatchObject({ contracts: 2, reaches: true, volumeMlnRub: 105, indices: [0, 1] });
    expect(s.plan.dependenceAfter).toBeCloseTo(145 / 700, 6);
  });

  it('with those two contracts in a scenario the dependence check passes, and vs-join is linked; today is unchanged', async () => {
    const before = await realData();
    const { suggestions, plan } = (await get('/api/clusters/cl-vol/contract-suggestions')).json();
    const items = plan.indices.map((i: number) => {
      const c = suggestions[i];
      return {
        kind: 'link',
        supplier: `enterprise:${c.supplier.id}`,
        buyer: `enterprise:${c.buyer.id}`,
        stage: c.stage,
        volumeMlnRub: c.volumeMlnRub,
        replaces: `enterprise:${c.replaces.id}`,
      };
    });
    const id = (await send('POST', '/api/scenarios', { name: 'Два контракта', items })).json().id;
    const what = (await get(`/api/clusters/cl-vol/readiness?scenario=${id}`)).json();
    expect(what.checks.dependence).toMatchObject({ passed: true, internalVolumeMlnRub: 145, revenueMlnRub: 700 });
    expect(what.checks.dependence.value).toBeCloseTo(145 / 700, 6);
    expect(what.checks.cooperation).toMatchObject({
      value: 1,
      failing: [{ id: 'vs-pan', name: 'ООО «Сухона Фанера»' }],
    });
    expect(what.ready).toBe(false); // still 4 participants of 10
    expect((await get('/api/clusters/cl-vol/readiness')).json().checks.dependence.internalVolumeMlnRub).toBe(40);
    // On top of the scenario: the two are taken, the panels contract remains, nothing more is needed.
    const next = (await get(`/api/clusters/cl-vol/contract-suggestions?scenario=${id}`)).json();
    expect(next.dependence).toMatchObject({ internalVolumeMlnRub: 145, neededMlnRub: 0 });
    expect(next.suggestions.map((c: { replaces: { id: string } }) => c.replaces.id)).toEqual(['ka-panel']);
    expect(next.plan).toMatchObject({ contracts: 0, reaches: true });
    // Vologda's sawmilling: v-saw→vs-join 45 was local (35→35) and so is vs-saw→vs-join: L unchanged.
    const gaps = (await get(`/api/gaps?chain=timber&region=35&scenario=${id}`)).json();
    const gapsToday = (await get('/api/gaps?chain=timber&region=35')).json();
    const row = (g: { stages: { stage: string }[] }, s: string) => g.stages.find((r) => r.stage === T(s));
    expect(row(gaps, 'sawmilling')).toEqual(row(gapsToday, 'sawmilling'));
    // Logging bought in Vologda: ki-log's 60 from Kirov becomes vs-log's, local.
    expect(row(gaps, 'logging')).toMatchObject({
      localMlnRub: (row(gapsToday, 'logging') as unknown as { localMlnRub: number }).localMlnRub + 60,
    });
    expect(await realData()).toEqual(before);
  });

  it('a hypothetical participant counts: 5 participants, revenue 800, and it has no links yet', async () => {
    const id = (
      await send('POST', '/api/scenarios', {
        name: 'Новый участник',
        items: [
          {
            kind: 'enterprise',
            id: 'hypothetical:pal',
            name: 'ИП Поддоны',
            region: '35',
            stages: [T('pallets')],
            size: 'micro',
            revenueMlnRub: 100,
            clusters: ['cl-vol'],
            priorityTerritory: true,
          },
        ],
      })
    ).json().id;
    const r = (await get(`/api/clusters/cl-vol/readiness?scenario=${id}`)).json();
    expect(r.checks.participants.value).toBe(5);
    expect(r.checks.dependence).toMatchObject({
      revenueMlnRub: 800,
      internalVolumeMlnRub: 40,
      priorityParticipants: 1,
      priorityShare: 0.2,
    });
    expect(r.checks.cooperation.failing.map((p: { id: string }) => p.id)).toEqual([
      'vs-join',
      'vs-pan',
      'hypothetical:pal',
    ]);
    expect(r.participants.find((p: { id: string }) => p.id === 'hypothetical:pal')).toMatchObject({
      hypothetical: true,
      name: 'ИП Поддоны',
    });
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await get('/api/openapi.json')).json();
    for (const path of ['/api/scenarios', '/api/scenarios/{id}', '/api/clusters/{id}/contract-suggestions'])
      expect(doc.paths[path], path).toBeDefined();
    expect(doc.paths['/api/gaps'].get.parameters.map((p: { name: string }) => p.name)).toContain('scenario');
  });
});

describe('a contract instead of a supplier: the purchases it can replace', () => {
  it("k-pulp's process chemicals: Vologda's 30 and Arkhangelsk's 15, both imports, largest first", async () => {
    const r = await get('/api/scenarios/purchases?buyer=k-pulp&stage=timber.process-chemicals');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      buyer: { id: 'k-pulp', name: 'АО «Коми ЦБК»', nameEn: null, region: '11' },
      stage: T('process-chemicals'),
      purchases: [
        {
          supplier: { id: 'v-chem', name: 'ООО «Вологодская Химия»', nameEn: null, region: '35' },
          volumeMlnRub: 30,
          links: 1,
          imported: true,
        },
        {
          supplier: { id: 'a-chem', name: 'ООО «Поморская Химия»', nameEn: null, region: '29' },
          volumeMlnRub: 15,
          links: 1,
          imported: true,
        },
      ],
    });
  });

  it("sawmilling output: the imports (Arkhangelsk 20, Vologda 10) before Komi's own 12", async () => {
    const r = (await get('/api/scenarios/purchases?buyer=k-pulp&stage=timber.sawmilling')).json();
    expect(
      r.purchases.map((p: { supplier: { id: string }; volumeMlnRub: number; imported: boolean }) => [
        p.supplier.id,
        p.volumeMlnRub,
        p.imported,
      ]),
    ).toEqual([
      ['a-saw', 20, true],
      ['v-saw', 10, true],
      ['k-saw', 12, false],
    ]);
  });

  it('none at a stage it does not buy; 404 for an unknown buyer or stage', async () => {
    expect((await get('/api/scenarios/purchases?buyer=k-pulp&stage=timber.furniture')).json().purchases).toEqual([]);
    expect((await get('/api/scenarios/purchases?buyer=nobody&stage=timber.logging')).statusCode).toBe(404);
    expect((await get('/api/scenarios/purchases?buyer=k-pulp&stage=timber.nope')).statusCode).toBe(404);
  });
});

describe('owners: a scenario is private or shared with the team, as saved views are', () => {
  let anna: TestSession;
  let boris: TestSession;
  let admin: TestSession;
  const as = (who: TestSession, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: asSession(who), payload: payload as object });
  const listed = async (who: TestSession) =>
    (await as(who, 'GET', '/api/scenarios')).json().scenarios.map((s: { id: string }) => s.id);

  beforeAll(async () => {
    [anna, boris, admin] = await Promise.all([
      signIn(app, db, 'planner'),
      signIn(app, db, 'planner'),
      signIn(app, db, 'admin'),
    ]);
  });

  it('a private scenario exists for its owner only: others neither list, read, apply, export, change nor delete it', async () => {
    const s = (await as(anna, 'POST', '/api/scenarios', { name: 'Черновик Анны', items: KOMI_ITEMS })).json();
    expect(s).toMatchObject({ owner: anna.username, shared: false, mine: true, canChange: true });
    expect(await listed(anna)).toContain(s.id);
    for (const who of [boris, admin]) {
      expect(await listed(who)).not.toContain(s.id);
      expect((await as(who, 'GET', `/api/scenarios/${s.id}`)).statusCode).toBe(404);
      expect((await as(who, 'GET', `/api/gaps?chain=timber&region=11&scenario=${s.id}`)).statusCode).toBe(404);
      expect((await as(who, 'GET', `/api/clusters/cl-vol/readiness?scenario=${s.id}`)).statusCode).toBe(404);
      expect((await as(who, 'GET', `/api/export?format=csv&chain=timber&region=11&scenario=${s.id}`)).statusCode).toBe(
        404,
      );
      expect(
        (await as(who, 'PUT', `/api/scenarios/${s.id}`, { name: 'чужой', items: [], version: 1 })).statusCode,
      ).toBe(404);
      expect((await as(who, 'DELETE', `/api/scenarios/${s.id}`)).statusCode).toBe(404);
    }
    expect((await as(anna, 'GET', `/api/scenarios/${s.id}`)).json()).toEqual(s);
  });

  it('shared: the team reads and applies it; only the owner (or an admin) changes it; only the owner shares or unshares it', async () => {
    const s = (
      await as(anna, 'POST', '/api/scenarios', { name: 'Для команды', items: KOMI_ITEMS, shared: true })
    ).json();
    expect(s).toMatchObject({ shared: true, version: 1 });
    const seen = (await as(boris, 'GET', `/api/scenarios/${s.id}`)).json();
    expect(seen).toMatchObject({ id: s.id, owner: anna.username, shared: true, mine: false, canChange: false });
    expect(await listed(boris)).toContain(s.id);
    const what = await as(boris, 'GET', `/api/gaps?chain=timber&region=11&scenario=${s.id}`);
    expect(what.statusCode).toBe(200);
    expect(what.json().scenario).toMatchObject({ id: s.id, items: 3 });

    const change = (who: TestSession, body: object) =>
      as(who, 'PUT', `/api/scenarios/${s.id}`, { name: 'Для команды', items: KOMI_ITEMS, ...body });
    const refused = await change(boris, { version: 1 });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toBe('only its owner or an admin may change a scenario');
    expect((await as(boris, 'DELETE', `/api/scenarios/${s.id}`)).statusCode).toBe(403);
    expect((await change(boris, { version: 1, shared: false })).statusCode).toBe(403);
    // An admin changes it, but does not take it away from the team.
    const byAdmin = await change(admin, { version: 1, items: KOMI_ITEMS.slice(0, 2) });
    expect(byAdmin.statusCode).toBe(200);
    expect(byAdmin.json()).toMatchObject({ version: 2, owner: anna.username, mine: false, canChange: true });
    const unshare = await change(admin, { version: 2, shared: false });
    expect(unshare.statusCode).toBe(403);
    expect(unshare.json().message).toBe('only its owner may share or unshare a scenario');
    // The owner makes it private again: it leaves the team's list.
    const mine = await change(anna, { version: 2, shared: false });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ version: 3, shared: false, items: KOMI_ITEMS.map(() => expect.anything()) });
    expect(await listed(boris)).not.toContain(s.id);
    expect((await as(boris, 'GET', `/api/scenarios/${s.id}`)).statusCode).toBe(404);
    // Shared again, an admin may delete it.
    expect((await change(anna, { version: 3, shared: true })).statusCode).toBe(200);
    expect((await as(admin, 'DELETE', `/api/scenarios/${s.id}`)).statusCode).toBe(204);
    expect((await as(anna, 'GET', `/api/scenarios/${s.id}`)).statusCode).toBe(404);
  });

  it('a scenario saved before scenarios had owners stays shared, owner unknown: read by all, changed by admins only', async () => {
    const id = '00000000-0000-4000-8000-0000000000aa';
    await db.write(
      `CREATE (:Scenario {id: $id, name: 'Старый', description: '', items: '[]', createdAt: '2026-01-01T00:00:00Z',
               updatedAt: '2026-01-01T00:00:00Z', version: 1})`,
      { id },
    );
    const seen = (await as(boris, 'GET', `/api/scenarios/${id}`)).json();
    expect(seen).toMatchObject({ id, owner: null, shared: true, mine: false, canChange: false });
    expect(await listed(anna)).toContain(id);
    const body = { name: 'Старый', items: [], version: 1 };
    expect((await as(boris, 'PUT', `/api/scenarios/${id}`, body)).statusCode).toBe(403);
    expect((await as(boris, 'DELETE', `/api/scenarios/${id}`)).statusCode).toBe(403);
    expect((await as(admin, 'PUT', `/api/scenarios/${id}`, { ...body, shared: false })).statusCode).toBe(403);
    const byAdmin = await as(admin, 'PUT', `/api/scenarios/${id}`, { ...body, name: 'Старый, проверен' });
    expect(byAdmin.statusCode).toBe(200);
    expect(byAdmin.json()).toMatchObject({ owner: null, shared: true, canChange: true, version: 2 });
    expect((await as(admin, 'DELETE', `/api/scenarios/${id}`)).statusCode).toBe(204);
  });
});

describe("the planner's export with a scenario: today and the scenario side by side, all in Russian", () => {
  let id: string;
  beforeAll(async () => {
    id = (await send('POST', '/api/scenarios', { name: 'Химия для отчёта', items: KOMI_ITEMS })).json().id;
  });
  const file = (format: 'xlsx' | 'pdf', scenario?: string) =>
    get(
      `/api/export?format=${format}&chain=timber&region=11&cluster=cl-vol&date=2026-03-01${scenario ? `&scenario=${scenario}` : ''}`,
    );
  const NBSP = '\u00a0';

  it('XLSX: the gaps today and in the scenario, stage by stage, with names, percentages and the scenario itself', async () => {
    const res = await file('xlsx', id);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheets = wb.worksheets.map((w) => w.name);
    expect(sheets).toContain('Пробелы — сегодня и в сценарии');
    const gaps = wb.getWorksheet('Пробелы — сегодня и в сценарии')!;
    expect(gaps.getRow(1).values).toEqual([
      undefined,
      'Этап',
      'Спрос D, млн руб.: сегодня',
      'Спрос D, млн руб.: в сценарии',
      'Местные поставки L, млн руб.: сегодня',
      'Местные поставки L, млн руб.: в сценарии',
      'Доля местных поставок: сегодня',
      'Доля местных поставок: в сценарии',
      'Пробел: сегодня',
      'Пробел: в сценарии',
    ]);
    const row = (name: string) => {
      for (let r = 2; r <= gaps.rowCount; r++) if (gaps.getRow(r).getCell(1).value === name) return gaps.getRow(r);
      throw new Error(`no row ${name}`);
    };
    // Process chemicals: D 45 stays, L 0 → 30, 0 % → 66,7 %, the gap closes.
    expect(row('Химикаты для целлюлозно-бумажного производства').values).toEqual([
      undefined,
      'Химикаты для целлюлозно-бумажного производства',
      45,
      45,
      0,
      30,
      `0${NBSP}%`,
      `66,7${NBSP}%`,
      'нет местных предприятий; нет звена цепочки',
      'нет',
    ]);
    // Sawmilling: 25 more bought locally.
    expect(row('Лесопиление и строгание древесины').values).toEqual([
      undefined,
      'Лесопиление и строгание древесины',
      50,
      75,
      20,
      45,
      `40${NBSP}%`,
      `60${NBSP}%`,
      'мало местных поставок',
      'нет',
    ]);
    const items = wb.getWorksheet('Что в сценарии')!;
    expect(items.getRow(3).values).toEqual([
      undefined,
      2,
      'контракт',
      'ООО «Новая Химия» (гипотетическое), Республика Коми',
      'АО «Коми ЦБК», Республика Коми',
      'Химикаты для целлюлозно-бумажного производства',
      30,
      'ООО «Вологодская Химия», Вологодская область',
      30,
    ]);
    // Nothing in any table is a code or a share written as a fraction.
    for (const sheet of wb.worksheets.slice(2))
      sheet.eachRow((r) =>
        r.eachCell((c) => {
          const v = String(c.value);
          expect(v, `${sheet.name}: ${v}`).not.toMatch(
            /low-local|no-local|missing-upstream|\banchor\b|\bparticipant\b|timber\.|enterprise:|hypothetical:/,
          );
        }),
      );
  });

  it('PDF: the title names the scenario; no rule codes, roles or English formulas in the tables', async () => {
    const res = await file('pdf', id);
    expect(res.statusCode).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'coopgraph-scenario-pdf-'));
    writeFileSync(join(dir, 's.pdf'), res.rawPayload);
    const out = execFileSync('pdftotext', [join(dir, 's.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(out).toContain('сценарий «Химия для отчёта»');
    expect(out).toContain('Готовность к реестру, сравнение');
    expect(out).toContain('Балл = 100 × (0,4·V');
    expect(out).not.toMatch(/low-local-sourcing|no-local-enterprise|missing-upstream-link|score = |LSR/);
  });

  it("today's export without a scenario is unchanged by it, and in the file's language", async () => {
    const res = await file('xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Узлы',
      'Связи',
      'Пробелы',
      'Возможности для МСП',
      'Пробелы без спроса',
      'Регионы-партнёры',
      'Готовность к реестру',
      'Участники кластера',
    ]);
    const p = wb.getWorksheet('Участники кластера')!;
    const roles = new Set<string>();
    const regions = new Set<string>();
    for (let r = 2; r <= p.rowCount; r++) {
      roles.add(String(p.getRow(r).getCell(2).value));
      regions.add(String(p.getRow(r).getCell(3).value));
    }
    expect([...regions]).toEqual(['Вологодская область']);
    for (const role of roles) expect(['якорный участник', 'участник', 'координатор']).toContain(role);
  });
});

describe('structural risks with a scenario', () => {
  it("Komi: an SME replacing Karelia's panels keeps k-join single-sourced (by the SME now); a second sawmill supplier ends that dependency", async () => {
    const id = (
      await send('POST', '/api/scenarios', {
        name: 'Фанера и пиломатериалы для k-join',
        items: [
          {
            kind: 'enterprise',
            id: 'hypothetical:pan',
            name: 'ООО «Коми Фанера»',
            region: '11',
            stages: [T('panels')],
            size: 'micro',
            revenueMlnRub: 10,
            clusters: [],
          },
          {
            kind: 'link',
            supplier: 'hypothetical:pan',
            buyer: 'enterprise:k-join',
            stage: T('panels'),
            volumeMlnRub: 5,
            replaces: 'enterprise:ka-panel',
          },
          {
            kind: 'link',
            supplier: 'enterprise:k-log',
            buyer: 'enterprise:k-join',
            stage: T('sawmilling'),
            volumeMlnRub: 4,
          },
        ],
      })
    ).json().id;
    const today = (await get('/api/risks?chain=timber&region=11')).json();
    const what = (await get(`/api/risks?chain=timber&region=11&scenario=${id}`)).json();
    expect(today.singleSupplier.total).toBe(4);
    const rows = (r: {
      singleSupplier: {
        rows: {
          buyer: { id: string };
          stage: string;
          supplier: { id: string; region: string };
          volumeMlnRub: number;
        }[];
      };
    }) =>
      r.singleSupplier.rows.map((x) => [
        x.buyer.id,
        x.stage.slice(7),
        x.supplier.id,
        x.supplier.region,
        x.volumeMlnRub,
      ]);
    expect(what.scenario).toMatchObject({ id, items: 3 });
    expect(what.singleSupplier.total).toBe(3);
    expect(rows(what)).toEqual([
      ['k-saw', 'logging', 'k-log', '11', 40],
      ['k-join', 'panels', 'hypothetical:pan', '11', 5],
      ['k-join', 'packaging', 'v-pack', '35', 3],
    ]);
    // The network: ka-panel's only link went, the SME's and k-log's new one came: 11 links, 11 enterprises.
    expect(today.network).toMatchObject({ enterprises: 11, links: 11 });
    expect(what.network).toMatchObject({ enterprises: 11, links: 12 });
  });
});
