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
import type { FastifyInstance } from 'fastify';
import { gapReport, readiness } from '../../server/gaps/index.js';
import type { Db } from '../../server/db.js';
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
    expect(s).toMatchObject({ name: 'Химия в Коми', version: 1, description: '' });
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
    expect(what.scenario).toMatchObject({ id, name: 'Коми: химия и пиломатериалы', items: 3, skipped: [] });
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
    expect(today.total).toBe(17);
    expect(what.total).toBe(15);
    expect(what.opportunities.map((o: { stage: string }) => o.stage)).not.toContain(T('process-chemicals'));
    // Vologda's chemical capacity to Komi is unchanged; its supply to Komi is now 0 (taken over).
    const partnersToday = (await get('/api/partners?stage=timber.process-chemicals&region=11')).json();
    const partnersWhat = (await get(`/api/partners?stage=timber.process-chemicals&region=11&scenario=${id}`)).json();
    expect(partnersToday.partners.find((p: { region: string }) => p.region === '35').suppliesMlnRub).toBe(30);
    expect(partnersWhat.partners.find((p: { region: string }) => p.region === '35').suppliesMlnRub).toBe(0);
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
    expect(what.scenario.skipped).toEqual([{ item: 1, reason: 'enterprise tmp-gone is no longer in the data' }]);
    expect(what.stages).toEqual((await get('/api/gaps?chain=timber&region=11')).json().stages);
  });
});

describe('registry readiness and contract suggestions', () => {
  it('cl-vol today: 4 participants, 2 without links, 40 / 700 = 5.7 %', async () => {
    const r = await readiness(db, settings, 'cl-vol');
    expect(r.checks.participants).toEqual({ passed: false, value: 4, threshold: 10 });
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
