// The gap analysis (issue 4) against the real Neo4j, on a hand-built graph loaded through the
// import path (seed/fixtures/gaps/), with every figure worked out by hand below.
//
// Enterprises (size by 209-FZ from staff and revenue; stage from OKVED), timber chain:
//   11 Komi        k-log 02.20 logging (12, 90 → micro)      k-saw 16.10 sawmilling (45, 300 → small)
//                  k-pulp 17.11 pulp (2500, 40000 → large)   k-join 16.23 joinery (30, 100 → small)
//   43 Kirov       ki-log 02.20 logging (20, 150 → small)
//   29 Arkhangelsk a-saw 16.10 (120, 900 → medium)  a-chem 20.13 process chemicals (60, 400 → small)
//                  a-pulp 17.11 (1800, 20000 → large)
//   35 Vologda     v-saw 16.10 (80, 500 → small)  v-saw2 16.10 (300, 3000 → large)
//                  v-chem 20.13 (200, 1500 → medium)  v-pack 17.21 packaging (40, 250 → small)
//   10 Karelia     ka-saw 16.10 (10, 100 → micro)  ka-panel 16.21 panels (50, 200 → small)
// Cluster participants (53 Novgorod and 35; OKVED 25.62, in no chain: no stage, so they change no
// gap figure): cl-ready p01–p10, cl-priority q01–q10, cl-failing f1–f6 (20 staff, 100 or 50 mln).
//
// Timber links (stage from the link's OKVED), all bought in Komi:
//   logging:     k-log→k-saw 40, k-log→k-pulp 20 (local), ki-log→k-pulp 60 (43→11)
//   sawmilling:  k-saw→k-pulp 12, k-saw→k-join 8 (local), a-saw→k-pulp 20 (29→11), v-saw→k-pulp 10 (35→11)
//   process chemicals: v-chem→k-pulp 30 (35→11), a-chem→k-pulp 15 (29→11)
//   panels:      ka-panel→k-join 5 (10→11)      packaging: v-pack→k-join 3 (35→11)
// Plus links between cluster participants and p09→k-pulp 100 (25.62: no stage, no chain).
//
// Region centres (seed/reference/regions.json): 11 Syktyvkar 61.67 N 50.84 E, 29 Arkhangelsk 64.54 N
// 40.53 E, 35 Vologda 59.22 N 39.89 E, 10 Petrozavodsk 61.78 N 34.35 E, 43 Kirov 58.6 N 49.67 E.
// Great-circle distances to Syktyvkar (haversine, R = 6371.0088 km), computed below by the test's
// own formula: 29 ≈ 607.9 km, 35 ≈ 658.4 km, 10 ≈ 866.3 km, 43 ≈ 347.4 km.
import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { importFiles, importOptions } from '../../server/import/index.js';
import {
  cellsFromAggregate,
  gapMatrix,
  gapReport,
  loadCells,
  opportunities,
  partners,
  readiness,
  risks,
  type GapRow,
} from '../../server/gaps/index.js';
import { refreshAggregate } from '../../server/aggregate.js';
import { loadReference } from '../../server/reference.js';
import type { Db } from '../../server/db.js';
import { generateDataset } from '../../seed/generate/index.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importedFolders, useApp, useDataset } from '../fixtures/index.js';

const FIXTURES = new URL('../../seed/fixtures/gaps/', import.meta.url).pathname;
const data = useDataset(importedFolders('gaps', [FIXTURES]));
const api = useApp(data);
const { settings } = data;
let db: Db;
let app: FastifyInstance;
beforeAll(() => {
  ({ db } = data);
  ({ app } = api);
});

