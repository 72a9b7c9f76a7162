// Dates of the FNS open datasets: the files write `ДД.ММ.ГГГГ`; the records carry ISO `YYYY-MM-DD`.
import type { IsoDate } from './types.js';

const RU_DATE = /^\s*(\d{2})\.(\d{2})\.(\d{4})\s*$/;
const ISO_DATE = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/;

function valid(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/** `ДД.ММ.ГГГГ` (or an ISO date, as some tools rewrite it) → `YYYY-MM-DD`; null when absent or not a real date. */
export function fnsDate(text: string | undefined | null): IsoDate | null {
  if (!text) return null;
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
