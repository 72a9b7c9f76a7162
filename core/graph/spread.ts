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
 * Flat typed arrays, not point objects: a big view reads millions of cells (most of them skipped
 * because a neighbouring region holds them), and an object per cell read was most of the layout's
 * time, garbage collection included.
 */
let latticeX = new Float64Array(1024);
let latticeY = new Float64Array(1024);
let latticeLength = 0;
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
  while (k < unitPending.length && unitPending[k].d < safe) k++;
  if (latticeLength + k > latticeX.length) {
    const size = Math.max(latticeX.length * 2, latticeLength + k);
    const x = new Float64Array(size);
    const y = new Float64Array(size);
    x.set(latticeX.subarray(0, latticeLength));
    y.set(latticeY.subarray(0, latticeLength));
    latticeX = x;
    latticeY = y;
  }
  for (let i = 0; i < k; i++) {
    latticeX[latticeLength] = unitPending[i].x;
    latticeY[latticeLength] = unitPending[i].y;
    latticeLength++;
  }
  unitPending = unitPending.slice(k);
}

/** Makes sure the unit lattice holds at least `count` cells. */
function growLatticeTo(count: number): void {
  while (latticeLength < count) growUnitLattice();
}

/**
 * The points of a hexagonal lattice of step `step` around the origin, nearest first (ties in a
 * fixed angular order, so a layout never depends on sort stability). Endless: the caller stops.
 */
export function* hexCells(step: number): Generator<Point> {
  for (let k = 0; ; k++) {
    growLatticeTo(k + 1);
    yield { x: latticeX[k] * step, y: latticeY[k] * step };
  }
}

const EMPTY = -1;
/** A bucket and its eight neighbours, the bucket itself first. */
const NEIGHBOURS_I = [0, -1, -1, -1, 0, 0, 1, 1, 1];
const NEIGHBOURS_J = [0, -1, 0, 1, -1, 1, -1, 0, 1];

/**
 * Taken points in a grid of buckets one step wide: is a spot at least `step` from all of them?
 * The inner loop of the geographic layout, so it is built from typed arrays: the points' coordinates,
 * a linked list of the points in each bucket, and an open-addressing hash table from a bucket's
 * (column, row) to its first point (a Map keyed by numbers past 2³¹ hashed a heap number per look-up).
 */
export class Occupancy {
  private xs = new Float64Array(256);
  private ys = new Float64Array(256);
  /** The next point of the same bucket, or EMPTY. */
  private next = new Int32Array(256);
  private count = 0;
  private tableI = new Int32Array(512);
  private tableJ = new Int32Array(512);
  /** The bucket's first point, or EMPTY for a free slot of the table. */
  private tableHead = new Int32Array(512).fill(EMPTY);
  private buckets = 0;
  private readonly min2: number;
  constructor(readonly step: number) {
    this.min2 = (step * (1 - 1e-6)) ** 2;
  }

  private slot(i: number, j: number): number {
    const mask = this.tableHead.length - 1;
    let h = Math.imul(i, 0x9e3779b1) ^ Math.imul(j, 0x85ebca77);
    h = (h ^ (h >>> 15)) & mask;
    while (this.tableHead[h] !== EMPTY && (this.tableI[h] !== i || this.tableJ[h] !== j)) h = (h + 1) & mask;
    return h;
  }

  isFree(p: Point): boolean {
    return this.isFreeAt(p.x, p.y);
  }

  isFreeAt(x: number, y: number): boolean {
    const i = Math.floor(x / this.step);
    const j = Math.floor(y / this.step);
    const { xs, ys, next, tableHead, min2 } = this;
    // The spot's own bucket first: most spots read are taken, and the point that takes one lies
    // there more often than in any neighbouring bucket.
    for (let b = 0; b < 9; b++) {
      const h = this.slot(i + NEIGHBOURS_I[b], j + NEIGHBOURS_J[b]);
      for (let q = tableHead[h]; q !== EMPTY; q = next[q]) {
        const dx = xs[q] - x;
        const dy = ys[q] - y;
        if (dx * dx + dy * dy < min2) return false;
      }
    }
    return true;
  }

  take(p: Point): void {
    this.takeAt(p.x, p.y);
  }

  takeAt(x: number, y: number): void {
    if (this.count === this.xs.length) {
      const size = this.count * 2;
      const xs = new Float64Array(size);
      const ys = new Float64Array(size);
      const next = new Int32Array(size);
      xs.set(this.xs);
      ys.set(this.ys);
      next.set(this.next);
      [this.xs, this.ys, this.next] = [xs, ys, next];
    }
    // Keep the table at most half full, so that probes stay short.
    if (2 * (this.buckets + 1) > this.tableHead.length) this.growTable();
    const q = this.count++;
    this.xs[q] = x;
    this.ys[q] = y;
    const i = Math.floor(x / this.step);
    const j = Math.floor(y / this.step);
    const h = this.slot(i, j);
    if (this.tableHead[h] === EMPTY) {
      this.tableI[h] = i;
      this.tableJ[h] = j;
      this.buckets++;
    }
    this.next[q] = this.tableHead[h];
    this.tableHead[h] = q;
  }

  private growTable(): void {
    const [oldI, oldJ, oldHead] = [this.tableI, this.tableJ, this.tableHead];
    const size = oldHead.length * 2;
    this.tableI = new Int32Array(size);
    this.tableJ = new Int32Array(size);
    this.tableHead = new Int32Array(size).fill(EMPTY);
    for (let h = 0; h < oldHead.length; h++) {
      if (oldHead[h] === EMPTY) continue;
      const s = this.slot(oldI[h], oldJ[h]);
      this.tableI[s] = oldI[h];
      this.tableJ[s] = oldJ[h];
      this.tableHead[s] = oldHead[h];
    }
  }

  /** The free lattice point nearest to `target` (a lattice anchored there), taken. */
  takeNear(target: Point): Point {
    for (let k = 0; ; k++) {
      growLatticeTo(k + 1);
      const x = target.x + latticeX[k] * this.step;
      const y = target.y + latticeY[k] * this.step;
      if (this.isFreeAt(x, y)) {
        this.takeAt(x, y);
        return { x, y };
      }
    }
  }
}

/**
 * Places groups of `count` nodes around fixed centres, `step` apart: groups take cells in turns,
 * one per round, each its free cell nearest its own centre, so that no group crowds out another
 * and the first node of each group sits exactly on its centre unless another group got there first.
 */
export function spreadGroups(groups: { centre: Point; count: number }[], occupancy: Occupancy): Point[][] {
  const out: Point[][] = groups.map(() => []);
  // Each group's place in the lattice it walks: cells before it are taken or skipped for good.
  const cursor = new Int32Array(groups.length);
  const step = occupancy.step;
  let left = groups.length;
  while (left > 0) {
    left = 0;
    for (let k = 0; k < groups.length; k++) {
      const { centre, count } = groups[k];
      if (out[k].length >= count) continue;
      for (;;) {
        const c = cursor[k]++;
        if (c >= latticeLength) growLatticeTo(c + 1);
        const x = centre.x + latticeX[c] * step;
        const y = centre.y + latticeY[c] * step;
        if (!occupancy.isFreeAt(x, y)) continue;
        occupancy.takeAt(x, y);
        out[k].push({ x, y });
        break;
      }
      if (out[k].length < count) left++;
    }
  }
  return out;
}

/** The radius of a hexagonal patch of `count` cells `step` apart (area per cell step²·√3/2). */
export function patchRadius(count: number, step: number): number {
  return step * Math.sqrt((count * SQRT3_2) / Math.PI) + step / 2;
}
