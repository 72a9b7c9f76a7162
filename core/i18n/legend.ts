// The words of the explorer's colour legend, shared by the legend on screen (Panels.tsx) and the
// exported pictures and reports (export/describe.ts), so that both say the same.
import type { Reference } from '../schemas.js';
import { CHAIN_NAMES, SIZE_NAMES, TYPE_NAMES, shortDistrictName, t, type Lang } from './index.js';
import { PALETTE, type Appearance, type ColorEntry } from '../graph/model.js';

/** Names of regions, federal districts and stages in the UI language. */
export function legendNames(reference: Reference | undefined, lang: Lang) {
  const pick = (x: { name: string; nameEn: string }) => (lang === 'en' ? x.nameEn : x.name);
  return {
    region: new Map(reference?.regions.map((r) => [r.code, pick(r)]) ?? []),
    district: new Map(reference?.federalDistricts.map((d) => [d.id, shortDistrictName(pick(d))]) ?? []),
    stage: new Map(reference?.chains.flatMap((c) => c.stages.map((s) => [s.id, pick(s)] as const)) ?? []),
  };
}

export interface ColorLine { key: string; color: string; label: string; count: number }

/**
 * The colour legend's lines, labelled. Categorical palettes run out: the values past the palette
 * share its last colour and one line, `others`. `nodeLabel` names a cluster by its node id.
 */
export function colorLegend(
  colors: ColorEntry[], colorBy: Appearance['colorBy'], lang: Lang, reference: Reference | undefined, nodeLabel: (id: string) => string,
): { lines: ColorLine[]; others: ColorLine | null } {
  const n = legendNames(reference, lang);
  const label = (key: string): string => {
    if (key === '') return t(lang, 'noValue');
    switch (colorBy) {
      case 'type': return TYPE_NAMES[key]?.[lang] ?? key;
      case 'chain': return key === 'both' ? t(lang, 'bothChains') : CHAIN_NAMES[key as 'timber' | 'oilgas']?.[lang] ?? key;
      case 'stage': return n.stage.get(key) ?? key;
      case 'size': return SIZE_NAMES[key]?.[lang] ?? key;
      case 'region': return n.region.get(key) ?? key;
      case 'district': return n.district.get(key) ?? key;
      case 'cluster': return nodeLabel(key);
      // Numbered by size, largest first, as the legend lists them.
      case 'community': return `${t(lang, 'community')} ${colors.findIndex((c) => c.key === key) + 1}`;
    }
    return key;
  };
  const last = PALETTE[PALETTE.length - 1];
  const shared = colors.filter((c) => c.key !== '' && c.color === last && ['region', 'cluster', 'community'].includes(colorBy));
  const kept = shared.length > 1 ? colors.filter((c) => !shared.includes(c)) : colors;
  return {
    lines: kept.map((c) => ({ key: c.key, color: c.color, label: label(c.key), count: c.count })),
    others: shared.length > 1 ? { key: 'others', color: last, label: t(lang, 'others'), count: shared.reduce((a, c) => a + c.count, 0) } : null,
  };
}
