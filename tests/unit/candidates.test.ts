// Candidate entrants of a gap (server/gaps/candidates.ts), the pure parts: which regions are
// searched, the evidence an SME's codes give, the score and its components, and the order. Every
// expected figure is worked out by hand below from the method (score = 100 × (0.45·E + 0.15·P +
// 0.2·K + 0.2·T)), with the medium category limits 250 staff and 2000 mln RUB.
import { describe, expect, it } from 'vitest';
import {
  CandidateError,
  candidateQuestion,
  evidenceOf,
  rankCandidates,
  scoreCandidate,
  searchRegions,
  type CandidateRow,
  type RankContext,
} from '../../server/gaps/index.js';
import { loadReference } from '../../server/reference.js';
import { DEFAULT_SME_LIMITS, stageMatcher } from '../../core/reference.js';
import type { RegionRef } from '../../core/schemas.js';

const ref = loadReference();
const timber = ref.chains.find((c) => c.id === 'timber')!;
const sawmilling = timber.stages.find((s) => s.id === 'timber.sawmilling')!;
const sme = DEFAULT_SME_LIMITS;

/** Three regions on the equator: 1° of longitude ≈ 111.2 km. */
const REGIONS = [
  { code: '01', lon: 0 },
  { code: '02', lon: 1 },
  { code: '03', lon: 2 },
  { code: '04', lon: 8 },
  { code: '05', lon: -1 },
].map((r): RegionRef => ({
  code: r.code,
  iso: null,
  name: `Регион ${r.code}`,
  nameEn: `Region ${r.code}`,
  federalDistrict: 'x',
  center: '',
  centerEn: '',
  lat: 0,
  lon: r.lon,
}));
const DEG_KM = (Math.PI / 180) * 6371.0088; // 111.19 km

function context(overrides: Partial<RankContext> = {}): RankContext {
  return {
    stage: sawmilling,
    stages: timber.stages,
    matcher: stageMatcher(ref.chains),
    regions: [
      { code: '11', name: 'Коми', nameEn: 'Komi', distanceKm: 0 },
      { code: '43', name: 'Киров', nameEn: 'Kirov', distanceKm: 347.4 },
    ],
    radiusKm: 620,
    sme,
    okved: ref.okved,
    ...overrides,
  };
}

function row(overrides: Partial<CandidateRow>): CandidateRow {
  return {
    id: 'x',
    inn: null,
    name: 'X',
    nameEn: null,
    region: '11',
    okved: '16.10',
    okvedAll: ['16.10'],
    size: 'small',
    sizeSource: 'register',
    employees: null,
    employeesYear: null,
    revenueMlnRub: null,
    revenueYear: null,
    synthetic: false,
    links: [{ stage: 'timber.sawmilling', rel: 'OPERATES_AT' }],
    ties: [],
    ...overrides,
  };
}

const tie = (id: string, relationships: number, anchor = true) => ({
  id,
  name: id,
  nameEn: null,
  anchor,
  large: !anchor,
  kinds: ['SUPPLIES'],
  relationships,
});

describe('searchRegions', () => {
  it('is the gap region, then the nearest others within the radius, at most `neighbours` of them', () => {
    const codes = (radius: number, n: number) => searchRegions('01', radius, n, REGIONS).map((r) => r.code);
    // 02 and 05 are both 1° away (equal distance: by code), 03 2°, 04 8°.
    expect(codes(1000, 8)).toEqual(['01', '02', '05', '03', '04']);
    expect(codes(250, 8)).toEqual(['01', '02', '05', '03']);
    expect(codes(150, 8)).toEqual(['01', '02', '05']);
    expect(codes(1000, 1)).toEqual(['01', '02']);
    expect(codes(1000, 0)).toEqual(['01']);
    const [home, first] = searchRegions('01', 1000, 8, REGIONS);
    expect(home.distanceKm).toBe(0);
    expect(first.distanceKm).toBeCloseTo(DEG_KM, 1);
  });

  it('around Komi by default (1000 km, 8 regions): Kirov, Perm, Udmurtia, Mari El, Arkhangelsk, Chuvashia, Vologda, Tatarstan', () => {
    const r = searchRegions('11', 1000, 8);
    expect(r.map((x) => x.code)).toEqual(['11', '43', '59', '18', '12', '29', '21', '35', '16']);
    expect(r[1].distanceKm).toBeCloseTo(347.4, 1);
  });
});

