// Classes of a choropleth: regions coloured by a count (enterprises, SMEs, gaps). Zero has a class
// of its own in a neutral colour (a region with none reads differently from a region with a few),
// the positive values split at quantiles into contiguous ranges of whole numbers from 1, one per
// colour of the ramp at most, and an unknown figure (null) is in no class: the map says «no data»
// for it, never 0.
export interface ChoroplethClass {
  /** Inclusive bounds. */
  min: number;
  max: number;
  color: string;
  /** Regions in the class. */
  count: number;
}

export interface ChoroplethScale {
  classes: ChoroplethClass[];
  /** The index of a value's class; null for an unknown figure. */
  classOf: (v: number | null) => number | null;
  /** Regions with an unknown figure. */
  unknown: number;
}

/** Sequential ramps, light to dark (ColorBrewer Blues and Oranges, classes 2–5 of 5: the lightest
 * would vanish on the basemap). */
export const RAMPS = {
  blues: ['#bdd7e7', '#6baed6', '#3182bd', '#08519c'],
  oranges: ['#fdbe85', '#fd8d3c', '#e6550d', '#a63603'],
} as const;
/** The class of zero: the grey the overview gives regions without enterprises. */
export const ZERO_COLOR = '#c3cad3';

export function choroplethScale(values: (number | null)[], ramp: readonly string[]): ChoroplethScale {
  const known = values.filter((v): v is number => v !== null);
  const positive = [...new Set(known.filter((v) => v > 0))].sort((a, b) => a - b);
  const k = Math.min(ramp.length, positive.length);
  // Upper bounds of the positive classes: quantiles of the distinct values, so one crowded value
  // does not swallow the scale; the last class always ends at the maximum.
  const uppers: number[] = [];
  for (let i = 1; i <= k; i++) {
    const u = positive[Math.ceil((i * positive.length) / k) - 1];
    if (uppers.length === 0 || u > uppers[uppers.length - 1]) uppers.push(u);
  }
  const bounds: { min: number; max: number }[] = [{ min: 0, max: 0 }];
  let lo = 1;
  for (const u of uppers) {
    bounds.push({ min: lo, max: u });
    lo = u + 1;
  }
  // Ramp colours spread over the positive classes there are: one class takes the darkest.
  const positives = bounds.length - 1;
  const colorAt = (i: number) =>
    i === 0
      ? ZERO_COLOR
      : ramp[positives === 1 ? ramp.length - 1 : Math.round(((i - 1) * (ramp.length - 1)) / (positives - 1))];
  const classOf = (v: number | null) => {
    if (v === null) return null;
    if (v <= 0) return 0;
    const i = bounds.findIndex((b, j) => j > 0 && v <= b.max);
    return i === -1 ? bounds.length - 1 : i;
  };
  const classes = bounds.map((b, i) => ({ ...b, color: colorAt(i), count: 0 }));
  for (const v of known) classes[classOf(v)!].count++;
  return { classes, classOf, unknown: values.length - known.length };
}
