// The basemap's outline of Russia (core/graph/basemap.ts) from Natural Earth's 1:50m countries
// (world-atlas), projected as the regions are: region centres fall inside it, Chukotka stays at the
// far east, and no ring jumps across the map at the antimeridian.
import { describe, expect, it } from 'vitest';
import type { Topology } from 'topojson-specification';
import countries from 'world-atlas/countries-50m.json' with { type: 'json' };
import { RUSSIA_ID, basemapOf, projectGeometry, subsetTopology, unwrapRing } from '../../core/graph/basemap.js';
import { project } from '../../core/graph/projection.js';
import { loadReference } from '../../server/reference.js';

const topology = countries as unknown as Topology;
const russia = basemapOf(topology, RUSSIA_ID);

/** Even-odd point in polygon over every ring (holes included), as the canvas fills them. */
function inside(x: number, y: number): boolean {
  let odd = false;
  for (const r of russia.rings) {
    const n = r.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const [xi, yi, xj, yj] = [r[2 * i], r[2 * i + 1], r[2 * j], r[2 * j + 1]];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
    }
  }
  return odd;
}

describe('basemap outline of Russia', () => {
  it('is computed once per topology', () => {
    expect(basemapOf(topology, RUSSIA_ID)).toBe(russia);
    expect(russia.points).toBeGreaterThan(5000);
    expect(russia.rings.length).toBeGreaterThan(50);
  });

  it('makes a ring crossing the antimeridian continuous', () => {
    expect(
      unwrapRing([
        [179.5, 66],
        [-180, 66],
        [-170, 65],
        [179, 64],
      ]),
    ).toEqual([
      [179.5, 66],
      [180, 66],
      [190, 65],
      [179, 64],
    ]);
    // A ring that starts west of Greenwich is unwrapped like a region centre is.
    expect(
      unwrapRing([
        [-175, 65],
        [178, 65],
      ])[0][0],
    ).toBe(185);
  });

  it('has no edge longer than a few hundred kilometres (no jump across the map)', () => {
    let longest = 0;
    for (const r of russia.rings)
      for (let i = 2; i < r.length; i += 2)
        longest = Math.max(longest, Math.hypot(r[i] - r[i - 2], r[i + 1] - r[i - 1]));
    expect(longest).toBeLessThan(400);
  });

  it('spans from Kaliningrad to Chukotka in the projected plane, with Chukotka at the east', () => {
    const moscow = project(55.75, 37.62);
    const uelen = project(66.16, -169.8); // Chukotka's east cape, west of Greenwich
    const kaliningrad = project(54.71, 20.51);
    for (const p of [moscow, uelen, kaliningrad]) {
      expect(p.x).toBeGreaterThanOrEqual(russia.bbox.minX);
      expect(p.x).toBeLessThanOrEqual(russia.bbox.maxX);
      expect(p.y).toBeGreaterThanOrEqual(russia.bbox.minY);
      expect(p.y).toBeLessThanOrEqual(russia.bbox.maxY);
    }
    // The cone bends the east upwards: Chukotka's cape is the top of the map, and nothing of it
    // wrapped round to the far west (the westmost point, Crimea's south cape, lies within 1,000 km
    // west of Kaliningrad on this cone).
    expect(russia.bbox.maxY - uelen.y).toBeLessThan(50);
    expect(russia.bbox.minX).toBeLessThan(kaliningrad.x);
    expect(russia.bbox.minX).toBeGreaterThan(kaliningrad.x - 1000);
    expect(inside(moscow.x, moscow.y)).toBe(true);
    const chukchiPeninsula = project(65.8, -172.5); // inland, west of Greenwich
    expect(inside(chukchiPeninsula.x, chukchiPeninsula.y)).toBe(true);
    expect(inside(project(50, 100).x, project(50, 100).y)).toBe(false); // Mongolia
    expect(inside(project(45, 150).x, project(45, 150).y)).toBe(false); // the Pacific
  });

  it('holds the centres of the regions Natural Earth draws as Russia', () => {
    // A centre on the coast (Anadyr on its estuary) may fall just offshore at 1:50m: within 10 km counts.
    const near = (x: number, y: number) =>
      inside(x, y) ||
      russia.rings.some((r) => {
        for (let i = 0; i < r.length; i += 2) if (Math.hypot(r[i] - x, r[i + 1] - y) < 10) return true;
        return false;
      });
    const outside = loadReference()
      .regions.filter((r) => {
        const p = project(r.lat, r.lon);
        return !near(p.x, p.y);
      })
      .map((r) => r.code)
      .sort();
    // Natural Earth's admin-0 countries draw Crimea (91, 92) with Russia but not the four regions
    // added in 2022 (90 Zaporozhye, 93 Donetsk, 94 Luhansk, 95 Kherson): every other centre is inside.
    expect(outside).toEqual(['90', '93', '94', '95']);
  });

  it('never strokes an edge along the antimeridian', () => {
    const seam: Topology = {
      type: 'Topology',
      objects: {
        countries: {
          type: 'GeometryCollection',
          geometries: [{ type: 'Polygon', id: 'x', arcs: [[0]] }],
        },
      },
      arcs: [
        [
          [170, 60],
          [180, 60],
          [180, 70],
          [170, 70],
          [170, 60],
        ],
      ],
    };
    const m = projectGeometry(seam, 'x');
    expect(m.rings).toHaveLength(1);
    expect(m.outline).toHaveLength(2);
    expect(m.outline.reduce((s, p) => s + p.length / 2, 0)).toBe(5);
  });

  it('is the same from the subset of the topology the client loads, a fraction of its size', () => {
    const subset = subsetTopology(topology, 'countries', [RUSSIA_ID]);
    const m = projectGeometry(subset, RUSSIA_ID);
    expect(m.points).toBe(russia.points);
    expect(m.rings.map((r) => Array.from(r))).toEqual(russia.rings.map((r) => Array.from(r)));
    expect(JSON.stringify(subset).length).toBeLessThan(JSON.stringify(topology).length / 5);
  });
});
