// Business rules of the data: INN check digits, SME categories (209-FZ), value parsing.
import type { SmeLimits } from '../config.js';

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_1 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_2 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function checkDigit(digits: number[], weights: number[]): number {
  return (weights.reduce((sum, w, i) => sum + w * digits[i], 0) % 11) % 10;
}

/**
 * Appends the check digit(s) to an INN body: 9 digits give a 10-digit legal-entity INN,
 * 10 digits a 12-digit individual's INN.
 */
export function completeInn(body: string): string {
  const d = [...body].map(Number);
  if (/^\d{9}$/.test(body)) return body + checkDigit(d, INN10_WEIGHTS);
  if (/^\d{10}$/.test(body)) {
    const eleventh = checkDigit(d, INN12_WEIGHTS_1);
    return body + eleventh + checkDigit([...d, eleventh], INN12_WEIGHTS_2);
  }
  throw new Error(`an INN body has 9 or 10 digits, got "${body}"`);
}

/** Check digits of a Russian taxpayer number: 10 digits (legal entity) or 12 (individual). */
export function innIsValid(inn: string): boolean {
  if (!/^(\d{10}|\d{12})$/.test(inn)) return false;
  const d = [...inn].map(Number);
  if (inn.length === 10) return checkDigit(d, INN10_WEIGHTS) === d[9];
  return checkDigit(d, INN12_WEIGHTS_1) === d[10] && checkDigit(d, INN12_WEIGHTS_2) === d[11];
}

export type SizeCategory = 'micro' | 'small' | 'medium' | 'large';
export const SIZE_CATEGORIES: SizeCategory[] = ['micro', 'small', 'medium', 'large'];

/**
 * 209-FZ category from headcount and revenue: the enterprise falls into the smallest category
 * whose limits it meets on every known criterion. Null when both are unknown.
 */
export function smeCategory(employees: number | null, revenueMlnRub: number | null, limits: SmeLimits): SizeCategory | null {
  if (employees === null && revenueMlnRub === null) return null;
  const within = (maxEmployees: number, maxRevenue: number) =>
    (employees === null || employees <= maxEmployees) && (revenueMlnRub === null || revenueMlnRub <= maxRevenue);
  if (within(limits.microEmployees, limits.microRevenueMlnRub)) return 'micro';
  if (within(limits.smallEmployees, limits.smallRevenueMlnRub)) return 'small';
  if (within(limits.mediumEmployees, limits.mediumRevenueMlnRub)) return 'medium';
  return 'large';
}

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
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** Latin spelling of a Russian name (a simple passport-style scheme), so "Luzales" finds «Лузалес». */
export function transliterate(text: string): string {
  return text.replace(/[а-яё]/gi, (ch) => {
    const lower = ch.toLowerCase();
    const t = TRANSLIT[lower];
    return ch === lower ? t : t.charAt(0).toUpperCase() + t.slice(1);
  });
}

export function hasCyrillic(text: string): boolean {
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
