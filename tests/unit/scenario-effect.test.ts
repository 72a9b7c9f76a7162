// The arithmetic of a what-if scenario (server/scenarios.ts effectOf, server/gaps/cells.ts
// applyCellEffect): a contract instead of an outside supplier keeps demand, moves the volume it
// replaces from imports to local supply, and is capped by that purchase; a contract without one
// adds demand. Worked by hand on one cell: Komi (11) buys logging for 69.9 — 60 from Arkhangelsk
// (29, one link), 9.9 from Komi (one link).
import { describe, expect, it } from 'vitest';
import { buildStageCells, haversineKm, regionCoordinates } from '../../server/gap-cells.js';
import { applyCellEffect } from '../../server/gaps/cells.js';
import { gapFigures, type CellTable } from '../../server/gaps/index.js';
import { effectOf, type RealEnterprise } from '../../server/scenarios.js';
import type { Scenario, ScenarioItem, StageRef } from '../../core/schemas.js';

const STAGE = 'timber.logging';
const stageRef = { id: STAGE, feeds: [] } as unknown as StageRef;
const coords = regionCoordinates();
const KM = haversineKm(coords.get('29')!, coords.get('11')!);

const base: CellTable = {
  cells: buildStageCells(
    [
      { source: '29', target: '11', stage: STAGE, volumeMlnRub: 60, links: 1 },
      { source: '11', target: '11', stage: STAGE, volumeMlnRub: 9.9, links: 1 },
    ],
    [{ region: '11', stage: STAGE, enterprises: 1, smes: 1, revenueMlnRub: 9.9 }],
  ),
  source: 'live',
  refreshedAt: null,
  version: null,
};

const real: RealEnterprise[] = [
  {
    id: 'anchor',
    name: 'Якорь',
    region: '11',
    stages: ['timber.pulp'],
    size: 'large',
    revenueMlnRub: 1000,
    clusters: [],
  },
  { id: 'far', name: 'Дальний', region: '29', stages: [STAGE], size: 'small', revenueMlnRub: 80, clusters: [] },
  {
    id: 'saw',
    name: 'Лесопилка',
    region: '11',
    stages: ['timber.sawmilling'],
    size: 'micro',
    revenueMlnRub: 30,
    clusters: [],
  },
];
const SME: ScenarioItem = {
  kind: 'enterprise',
  id: 'hypothetical:sme',
  name: 'Новое МСП',
  region: '11',
  stages: [STAGE],
  size: 'small',
  revenueMlnRub: 70,
  employees: null,
  clusters: [],
  priorityTerritory: false,
};
const contract = (volumeMlnRub: number, replaces: string | null): ScenarioItem => ({
  kind: 'link',
  supplier: 'hypothetical:sme',
  buyer: 'enterprise:anchor',
  stage: STAGE,
  volumeMlnRub,
  replaces,
});
const scenario = (items: ScenarioItem[]): Scenario => ({
  id: '00000000-0000-0000-0000-000000000001',
  name: 'Проверка',
  description: '',
  createdAt: '',
  updatedAt: '',
  version: 1,
  items,
  owner: 'anna',
  shared: false,
  mine: true,
  canChange: true,
});
/** Arkhangelsk's purchase the contracts may replace: far → anchor at logging, 60. */
const PURCHASED = new Map([[`far|anchor|${STAGE}`, 60]]);

function komi(items: ScenarioItem[]) {
  const effect = effectOf(scenario(items), real, PURCHASED);
  const cell = applyCellEffect(base, effect.cells).cells.find((c) => c.region === '11' && c.stage === STAGE)!;
  return { effect, cell, figures: gapFigures(cell, stageRef, new Set(), 0.5) };
}

