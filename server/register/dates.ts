// Dates of the FNS open datasets: the files write `ДД.ММ.ГГГГ`; the records carry ISO `YYYY-MM-DD`.
import type { IsoDate } from './types.js';

const RU_DATE = /^\s*(\d{2})\.(\d{2})\.(\d{4})\s*$/;
const ISO_DATE = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function valid(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= DAYS[m - 1] + (leap ? 1 : 0);
}

const digit = (s: string, i: number) => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
};

const DIGITS = [0, 1, 3, 4, 6, 7, 8, 9];

export function fnsDate(text: string | undefined | null): IsoDate | null {
  if (!text) return null;
  // The common case without a regular expression: exactly `ДД.ММ.ГГГГ`.
  if (text.length === 10 && text.charCodeAt(2) === 46 && text.charCodeAt(5) === 46) {
    const d = digit(text, 0) * 10 + digit(text, 1);
    const mo = digit(text, 3) * 10 + digit(text, 4);
    const y = digit(text, 6) * 1000 + digit(text, 7) * 100 + digit(text, 8) * 10 + digit(text, 9);
    let ok = true;
    for (const i of DIGITS) if (digit(text, i) < 0) ok = false;
    if (ok) return valid(y, mo, d) ? `${text.slice(6)}-${text.slice(3, 5)}-${text.slice(0, 2)}` : null;
  }
  let m = RU_DATE.exec(text);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return valid(y, mo, d) ? `${m[3]}-${m[2]}-${m[1]}` : null;
  }
  m = ISO_DATE.exec(text);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3])) ? `${m[1]}-${m[2]}-${m[3]}` : null;
  return null;
}

/** The year of a date as written in the files, or null. */
export function fnsYear(text: string | undefined | null): number | null {
  const iso = fnsDate(text);
  return iso ? Number(iso.slice(0, 4)) : null;
}
