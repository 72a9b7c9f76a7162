// The gap analysis' pure parts: distances, cells, relatedness, network risks, and its settings.
import { describe, expect, it } from 'vitest';
import { buildStageCells, haversineKm } from '../../server/gap-cells.js';
import { gapFigures, networkRisks, relatedness, ruleMask } from '../../server/gaps/index.js';
import { DEFAULT_SETTINGS, SettingsError, loadSettings } from '../../server/config.js';
import type { StageRef } from '../../core/schemas.js';

describe('haversineKm', () => {
  it('is 0 for a point, symmetric, and a quarter meridian is π/2 · R', () => {
    const komi = { lat: 61.67, lon: 50.84 };
    expect(haversineKm(komi, komi)).toBe(0);
    expect(haversineKm({ lat: 0, lon: 0 }, { lat: 90, lon: 0 })).toBeCloseTo((Math.PI / 2) * 6371.0088, 6);
    const moscow = { lat: 55.76, lon: 37.62 };
    expect(haversineKm(komi, moscow)).toBeCloseTo(haversineKm(moscow, komi), 9);
    expect(haversineKm(komi, moscow)).toBeGreaterThan(1000); // Syktyvkar–Moscow ≈ 1000 km
    expect(haversineKm(komi, moscow)).toBeLessThan(1100);
  });
});

describe('buildStageCells', () => {
  const coords = new Map([
    ['A', { lat: 0, lon: 0 }],
    ['B', { lat: 0, lon: 1 }],
    ['C', { lat: 1, lon: 0 }],
  ]);
  const deg = haversineKm({ lat: 0, lon: 0 }, { lat: 0, lon: 1 });
  it('sums demand, local supply and volume × distance by buyer region and stage, whatever the row order', () => {
    const flows = [
      { source: 'A', target: 'A', stage: 's', volumeMlnRub: 0.1, links: 1 },
      { source: 'B', target: 'A', stage: 's', volumeMlnRub: 0.2, links: 2 },
      { source: 'C', target: 'A', stage: 's', volumeMlnRub: 3, links: 1 },
      { source: 'X', target: 'A', stage: 's', volumeMlnRub: 99, links: 1 }, // unknown region: skipped
    ];
    const presence = [
      { region: 'A', stage: 's', enterprises: 2, smes: 1, revenueMlnRub: 10 },
      { region: 'B', stage: 't', enterprises: 1, smes: 0, revenueMlnRub: 0 },
    ];
    const cells = buildStageCells(flows, presence, coords);
    expect(cells).toEqual([
      {
        region: 'A',
        stage: 's',
        enterprises: 2,
        smes: 1,
        revenueMlnRub: 10,
        demandMlnRub: 3.3,
        localMlnRub: 0.1,
        links: 4,
        localLinks: 1,
        importKmMlnRub: expect.closeTo(3.2 * deg, 2),
      },
      {
        region: 'B',
        stage: 't',
        enterprises: 1,
        smes: 0,
        revenueMlnRub: 0,
        demandMlnRub: 0,
        localMlnRub: 0,
        links: 0,
        localLinks: 0,
        importKmMlnRub: 0,
      },
    ]);
    expect(buildStageCells([...flows].reverse(), [...presence].reverse(), coords)).toEqual(cells);
  });
});

describe('gapFigures', () => {
  const stage = { id: 's', feeds: ['t'] } as StageRef;
  const cell = {
    enterprises: 0,
    smes: 0,
    revenueMlnRub: 0,
    demandMlnRub: 10,
    localMlnRub: 0,
    links: 1,
    localLinks: 0,
    importKmMlnRub: 5000,
  };
  it('applies the three rules and the threshold', () => {
    expect(gapFigures(cell, stage, new Set(), 0.5)).toMatchObject({
      rules: ['no-local-enterprise'],
      lsr: 0,
      importDistanceKm: 500,
    });
    expect(gapFigures(cell, stage, new Set(['t']), 0.5)).toMatchObject({
      rules: ['no-local-enterprise', 'missing-upstream-link'],
      feedsPresent: ['t'],
    });
    expect(gapFigures({ ...cell, enterprises: 1, localMlnRub: 5 }, stage, new Set(['t']), 0.5)).toMatchObject({
      gap: false,
      lsr: 0.5,
    });
    expect(gapFigures({ ...cell, enterprises: 1, localMlnRub: 4.9 }, stage, new Set(), 0.5)).toMatchObject({
      rules: ['low-local-sourcing'],
    });
    expect(gapFigures(undefined, stage, new Set(['t']), 0.5)).toMatchObject({
      rules: ['missing-upstream-link'],
      lsr: null,
      importDistanceKm: null,
    });
    expect(ruleMask(['no-local-enterprise', 'missing-upstream-link'])).toBe(5);
  });
});

