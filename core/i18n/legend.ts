// The words of the explorer's colour legend, shared by the legend on screen (Panels.tsx) and the
// exported pictures and reports (export/describe.ts), so that both say the same.
import type { Reference } from '../schemas.js';
import { shortDistrictName, type Lang } from './index.js';
import { chainName, toT, type Translator } from './translate.js';
import { PALETTE, type Appearance, type ColorEntry } from '../graph/model.js';

/** Names of regions, federal districts and stages in the UI language. */
export function legendNames(reference: Reference | undefined, lang: Lang | Translator) {
  const pick = toT(lang).pick;
  return {
    region: new Map(reference?.regions.map((r) => [r.code, pick(r)]) ?? []),
    district: new Map(reference?.federalDistricts.map((d) => [d.id, shortDistrictName(pick(d))]) ?? []),
    stage: new Map(reference?.chains.flatMap((c) => c.stages.map((s) => [s.id, pick(s)] as const)) ?? []),
  };
}

export interface ColorLine {
  key: string;
  color: string;
  label: string;
  count: number;
}

/**
 * The colour legend's lines, labelled. Categorical palettes run out: the values past the palette
 * share its last colour and one line, `others`. `nodeLabel` names a cluster by its node id.
 */
export function colorLegend(
  colors: ColorEntry[],
  colorBy: Appearance['colorBy'],
  lang: Lang | Translator,
  reference: Reference | undefined,
  nodeLabel: (id: string) => string,
): { lines: ColorLine[]; others: ColorLine | null } {
  const t = toT(lang);
  const n = legendNames(reference, t);
  const label = (key: string): string => {
    if (key === '') return t('noValue');
    switch (colorBy) {
      case 'type':
        return t.name('type', key);
      case 'chain':
        return key === 'both' ? t('bothChains') : chainName(t, key, reference?.chains);
      case 'stage':
        return n.stage.get(key) ?? key;
      case 'size':
        return t.name('sizeCat', key);
      case 'region':
        return n.region.get(key) ?? key;
      case 'district':
        return n.district.get(key) ?? key;
      case 'cluster':
        return nodeLabel(key);
      // Numbered by size, largest first, as the legend lists them.
      case 'community':
        return `${t('community')} ${colors.findIndex((c) => c.key === key) + 1}`;
    }
    return key;
  };
  const last = PALETTE[PALETTE.length - 1];
  const shared = colors.filter(
    (c) => c.key !== '' && c.color === last && ['region', 'cluster', 'community'].includes(colorBy),
  );
  const kept = shared.length > 1 ? colors.filter((c) => !shared.includes(c)) : colors;
  return {
    lines: kept.map((c) => ({ key: c.key, color: c.color, label: label(c.key), count: c.count })),
    others:
      shared.length > 1
        ? { key: 'others', color: last, label: t('others'), count: shared.reduce((a, c) => a + c.count, 0) }
        : null,
  };
}
