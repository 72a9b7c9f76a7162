// The app's one translation mechanism: catalogues ru.ts and en.ts with the same keys, and a pure
// translator (`createT(lang)`, `translate(lang, key, vars)`) with `{name}` variables and plural
// forms chosen by Intl.PluralRules. The client reads it through useI18n() (client/src/i18n.tsx);
// the server's export passes the request's language.
export { ru } from './ru.js';
export { en } from './en.js';
export type { Lang, MessageKey, TextKey, PluralKey, Vars, RuPlural, EnPlural, Catalogue } from './types.js';
export { createT, toT, translate, chainName, type Translator, type Named, type NamePrefix } from './translate.js';

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
