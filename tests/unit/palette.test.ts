// The categorical palette (core/graph/palette.ts): reproducible from iwanthue, its colours pairwise
// far apart in CIEDE2000 as PALETTE_MIN_DISTANCE promises, readable on the white canvas, and one
// colour per stage whichever stages a view holds.
import { describe, expect, it } from 'vitest';
import { differenceCiede2000 } from 'culori';
import { loadReference } from '../../server/reference.js';
import { PALETTE, PALETTE_MIN_DISTANCE, applyAppearance, buildGraph, indexReference } from '../../core/graph/model';
import { generatePalette } from '../../scripts/palette.js';
import type { ExploreNode, Reference } from '../../core/schemas.js';

const de = differenceCiede2000();
function minDistance(colors: readonly string[]): number {
  let min = Infinity;
  for (let i = 0; i < colors.length; i++)
    for (let j = i + 1; j < colors.length; j++) min = Math.min(min, de(colors[i], colors[j]));
  return min;
}

const ref = loadReference();
const index = indexReference({
  chains: ref.chains,
  regions: [],
  federalDistricts: [],
  okved: [],
} as unknown as Reference);
const stageIds = ref.chains.flatMap((c) => c.stages.map((s) => s.id));

function enterpriseAt(stage: string): ExploreNode {
  return {
    id: `enterprise:${stage}`,
    type: 'enterprise',
    name: stage,
    nameEn: null,
    region: null,
    lat: null,
    lon: null,
    size: 'small',
    employees: null,
    revenueMlnRub: null,
    chains: [stage.split('.')[0]],
    stages: [stage],
    clusters: [],
    degree: 0,
    synthetic: true,
  };
}
function stageColors(stages: string[]): Map<string, string> {
  const graph = buildGraph({ nodes: stages.map(enterpriseAt), edges: [] }, 'ru');
  const { colors } = applyAppearance(graph, { colorBy: 'stage', sizeBy: 'uniform' }, index);
  return new Map(colors.map((c) => [c.key, c.color]));
}

describe('categorical palette', () => {
  it('is what scripts/palette.ts makes with iwanthue', () => {
    expect(PALETTE).toEqual(generatePalette());
  });

  for (const { colors, min } of PALETTE_MIN_DISTANCE)
    it(`keeps its first ${colors} colours pairwise at least ${min} apart (CIEDE2000)`, () => {
      expect(PALETTE.length).toBeGreaterThanOrEqual(colors);
      expect(new Set(PALETTE.slice(0, colors)).size).toBe(colors);
      expect(minDistance(PALETTE.slice(0, colors))).toBeGreaterThanOrEqual(min);
    });

  it('has no colour that fades on white or looks like the grey of «no value»', () => {
    for (const c of PALETTE) {
      expect(de(c, '#ffffff')).toBeGreaterThan(25);
      expect(de(c, '#c3cad3')).toBeGreaterThan(15);
    }
  });

  it('gives every stage of both chains its own colour, far enough from every other', () => {
    const all = stageColors(stageIds);
    expect(all.size).toBe(stageIds.length);
    const stagesMin = PALETTE_MIN_DISTANCE.find((p) => p.colors >= stageIds.length)!.min;
    expect(minDistance([...all.values()])).toBeGreaterThanOrEqual(stagesMin);
  });

  it('keeps a stage’s colour when other stages come and go', () => {
    const all = stageColors(stageIds);
    const few = stageColors([stageIds[3], stageIds[30], stageIds[7]]);
    for (const [stage, color] of few) expect(color).toBe(all.get(stage));
  });
});