describe('a contract instead of an outside supplier', () => {
  it('today: D 69.9, L 9.9, LSR 14 % — low local sourcing', () => {
    const f = gapFigures(
      base.cells.find((c) => c.region === '11')!,
      stageRef,
      new Set(),
      0.5,
    );
    expect(f).toMatchObject({
      demandMlnRub: 69.9,
      localMlnRub: 9.9,
      importedMlnRub: 60,
      rules: ['low-local-sourcing'],
    });
    expect(f.importDistanceKm).toBeCloseTo(KM, 1);
  });

  it('replacing all 60: D stays 69.9, L 69.9, nothing imported, the import link gone — the gap closes', () => {
    const { cell, figures, effect } = komi([SME, contract(60, 'enterprise:far')]);
    expect(effect.takenOver.get(1)).toBe(60);
    expect(cell).toMatchObject({
      demandMlnRub: 69.9,
      localMlnRub: 69.9,
      links: 2,
      localLinks: 2,
      importKmMlnRub: 0,
      enterprises: 2,
      smes: 2,
    });
    expect(figures).toMatchObject({ importedMlnRub: 0, importDistanceKm: null, gap: false, rules: [] });
    expect(figures.lsr).toBe(1);
  });

  it('without a replacement the same contract adds demand: D 129.9, L 69.9, 60 still imported', () => {
    const { cell, figures } = komi([SME, contract(60, null)]);
    expect(cell).toMatchObject({ demandMlnRub: 129.9, localMlnRub: 69.9, links: 3, localLinks: 2 });
    expect(figures.importedMlnRub).toBe(60);
    expect(figures.lsr).toBeCloseTo(69.9 / 129.9, 12);
  });

  it('replacing part of it: 25 of 60 — D stays, 35 still imported over the same distance, the link stays', () => {
    const { cell, figures, effect } = komi([SME, contract(25, 'enterprise:far')]);
    expect(effect.takenOver.get(1)).toBe(25);
    expect(cell).toMatchObject({ demandMlnRub: 69.9, localMlnRub: 34.9, links: 3, localLinks: 2 });
    expect(figures.importedMlnRub).toBe(35);
    expect(figures.importDistanceKm).toBeCloseTo(KM, 1);
    expect(figures.lsr).toBeCloseTo(34.9 / 69.9, 12);
    expect(figures.rules).toEqual(['low-local-sourcing']); // 49.9 % < 50 %
  });

  it('is capped by the purchase: 80 instead of 60 replaces 60; the 20 beyond it is new demand', () => {
    const { cell, figures, effect } = komi([SME, contract(80, 'enterprise:far')]);
    expect(effect.takenOver.get(1)).toBe(60);
    expect(cell).toMatchObject({ demandMlnRub: 89.9, localMlnRub: 89.9, links: 2 });
    expect(figures.importedMlnRub).toBe(0);
  });

  it('two contracts replacing one purchase share it in item order: 40, then the 20 left', () => {
    const { cell, effect } = komi([SME, contract(40, 'enterprise:far'), contract(40, 'enterprise:far')]);
    expect([effect.takenOver.get(1), effect.takenOver.get(2)]).toEqual([40, 20]);
    // 69.9 + 80 new − 60 replaced; all of the import gone.
    expect(cell).toMatchObject({ demandMlnRub: 89.9, localMlnRub: 89.9, importKmMlnRub: 0 });
  });

  it('a contract naming an enterprise no longer in the data is skipped, and changes nothing', () => {
    const { cell, effect } = komi([SME, contract(60, 'enterprise:gone')]);
    expect(effect.skipped).toEqual([{ item: 2, reason: 'enterprise_gone', enterprise: 'gone' }]);
    expect(cell).toMatchObject({ demandMlnRub: 69.9, localMlnRub: 9.9, enterprises: 2 });
  });

  it('a real enterprise that does not operate at the stage enters it by the contract, counted once', () => {
    const bySaw = (volumeMlnRub: number): ScenarioItem => ({
      kind: 'link',
      supplier: 'enterprise:saw',
      buyer: 'enterprise:anchor',
      stage: STAGE,
      volumeMlnRub,
      replaces: 'enterprise:far',
    });
    const { cell, figures } = komi([bySaw(30), bySaw(30)]);
    expect(cell).toMatchObject({ demandMlnRub: 69.9, localMlnRub: 69.9, enterprises: 2, smes: 2, revenueMlnRub: 39.9 });
    expect(figures.rules).toEqual([]);
  });
});