describe('candidateQuestion', () => {
  it('refuses an unknown region, chain or stage (404) and a stage of another chain (400), saying which', () => {
    const refusal = (region: string, chain: string, stage: string) => {
      try {
        candidateQuestion(region, chain, stage);
      } catch (e) {
        return e instanceof CandidateError ? [e.status, e.reason] : e;
      }
      return null;
    };
    expect(refusal('99', 'timber', 'timber.sawmilling')).toEqual([404, 'unknown-region']);
    expect(refusal('11', 'wood', 'timber.sawmilling')).toEqual([404, 'unknown-chain']);
    expect(refusal('11', 'timber', 'timber.nothing')).toEqual([404, 'unknown-stage']);
    expect(refusal('11', 'timber', 'oilgas.refining')).toEqual([400, 'stage-not-in-chain']);
    expect(refusal('11', 'timber', 'timber.sawmilling')).toBeNull();
  });
});

describe('evidenceOf', () => {
  const ctx = context();
  it('active: the main code maps to the stage, with the code and its name', () => {
    const e = evidenceOf(row({}), ctx)!;
    expect(e).toMatchObject({ kind: 'active', code: '16.10', stage: 'timber.sawmilling', relation: 'OPERATES_AT' });
    expect(e.codeName).toBe('Распиловка и строгание древесины');
    expect(e.direction).toBeNull();
  });

  it('a code below a reference code takes the nearest ancestor’s name', () => {
    const e = evidenceOf(row({ okved: '16.10.1', okvedAll: ['16.10.1'] }), ctx)!;
    expect(e).toMatchObject({ kind: 'active', code: '16.10.1', codeName: 'Распиловка и строгание древесины' });
  });

  it('declared: an extra code maps to it (CAPABLE_OF, or OPERATES_AT of a user file), the main code does not', () => {
    const capable = row({
      okved: '02.20',
      okvedAll: ['02.20', '46.90', '16.10'],
      links: [{ stage: 'timber.sawmilling', rel: 'CAPABLE_OF' }],
    });
    expect(evidenceOf(capable, ctx)).toMatchObject({ kind: 'declared', code: '16.10', relation: 'CAPABLE_OF' });
    const file = row({ okved: '02.20', okvedAll: ['02.20', '16.10'] });
    expect(evidenceOf(file, ctx)).toMatchObject({ kind: 'declared', code: '16.10', relation: 'OPERATES_AT' });
  });

  it('a stage a file names without a code that maps to it: active for OPERATES_AT, declared for CAPABLE_OF, no code', () => {
    const named = row({ okved: '25.62', okvedAll: ['25.62'] });
    expect(evidenceOf(named, ctx)).toMatchObject({ kind: 'active', code: null, codeName: null });
    const capable = row({ ...named, links: [{ stage: 'timber.sawmilling', rel: 'CAPABLE_OF' }] });
    expect(evidenceOf(capable, ctx)).toMatchObject({ kind: 'declared', code: null });
  });

  it('adjacent: a code at a stage that FEEDS the stage (upstream) or that it FEEDS (downstream)', () => {
    const trucking = row({
      okved: '49.41',
      okvedAll: ['49.41'],
      links: [
        { stage: 'timber.transport', rel: 'OPERATES_AT' },
        { stage: 'oilgas.trucking', rel: 'OPERATES_AT' },
      ],
    });
    expect(evidenceOf(trucking, ctx)).toMatchObject({
      kind: 'adjacent',
      code: '49.41',
      stage: 'timber.transport',
      stageName: 'Вывозка и перевозка лесоматериалов',
      direction: 'upstream',
    });
    const joinery = row({
      okved: '16.23',
      okvedAll: ['16.23'],
      links: [{ stage: 'timber.joinery', rel: 'OPERATES_AT' }],
    });
    expect(evidenceOf(joinery, ctx)).toMatchObject({ kind: 'adjacent', code: '16.23', direction: 'downstream' });
  });

  it('of several adjacent stages, the main code’s comes first, then chain order', () => {
    const both = row({
      okved: '17.11',
      okvedAll: ['17.11', '02.20'],
      links: [
        { stage: 'timber.logging', rel: 'CAPABLE_OF' },
        { stage: 'timber.pulp', rel: 'OPERATES_AT' },
      ],
    });
    expect(evidenceOf(both, ctx)).toMatchObject({ kind: 'adjacent', code: '17.11', stage: 'timber.pulp' });
  });

  it('the strongest evidence counts: linked to the stage and to an adjacent one is active', () => {
    const e = evidenceOf(
      row({
        okvedAll: ['16.10', '02.20'],
        links: [
          { stage: 'timber.logging', rel: 'OPERATES_AT' },
          { stage: 'timber.sawmilling', rel: 'OPERATES_AT' },
        ],
      }),
      ctx,
    );
    expect(e?.kind).toBe('active');
  });

  it('nothing when linked only to stages that are not next to it', () => {
    const services = row({
      okved: '02.40',
      okvedAll: ['02.40'],
      links: [{ stage: 'timber.logging-services', rel: 'OPERATES_AT' }],
    });
    expect(evidenceOf(services, ctx)).toBeNull();
  });
});

