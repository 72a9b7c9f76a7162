// Verdicts in three states: the registry readiness of Decree 779 passes only on complete data,
// fails when even the known figures settle it, and is undetermined otherwise, naming what is missing.
import { describe, expect, it } from 'vitest';
import {
  assessReadiness,
  combineVerdicts,
  dependenceVerdict,
  type RawParticipant,
  type ReadinessInputs,
} from '../../server/gaps/index.js';
import { DEFAULT_SETTINGS } from '../../server/config.js';

const cluster: ReadinessInputs['cluster'] = {
  id: 'c',
  name: 'Кластер',
  nameEn: null,
  kind: 'industrial',
  status: 'forming',
  chain: 'timber',
  regions: ['11'],
};

const participant = (
  id: string,
  revenueMlnRub: number | null,
  patch: Partial<RawParticipant> = {},
): RawParticipant => ({
  id,
  name: id.toUpperCase(),
  nameEn: null,
  role: 'participant',
  region: '11',
  size: 'small',
  revenueMlnRub,
  priorityTerritory: false,
  stages: [],
  suppliedMlnRub: 0,
  boughtMlnRub: 0,
  buyers: [],
  suppliers: [],
  ...patch,
});

/**
 * Ten participants in a ring p01 → p02 → … → p10 → p01, each supplying `volume` to the next (so
 * every one is linked), with the revenues given.
 */
function ring(revenues: (number | null)[], volume: number): ReadinessInputs {
  const ids = revenues.map((_, i) => `p${String(i + 1).padStart(2, '0')}`);
  return {
    cluster,
    participants: ids.map((id, i) =>
      participant(id, revenues[i], {
        suppliedMlnRub: volume,
        boughtMlnRub: volume,
        buyers: [ids[(i + 1) % ids.length]],
        suppliers: [ids[(i + ids.length - 1) % ids.length]],
      }),
    ),
  };
}

describe('readiness: three states', () => {
  it('passes on complete data: 10 participants, all linked, 250 / 1000 = 25 % ≥ 20 %', () => {
    const r = assessReadiness(ring(Array(10).fill(100), 25), DEFAULT_SETTINGS);
    expect(r.status).toBe('passed');
    expect(r.ready).toBe(true);
    expect(r.missing).toEqual([]);
    expect(r.checks.dependence).toMatchObject({
      status: 'passed',
      passed: true,
      value: 0.25,
      upperBound: null,
      revenueMlnRub: 1000,
      internalVolumeMlnRub: 250,
      unknownRevenueLimitMlnRub: null,
      failing: [],
      revenueUnknown: [],
    });
  });

  it('is undetermined when two revenues are unknown and the known ones leave it open: never counted as 0', () => {
    // Known revenue 8 × 100 = 800; internal 250 → at most 31.25 %; passes iff the two sum to ≤ 250 / 0.2 − 800 = 450.
    const r = assessReadiness(ring([null, null, ...Array(8).fill(100)], 25), DEFAULT_SETTINGS);
    expect(r.status).toBe('undetermined');
    expect(r.ready).toBe(false);
    expect(r.checks.participants.status).toBe('passed');
    expect(r.checks.cooperation.status).toBe('passed');
    expect(r.checks.dependence).toMatchObject({
      status: 'undetermined',
      passed: false,
      value: null,
      upperBound: 0.3125,
      revenueMlnRub: 800,
      unknownRevenueLimitMlnRub: 450,
      revenueUnknown: [
        { id: 'p01', name: 'P01' },
        { id: 'p02', name: 'P02' },
      ],
    });
    expect(r.missing).toEqual([
      { id: 'p01', name: 'P01', figure: 'revenueMlnRub', check: 'dependence' },
      { id: 'p02', name: 'P02', figure: 'revenueMlnRub', check: 'dependence' },
    ]);
  });

  it('fails with revenue unknown when even the known revenue puts the dependence below the threshold', () => {
    // Internal 100, known 800: at most 12.5 % < 20 %; unknown revenue can only lower it.
    const r = assessReadiness(ring([null, null, ...Array(8).fill(100)], 10), DEFAULT_SETTINGS);
    expect(r.checks.dependence).toMatchObject({ status: 'failed', value: null, upperBound: 0.125 });
    expect(r.checks.dependence.revenueUnknown).toHaveLength(2);
    expect(r.status).toBe('failed');
    expect(r.missing).toEqual([]);
  });

  it('a failed check outweighs an undetermined one; the missing figures are still named', () => {
    const inputs = ring([null, ...Array(8).fill(100)], 25); // nine participants < 10
    const r = assessReadiness(inputs, DEFAULT_SETTINGS);
    expect(r.checks.participants.status).toBe('failed');
    expect(r.checks.dependence.status).toBe('undetermined');
    expect(r.status).toBe('failed');
    expect(r.missing.map((m) => m.id)).toEqual(['p01']);
  });

  it('a revenue known to be 0 is known: it counts, and does not make the check undetermined', () => {
    const r = assessReadiness(ring([0, ...Array(9).fill(100)], 25), DEFAULT_SETTINGS);
    expect(r.checks.dependence).toMatchObject({ status: 'passed', value: expect.closeTo(250 / 900, 6) });
  });
});

