// Widths of text in DejaVu Sans, the font the pictures are drawn in (resvg on the server is given
// it; a browser without it falls back to narrower sans-serif faces, so the widths are upper bounds
// there). Labels are placed from these widths so that none overlaps another.
import { DEJAVU_ASCENT, DEJAVU_DESCENT, DEJAVU_SANS, DEJAVU_SANS_BOLD } from './font-metrics.js';

export type Weight = 'regular' | 'bold';
/** A character the tables do not hold counts as a full em: wider than any Latin or Cyrillic letter. */
const UNKNOWN = 1000;

const tables = new Map<Weight, Map<number, number>>();
function table(weight: Weight): Map<number, number> {
  let t = tables.get(weight);
  if (!t) {
    t = new Map();
    for (const [from, widths] of weight === 'bold' ? DEJAVU_SANS_BOLD : DEJAVU_SANS)
      widths.split(',').forEach((w, i) => {
        if (Number(w) > 0) t!.set(from + i, Number(w));
      });
    tables.set(weight, t);
  }
  return t;
}

/** The advance width of `text` at `size` pixels. */
export function textWidth(text: string, size: number, weight: Weight = 'regular'): number {
  const t = table(weight);
  let w = 0;
  for (const ch of text) w += t.get(ch.codePointAt(0)!) ?? UNKNOWN;
  return (w * size) / 1000;
}

/** How far the font's glyphs reach above and below the baseline at `size` pixels. */
export const ascent = (size: number) => DEJAVU_ASCENT * size;
export const descent = (size: number) => DEJAVU_DESCENT * size;

/** Lines no wider than `max` pixels, broken at spaces (a word wider than that stands alone). */
export function wrapText(text: string, max: number, size: number, weight: Weight = 'regular'): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidth(candidate, size, weight) > max) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/** `text` cut to at most `max` pixels, ending in an ellipsis when cut. */
export function fitText(text: string, max: number, size: number, weight: Weight = 'regular'): string {
  if (textWidth(text, size, weight) <= max) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(chars.slice(0, mid).join('') + '…', size, weight) <= max) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('').trimEnd() + '…';
}