// The test's own haversine, independent of the server's.
const CENTRES: Record<string, [number, number]> = {
  '11': [61.67, 50.84],
  '29': [64.54, 40.53],
  '35': [59.22, 39.89],
  '10': [61.78, 34.35],
  '43': [58.6, 49.67],
};
function km(a: string, b: string): number {
  const [lat1, lon1] = CENTRES[a].map((d) => (d * Math.PI) / 180);
  const [lat2, lon2] = CENTRES[b].map((d) => (d * Math.PI) / 180);
  const h = Math.sin((lat2 - lat1) / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin((lon2 - lon1) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}
const d29 = km('29', '11');
const d35 = km('35', '11');
const d10 = km('10', '11');
const d43 = km('43', '11');

const NL = 'no-local-enterprise';
const LOW = 'low-local-sourcing';
const MU = 'missing-upstream-link';
const T = (s: string) => `timber.${s}`;
/** JSON as the API sends it (undefined dropped). */
const json = <X>(x: X): X => JSON.parse(JSON.stringify(x));
const get = async (url: string) => app.inject({ method: 'GET', url });

describe('gaps of Komi in the timber chain', () => {
  let rows: Map<string, GapRow>;
  beforeAll(async () => {
    const report = await gapReport(db, settings, 'timber', '11');
    rows = new Map(report.stages.map((r) => [r.stage, r]));
    expect(report.region).toMatchObject({ code: '11', lat: 61.67, lon: 50.84 });
    expect(report.lsrThreshold).toBe(0.5);
    expect(report.stages).toHaveLength(25);
  });

  it('logging: D = 40 + 20 + 60 = 120, L = 60, LSR = 0.5 — not below 0.5, so no gap; imported 60 from Kirov', () => {
    const r = rows.get(T('logging'))!;
    expect(r).toMatchObject({
      demandMlnRub: 120,
      localMlnRub: 60,
      lsr: 0.5,
      importedMlnRub: 60,
      links: 3,
      localLinks: 2,
    });
    expect(r.importDistanceKm).toBeCloseTo(d43, 3); // one imported link: 43 → 11, ≈ 347.4 km
    expect(r).toMatchObject({ enterprises: 1, smes: 1, revenueMlnRub: 90, gap: false, rules: [] });
    expect(r.sources).toEqual([{ region: '43', volumeMlnRub: 60, links: 1, distanceKm: expect.closeTo(d43, 1) }]);
  });

  it('sawmilling: D = 12 + 8 + 20 + 10 = 50, L = 20, LSR = 0.4 < 0.5 → low-local-sourcing; mean distance (20·d29 + 10·d35) / 30', () => {
    const r = rows.get(T('sawmilling'))!;
    expect(r).toMatchObject({ demandMlnRub: 50, localMlnRub: 20, importedMlnRub: 30, links: 4, localLinks: 2 });
    expect(r.lsr).toBeCloseTo(0.4, 12);
    expect(r.importDistanceKm).toBeCloseTo((20 * d29 + 10 * d35) / 30, 3); // ≈ 624.7 km
    expect(r).toMatchObject({ enterprises: 1, smes: 1, revenueMlnRub: 300, gap: true, rules: [LOW], feedsPresent: [] });
    expect(r.sources.map((s) => [s.region, s.volumeMlnRub, s.links])).toEqual([
      ['29', 20, 1],
      ['35', 10, 1],
    ]);
  });

  it('process chemicals: D = 30 + 15 = 45, L = 0, no enterprise in Komi, and it feeds pulp, which Komi has', () => {
    const r = rows.get(T('process-chemicals'))!;
    expect(r).toMatchObject({ demandMlnRub: 45, localMlnRub: 0, lsr: 0, importedMlnRub: 45, enterprises: 0, smes: 0 });
    expect(r.importDistanceKm).toBeCloseTo((30 * d35 + 15 * d29) / 45, 3); // ≈ 641.6 km
    expect(r).toMatchObject({ gap: true, rules: [NL, MU], feedsPresent: [T('pulp')] }); // feeds pulp, paper
  });

  it('panels: D = 5 from Karelia, no local enterprise; feeds joinery (present) → both rules', () => {
    const r = rows.get(T('panels'))!;
    expect(r).toMatchObject({
      demandMlnRub: 5,
      localMlnRub: 0,
      lsr: 0,
      importedMlnRub: 5,
      rules: [NL, MU],
      feedsPresent: [T('joinery')],
    });
    expect(r.importDistanceKm).toBeCloseTo(d10, 3); // ≈ 866.3 km
  });

  it('packaging: D = 3 from Vologda, no local enterprise, feeds nothing → no-local-enterprise only', () => {
    const r = rows.get(T('packaging'))!;
    expect(r).toMatchObject({ demandMlnRub: 3, lsr: 0, importedMlnRub: 3, rules: [NL], feedsPresent: [] });
    expect(r.importDistanceKm).toBeCloseTo(d35, 3);
  });

  it('missing-upstream-link without demand: wholesale feeds sawmilling, pulp and joinery, which Komi has', () => {
    const r = rows.get(T('wholesale'))!;
    expect(r).toMatchObject({
      demandMlnRub: 0,
      localMlnRub: 0,
      lsr: null,
      importedMlnRub: 0,
      importDistanceKm: null,
      enterprises: 0,
    });
    expect(r).toMatchObject({
      gap: true,
      rules: [MU],
      feedsPresent: [T('sawmilling'), T('pulp'), T('joinery')],
      sources: [],
    });
  });

  it('every stage: Komi has logging, sawmilling, pulp and joinery; the rules of all 25 stages', () => {
    // Present: logging, sawmilling, pulp, joinery. Absent stages that FEED one of them (chains.json):
    // forest management (→ logging), logging services, forestry machinery (→ logging), transport,
    // wholesale, warehousing, cargo handling, equipment repair, woodworking machinery, engineering,
    // testing (→ sawmilling), process chemicals, recovered paper, ppm machinery (→ pulp), panels (→ joinery).
    // Absent and feeding nothing present: pallets, pellets (→ bioenergy), paper (→ packaging),
    // packaging, furniture, bioenergy.
    const expected: Record<string, string[]> = {
      'forest-management': [MU],
      logging: [],
      'logging-services': [MU],
      'forestry-machinery': [MU],
      transport: [MU],
      wholesale: [MU],
      warehousing: [MU],
      'cargo-handling': [MU],
      sawmilling: [LOW],
      'equipment-repair': [MU],
      'woodworking-machinery': [MU],
      engineering: [MU],
      panels: [NL, MU],
      pulp: [],
      'process-chemicals': [NL, MU],
      testing: [MU],
      'recovered-paper': [MU],
      joinery: [],
      pallets: [],
      pellets: [],
      paper: [],
      'ppm-machinery': [MU],
      packaging: [NL],
      furniture: [],
      bioenergy: [],
    };
    // Rows in chain order: by `order`, then as chains.json lists them.
    expect([...rows.keys()]).toEqual(Object.keys(expected).map(T));
    expect(Object.fromEntries([...rows.values()].map((r) => [r.stage.slice(7), r.rules]))).toEqual(expected);
    expect([...rows.values()].filter((r) => r.gap)).toHaveLength(17);
    expect(rows.get(T('pulp'))).toMatchObject({
      demandMlnRub: 0,
      lsr: null,
      enterprises: 1,
      smes: 0,
      revenueMlnRub: 40000,
      gap: false,
    });
    expect(rows.get(T('joinery'))).toMatchObject({ enterprises: 1, smes: 1, revenueMlnRub: 100, gap: false });
  });

  it('the LSR threshold is a setting: at 0.6 logging (LSR 0.5) is a gap; at 0.4 sawmilling (LSR 0.4) is not', async () => {
    const high = await gapReport(db, { ...settings, gapLsrThreshold: 0.6 }, 'timber', '11');
    expect(high.stages.find((r) => r.stage === T('logging'))!.rules).toEqual([LOW]);
    const low = await gapReport(db, { ...settings, gapLsrThreshold: 0.4 }, 'timber', '11');
    expect(low.stages.find((r) => r.stage === T('sawmilling'))).toMatchObject({ gap: false, rules: [] });
  });
});

describe('the stages × regions matrix', () => {
  it("has every stage and region, Komi's column as in the gaps of Komi, and gap rules as bit masks", async () => {
    const m = await gapMatrix(db, settings, 'timber');
    expect(m.rules).toEqual([NL, LOW, MU]); // bits 1, 2, 4
    expect(m.stages).toHaveLength(25);
    expect(m.regions).toHaveLength(89);
    const s = (id: string) => m.stages.findIndex((x) => x.id === T(id));
    const r = (code: string) => m.regions.findIndex((x) => x.code === code);
    const at = <V>(grid: V[][], stage: string, region: string) => grid[s(stage)][r(region)];
    for (const grid of [m.enterprises, m.demandMlnRub, m.gap]) {
      expect(grid).toHaveLength(25);
      for (const row of grid) expect(row).toHaveLength(89);
    }
    const komi = await gapReport(db, settings, 'timber', '11');
    for (const row of komi.stages) {
      const i = m.stages.findIndex((x) => x.id === row.stage);
      const j = r('11');
      expect([
        m.enterprises[i][j],
        m.smes[i][j],
        m.demandMlnRub[i][j],
        m.localMlnRub[i][j],
        m.importedMlnRub[i][j],
        m.importDistanceKm[i][j],
      ]).toEqual([
        row.enterprises,
        row.smes,
        row.demandMlnRub,
        row.localMlnRub,
        row.importedMlnRub,
        row.importDistanceKm,
      ]);
      if (row.lsr === null) expect(m.lsr[i][j]).toBeNull();
      else expect(m.lsr[i][j]).toBeCloseTo(row.lsr, 6);
    }
    expect(at(m.gap, 'sawmilling', '11')).toBe(2); // low-local-sourcing
    expect(at(m.gap, 'process-chemicals', '11')).toBe(1 | 4);
    expect(at(m.gap, 'packaging', '11')).toBe(1);
    expect(at(m.gap, 'wholesale', '11')).toBe(4);
    expect(at(m.gap, 'logging', '11')).toBe(0);
    // Vologda: two sawmills (v-saw small, v-saw2 large), no demand.
    expect([
      at(m.enterprises, 'sawmilling', '35'),
      at(m.smes, 'sawmilling', '35'),
      at(m.demandMlnRub, 'sawmilling', '35'),
      at(m.gap, 'sawmilling', '35'),
    ]).toEqual([2, 1, 0, 0]);
    // Kirov has logging only: forest management feeds logging → missing-upstream-link.
    expect(at(m.gap, 'forest-management', '43')).toBe(4);
    expect(at(m.gap, 'logging', '43')).toBe(0);
    // Arkhangelsk (sawmilling, chemicals, pulp): wholesale feeds sawmilling; paper feeds packaging only.
    expect(at(m.gap, 'wholesale', '29')).toBe(4);
    expect(at(m.gap, 'paper', '29')).toBe(0);
    // Novgorod: only cluster participants in no chain. Moscow: nothing.
    for (const code of ['53', '77']) {
      expect(m.enterprises.map((row) => row[r(code)]).every((v) => v === 0)).toBe(true);
      expect(m.gap.map((row) => row[r(code)]).every((v) => v === 0)).toBe(true);
    }
  });
});

describe('opportunities', () => {
  // Terms: V = ln(1 + imported) / ln(1 + 60) (the chain's largest import: Komi's logging, 60 — not
  // a gap, but it sets the scale); Δ = min(1, distance / 3000); σ = SMEs / enterprises at the stage
  // nationwide; ω = relatedness density. score = 100 · (0.4 V + 0.2 Δ + 0.2 σ + 0.2 ω).
  //
  // ω, by hand. Enterprises per (region, stage): 11: logging 1, sawmilling 1, pulp 1, joinery 1 (E=4);
  // 29: sawmilling 1, chemicals 1, pulp 1 (3); 35: sawmilling 2, chemicals 1, packaging 1 (4);
  // 10: sawmilling 1, panels 1 (2); 43: logging 1 (1). E = 14; by stage: logging 2, sawmilling 5,
  // pulp 2, joinery 1, chemicals 2, packaging 1, panels 1.
  // RCA = E(r,s)·E / (E(r)·E(s)): 11 logging 14/8 = 1.75, sawmilling 14/20 = 0.7 (< 1), pulp 1.75,
  // joinery 3.5; 29 sawmilling 14/15 = 0.93 (< 1), chemicals 2.33, pulp 2.33; 35 sawmilling 28/20 = 1.4,
  // chemicals 1.75, packaging 3.5; 10 sawmilling 1.4, panels 7; 43 logging 7.
  // Regions with RCA ≥ 1: logging {11, 43}, sawmilling {35, 10}, pulp {11, 29}, joinery {11},
  // chemicals {29, 35}, packaging {35}, panels {10}.
  // φ(s,t) = |both| / max(|s|, |t|). For chemicals: φ(chem, pulp) = 1/2, φ(chem, sawmilling) = 1/2,
  // φ(chem, packaging) = 1/2, others 0 → ω(11, chem) = M(11,pulp)·½ / (3·½) = 1/3.
  // Sawmilling, panels, packaging: every stage close to them has RCA < 1 in Komi → ω = 0.
  // For logging: φ(logging, pulp) = 1/2, φ(logging, joinery) = 1/2 → ω(29, logging) = ½ / 1 = 0.5.
  const V = (imported: number) => Math.log(1 + imported) / Math.log(61);
  const score = (v: number, dist: number, sigma: number, omega: number) =>
    100 * (0.4 * v + 0.2 * dist + 0.2 * sigma + 0.2 * omega);

  it('Komi: its 4 gaps with demand ranked, with every component; the 13 without demand apart', async () => {
    const o = await opportunities(db, settings, 'timber', '11');
    expect(o).toMatchObject({
      chain: 'timber',
      region: '11',
      maxImportedMlnRub: 60,
      distanceScaleKm: 3000,
      total: 4,
      structuralTotal: 13,
    });
    const [chem, saw, panels, pack, ...rest] = o.opportunities;
    expect(rest).toEqual([]);
    // chemicals: V = ln 46 / ln 61 ≈ 0.9313, Δ = 641.6 / 3000 (unrounded), σ = 2/2 (a-chem small, v-chem medium), ω = 1/3 → ≈ 68.2
    const chemKm = (30 * d35 + 15 * d29) / 45;
    expect(chem).toMatchObject({ rank: 1, stage: T('process-chemicals'), rules: [NL, MU], demandMlnRub: 45, lsr: 0 });
    expect(chem.score).toBeCloseTo(score(V(45), chemKm / 3000, 1, 1 / 3), 2);
    expect(chem.components.imported).toMatchObject({ value: 45, weight: 0.4 });
    expect(chem.components.imported.normalised).toBeCloseTo(V(45), 6);
    expect(chem.components.imported.points).toBeCloseTo(40 * V(45), 3);
    expect(chem.components.distance.value).toBeCloseTo(chemKm, 6);
    expect(chem.components.distance.normalised).toBeCloseTo(chemKm / 3000, 6);
    expect(chem.components.smeSuitability).toMatchObject({
      value: 1,
      normalised: 1,
      smes: 2,
      enterprises: 2,
      points: 20,
    });
    expect(chem.components.relatedness.value).toBeCloseTo(1 / 3, 6);
    expect(chem.components.relatedness.related).toEqual([{ stage: T('pulp'), proximity: 0.5 }]);
    const sum = Object.values(chem.components).reduce((n, c) => n + c.points, 0);
    expect(chem.score).toBeCloseTo(sum, 2);
    // sawmilling: V = ln 31 / ln 61 ≈ 0.8353, Δ = 624.7 / 3000, σ = 4/5 (all but v-saw2), ω = 0 → ≈ 53.6
    const sawKm = (20 * d29 + 10 * d35) / 30;
    expect(saw).toMatchObject({ rank: 2, stage: T('sawmilling') });
    expect(saw.score).toBeCloseTo(score(V(30), sawKm / 3000, 0.8, 0), 2);
    expect(saw.components.smeSuitability).toMatchObject({ value: 0.8, smes: 4, enterprises: 5 });
    expect(saw.components.relatedness.value).toBe(0);
    // panels: V = ln 6 / ln 61, Δ = d10 / 3000, σ = 1, ω = 0 → ≈ 43.2; packaging: V = ln 4 / ln 61, Δ = d35 / 3000 → ≈ 37.9
    expect(panels).toMatchObject({ rank: 3, stage: T('panels') });
    expect(panels.score).toBeCloseTo(score(V(5), d10 / 3000, 1, 0), 2);
    expect(pack).toMatchObject({ rank: 4, stage: T('packaging') });
    expect(pack.score).toBeCloseTo(score(V(3), d35 / 3000, 1, 0), 2);
    // The 13 gaps without demand (D = 0): not ranked, in chain order, each with the stages it feeds that Komi has.
    expect(o.structural.every((x) => x.reason === 'no-recorded-demand' && x.region === '11')).toBe(true);
    expect(o.structural.every((x) => x.rules.join() === MU && x.feedsPresent.length > 0)).toBe(true);
    expect(o.structural.find((x) => x.stage === T('wholesale'))!.feedsPresent).toEqual([
      T('sawmilling'),
      T('pulp'),
      T('joinery'),
    ]);
    expect(o.structural.map((x) => x.stage.slice(7))).toEqual([
      'forest-management',
      'logging-services',
      'forestry-machinery',
      'transport',
      'wholesale',
      'warehousing',
      'cargo-handling',
      'equipment-repair',
      'woodworking-machinery',
      'engineering',
      'testing',
      'recovered-paper',
      'ppm-machinery',
    ]);
  });

  it("all regions: 52 gaps, Komi's four with demand ranked; the 48 without demand apart, by region and chain order", async () => {
    // Gaps (all missing-upstream-link outside Komi): 11: 17; 29 (sawmilling, chemicals, pulp): logging,
    // transport, wholesale, equipment repair, woodworking machinery, engineering, testing, warehousing,
    // cargo handling, ppm machinery, recovered paper = 11; 35 (sawmilling, chemicals, packaging): the
    // nine feeding sawmilling + paper, ppm machinery = 11; 10 (sawmilling, panels): 9; 43 (logging):
    // forest management, logging services, equipment repair, forestry machinery = 4. 17+11+11+9+4 = 52.
    const o = await opportunities(db, settings, 'timber', undefined);
    expect(o.region).toBeNull();
    expect(o.total + o.structuralTotal).toBe(52);
    expect(o.total).toBe(4);
    expect(o.opportunities.map((x) => [x.region, x.stage.slice(7), x.score])).toEqual([
      ['11', 'process-chemicals', expect.closeTo(68.2, 1)],
      ['11', 'sawmilling', expect.closeTo(53.58, 1)],
      ['11', 'panels', expect.closeTo(43.21, 1)],
      ['11', 'packaging', expect.closeTo(37.88, 1)],
    ]);
    // Logging in Arkhangelsk has σ = 1 and ω = 0.5 (it would score 30), but nobody there buys logging: not ranked.
    expect(o.structural.map((x) => x.region)).toEqual([
      ...Array(9).fill('10'),
      ...Array(13).fill('11'),
      ...Array(11).fill('29'),
      ...Array(11).fill('35'),
      ...Array(4).fill('43'),
    ]);
    expect(o.structural.filter((x) => x.stage === T('logging')).map((x) => x.region)).toEqual(['10', '29', '35']);
    // Scores do not depend on asking for one region or all.
    const komi = await opportunities(db, settings, 'timber', '11');
    expect(o.opportunities.filter((x) => x.region === '11').map((x) => [x.stage, x.score])).toEqual(
      komi.opportunities.map((x) => [x.stage, x.score]),
    );
    const cut = await opportunities(db, settings, 'timber', undefined, { limit: 3 });
    expect([cut.opportunities.length, cut.structural.length, cut.total, cut.structuralTotal]).toEqual([3, 3, 4, 48]);
  });
});

describe('partner regions', () => {
  it('for sawmilling in Komi: Vologda (3500 / 658 km), Arkhangelsk (900 / 608 km), Karelia (100 / 866 km)', async () => {
    // score = capacity / max(distance, 50): 35: 3500 / 658.4 ≈ 5.316; 29: 900 / 607.9 ≈ 1.481; 10: 100 / 866.3 ≈ 0.115.
    // Arkhangelsk is nearer, Vologda has the capacity (v-saw 500 + v-saw2 3000).
    const p = await partners(db, T('sawmilling'), '11');
    expect(p.total).toBe(3);
    expect(p.partners.map((x) => x.region)).toEqual(['35', '29', '10']);
    const [v, a, k] = p.partners;
    expect(v).toMatchObject({ rank: 1, enterprises: 2, smes: 1, capacityMlnRub: 3500, suppliesMlnRub: 10 });
    expect(v.distanceKm).toBeCloseTo(d35, 1);
    expect(v.score).toBeCloseTo(3500 / d35, 3); // from the unrounded distance
    expect(v.smeList.map((s) => [s.id, s.size, s.revenueMlnRub])).toEqual([['v-saw', 'small', 500]]); // v-saw2 is large
    expect(a).toMatchObject({ rank: 2, enterprises: 1, smes: 1, capacityMlnRub: 900, suppliesMlnRub: 20 });
    expect(a.distanceKm).toBeCloseTo(d29, 1);
    expect(a.smeList.map((s) => [s.id, s.size])).toEqual([['a-saw', 'medium']]);
    expect(k).toMatchObject({ rank: 3, capacityMlnRub: 100, suppliesMlnRub: 0 });
    expect(k.smeList.map((s) => [s.id, s.size, s.employees])).toEqual([['ka-saw', 'micro', 10]]);
  });

  it('for process chemicals in Komi: Vologda (1500 / 658) before Arkhangelsk (400 / 608)', async () => {
    const p = await partners(db, T('process-chemicals'), '11', { limit: 1 });
    expect(p.total).toBe(2);
    expect(p.partners.map((x) => [x.region, x.capacityMlnRub, x.suppliesMlnRub])).toEqual([['35', 1500, 30]]);
  });
});

describe('cluster registry readiness (Decree 779)', () => {
  it('cl-ready: 10 participants; 2 without links (p09, p10 — p09 supplies only k-pulp, outside); 250 / 1000 = 25 % ≥ 20 %', async () => {
    // Links between participants: p01→p02 50, p02→p03 50, p03→p04 50, p04→p05 40, p05→p06 30,
    // p06→p07 20, p07→p08 10 = 250; revenue 10 × 100 = 1000.
    const r = await readiness(db, settings, 'cl-ready');
    expect(r).toMatchObject({
      industrial: true,
      ready: true,
      cluster: { id: 'cl-ready', kind: 'industrial', chain: 'timber', regions: ['53'] },
    });
    expect(r).toMatchObject({ status: 'passed', missing: [] });
    expect(r.checks.participants).toEqual({ status: 'passed', passed: true, value: 10, threshold: 10 });
    expect(r.checks.cooperation).toMatchObject({ passed: true, value: 2, threshold: 3 });
    expect(r.checks.cooperation.failing.map((p) => p.id)).toEqual(['p09', 'p10']);
    expect(r.checks.dependence).toMatchObject({
      status: 'passed',
      passed: true,
      value: 0.25,
      upperBound: null,
      unknownRevenueLimitMlnRub: null,
      threshold: 0.2,
      internalVolumeMlnRub: 250,
      revenueMlnRub: 1000,
      priorityParticipants: 0,
      priorityShare: 0,
      priorityThreshold: false,
      failing: [],
      revenueUnknown: [],
    });
    expect(r.participants.find((p) => p.id === 'p02')).toMatchObject({
      suppliedMlnRub: 50,
      boughtMlnRub: 50,
      linkedParticipants: 2,
      role: 'participant',
    });
    expect(r.participants.find((p) => p.id === 'p01')).toMatchObject({ role: 'anchor', linkedParticipants: 1 });
    expect(r.participants.find((p) => p.id === 'p09')).toMatchObject({ suppliedMlnRub: 0, linkedParticipants: 0 });
  });

  it('cl-priority: 3 of 10 (30 %) in priority territories → 10 %: 150 / 1000 = 15 % passes; 3 without links is still allowed', async () => {
    // q01→q02 40, q02→q03 30, q03→q04 30, q04→q05 20, q05→q06 20, q06→q07 10 = 150; q08–q10 unlinked.
    const r = await readiness(db, settings, 'cl-priority');
    expect(r.ready).toBe(true);
    expect(r.checks.cooperation).toMatchObject({ passed: true, value: 3 });
    expect(r.checks.cooperation.failing.map((p) => p.id)).toEqual(['q08', 'q09', 'q10']);
    expect(r.checks.dependence).toMatchObject({
      passed: true,
      value: 0.15,
      threshold: 0.1,
      priorityParticipants: 3,
      priorityShare: 0.3,
      priorityThreshold: true,
    });
    // The same cluster with the priority share set to 31 %: the 20 % threshold applies and it fails,
    // naming the participants whose output goes to no other participant (q07 only buys; q08–q10 nothing).
    const strict = await readiness(
      db,
      { ...settings, registry: { ...settings.registry, priorityShare: 0.31 } },
      'cl-priority',
    );
    expect(strict.ready).toBe(false);
    expect(strict.checks.dependence).toMatchObject({
      passed: false,
      value: 0.15,
      threshold: 0.2,
      priorityThreshold: false,
    });
    expect(strict.checks.dependence.failing.map((p) => p.id)).toEqual(['q07', 'q08', 'q09', 'q10']);
  });

  it('cl-failing: 6 participants < 10; 4 without links > 3; 6 / 250 ≤ 2.4 % < 20 % — naming who fails', async () => {
    // f1→f2 6; f3–f6 unlinked; known revenue 5 × 50 = 250, f6's unknown (not counted as 0): the
    // dependence is at most 6 / 250 = 2.4 %, below 20 % whatever f6 earns — failed, not undetermined.
    const r = await readiness(db, settings, 'cl-failing');
    expect(r).toMatchObject({ ready: false, status: 'failed', missing: [] });
    expect(r.cluster.regions).toEqual(['35', '53']);
    expect(r.checks.participants).toEqual({ status: 'failed', passed: false, value: 6, threshold: 10 });
    expect(r.checks.cooperation).toMatchObject({ status: 'failed', passed: false, value: 4, threshold: 3 });
    expect(r.checks.cooperation.failing).toEqual([
      { id: 'f3', name: 'ООО «Неготовый-3»' },
      { id: 'f4', name: 'ООО «Неготовый-4»' },
      { id: 'f5', name: 'ООО «Неготовый-5»' },
      { id: 'f6', name: 'ООО «Неготовый-6»' },
    ]);
    expect(r.checks.dependence).toMatchObject({
      status: 'failed',
      passed: false,
      value: null,
      upperBound: 0.024,
      threshold: 0.2,
      internalVolumeMlnRub: 6,
      revenueMlnRub: 250,
    });
    expect(r.checks.dependence.failing.map((p) => p.id)).toEqual(['f2', 'f3', 'f4', 'f5', 'f6']);
    expect(r.checks.dependence.revenueUnknown.map((p) => p.id)).toEqual(['f6']);
  });

  it('thresholds are settings; at 2 % cl-failing is undetermined: it passes only if f6 earns at most 6 / 0.02 − 250 = 50', async () => {
    const lenient = await readiness(
      db,
      { ...settings, registry: { ...settings.registry, minParticipants: 6, maxWithoutLinks: 4, minDependence: 0.02 } },
      'cl-failing',
    );
    expect(lenient.checks.participants.status).toBe('passed');
    expect(lenient.checks.cooperation.status).toBe('passed');
    expect(lenient).toMatchObject({ ready: false, status: 'undetermined' });
    expect(lenient.checks.dependence).toMatchObject({
      status: 'undetermined',
      passed: false,
      value: null,
      upperBound: 0.024,
      unknownRevenueLimitMlnRub: 50,
    });
    expect(lenient.missing).toEqual([
      { id: 'f6', name: 'ООО «Неготовый-6»', figure: 'revenueMlnRub', check: 'dependence' },
    ]);
    // Over the API too, with the same figures.
    const res = await get('/api/clusters/cl-failing/readiness');
    expect(res.json()).toMatchObject({ status: 'failed', checks: { dependence: { status: 'failed', value: null } } });
  });
});

describe('structural risks of Komi in the timber chain', () => {
  // The network: the 11 timber links above (all touch Komi), 11 enterprises.
  it('single suppliers: k-saw gets logging only from k-log; k-join sawmilling, panels and packaging from one each', async () => {
    // k-pulp has 2 logging, 3 sawmilling and 2 chemicals suppliers: no risk.
    const r = await risks(db, 'timber', '11');
    expect(r.network).toEqual({ enterprises: 11, links: 11, truncated: false, maxLinks: 2000 });
    expect(r.singleSupplier.total).toBe(4);
    expect(
      r.singleSupplier.rows.map((x) => [
        x.buyer.id,
        x.stage.slice(7),
        x.supplier.id,
        x.supplier.region,
        x.volumeMlnRub,
      ]),
    ).toEqual([
      ['k-saw', 'logging', 'k-log', '11', 40],
      ['k-join', 'sawmilling', 'k-saw', '11', 8],
      ['k-join', 'panels', 'ka-panel', '10', 5],
      ['k-join', 'packaging', 'v-pack', '35', 3],
    ]);
  });

  it("a single-supplier dependency's volume is all the buyer's links at the stage, parallel ones included", async () => {
    // A second k-log → k-saw link at logging (7): still one supplier, volume 40 + 7.
    await db.write(
      "MATCH (a:Enterprise {id: 'k-log'}), (b:Enterprise {id: 'k-saw'}) CREATE (a)-[:SUPPLIES {stage: $stage, volumeMlnRub: 7.0, product: 'parallel', marker: 'parallel-test'}]->(b)",
      { stage: T('logging') },
    );
    try {
      const r = await risks(db, 'timber', '11');
      expect(r.singleSupplier.total).toBe(4);
      expect(r.singleSupplier.rows[0]).toMatchObject({
        buyer: { id: 'k-saw' },
        stage: T('logging'),
        supplier: { id: 'k-log' },
        volumeMlnRub: 47,
      });
    } finally {
      await db.write("MATCH ()-[l:SUPPLIES {marker: 'parallel-test'}]->() DELETE l");
    }
  });

  it('broker: k-saw, the only enterprise on a shortest supply path (k-log → k-saw → k-join): 1 / ((11−1)(11−2)) = 1/90', async () => {
    // k-log reaches k-pulp directly; k-pulp and k-join buy from no one else in a chain that goes on.
    const r = await risks(db, 'timber', '11');
    expect(r.brokers).toHaveLength(1);
    expect(r.brokers[0]).toMatchObject({ id: 'k-saw', region: '11', suppliers: 1, buyers: 2 });
    expect(r.brokers[0].betweenness).toBeCloseTo(1 / 90, 6);
  });

  it('suggested links by Adamic–Adar: k-saw → ka-panel via k-join (1/ln 3), then three via k-pulp (1/ln 7)', async () => {
    // Undirected degrees: k-pulp 7, k-saw 3, k-join 3 (k-saw, ka-panel, v-pack), k-log 2, others 1.
    // Pairs sharing a neighbour, not linked, one of them in Komi, a stage of one FEEDS a stage of the other:
    //   via k-join: k-saw–ka-panel (sawmilling FEEDS panels) 1/ln 3 ≈ 0.9102; k-saw–v-pack: no FEEDS.
    //   via k-pulp: k-log–a-saw, k-log–v-saw, ki-log–k-saw (logging FEEDS sawmilling) 1/ln 7 ≈ 0.5139;
    //   chemicals feed pulp and paper only; sawmill pairs feed nothing between them; ki-log–a-saw has
    //   no end in Komi. via k-saw: k-log–k-join and k-pulp–k-join: no FEEDS.
    const r = await risks(db, 'timber', '11');
    expect(
      r.suggestedLinks.map((s) => [
        s.supplier.id,
        s.buyer.id,
        s.common,
        s.supplierStage.slice(7),
        s.buyerStage.slice(7),
      ]),
    ).toEqual([
      ['k-saw', 'ka-panel', ['k-join'], 'sawmilling', 'panels'],
      ['k-log', 'a-saw', ['k-pulp'], 'logging', 'sawmilling'],
      ['k-log', 'v-saw', ['k-pulp'], 'logging', 'sawmilling'],
      ['ki-log', 'k-saw', ['k-pulp'], 'logging', 'sawmilling'],
    ]);
    expect(r.suggestedLinks[0].adamicAdar).toBeCloseTo(1 / Math.log(3), 6);
    for (const s of r.suggestedLinks.slice(1)) expect(s.adamicAdar).toBeCloseTo(1 / Math.log(7), 6);
  });

  it('the same from the volume index (the way of regions with very many links), and cut at maxLinks', async () => {
    const expanded = await risks(db, 'timber', '11');
    expect(await risks(db, 'timber', '11', { indexScanFrom: 0 })).toEqual(expanded);
    // The 5 largest links: ki-log→k-pulp 60, k-log→k-saw 40, v-chem→k-pulp 30, k-log→k-pulp 20, a-saw→k-pulp 20.
    const cut = await risks(db, 'timber', '11', { maxLinks: 5 });
    expect(cut.network).toEqual({ enterprises: 6, links: 5, truncated: true, maxLinks: 5 });
    expect(cut.brokers).toEqual([]); // k-log → k-saw → k-join is cut
  });
});

describe('the aggregate and the live queries', () => {
  it("give the same figures, and the import wrote the aggregate's cells", async () => {
    const aggregated = await cellsFromAggregate(db);
    expect(aggregated?.source).toBe('aggregate');
    const live = await loadCells(db, { live: true });
    expect(aggregated!.cells).toEqual(live.cells);
    const strip = <X extends { source: string; refreshedAt: string | null }>({
      source: _s,
      refreshedAt: _r,
      ...rest
    }: X) => rest;
    expect(strip(await gapReport(db, settings, 'timber', '11'))).toEqual(
      strip(await gapReport(db, settings, 'timber', '11', { live: true })),
    );
    expect(strip(await gapMatrix(db, settings, 'timber'))).toEqual(
      strip(await gapMatrix(db, settings, 'timber', { live: true })),
    );
    expect(strip(await opportunities(db, settings, 'timber', undefined))).toEqual(
      strip(await opportunities(db, settings, 'timber', undefined, { live: true })),
    );
    expect(strip(await partners(db, T('sawmilling'), '11'))).toEqual(
      strip(await partners(db, T('sawmilling'), '11', { live: true })),
    );
  });

  it('is refreshed with the rest of the aggregate', async () => {
    const before = (await cellsFromAggregate(db))!;
    const refreshed = await refreshAggregate(db);
    const after = (await cellsFromAggregate(db))!;
    expect(after.version).toBe(refreshed.version);
    expect(after.version).toBeGreaterThan(before.version!);
    expect(after.cells).toEqual(before.cells);
  });
});

describe('the API', () => {
  it('GET /api/gaps answers exactly the figures above', async () => {
    const res = await get('/api/gaps?chain=timber&region=11');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(json(await gapReport(db, settings, 'timber', '11')));
    const saw = res.json().stages.find((r: GapRow) => r.stage === T('sawmilling'));
    expect(saw).toMatchObject({ demandMlnRub: 50, localMlnRub: 20, importedMlnRub: 30, rules: [LOW] });
  });

  it('GET /api/gaps/matrix, /api/opportunities, /api/partners, /api/clusters/:id/readiness, /api/risks', async () => {
    expect((await get('/api/gaps/matrix?chain=timber')).json()).toEqual(json(await gapMatrix(db, settings, 'timber')));
    expect((await get('/api/opportunities?chain=timber&region=11')).json()).toEqual(
      json(await opportunities(db, settings, 'timber', '11', { limit: 100 })),
    );
    const all = (await get('/api/opportunities?chain=timber&limit=5')).json();
    expect([all.total, all.structuralTotal]).toEqual([4, 48]);
    expect(all.opportunities.map((x: { region: string; stage: string }) => x.region + x.stage)).toEqual([
      '11' + T('process-chemicals'),
      '11' + T('sawmilling'),
      '11' + T('panels'),
      '11' + T('packaging'),
    ]);
    expect(all.structural).toHaveLength(5);
    expect((await get('/api/partners?stage=timber.sawmilling&region=11')).json()).toEqual(
      json(await partners(db, T('sawmilling'), '11')),
    );
    for (const id of ['cl-ready', 'cl-priority', 'cl-failing']) {
      expect((await get(`/api/clusters/${id}/readiness`)).json()).toEqual(json(await readiness(db, settings, id)));
    }
    expect((await get('/api/risks?chain=timber&region=11')).json()).toEqual(json(await risks(db, 'timber', '11')));
  });

  it('answers 400 for bad parameters and 404 for an unknown chain, region, stage or cluster', async () => {
    for (const url of [
      '/api/gaps?chain=timber',
      '/api/gaps?chain=timber&region=Komi',
      '/api/gaps?region=11',
      '/api/gaps/matrix',
      '/api/gaps/matrix?chain=Timber!',
      '/api/opportunities?chain=timber&limit=0',
      '/api/partners?stage=sawmilling&region=11',
      '/api/partners?stage=timber.sawmilling',
      '/api/risks?chain=timber&region=111',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error).toBe('bad_request');
    }
    for (const url of [
      '/api/gaps?chain=steel&region=11',
      '/api/gaps?chain=timber&region=99',
      '/api/gaps/matrix?chain=steel',
      '/api/opportunities?chain=steel',
      '/api/opportunities?chain=timber&region=00',
      '/api/partners?stage=timber.steel&region=11',
      '/api/partners?stage=timber.sawmilling&region=99',
      '/api/clusters/nope/readiness',
      '/api/risks?chain=oil&region=11',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error).toBe('not_found');
    }
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await get('/api/openapi.json')).json();
    for (const path of [
      '/api/gaps',
      '/api/gaps/matrix',
      '/api/opportunities',
      '/api/partners',
      '/api/clusters/{id}/readiness',
      '/api/risks',
    ]) {
      expect(doc.paths[path]?.get, path).toBeTruthy();
      expect(doc.paths[path].get.responses['200'].content['application/json'].schema.properties, path).toBeTruthy();
    }
    expect(doc.paths['/api/opportunities'].get.parameters.map((p: { name: string }) => p.name)).toEqual([
      'chain',
      'region',
      'limit',
      'scenario',
    ]);
  });
});

describe('on a generated graph', () => {
  it("the aggregate's cells equal the live ones, and every endpoint answers", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coopgraph-gaps-gen-'));
    const { files } = await generateDataset({ enterprises: 800, outDir: dir, reference: loadReference() });
    const report = await importFiles(
      db,
      [{ path: files.clusters }, { path: files.enterprises }, { path: files.links }],
      { ...importOptions(settings), batchSize: 2_000 },
    );
    expect(report.errors).toEqual([]);
    const aggregated = (await cellsFromAggregate(db))!;
    expect(aggregated.cells).toEqual((await loadCells(db, { live: true })).cells);
    expect(aggregated.cells.reduce((n, c) => n + c.demandMlnRub, 0)).toBeGreaterThan(0);
    for (const chain of ['timber', 'oilgas']) {
      const o = (await get(`/api/opportunities?chain=${chain}&limit=3`)).json();
      expect(o.opportunities.length).toBe(3);
      expect(o.opportunities[0].score).toBeGreaterThanOrEqual(o.opportunities[2].score);
      expect((await get(`/api/gaps/matrix?chain=${chain}`)).statusCode).toBe(200);
      expect((await get(`/api/risks?chain=${chain}&region=11`)).statusCode).toBe(200);
    }
    const [{ id }] = await db.read("MATCH (c:Cluster {kind: 'industrial'}) RETURN c.id AS id ORDER BY id LIMIT 1");
    expect((await get(`/api/clusters/${id}/readiness`)).json().checks.participants.value).toBeGreaterThan(0);
  });
});

describe('reference', () => {
  it("the fixture's region centres are the reference's", () => {
    const ref = new Map(loadReference().regions.map((r) => [r.code, [r.lat, r.lon]]));
    for (const [code, centre] of Object.entries(CENTRES)) expect(ref.get(code)).toEqual(centre);
  });
});
