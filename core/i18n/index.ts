// The app's one translation mechanism: catalogues ru.ts and en.ts with the same keys, and a pure
// translator (`createT(lang)`, `translate(lang, key, vars)`) with `{name}` variables and plural
// forms chosen by Intl.PluralRules. The client reads it through useI18n() (client/src/i18n.tsx);
// the server's export passes the request's language.
import { ru } from './ru.js';
import { en } from './en.js';
import { translate } from './translate.js';
import type { Lang, TextKey } from './types.js';

export { ru, en };
export type { Lang, MessageKey, TextKey, PluralKey, Vars, RuPlural, EnPlural, Catalogue } from './types.js';
export { createT, toT, translate, formatNumber, chainName, isMessageKey, LOCALES, type Translator, type Named, type NamePrefix } from './translate.js';

/** Short region names for labels on the map: «Республика Коми» → «Коми», «Архангельская область» → «Архангельская обл.». */
export function shortRegionName(name: string): string {
  return name
    .replace(/\s*\(.*\)$/, '')
    .replace(/\s+[—–]\s+.*$/, '')
    .replace(/^Республика\s+/, '')
    .replace(/\s+Республика$/, '')
    .replace(/^Republic of\s+/, '')
    .replace(/\s+Republic$/, '')
    .replace(/автономный округ/, 'АО')
    .replace(/автономная область/, 'АОбл')
    .replace(/область$/, 'обл.')
    .replace(/Autonomous Okrug/, 'AO');
}

/** Federal district names without the words «федеральный округ». */
export function shortDistrictName(name: string): string {
  return name.replace(/\s*федеральный округ$/i, '').replace(/\s*Federal District$/i, '');
}

// Deprecated: the names below predate the catalogues and stay only until client/src/explorer/**
// and client/src/Overview.tsx move to useI18n(). New code uses createT / useI18n().

type Pair = { ru: string; en: string };
/** Builds the old `{ id: { ru, en } }` shape from the catalogue entries `${prefix}${id}`. */
function table(prefix: string): Record<string, Pair> {
  const out: Record<string, Pair> = {};
  for (const key of Object.keys(ru) as (keyof typeof ru)[]) {
    const value = ru[key];
    if (key.startsWith(prefix) && typeof value === 'string') out[key.slice(prefix.length)] = { ru: value, en: en[key] as string };
  }
  return out;
}

/** @deprecated Use `t(key)` from useI18n() or createT(lang). */
export function t(lang: Lang, key: TextKey): string {
  return translate(lang, key);
}
/** @deprecated The export's texts are in the one catalogue: use `t(key)`. */
export const te = t;
/** @deprecated Use TextKey. */
export type ExportTextKey = TextKey;
/** @deprecated Use `chainName(t, id, reference.chains)`: chain names come from the reference data. */
export const CHAIN_NAMES = table('chain_') as Record<'timber' | 'oilgas' | 'all', Pair>;
/** @deprecated Use `t.name('type', kind)`. */
export const TYPE_NAMES = table('type_');
/** @deprecated Use `t.name('sizeCat', size)`. */
export const SIZE_NAMES = table('sizeCat_');
/** @deprecated Use `t.name('rel', type)`. */
export const RELATIONSHIP_NAMES = table('rel_');
/** @deprecated Use `t.name('value', v)`. */
export const VALUE_NAMES = table('value_');
/** @deprecated Use `t.name('prop', p)`. */
export const PROPERTY_NAMES = table('prop_');
/** @deprecated Use `t('count_links', { count: n })`. */
export function counted(lang: Lang, n: number, noun: 'enterprise' | 'link' | 'cluster'): string {
  return translate(lang, `count_${noun}s`, { count: n });
}
