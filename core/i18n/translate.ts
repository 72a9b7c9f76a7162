// The one translator: pure, isomorphic (no DOM, no Node), used by the client through useI18n()
// and by the server's export with the request's language.
import { ru } from './ru.js';
import { en } from './en.js';
import type { Lang, MessageKey, PluralKey, TextKey, Vars } from './types.js';

const CATALOGUES = { ru, en } as unknown as Record<Lang, Record<string, string | Record<string, string>>>;

/** The locale numbers and dates are formatted in (ru-RU: «1 234,5»; en-GB: "1,234.5"). */
const LOCALES: Record<Lang, string> = { ru: 'ru-RU', en: 'en-GB' };

const pluralRules = { ru: new Intl.PluralRules(LOCALES.ru), en: new Intl.PluralRules(LOCALES.en) };

function formatNumber(lang: Lang, n: number, options?: Intl.NumberFormatOptions): string {
  return n.toLocaleString(LOCALES[lang], options);
}

/** Replaces `{name}` by `vars.name`; numbers are formatted for the language, unknown names stay as they are. */
function interpolate(lang: Lang, template: string, vars: Vars): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = vars[name];
    return v === undefined ? m : typeof v === 'number' ? formatNumber(lang, v) : v;
  });
}

function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(ru, key);
}

/**
 * The text of `key` in `lang`. A plural entry takes the form Intl.PluralRules selects for
 * `vars.count`: «1 связь», «2 связи», «5 связей», «21 связь».
 */
export function translate(lang: Lang, key: TextKey, vars?: Vars): string;
export function translate(lang: Lang, key: PluralKey, vars: Vars & { count: number }): string;
export function translate(lang: Lang, key: MessageKey, vars?: Vars): string;
export function translate(lang: Lang, key: MessageKey, vars: Vars = {}): string {
  const entry = CATALOGUES[lang][key];
  if (entry === undefined) return key;
  if (typeof entry === 'string') return interpolate(lang, entry, vars);
  const count = Number(vars.count ?? 0);
  return interpolate(lang, entry[pluralRules[lang].select(count)] ?? entry.other, vars);
}

/** Something with a Russian name and, maybe, an English one (reference data, nodes, hits). */
export interface Named {
  name: string;
  nameEn?: string | null;
}

export interface Translator {
  (key: TextKey, vars?: Vars): string;
  (key: PluralKey, vars: Vars & { count: number }): string;
  readonly lang: Lang;
  /** The BCP 47 locale for Intl and toLocaleString. */
  readonly locale: string;
  /** Whether the catalogue has `key`: for keys built from data (`type_${kind}`). */
  has(key: string): key is MessageKey;
  /**
   * The catalogue's name for a data value, as `type_region` for ('type', 'region'), or the value
   * itself when the catalogue has none (a new code shows as it is rather than as nothing).
   */
  name(prefix: NamePrefix, id: string): string;
  num(n: number, options?: Intl.NumberFormatOptions): string;
  /** A date and time in the language's usual form (or as `options` ask). */
  date(ms: number, options?: Intl.DateTimeFormatOptions): string;
  /** The name of a thing from the data in this language: the English name when there is one. */
  pick(x: Named): string;
}

/** The prefixes of the catalogue's tables of names for data values. */
export type NamePrefix =
  | 'type'
  | 'sizeCat'
  | 'value'
  | 'prop'
  | 'rel'
  | 'chain'
  | 'action'
  | 'change'
  | 'role'
  | 'fmt'
  | 'col'
  | 'color'
  | 'size'
  | 'rule'
  | 'ruleHelp'
  | 'layout'
  | 'admin_roleDesc';

const cache = new Map<Lang, Translator>();

/** The translator for `lang`; one per language, so its identity changes only with the language. */
export function createT(lang: Lang): Translator {
  const known = cache.get(lang);
  if (known) return known;
  const t = ((key: MessageKey, vars?: Vars) => translate(lang, key, vars)) as Translator;
  Object.assign(t, {
    lang,
    locale: LOCALES[lang],
    has: isMessageKey,
    num: (n: number, options?: Intl.NumberFormatOptions) => formatNumber(lang, n, options),
    date: (ms: number, options?: Intl.DateTimeFormatOptions) => new Date(ms).toLocaleString(LOCALES[lang], options),
    pick: (x: Named) => (lang === 'en' && x.nameEn ? x.nameEn : x.name),
  });
  // A function's own `name` is read-only, so it is redefined rather than assigned.
  Object.defineProperty(t, 'name', {
    value: (prefix: NamePrefix, id: string) => {
      const key = `${prefix}_${id}`;
      return isMessageKey(key) ? translate(lang, key) : id;
    },
  });
  cache.set(lang, t);
  return t;
}

/** A chain's name from the reference data (seed/reference/chains.json), the catalogue when it is not at hand. */
export function chainName(t: Translator, id: string, chains?: readonly (Named & { id: string })[]): string {
  const chain = chains?.find((c) => c.id === id);
  return chain ? t.pick(chain) : t.name('chain', id);
}

/** A translator from a language, or the translator itself: for functions the server calls with a language and the client with its `t`. */
export function toT(x: Lang | Translator): Translator {
  return typeof x === 'string' ? createT(x) : x;
}
