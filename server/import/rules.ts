// Business rules of the data: INN check digits, SME categories (209-FZ), value parsing.
import { innIsValid } from '../../core/reference.js';

/** Numbers as Russian Excel writes them: "1 234,5", with spaces or no-break spaces. */
export function parseNumber(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(cleaned)) return null;
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : null;
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'да', 'д', 'истина']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'нет', 'н', 'ложь', '']);
export function parseBoolean(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return null;
}

export const OKVED_PATTERN = /^\d{2}(\.\d{1,2}(\.\d{1,2})?)?$/;

/**
 * OKVED codes as Russian Excel leaves them: a code typed as a number becomes "16,1" (16.10 with
 * its trailing zero lost). Activities are registered with at least four digits, so a single
 * digit after the first dot gets its zero back.
 */
export function normaliseOkved(text: string): string {
  const code = text.trim().replace(',', '.');
  return /^\d{2}\.\d$/.test(code) ? code + '0' : code;
}

/** Region codes lose their leading zero in Excel ("1" for Adygea "01"). */
export function normaliseRegionCode(text: string): string {
  const t = text.trim();
  return /^\d$/.test(t) ? '0' + t : t;
}

/**
 * INNs of regions 01–09 lose their leading zero in Excel; restore it when that yields a
 * number with valid check digits.
 */
export function normaliseInn(text: string): string {
  const t = text.replace(/[\s\u00a0]/g, '');
  if ((t.length === 9 || t.length === 11) && /^\d+$/.test(t) && innIsValid('0' + t)) return '0' + t;
  return t;
}

const TRANSLIT: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** Latin spelling of a Russian name (a simple passport-style scheme), so "Luzales" finds «Лузалес». */
export function transliterate(text: string): string {
  return text.replace(/[а-яё]/gi, (ch) => {
    const lower = ch.toLowerCase();
    const t = TRANSLIT[lower];
    return ch === lower ? t : t.charAt(0).toUpperCase() + t.slice(1);
  });
}

function hasCyrillic(text: string): boolean {
  return /[а-яё]/i.test(text);
}

/** The Latin spelling stored beside a Cyrillic name for search; null for names already in Latin. */
export function latinName(name: string): string | null {
  return hasCyrillic(name) ? transliterate(name) : null;
}

/** A year ("2019") or an ISO date ("2019-03-01"); returned as the ISO date text. */
export function parseSince(text: string): string | null {
  const t = text.trim();
  if (/^\d{4}$/.test(t)) {
    const y = Number(t);
    return y >= 1900 && y <= 2100 ? t : null;
  }
  const m = t.match(/^(\d{4})-(\d{2})-(\d{2})$/) ?? t.match(/^(\d{2})\.(\d{2})\.(\d{4})$/);
  if (!m) return null;
  const iso = m[1].length === 4 ? `${m[1]}-${m[2]}-${m[3]}` : `${m[3]}-${m[2]}-${m[1]}`;
  const year = Number(iso.slice(0, 4));
  if (year < 1900 || year > 2100) return null;
  const d = new Date(iso + 'T00:00:00Z');
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}