describe('scoreCandidate', () => {
  const opts = { radiusKm: 620, sme };
  it('a small sawmill in the region, 40 staff, 150 mln RUB, tied to 2 partners: 86.66', () => {
    // K = (2/3 + ln 41 / ln 251 + ln 151 / ln 2001) / 3 = (0.666667 + 0.672085 + 0.660047) / 3 = 0.666263
    // score = 100 × (0.45 · 1 + 0.15 · 1 + 0.2 · 0.666263 + 0.2 · 2/3) = 45 + 15 + 13.3253 + 13.3333 = 86.66
    const { score, components: c } = scoreCandidate(
      { size: 'small', employees: 40, revenueMlnRub: 150, ties: [tie('a', 3), tie('b', 1, false)] },
      'active',
      0,
      true,
      opts,
    );
    expect(score).toBe(86.66);
    expect(c.evidence).toEqual({ value: 1, normalised: 1, weight: 0.45, points: 45 });
    expect(c.proximity).toEqual({ value: 0, normalised: 1, weight: 0.15, points: 15 });
    expect(c.capacity.category).toBeCloseTo(2 / 3, 6);
    expect(c.capacity.employees).toBeCloseTo(0.672085, 5);
    expect(c.capacity.revenue).toBeCloseTo(0.660047, 5);
    expect(c.capacity.normalised).toBeCloseTo(0.666263, 5);
    expect(c.capacity.points).toBeCloseTo(13.3253, 3);
    expect(c.ties).toEqual({ value: 2, normalised: 0.666667, weight: 0.2, points: 13.3333 });
    const sum = c.evidence.points + c.proximity.points + c.capacity.points + c.ties.points;
    expect(sum).toBeCloseTo(score, 1);
  });

  it('unknown staff and revenue are left out of K, not counted as 0: a micro firm with neither has K = 1/3', () => {
    const none = scoreCandidate(
      { size: 'micro', employees: null, revenueMlnRub: null, ties: [] },
      'declared',
      0,
      true,
      opts,
    );
    // 100 × (0.45 · 0.6 + 0.15 + 0.2 / 3) = 27 + 15 + 6.67 = 48.67
    expect(none.components.capacity).toMatchObject({ employees: null, revenue: null, category: 0.333333 });
    expect(none.score).toBe(48.67);
    // Staff known, revenue not: K = (1/3 + ln 11 / ln 251) / 2 = (0.333333 + 0.433973) / 2 = 0.383653
    const staff = scoreCandidate(
      { size: 'micro', employees: 10, revenueMlnRub: null, ties: [] },
      'declared',
      0,
      true,
      opts,
    );
    expect(staff.components.capacity.normalised).toBeCloseTo(0.383653, 5);
    // A zero is a known figure: it lowers K.
    const zero = scoreCandidate(
      { size: 'micro', employees: 0, revenueMlnRub: null, ties: [] },
      'declared',
      0,
      true,
      opts,
    );
    expect(zero.components.capacity.normalised).toBeCloseTo(1 / 6, 6);
  });

  it('staff or revenue above the medium limits count in full; the ties term is full at 3 partners', () => {
    const big = scoreCandidate(
      { size: 'medium', employees: 900, revenueMlnRub: 5000, ties: [1, 2, 3, 4, 5].map((i) => tie(`p${i}`, 1)) },
      'adjacent',
      0,
      true,
      opts,
    );
    expect(big.components.capacity.normalised).toBe(1);
    expect(big.components.ties).toMatchObject({ value: 5, normalised: 1, points: 20 });
    // 100 × (0.45 · 0.3 + 0.15 + 0.2 + 0.2) = 13.5 + 15 + 20 + 20 = 68.5
    expect(big.score).toBe(68.5);
  });

  it('a medium sawmill in Kirov, 347.4 km away, 200 staff, 1500 mln RUB: P = 1 − 347.4 / 620', () => {
    // K = (1 + ln 201 / ln 251 + ln 1501 / ln 2001) / 3 = (1 + 0.959796 + 0.962176) / 3 = 0.973991
    // score = 100 × (0.45 + 0.15 · 0.439677 + 0.2 · 0.973991) = 45 + 6.5952 + 19.4798 = 71.07
    const { score, components } = scoreCandidate(
      { size: 'medium', employees: 200, revenueMlnRub: 1500, ties: [] },
      'active',
      347.4,
      false,
      opts,
    );
    expect(components.proximity).toMatchObject({ value: 347.4, normalised: 0.439677 });
    expect(score).toBe(71.07);
  });
});