describe('readiness: one definition per checklist line', () => {
  // a ⇄ b linked both ways; c only buys from a; d and e have no link with any participant.
  const inputs: ReadinessInputs = {
    cluster,
    participants: [
      participant('a', 100, { suppliedMlnRub: 15, boughtMlnRub: 5, buyers: ['b', 'c'], suppliers: ['b'] }),
      participant('b', 100, { suppliedMlnRub: 5, boughtMlnRub: 10, buyers: ['a'], suppliers: ['a'] }),
      participant('c', 100, { boughtMlnRub: 5, suppliers: ['a'] }),
      participant('d', 100),
      participant('e', 100),
    ],
  };
  const r = assessReadiness(inputs, DEFAULT_SETTINGS);

  it('cooperation: participants with no supply link either way — the count is the list', () => {
    expect(r.checks.cooperation.failing.map((p) => p.id)).toEqual(['d', 'e']);
    expect(r.checks.cooperation.value).toBe(r.checks.cooperation.failing.length);
    expect(r.participants.find((p) => p.id === 'c')!.linkedParticipants).toBe(1);
  });

  it('dependence: those that supply nothing to other participants — a buyer only (c) is one, but has a link', () => {
    expect(r.checks.dependence.status).toBe('failed'); // 20 / 500 = 4 %
    expect(r.checks.dependence.failing.map((p) => p.id)).toEqual(['c', 'd', 'e']);
  });
});

describe('dependenceVerdict', () => {
  it('decides every case of known and unknown revenue', () => {
    // All known.
    expect(dependenceVerdict(20, 100, 0, 0.2)).toMatchObject({ status: 'passed', value: 0.2 });
    expect(dependenceVerdict(19.9, 100, 0, 0.2)).toMatchObject({ status: 'failed', value: expect.closeTo(0.199, 12) });
    // No revenue at all (or all of it 0): nothing to divide by.
    expect(dependenceVerdict(0, 0, 0, 0.2)).toMatchObject({ status: 'undetermined', value: null, upperBound: null });
    // Some unknown: internal / known bounds it from above.
    expect(dependenceVerdict(30, 100, 1, 0.2)).toEqual({
      status: 'undetermined',
      value: null,
      upperBound: 0.3,
      unknownRevenueLimit: 50,
    });
    expect(dependenceVerdict(10, 100, 1, 0.2)).toMatchObject({ status: 'failed', upperBound: 0.1 });
    // Every revenue unknown: no bound, but the limit is still internal / threshold.
    expect(dependenceVerdict(30, 0, 3, 0.2)).toEqual({
      status: 'undetermined',
      value: null,
      upperBound: null,
      unknownRevenueLimit: 150,
    });
    // Nothing supplied between participants: 0 whatever anyone earns.
    expect(dependenceVerdict(0, 0, 3, 0.2)).toMatchObject({ status: 'failed' });
  });

  it('combines: any failed fails, else any undetermined, else passed', () => {
    expect(combineVerdicts(['passed', 'passed'])).toBe('passed');
    expect(combineVerdicts(['passed', 'undetermined'])).toBe('undetermined');
    expect(combineVerdicts(['undetermined', 'failed'])).toBe('failed');
    expect(combineVerdicts([])).toBe('passed');
  });
});
