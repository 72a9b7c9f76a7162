// The overview's pure parts: its state in the URL (core/view/overview-url.ts) and the classes of
// its choropleth (core/graph/choropleth.ts).
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_OVERVIEW,
  decodeOverview,
  encodeOverview,
  overviewFromLocation,
  overviewHash,
} from '../../core/view/overview-url.js';
import { RAMPS, ZERO_COLOR, choroplethScale } from '../../core/graph/choropleth.js';

describe('overview state in the URL', () => {
  it('round-trips every field and keeps the default address short', () => {
    const s = { chain: 'oilgas', region: '11', flows: 0, fill: 'gaps' as const };
    expect(encodeOverview(s)).toBe('chain=oilgas&region=11&flows=all&fill=gaps');
    expect(decodeOverview(encodeOverview(s))).toEqual(s);
    expect(overviewHash(DEFAULT_OVERVIEW)).toBe('#overview');
    expect(overviewFromLocation('#overview')).toEqual(DEFAULT_OVERVIEW);
    expect(overviewFromLocation('')).toEqual(DEFAULT_OVERVIEW);
    expect(overviewFromLocation('#overview?flows=200&chain=all')).toEqual({
      ...DEFAULT_OVERVIEW,
      flows: 200,
      chain: 'all',
    });
  });

  it('falls back to the default for what it does not know', () => {
    expect(decodeOverview('chain=DROP%20TABLE&region=1x&flows=7&fill=rainbow')).toEqual(DEFAULT_OVERVIEW);
    expect(decodeOverview('flows=')).toEqual(DEFAULT_OVERVIEW);
  });
});

describe('choropleth classes', () => {
  it('keeps zero apart, splits the rest at quantiles, and leaves unknown figures out', () => {
    const s = choroplethScale([0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 100, null, null], RAMPS.blues);
    expect(s.classes.map((c) => [c.min, c.max, c.count])).toEqual([
      [0, 0, 2],
      [1, 3, 3],
      [4, 5, 2],
      [6, 7, 2],
      [8, 100, 2],
    ]);
    // Contiguous from 1 even when the smallest value is larger: every whole number has a class.
    expect(choroplethScale([5, 9], RAMPS.blues).classes.map((c) => [c.min, c.max])).toEqual([
      [0, 0],
      [1, 5],
      [6, 9],
    ]);
    expect(s.unknown).toBe(2);
    expect(s.classOf(null)).toBeNull();
    expect(s.classOf(0)).toBe(0);
    expect(s.classOf(4)).toBe(2);
    expect(s.classOf(100)).toBe(4);
    expect(s.classes.map((c) => c.color)).toEqual([ZERO_COLOR, ...RAMPS.blues]);
  });

  it('makes fewer classes when there are few distinct values, the darkest colour for a single one', () => {
    const s = choroplethScale([0, 3, 3, 3], RAMPS.oranges);
    expect(s.classes.map((c) => [c.min, c.max, c.count])).toEqual([
      [0, 0, 1],
      [1, 3, 3],
    ]);
    expect(s.classes.map((c) => c.color)).toEqual([ZERO_COLOR, RAMPS.oranges[3]]);
    const none = choroplethScale([null, null], RAMPS.oranges);
    expect(none.classes).toHaveLength(1);
    expect(none.unknown).toBe(2);
  });
});