describe('rankCandidates', () => {
  it('the gap region first whatever the scores, then score, then INN (none last), then name', () => {
    const rows = [
      row({ id: 'kirov', region: '43', size: 'medium', employees: 200, revenueMlnRub: 1500 }), // 71.07
      row({
        id: 'weak',
        okved: '16.23',
        okvedAll: ['16.23'],
        links: [{ stage: 'timber.joinery', rel: 'OPERATES_AT' }],
      }),
      row({
        id: 'j-no-inn',
        name: 'Б',
        size: 'micro',
        okved: '16.23',
        okvedAll: ['16.23'],
        links: [{ stage: 'timber.joinery', rel: 'OPERATES_AT' }],
      }),
      row({
        id: 'i-no-inn',
        name: 'А',
        size: 'micro',
        okved: '16.23',
        okvedAll: ['16.23'],
        links: [{ stage: 'timber.joinery', rel: 'OPERATES_AT' }],
      }),
      row({
        id: 'h',
        inn: '1102000002',
        size: 'micro',
        okved: '16.23',
        okvedAll: ['16.23'],
        links: [{ stage: 'timber.joinery', rel: 'OPERATES_AT' }],
      }),
      row({
        id: 'g',
        inn: '1101000001',
        size: 'micro',
        okved: '16.23',
        okvedAll: ['16.23'],
        links: [{ stage: 'timber.joinery', rel: 'OPERATES_AT' }],
      }),
      row({ id: 'far', region: '77' }), // not a searched region
      row({
        id: 'none',
        okved: '02.40',
        okvedAll: ['02.40'],
        links: [{ stage: 'timber.logging-services', rel: 'OPERATES_AT' }],
      }),
    ];
    const ranked = rankCandidates(rows, context());
    // weak: small adjacent, 100 × (0.135 + 0.15 + 0.2 · 2/3) = 41.83; the four micro ones 35.17 each.
    expect(ranked.map((c) => [c.id, c.score])).toEqual([
      ['weak', 41.83],
      ['g', 35.17],
      ['h', 35.17],
      ['i-no-inn', 35.17],
      ['j-no-inn', 35.17],
      ['kirov', 71.07],
    ]);
    expect(ranked.map((c) => c.inRegion)).toEqual([true, true, true, true, true, false]);
    expect(ranked[5]).toMatchObject({ regionName: 'Киров', distanceKm: 347.4 });
  });

  it('counts each partner once, with all its relationships, most relationships first', () => {
    const [c] = rankCandidates([row({ ties: [tie('b', 1, false), tie('a', 3)] })], context());
    expect(c.ties.partners).toBe(2);
    expect(c.ties.relationships).toBe(4);
    expect(c.ties.list.map((t) => t.id)).toEqual(['a', 'b']);
    expect(c.components.ties.value).toBe(2);
  });
});
