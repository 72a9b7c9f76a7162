// The words of the explorer's colour legend, shared by the legend on screen (Panels.tsx) and the
// exported pictures and reports (export/describe.ts), so that both say the same.
import type { Reference } from '../schemas.js';
import { shortDistrictName, type Lang, type TextKey } from './index.js';
import { chainName, toT, type NamePrefix, type Translator } from './translate.js';
import { PALETTE, type Appearance, type ColorEntry } from '../graph/model.js';

/** Tables of names in the ties feature's catalogue (core/i18n/features/ties.ts). */
type TiesPrefix = 'rel' | 'prop' | 'col' | 'value' | 'link' | 'law' | 'subject';
const TIES_TABLES: Record<TiesPrefix, string> = {
  rel: 'tiesRel',
  prop: 'tiesProp',
  col: 'tiesCol',
  value: 'tiesValue',
  link: 'tiesLink',
  law: 'tiesLaw',
  subject: 'tiesSubject',
};
const MAIN_TABLES: readonly string[] = ['rel', 'prop', 'col', 'value'] satisfies NamePrefix[];

/**
 * The name of a data value (`t.name(prefix, id)`), looked up first in the ties feature's tables
 * (`tiesRel_CONTRACT`), then in the main catalogue's (`rel_SUPPLIES`); the value itself otherwise.
 */
export function dataName(lang: Lang | Translator, prefix: TiesPrefix, id: string): string {
  const t = toT(lang);
  const key = `${TIES_TABLES[prefix]}_${id}`;
  if (t.has(key)) return t(key as TextKey);
  return MAIN_TABLES.includes(prefix) ? t.name(prefix as NamePrefix, id) : id;
}

/**
 * An ISO date (YYYY-MM-DD, or a date-time) as the language writes dates, in words or `short`
 * (digits, for tables); anything else as it is.
 */
export function isoDate(lang: Lang | Translator, iso: string, style: 'long' | 'short' = 'long'): string {
  const t = toT(lang);
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return t.date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])), {
    day: style === 'long' ? 'numeric' : '2-digit',
    month: style === 'long' ? 'long' : '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/**
 * A dataset by its id, in words: `seed`, `fns-rsmp:YYYY-MM-DD` (a register dump), `fns-revexp:YYYY`
 * and `fns-sshr:YYYY` (companions), `file:<import run>`.
 */
export function datasetName(lang: Lang | Translator, id: string): string {
  const t = toT(lang);
  const at = id.indexOf(':');
  const kind = at < 0 ? id : id.slice(0, at);
  const rest = at < 0 ? '' : id.slice(at + 1);
  switch (kind) {
    case 'seed':
      return t('tiesDataset_seed');
    case 'fns-rsmp':
      return t('tiesDatasetRegister', { date: isoDate(t, rest) });
    case 'fns-revexp':
      return t('tiesDatasetRevexp', { year: rest });
    case 'fns-sshr':
      return t('tiesDatasetHeadcount', { year: rest });
    case 'file':
      return t('tiesDatasetFile', { id: rest });
  }
  return id;
}

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

/**
 * A line of the links legend in words: supply with the view's volume range, the ties and the
 * stages by extra codes, the other links.
 */
export function linkLegendLabel(lang: Lang | Translator, rel: string, volume?: { min: number; max: number }): string {
  const t = toT(lang);
  if (rel === 'SUPPLIES') {
    const fmt = (v: number) => t.num(v, { maximumFractionDigits: v >= 100 ? 0 : 1 });
    return `${t('legendSupply')}${volume && volume.max > 0 ? ` (${fmt(volume.min)}–${fmt(volume.max)} ${t('mlnRub')})` : ''}`;
  }
  if (rel === 'other') return t('legendOtherLinks');
  const key = `tiesLegend_${rel}`;
  return t.has(key) ? t(key as TextKey) : dataName(t, 'rel', rel);
}