describe('relatedness', () => {
  // Three regions, three stages. Enterprises: R1: a 1, b 1; R2: a 1, c 1; R3: c 2. E = 6.
  // RCA = E(r,s)·E / (E(r)·E(s)): R1 a 6/(2·2) = 1.5, b 6/(2·1) = 3; R2 a 1.5, c 6/(2·3) = 1 (≥ 1);
  // R3 c 12/(2·3) = 2. M: a {R1, R2}, b {R1}, c {R2, R3}.
  // φ(a,b) = 1/2, φ(a,c) = 1/2, φ(b,c) = 0. ω(R3, a) = M(R3,b)·½ + M(R3,c)·½ over ½ + ½ = 0.5; ω(R2, b) = (½ + 0) / ½ = 1.
  const cell = (region: string, stage: string, enterprises: number) => ({
    region,
    stage,
    enterprises,
    smes: 0,
    revenueMlnRub: 0,
    demandMlnRub: 0,
    localMlnRub: 0,
    links: 0,
    localLinks: 0,
    importKmMlnRub: 0,
  });
  const rel = relatedness(
    [cell('R1', 'a', 1), cell('R1', 'b', 1), cell('R2', 'a', 1), cell('R2', 'c', 1), cell('R3', 'c', 2)],
    ['a', 'b', 'c'],
  );
  it('computes RCA, proximity and density as Hidalgo et al. (2007)', () => {
    expect(rel.rca('R1', 'b')).toBeCloseTo(3, 12);
    expect(rel.advantage('R2', 'c')).toBe(true);
    expect(rel.proximity('a', 'b')).toBe(0.5);
    expect(rel.proximity('b', 'c')).toBe(0);
    expect(rel.density('R3', 'a')).toBeCloseTo(0.5, 12);
    expect(rel.density('R2', 'b')).toBeCloseTo(1, 12);
    expect(rel.density('R1', 'c')).toBeCloseTo(1, 12); // φ(c,a) = ½ with M(R1,a); φ(c,b) = 0
    expect(rel.related('R1', 'c')).toEqual([{ stage: 'a', proximity: 0.5 }]);
  });
});

describe('networkRisks', () => {
  it("a chain x → y → z: y is the broker (1 / (2·1)); x and z share y and x's stage feeds z's", () => {
    const n = (id: string, stages: string[]) => ({ id, name: id, nameEn: null, region: 'R', size: null, stages });
    const r = networkRisks(
      [n('x', ['s1']), n('y', ['s2']), n('z', ['s3'])],
      [
        { source: 'x', target: 'y' },
        { source: 'y', target: 'z' },
      ],
      'R',
      new Map([
        ['s1', new Set(['s2', 's3'])],
        ['s2', new Set(['s3'])],
      ]),
    );
    expect(r.brokers.map((b) => [b.id, b.betweenness])).toEqual([['y', 0.5]]);
    expect(r.suggestedLinks.map((s) => [s.supplier.id, s.buyer.id, s.common, s.adamicAdar])).toEqual([
      ['x', 'z', ['y'], expect.closeTo(1 / Math.log(2), 6)],
    ]);
  });
});

describe('gap and registry settings', () => {
  it('have Decree 779 defaults and environment variables, checked', () => {
    expect(DEFAULT_SETTINGS.gapLsrThreshold).toBe(0.5);
    expect(DEFAULT_SETTINGS.registry).toEqual({
      minParticipants: 10,
      maxWithoutLinks: 3,
      minDependence: 0.2,
      minDependencePriority: 0.1,
      priorityShare: 0.3,
    });
    const s = loadSettings({
      GAP_LSR_THRESHOLD: '0.6',
      REGISTRY_MIN_PARTICIPANTS: '12',
      REGISTRY_MIN_DEPENDENCE: '.25',
      REGISTRY_PRIORITY_SHARE: '1',
    });
    expect(s.gapLsrThreshold).toBe(0.6);
    expect(s.registry).toMatchObject({
      minParticipants: 12,
      minDependence: 0.25,
      priorityShare: 1,
      maxWithoutLinks: 3,
    });
    expect(() => loadSettings({ GAP_LSR_THRESHOLD: '1.5' })).toThrow(SettingsError);
    expect(() => loadSettings({ REGISTRY_MIN_DEPENDENCE: '20%' })).toThrow(
      /^REGISTRY_MIN_DEPENDENCE must be a fraction/,
    );
  });
});
