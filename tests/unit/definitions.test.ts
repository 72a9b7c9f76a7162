// The edge cases of the README's "Gap analysis" definitions, each pinned where the code decides it:
// σ of a stage nobody works at, chain order, a link's stage (no stage, two stages, the buyer's chain),
// Adamic–Adar degrees with parallel links, a size with one figure unknown, and figures computed
// from unrounded inputs.
import { describe, expect, it } from 'vitest';
import { buildStageCells, emptyCell, haversineKm, type StageCell } from '../../server/gap-cells.js';
import { gapFigures, inChainOrder, networkRisks, smeSuitability, smeSuitabilityOf } from '../../server/gaps/index.js';
import { loadReference } from '../../server/reference.js';
import { linkStage, validateLink } from '../../server/import/validate.js';
import { DEFAULT_SME_LIMITS, smeCategory, stageMatcher } from '../../core/reference.js';
import type { StageRef } from '../../core/schemas.js';

const cell = (region: string, stage: string, patch: Partial<StageCell> = {}): StageCell => ({
  ...emptyCell(region, stage),
  ...patch,
});

describe('σ, the SME suitability of a stage', () => {
  it('is SMEs / enterprises nationwide, and 0 when no enterprise operates at the stage anywhere', () => {
    const sme = smeSuitability([
      cell('A', 's', { enterprises: 3, smes: 2 }),
      cell('B', 's', { enterprises: 1, smes: 1 }),
      cell('A', 'demand-only', { demandMlnRub: 10 }), // bought, but nobody operates at it
    ]);
    expect(smeSuitabilityOf(sme, 's')).toEqual({ smes: 3, enterprises: 4, share: 0.75 });
    expect(smeSuitabilityOf(sme, 'demand-only')).toEqual({ smes: 0, enterprises: 0, share: 0 });
    expect(smeSuitabilityOf(sme, 'never-seen')).toEqual({ smes: 0, enterprises: 0, share: 0 });
  });
});

describe('chain order', () => {
  it("is the stages' `order`, and stages of one step as chains.json lists them", () => {
    const stages = [
      { id: 'c', order: 2 },
      { id: 'a', order: 1 },
      { id: 'b', order: 2 },
      { id: 'd', order: 1 },
    ];
    expect(inChainOrder(stages).map((s) => s.id)).toEqual(['a', 'd', 'c', 'b']);
    // The timber chain: step 2 holds logging, logging services and forestry machinery, in that order.
    const timber = inChainOrder(loadReference().chains.find((c) => c.id === 'timber')!.stages).map((s) =>
      s.id.slice(7),
    );
    expect(timber.slice(0, 4)).toEqual(['forest-management', 'logging', 'logging-services', 'forestry-machinery']);
  });
});

describe("a supply link's stage", () => {
  const chains = [
    {
      id: 'one',
      stages: [
        { id: 'one.repair', okved: ['33.12'] },
        { id: 'one.saw', okved: ['16.10'] },
      ],
    },
    { id: 'two', stages: [{ id: 'two.repair', okved: ['33.12'] }] },
  ] as unknown as Parameters<typeof stageMatcher>[0];
  const matcher = stageMatcher(chains);
  const link = (okved: string) =>
    validateLink({ supplier: 's', buyer: 'b', okved, volume_mln_rub: '1', product: '', since: '', synthetic: '' }).row;

  it('is none when the link’s own OKVED maps to no stage — the supplier’s codes are not consulted then', () => {
    expect(linkStage(link('62.01'), ['16.10'], ['one.saw'], matcher)).toBeNull();
  });
  it('is the one stage its OKVED maps to', () => {
    expect(linkStage(link('16.10'), [], ['two.repair'], matcher)).toBe('one.saw');
  });
  it('of two stages, the one in a chain the buyer operates in', () => {
    expect(linkStage(link('33.12'), [], ['two.repair'], matcher)).toBe('two.repair');
    expect(linkStage(link('33.12'), [], ['one.saw'], matcher)).toBe('one.repair');
  });
  it('with the buyer in both chains or in neither, the first in chains.json order', () => {
    expect(linkStage(link('33.12'), [], ['one.saw', 'two.repair'], matcher)).toBe('one.repair');
    expect(linkStage(link('33.12'), [], [], matcher)).toBe('one.repair');
  });
  it('without an OKVED on the link, from the supplier’s codes, its main code first', () => {
    expect(linkStage(link(''), ['16.10', '33.12'], [], matcher)).toBe('one.saw');
    expect(linkStage(link(''), ['33.12', '16.10'], ['two.repair'], matcher)).toBe('two.repair');
  });
});

describe('Adamic–Adar', () => {
  it('counts a neighbour once: parallel links and links both ways do not raise its degree', () => {
    const n = (id: string, stages: string[]) => ({ id, name: id, nameEn: null, region: 'R', size: null, stages });
    // w's distinct neighbours are x and z (degree 2), however many links join them.
    const r = networkRisks(
      [n('x', ['s1']), n('w', ['s2']), n('z', ['s3'])],
      [
        { source: 'x', target: 'w' },
        { source: 'x', target: 'w' },
        { source: 'w', target: 'x' },
        { source: 'w', target: 'z' },
        { source: 'w', target: 'z' },
      ],
      'R',
      new Map([['s1', new Set(['s3'])]]),
    );
    expect(r.suggestedLinks).toHaveLength(1);
    expect(r.suggestedLinks[0]).toMatchObject({ supplier: { id: 'x' }, buyer: { id: 'z' }, common: ['w'] });
    expect(r.suggestedLinks[0].adamicAdar).toBeCloseTo(1 / Math.log(2), 6);
  });
});

describe('a size with one of headcount and revenue unknown', () => {
  it('is decided by the known one alone; with both unknown there is none', () => {
    expect(smeCategory(10, null, DEFAULT_SME_LIMITS)).toBe('micro');
    expect(smeCategory(null, 500, DEFAULT_SME_LIMITS)).toBe('small');
    expect(smeCategory(300, null, DEFAULT_SME_LIMITS)).toBe('large');
    expect(smeCategory(null, null, DEFAULT_SME_LIMITS)).toBeNull();
  });
});

describe('figures from unrounded inputs', () => {
  it('the mean import distance is exact, so Δ and the score use it unrounded', () => {
    const coords = new Map([
      ['A', { lat: 0, lon: 0 }],
      ['B', { lat: 0, lon: 1.0001 }],
    ]);
    const km = haversineKm({ lat: 0, lon: 0 }, { lat: 0, lon: 1.0001 });
    const [c] = buildStageCells([{ source: 'B', target: 'A', stage: 's', volumeMlnRub: 7, links: 1 }], [], coords);
    const stage: StageRef = { id: 's', name: 's', nameEn: 's', order: 1, kind: 'core', okved: [], feeds: [] };
    const f = gapFigures(c, stage, new Set(), 0.5);
    // Not 111.2 (rounded to 0.1 km): the figure keeps every digit of Σ volume·km / Σ volume.
    expect(f.importDistanceKm).toBeCloseTo(km, 3);
    expect(f.importDistanceKm).not.toBe(Math.round(km * 10) / 10);
  });
});
