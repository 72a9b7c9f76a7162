// The basemap's geometry: a country's outline from a Natural Earth TopoJSON topology (the
// `world-atlas` package), projected with the projection the overview and the geographic layout
// use (./projection.ts, kilometres, north up). Pure and DOM-free: the client draws it
// (client/src/basemap/), the tests measure it.
//
// Russia crosses the 180° meridian: Chukotka and Wrangel Island reach −169°. Longitudes are
// unwrapped into one continuous band (−169° becomes 191°, as `project` does for region centres),
// and a ring is unwrapped point by point relative to its previous point, so no edge ever jumps
// across the whole map. An edge lying along the antimeridian itself (a seam left where a source
// cut a polygon there) is filled but never stroked.
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { project, unwrapLongitude } from './projection.js';

/** ISO 3166-1 numeric code of Russia, the `id` of its geometry in world-atlas. */
export const RUSSIA_ID = '643';

export interface BBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface Basemap {
  /** Closed rings (outer and holes alike: filled with the even-odd rule), x, y interleaved, km. */
  rings: Float64Array[];
  /** Polylines to stroke: the rings without their antimeridian seams, x, y interleaved, km. */
  outline: Float64Array[];
  bbox: BBox;
  /** Vertices in all rings. */
  points: number;
}

type Position = number[];

/**
 * A ring's longitudes made continuous: the first point unwrapped as region centres are
 * (`unwrapLongitude`), every next one shifted by whole turns to within 180° of its predecessor.
 */
export function unwrapRing(ring: Position[]): Position[] {
  const out: Position[] = [];
  let prev: number | null = null;
  for (const [lon, lat] of ring) {
    let l: number = prev === null ? unwrapLongitude(lon) : lon;
    if (prev !== null) {
      while (l - prev > 180) l -= 360;
      while (l - prev < -180) l += 360;
    }
    out.push([l, lat]);
    prev = l;
  }
  return out;
}

const onAntimeridian = (lon: number) => Math.abs(Math.abs(lon) - 180) < 1e-9;

function polygonsOf(topology: Topology, id: string, objectName: string): Position[][][] {
  const object = topology.objects[objectName];
  if (!object || object.type !== 'GeometryCollection') throw new Error(`no geometry collection ${objectName}`);
  const geometry = object.geometries.find((g) => String(g.id) === id);
  if (!geometry) throw new Error(`no geometry ${id} in ${objectName}`);
  const f = feature(topology, geometry);
  const g = 'geometry' in f ? f.geometry : null;
  if (!g) throw new Error(`geometry ${id} is empty`);
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  throw new Error(`geometry ${id} is a ${g.type}, not a polygon`);
}

/** The outline of one geometry of a topology, projected; no cache (see `basemapOf`). */
export function projectGeometry(topology: Topology, id: string, objectName = 'countries'): Basemap {
  const rings: Float64Array[] = [];
  const outline: Float64Array[] = [];
  const bbox: BBox = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  let points = 0;
  for (const polygon of polygonsOf(topology, id, objectName)) {
    for (const raw of polygon) {
      const ring = unwrapRing(raw);
      const xy = new Float64Array(ring.length * 2);
      ring.forEach(([lon, lat], i) => {
        const p = project(lat, lon);
        xy[2 * i] = p.x;
        xy[2 * i + 1] = p.y;
        if (p.x < bbox.minX) bbox.minX = p.x;
        if (p.x > bbox.maxX) bbox.maxX = p.x;
        if (p.y < bbox.minY) bbox.minY = p.y;
        if (p.y > bbox.maxY) bbox.maxY = p.y;
      });
      rings.push(xy);
      points += ring.length;
      // The stroke: break the ring where an edge runs along the antimeridian.
      let start = 0;
      for (let i = 1; i <= ring.length; i++) {
        const seam =
          i < ring.length && onAntimeridian(raw[i - 1][0]) && onAntimeridian(raw[i][0]) && raw[i - 1][1] !== raw[i][1];
        if (seam || i === ring.length) {
          if (i - start >= 2) outline.push(xy.slice(2 * start, 2 * i));
          start = i;
        }
      }
    }
  }
  return { rings, outline, bbox, points };
}

const cache = new WeakMap<Topology, Map<string, Basemap>>();

/** The projected outline of a topology's geometry, computed once per topology and id. */
export function basemapOf(topology: Topology, id: string = RUSSIA_ID, objectName = 'countries'): Basemap {
  let byId = cache.get(topology);
  if (!byId) cache.set(topology, (byId = new Map()));
  const key = `${objectName}/${id}`;
  let basemap = byId.get(key);
  if (!basemap) byId.set(key, (basemap = projectGeometry(topology, id, objectName)));
  return basemap;
}

/**
 * The part of a topology that some geometries of one object need: those geometries and only the
 * arcs they use, renumbered (arc i is `i`, reversed `~i`). The build keeps Russia alone so that the
 * client loads tens of kilobytes, not the world's 750.
 */
export function subsetTopology(topology: Topology, objectName: string, ids: string[]): Topology {
  const object = topology.objects[objectName];
  if (!object || object.type !== 'GeometryCollection') throw new Error(`no geometry collection ${objectName}`);
  const geometries = object.geometries.filter((g) => ids.includes(String(g.id)));
  const renumber = new Map<number, number>();
  const arcs: Topology['arcs'] = [];
  const map = (a: number): number => {
    const i = a < 0 ? ~a : a;
    let j = renumber.get(i);
    if (j === undefined) {
      renumber.set(i, (j = arcs.length));
      arcs.push(topology.arcs[i]);
    }
    return a < 0 ? ~j : j;
  };
  const walk = (x: unknown): unknown => (Array.isArray(x) ? x.map(walk) : map(x as number));
  return {
    ...topology,
    objects: {
      [objectName]: {
        type: 'GeometryCollection',
        geometries: geometries.map((g) => ('arcs' in g ? { ...g, arcs: walk(g.arcs) } : g)) as typeof geometries,
      },
    },
    arcs,
  };
}
