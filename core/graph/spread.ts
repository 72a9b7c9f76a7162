// Spreading nodes around fixed centres without overlap, for the geographic layout: each group
// (a region) fills the cells of a hexagonal lattice anchored at its centre, nearest cells first,
// and a cell closer than one lattice step to a node of another group is skipped, so neighbouring
// groups (Komi and Arkhangelsk) share the ground between them instead of piling onto each other.
//
// Node sizes are pixels in sigma while positions are graph units, and sigma fits the graph's
// bounding box into the canvas: `fittedScale` is that fit (pixels per graph unit at camera ratio 1,
// sigma 3's own arithmetic), so a lattice step of `cellPx / scale` units is `cellPx` pixels once
// the camera fits the graph.

export interface Point {
  x: number;
  y: number;
}
export interface Extent {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}
export interface Viewport {
  width: number;
  height: number;
  /** sigma's `stagePadding`: pixels kept free on each side when the graph is fitted. */
  padding: number;
}

const SQRT3_2 = Math.sqrt(3) / 2;

export function extentOf(points: Iterable<Point>): Extent {
  const e = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
  for (const p of points) {
    if (p.x < e.minX) e.minX = p.x;
    if (p.x > e.maxX) e.maxX = p.x;
    if (p.y < e.minY) e.minY = p.y;
    if (p.y > e.maxY) e.maxY = p.y;
  }
  return e;
}

/**
 * Pixels per graph unit when sigma 3 fits `extent` into `viewport` at camera ratio 1: its
 * normalisation divides by the larger side of the extent, and its camera matrix scales by the
 * smaller side of the padded viewport times a correction ratio (sigma's `getCorrectionRatio`).
 * Infinity for an extent of one point (any spread then fits: the fit follows it).
 */
export function fittedScale(extent: Extent, viewport: Viewport): number {
  const dx = extent.maxX - extent.minX;
  const dy = extent.maxY - extent.minY;
  const larger = Math.max(dx, dy);
  if (!(larger > 0) || !Number.isFinite(larger)) return Infinity;
  const { width, height, padding } = viewport;
  const viewportRatio = height / width;
  const graphRatio = (dy || larger * 1e-9) / (dx || larger * 1e-9);
  const correction =
    (viewportRatio < 1 && graphRatio > 1) || (viewportRatio > 1 && graphRatio < 1)
      ? 1
      : Math.min(Math.max(graphRatio, 1 / graphRatio), Math.max(1 / viewportRatio, viewportRatio));
  return ((Math.min(width, height) - 2 * padding) * correction) / larger;
}

/**
 * The unit lattice (step 1) nearest first, grown ring by ring as callers read further; shared by
 * every caller, since every group of a layout walks the same lattice (only scaled and moved).
 */
const unitLattice: Point[] = [];
let unitRing = 0;
let unitPending: { x: number; y: number; d: number; a: number }[] = [];

function growUnitLattice(): void {
  // The lattice points at hex distance `ring`: i, j with max(|i|, |j|, |i + j|) === ring.
  const ring = unitRing++;
  for (let i = -ring; i <= ring; i++)
    for (let j = -ring; j <= ring; j++) {
      if (Math.max(Math.abs(i), Math.abs(j), Math.abs(i + j)) !== ring) continue;
      const x = i + j / 2;
      const y = j * SQRT3_2;
      unitPending.push({ x, y, d: Math.hypot(x, y), a: Math.atan2(y, x) });
    }
  unitPending.sort((p, q) => p.d - q.d || p.a - q.a);
  // Every point of a later ring is at least ring + 1 hex steps, i.e. (ring + 1)·√3/2, away.
  const safe = (ring + 1) * SQRT3_2 - 1e-9;
  let k = 0;
  while (k < unitPending.length && unitPending[k].d < safe) {
    unitLattice.push({ x: unitPending[k].x, y: unitPending[k].y });
    k++;
  }
  unitPending = unitPending.slice(k);
}

/**
 * The points of a hexagonal lattice of step `step` around the origin, nearest first (ties in a
 * fixed angular order, so a layout never depends on sort stability). Endless: the caller stops.
 */
export function* hexCells(step: number): Generator<Point> {
  for (let k = 0; ; k++) {
    while (k >= unitLattice.length) growUnitLattice();
    const p = unitLattice[k];
    yield { x: p.x * step, y: p.y * step };
  }
}

/** Taken points in a grid of buckets one step wide: is a spot at least `step` from all of them? */
export class Occupancy {
  // Keyed by a number, not a string: the lookups are the layout's inner loop.
  private buckets = new Map<number, Point[]>();
  constructor(readonly step: number) {}

  private key(i: number, j: number) {
    return (i + 2 ** 25) * 2 ** 26 + (j + 2 ** 25);
  }

  isFree(p: Point): boolean {
    const i = Math.floor(p.x / this.step);
    const j = Math.floor(p.y / this.step);
    const min2 = (this.step * (1 - 1e-6)) ** 2;
    for (let di = -1; di <= 1; di++)
      for (let dj = -1; dj <= 1; dj++) {
        const bucket = this.buckets.get(this.key(i + di, j + dj));
        if (bucket)
          for (const q of bucket) {
            const dx = q.x - p.x;
            const dy = q.y - p.y;
            if (dx * dx + dy * dy < min2) return false;
          }
      }
    return true;
  }

  take(p: Point): void {
    const k = this.key(Math.floor(p.x / this.step), Math.floor(p.y / this.step));
    const bucket = this.buckets.get(k);
    if (bucket) bucket.push(p);
    else this.buckets.set(k, [p]);
  }

  /** The free lattice point nearest to `target` (a lattice anchored there), taken. */
  takeNear(target: Point): Point {
    for (const c of hexCells(this.step)) {
      const p = { x: target.x + c.x, y: target.y + c.y };
      if (this.isFree(p)) {
        this.take(p);
        return p;
      }
    }
    throw new Error('unreachable: the lattice is endless');
  }
}

/**
 * Places groups of `count` nodes around fixed centres, `step` apart: groups take cells in turns,
 * one per round, each its free cell nearest its own centre, so that no group crowds out another
 * and the first node of each group sits exactly on its centre unless another group got there first.
 */
export function spreadGroups(groups: { centre: Point; count: number }[], occupancy: Occupancy): Point[][] {
  const out: Point[][] = groups.map(() => []);
  const cells = groups.map(() => hexCells(occupancy.step));
  let left = groups.length;
  while (left > 0) {
    left = 0;
    groups.forEach((g, k) => {
      if (out[k].length >= g.count) return;
      for (;;) {
        const c = cells[k].next().value as Point;
        const p = { x: g.centre.x + c.x, y: g.centre.y + c.y };
        if (!occupancy.isFree(p)) continue;
        occupancy.take(p);
        out[k].push(p);
        break;
      }
      if (out[k].length < g.count) left++;
    });
  }
  return out;
}

/** The radius of a hexagonal patch of `count` cells `step` apart (area per cell step²·√3/2). */
export function patchRadius(count: number, step: number): number {
  return step * Math.sqrt((count * SQRT3_2) / Math.PI) + step / 2;
}
