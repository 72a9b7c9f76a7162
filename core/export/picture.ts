// The picture of a view as SVG, with its caption (title, date, source, filters) and legend. The
// browser and the server draw from the same text (the PNG and the PDF are rasterised from it), so
// everything here is deterministic: the same document gives the same bytes on both sides.
//
// What the picture adds to the view's positions, so that it reads on paper:
// - every node lies inside the plot, and nodes that overlap are moved apart (what the explorer's
//   «Раздвинуть» does), so that a region's nodes do not collapse into one blob;
// - labels are placed largest node first, to the right of the node, else left, above or below,
//   and a label that would overlap one already placed (or leave the plot) is not drawn — the
//   explorer's label grid, with the widths of the font the picture is drawn in;
// - nodes and links that fail the filters in «приглушить» mode are grey and unlabelled, as on
//   screen; synthetic records are dashed; the gap stages of a planner's region are ringed in red.
import { edgeShape, type EdgeShape } from '../graph/model.js';
import { createT } from '../i18n/index.js';
import type { ExportDoc, ExportEdge, ExportNode } from './types.js';
import { ascent, descent, fitText, textWidth, wrapText } from './text.js';
import { hexColor, iterate, num, parseColor, xml } from './util.js';

export interface PictureOptions {
  /** Width of the picture in CSS pixels (the PNG's pixels are width × scale). */
  width: number;
  height: number;
  /** Labels drawn, at most (fewer where they would overlap). */
  labels?: number;
  /** Draw the caption and the legend around the plot (the PDF draws its own and asks for the plot only). */
  frame?: boolean;
  /** Font size of the labels, in pixels. */
  labelSize?: number;
}
export const DEFAULT_PICTURE: PictureOptions = { width: 1600, height: 1000, labels: 60 };
const FONT = "DejaVu Sans, Arial, 'Helvetica Neue', sans-serif";
const LEGEND_WIDTH = 300;
/** The explorer's colours of what fails the filters in «приглушить» mode. */
export const MUTED_NODE = '#dde2e7';
export const MUTED_LINK = '#b4bcc4';
export const GAP_RING = '#d62728';
export const SYNTHETIC_DASH = '4 3';
const SYNTHETIC_NODE_DASH = '2 1.5';
const SYNTHETIC_STROKE = '#3e4c59';
/** Space between a label and its node, and the white halo around a label's letters. */
const LABEL_GAP = 3;
const LABEL_HALO = 1.5;
/** Past this many nodes, overlapping nodes are not moved apart (a picture of them is a texture anyway). */
const SPREAD_MAX_NODES = 5000;
const SPREAD_MARGIN = 1.5;

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const inside = (a: Box, b: Box) => a.x0 >= b.x0 && a.x1 <= b.x1 && a.y0 >= b.y0 && a.y1 <= b.y1;

/** The box a label's letters (with their halo) cover, its baseline starting at x, y. */
function labelBox(text: string, x: number, y: number, size: number): Box {
  return {
    x0: x - LABEL_HALO,
    y0: y - ascent(size) - LABEL_HALO,
    x1: x + textWidth(text, size) + LABEL_HALO,
    y1: y + descent(size) + LABEL_HALO,
  };
}

// ---------------------------------------------------------------------------------------------
// The legend: one list of items, drawn by the SVG and by the PDF report alike.

export type LegendItem =
  | { kind: 'title'; text: string }
  | { kind: 'color'; color: string; text: string; count: number }
  | { kind: 'note'; text: string }
  | { kind: 'link'; color: string; shape: EdgeShape; text: string }
  | { kind: 'mark'; mark: 'muted' | 'synthetic' | 'gap'; text: string; count?: number }
  | { kind: 'more'; text: string };

/** What the picture's legend says: colours (counting the nodes drawn in them), sizes, links and marks. */
export function pictureLegend(doc: ExportDoc, edges: { synthetic: boolean }): LegendItem[] {
  const t = createT(doc.lang);
  const muted = doc.nodes.filter((n) => n.muted).length;
  const colors = doc.legend.colors.map((c) => ({ ...c }));
  // The view's legend counts every node it holds; the picture's counts the nodes drawn in each
  // colour (not those the filters hide or grey out), where one colour is one line (lines sharing
  // a colour keep the view's counts).
  const drawn = new Map<string, number>();
  for (const n of doc.nodes) if (!n.muted) drawn.set(hexColor(n.color), (drawn.get(hexColor(n.color)) ?? 0) + 1);
  const lines = new Map<string, number>();
  for (const c of colors) lines.set(hexColor(c.color), (lines.get(hexColor(c.color)) ?? 0) + 1);
  for (const c of colors) if (lines.get(hexColor(c.color)) === 1) c.count = drawn.get(hexColor(c.color)) ?? 0;
  const items: LegendItem[] = [{ kind: 'title', text: doc.legend.colorTitle }];
  for (const c of colors.filter((c) => c.count > 0))
    items.push({ kind: 'color', color: c.color, text: c.label, count: c.count });
  if (muted > 0) items.push({ kind: 'mark', mark: 'muted', text: t('pic_muted'), count: muted });
  items.push({ kind: 'title', text: doc.legend.sizeTitle }, { kind: 'note', text: doc.legend.sizeNote });
  if (doc.legend.edgeLines.length) {
    items.push({ kind: 'title', text: t('tiesLinkKinds') });
    for (const l of doc.legend.edgeLines) items.push({ kind: 'link', color: l.color, shape: l.shape, text: l.label });
  }
  const gaps = doc.nodes.filter((n) => n.gap).length;
  if (gaps > 0) items.push({ kind: 'mark', mark: 'gap', text: t('pic_gap'), count: gaps });
  if (edges.synthetic || doc.nodes.some((n) => n.synthetic))
    items.push({ kind: 'mark', mark: 'synthetic', text: t('pic_synthetic') });
  return items;
}

// ---------------------------------------------------------------------------------------------
// Placing the nodes

interface Placed {
  x: number;
  y: number;
  r: number;
}
type Plot = { x: number; y: number; w: number; h: number };

/** Positions (view units, y up) fitted into the plot (pixels, y down), every circle inside it. */
function fit(
  points: { x: number; y: number; r: number }[],
  plot: Plot,
  flip: boolean,
): { x: number; y: number; r: number }[] {
  if (points.length === 0) return [];
  let minX = Infinity,
    maxX = -Infinity,
    minY = Infinity,
    maxY = -Infinity,
    rmax = 0;
  for (const p of points) {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
    rmax = Math.max(rmax, p.r);
  }
  const pad = rmax + 4;
  const spanX = maxX - minX;
  const spanY = maxY - minY;
  const room = { w: Math.max(plot.w - 2 * pad, 1), h: Math.max(plot.h - 2 * pad, 1) };
  const k = Math.min(spanX > 1e-9 ? room.w / spanX : Infinity, spanY > 1e-9 ? room.h / spanY : Infinity);
  const scale = Number.isFinite(k) ? k : 0;
  const ox = plot.x + plot.w / 2 - (spanX * scale) / 2;
  const oy = plot.y + plot.h / 2 - (spanY * scale) / 2;
  return points.map((p) => ({
    x: ox + (p.x - minX) * scale,
    y: flip ? oy + (maxY - p.y) * scale : oy + (p.y - minY) * scale,
    r: p.r,
  }));
}

/** One number per cell of a grid (cells within ±2^20 of the origin: pictures are far smaller). */
const cellKey = (gx: number, gy: number) => (gx + 1048576) * 2097152 + (gy + 1048576);

/** Unit vectors to part nodes that sit on the same spot (no trigonometry: the same bits everywhere). */
const PART = [
  [1, 0],
  [0.6, 0.8],
  [-0.6, 0.8],
  [-1, 0],
  [-0.6, -0.8],
  [0.6, -0.8],
];

/**
 * Moves overlapping circles apart (each pair pushed along the line between their centres, half
 * each): a few passes over a grid of cells, deterministic. Returns whether overlaps remain.
 */
function spread(points: Placed[], iterations: number): boolean {
  const n = points.length;
  let rmax = 0;
  for (const p of points) rmax = Math.max(rmax, p.r);
  const cell = 2 * rmax + SPREAD_MARGIN;
  let overlapping = false;
  for (let it = 0; it < iterations; it++) {
    const grid = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const key = cellKey(Math.floor(points[i].x / cell), Math.floor(points[i].y / cell));
      const list = grid.get(key);
      if (list) list.push(i);
      else grid.set(key, [i]);
    }
    const dx = new Float64Array(n);
    const dy = new Float64Array(n);
    overlapping = false;
    for (let i = 0; i < n; i++) {
      const a = points[i];
      const cx = Math.floor(a.x / cell);
      const cy = Math.floor(a.y / cell);
      for (let gx = cx - 1; gx <= cx + 1; gx++)
        for (let gy = cy - 1; gy <= cy + 1; gy++) {
          for (const j of grid.get(cellKey(gx, gy)) ?? []) {
            if (j <= i) continue;
            const b = points[j];
            const need = a.r + b.r + SPREAD_MARGIN;
            let ux = b.x - a.x;
            let uy = b.y - a.y;
            const d = Math.sqrt(ux * ux + uy * uy);
            if (d >= need) continue;
            overlapping = true;
            if (d < 1e-6) [ux, uy] = PART[(i + j) % PART.length];
            else {
              ux /= d;
              uy /= d;
            }
            const push = (need - d) / 2;
            dx[i] -= ux * push;
            dy[i] -= uy * push;
            dx[j] += ux * push;
            dy[j] += uy * push;
          }
        }
    }
    if (!overlapping) return false;
    for (let i = 0; i < n; i++) {
      points[i].x += dx[i];
      points[i].y += dy[i];
    }
  }
  return overlapping;
}

/** Below this share of an axis held by its middle half of nodes, the axis counts as crowded. */
const CROWDED = 0.25;
/** How much of a crowded axis follows the nodes' order rather than their distances. */
const BY_ORDER = 0.7;

/**
 * A view whose nodes crowd into a small part of it (one region's enterprises beside a few
 * partners hundreds of kilometres away) would draw them as one blob: along each axis where the
 * middle half of the nodes holds less than a quarter of the span, positions are blended with
 * their rank, which keeps every node's order (north stays north) but shares the room out.
 */
function unCrowd(points: { x: number; y: number }[]): void {
  const n = points.length;
  if (n < 8) return;
  for (const axis of ['x', 'y'] as const) {
    const order = points.map((_, i) => i).sort((a, b) => points[a][axis] - points[b][axis]);
    const lo = points[order[0]][axis];
    const span = points[order[n - 1]][axis] - lo;
    if (span <= 1e-9) continue;
    const middle = points[order[Math.floor((3 * n) / 4)]][axis] - points[order[Math.floor(n / 4)]][axis];
    if (middle / span >= CROWDED) continue;
    const rank = new Float64Array(n);
    for (let i = 0; i < n;) {
      let j = i;
      while (j + 1 < n && points[order[j + 1]][axis] === points[order[i]][axis]) j++;
      for (let k = i; k <= j; k++) rank[order[k]] = (i + j) / 2 / (n - 1);
      i = j + 1;
    }
    for (let i = 0; i < n; i++)
      points[i][axis] = lo + span * ((1 - BY_ORDER) * ((points[i][axis] - lo) / span) + BY_ORDER * rank[i]);
  }
}

/** Where each node is drawn (pixels) and its radius. */
function placeNodes(nodes: ExportNode[], plot: Plot, radius: (size: number) => number): Placed[] {
  if (nodes.length === 1) return [{ x: plot.x + plot.w / 2, y: plot.y + plot.h / 2, r: radius(nodes[0].size) }];
  const view = nodes.map((n) => ({ x: n.x, y: n.y, r: radius(n.size) }));
  unCrowd(view);
  let points = fit(view, plot, true);
  if (nodes.length > SPREAD_MAX_NODES) return withinPlot(points, plot);
  // Spreading may push circles out of the plot; fitted again, they come closer: a few rounds.
  const passes = nodes.length > 2000 ? 8 : nodes.length > 1000 ? 20 : 60;
  for (let round = 0; round < 4; round++) {
    if (!spread(points, passes)) break;
    points = fit(points, plot, false);
  }
  return withinPlot(points, plot);
}

/** Each circle moved, if it must, to lie wholly inside the plot (a last spread may leave one on its rim). */
function withinPlot(points: Placed[], plot: Plot): Placed[] {
  const within = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), Math.max(lo, hi));
  return points.map((p) => ({
    ...p,
    x: within(p.x, plot.x + p.r, plot.x + plot.w - p.r),
    y: within(p.y, plot.y + p.r, plot.y + plot.h - p.r),
  }));
}

// ---------------------------------------------------------------------------------------------
// Placing the labels

interface PlacedLabel {
  id: string;
  text: string;
  x: number;
  y: number;
  box: Box;
}

/**
 * Labels, largest node first (the planner's gap stages before all): each tries the right of its
 * node, then the left, above and below, and is left out when every place overlaps a label
 * already placed, covers another node or leaves the plot.
 */
function placeLabels(
  nodes: ExportNode[],
  at: Placed[],
  plot: Plot,
  size: number,
  max: number,
  maxWidth: number,
): PlacedLabel[] {
  const order = nodes
    .map((n, i) => i)
    .filter((i) => !nodes[i].muted && nodes[i].label)
    .sort(
      (a, b) =>
        Number(!!nodes[b].gap) - Number(!!nodes[a].gap) ||
        nodes[b].size - nodes[a].size ||
        (nodes[a].id < nodes[b].id ? -1 : 1),
    );
  const bounds: Box = { x0: plot.x, y0: plot.y, x1: plot.x + plot.w, y1: plot.y + plot.h };
  const cell = 64;
  const grid = new Map<number, Box[]>();
  const cells = (b: Box) => {
    const keys: number[] = [];
    for (let gx = Math.floor(b.x0 / cell); gx <= Math.floor(b.x1 / cell); gx++)
      for (let gy = Math.floor(b.y0 / cell); gy <= Math.floor(b.y1 / cell); gy++) keys.push(cellKey(gx, gy));
    return keys;
  };
  // The nodes (with a gap's ring) are obstacles too: a label covers no other node.
  const discs = new Map<number, number[]>();
  const reach = (i: number) => at[i].r + (nodes[i].gap ? 4.5 : 0.5);
  at.forEach((p, i) => {
    for (const k of cells({ x0: p.x - reach(i), y0: p.y - reach(i), x1: p.x + reach(i), y1: p.y + reach(i) })) {
      const list = discs.get(k);
      if (list) list.push(i);
      else discs.set(k, [i]);
    }
  });
  const covers = (b: Box, self: number) =>
    cells(b).some((k) =>
      (discs.get(k) ?? []).some((j) => {
        if (j === self) return false;
        const dx = Math.max(b.x0 - at[j].x, 0, at[j].x - b.x1);
        const dy = Math.max(b.y0 - at[j].y, 0, at[j].y - b.y1);
        return dx * dx + dy * dy < reach(j) * reach(j);
      }),
    );
  const free = (b: Box, self: number) =>
    inside(b, bounds) && !covers(b, self) && cells(b).every((k) => !(grid.get(k) ?? []).some((o) => overlaps(o, b)));
  const placed: PlacedLabel[] = [];
  // The largest nodes only: past a few hundred, a crowded picture has no room left anyway.
  for (const i of order.slice(0, max * 10)) {
    if (placed.length >= max) break;
    const n = nodes[i];
    const p = at[i];
    const gap = p.r + (n.gap ? 4.5 : 0) + LABEL_GAP;
    // A gap stage's label may be shortened to find a place: the picture must name the gaps.
    const texts = [fitText(n.label, maxWidth, size), ...(n.gap ? [fitText(n.label, maxWidth / 2, size)] : [])];
    const spot = texts
      .flatMap((text) => {
        const w = textWidth(text, size);
        const middle = p.y + (ascent(size) - descent(size)) / 2;
        return [
          { text, x: p.x + gap, y: middle },
          { text, x: p.x - gap - w, y: middle },
          { text, x: p.x - w / 2, y: p.y - gap - descent(size) },
          { text, x: p.x - w / 2, y: p.y + gap + ascent(size) },
        ];
      })
      .map((c) => {
        const x = Math.round(c.x * 10) / 10;
        const y = Math.round(c.y * 10) / 10;
        return { text: c.text, x, y, box: labelBox(c.text, x, y, size) };
      })
      .find((c) => free(c.box, i));
    if (!spot) continue;
    for (const k of cells(spot.box)) {
      const list = grid.get(k);
      if (list) list.push(spot.box);
      else grid.set(k, [spot.box]);
    }
    placed.push({ id: n.id, ...spot });
  }
  return placed;
}

// ---------------------------------------------------------------------------------------------
// The SVG

const f = (v: number) => (Math.round(v * 10) / 10).toString();

function legendSvg(items: LegendItem[], x: number, y: number, width: number, bottom: number): string {
  let s = '';
  let ly = y;
  const size = 12;
  const textMax = width - 44;
  for (const [index, item] of items.entries()) {
    const lines =
      item.kind === 'title' || item.kind === 'more'
        ? [fitText(item.text, width - 24, size, 'bold')]
        : wrapText(
            item.kind === 'color' ? `${item.text}` : item.text,
            item.kind === 'note' ? width - 24 : textMax,
            size,
          );
    const step = item.kind === 'title' ? (index === 0 ? 0 : 28) : 19;
    if (ly + step + (lines.length - 1) * 16 > bottom - 24) {
      s += `<text x="${x + 12}" y="${f(ly + 19)}" fill="#7b8794">… +${items.length - index}</text>\n`;
      break;
    }
    ly += step;
    const tx = item.kind === 'title' || item.kind === 'note' ? x + 12 : x + 34;
    if (item.kind === 'color') s += `<circle cx="${x + 20}" cy="${f(ly - 4)}" r="5" fill="${hexColor(item.color)}"/>`;
    else if (item.kind === 'link') {
      const color = hexColor(item.color);
      if (item.shape === 'triangle')
        s += `<polygon points="${x + 12},${f(ly - 7)} ${x + 12},${f(ly - 1)} ${x + 28},${f(ly - 4)}" fill="${color}"/>`;
      else
        s += `<line x1="${x + 12}" y1="${f(ly - 4)}" x2="${x + 26}" y2="${f(ly - 4)}" stroke="${color}" stroke-width="2"/>`;
      if (item.shape === 'arrow')
        s += `<polygon points="${x + 28},${f(ly - 4)} ${x + 22},${f(ly - 7)} ${x + 22},${f(ly - 1)}" fill="${color}"/>`;
    } else if (item.kind === 'mark') {
      if (item.mark === 'muted') s += `<circle cx="${x + 20}" cy="${f(ly - 4)}" r="5" fill="${MUTED_NODE}"/>`;
      else if (item.mark === 'gap')
        s += `<circle cx="${x + 20}" cy="${f(ly - 4)}" r="5" fill="none" stroke="${GAP_RING}" stroke-width="2"/>`;
      else
        s += `<line x1="${x + 10}" y1="${f(ly - 4)}" x2="${x + 30}" y2="${f(ly - 4)}" stroke="${SYNTHETIC_STROKE}" stroke-width="1.5" stroke-dasharray="${SYNTHETIC_DASH}"/>`;
    }
    const weight = item.kind === 'title' ? ' font-weight="bold"' : '';
    const count =
      (item.kind === 'color' || item.kind === 'mark') && item.count !== undefined
        ? ` <tspan fill="#7b8794">${item.count}</tspan>`
        : '';
    lines.forEach((line, i) => {
      if (i > 0) ly += 16;
      s += `<text x="${tx}" y="${f(ly)}"${weight}>${xml(line)}${i === lines.length - 1 ? count : ''}</text>\n`;
    });
  }
  return s;
}

/**
 * The plot's size in a picture of `options` (a caption of two lines assumed), as the viewport a
 * layout spreads the nodes for: the geographic layout's spread and the chain layout's room for
 * headers then match the picture rather than an 800 × 600 canvas.
 */
export function plotViewport(options: PictureOptions): { width: number; height: number; padding: number } {
  const frame = options.frame ?? true;
  const top = frame ? 44 + 2 * 18 + 10 : 0;
  return frame
    ? {
        width: Math.max(options.width - LEGEND_WIDTH - 40, 1),
        height: Math.max(options.height - top - 20, 1),
        padding: 8,
      }
    : { width: Math.max(options.width - 16, 1), height: Math.max(options.height - 16, 1), padding: 8 };
}

export async function* svgParts(doc: ExportDoc, options: PictureOptions): AsyncGenerator<string> {
  const { width: W, height: H } = options;
  const frame = options.frame ?? true;
  const t = createT(doc.lang);
  const captionLines = frame
    ? [`${doc.date} · ${doc.source}`, ...doc.filters].flatMap((line) => wrapText(line, W - 40, 13)).slice(0, 6)
    : [];
  const top = frame ? 44 + captionLines.length * 18 + 10 : 0;
  const plot: Plot = frame
    ? { x: 20, y: top, w: W - LEGEND_WIDTH - 40, h: H - top - 20 }
    : { x: 8, y: 8, w: W - 16, h: H - 16 };
  yield `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT}">\n`;
  yield `<title>${xml(doc.title)}</title>\n<rect width="${W}" height="${H}" fill="#ffffff"/>\n`;
  if (frame) {
    yield `<g data-part="caption"><text x="20" y="32" font-size="22" font-weight="bold" fill="#1f2933">${xml(fitText(doc.title, W - 40, 22, 'bold'))}</text>\n`;
    for (const [i, line] of captionLines.entries())
      yield `<text x="20" y="${58 + i * 18}" font-size="13" fill="#52606d">${xml(line)}</text>\n`;
    yield '</g>\n';
  }

  // Node radius in pixels: sigma's sizes are pixels on a 1280-pixel-wide screen.
  const px = Math.min(1.5, plot.w / 1280);
  const radius = (size: number) => Math.max(1.5, size * px * 0.6);
  const at = placeNodes(doc.nodes, plot, radius);
  const index = new Map(doc.nodes.map((n, i) => [n.id, i]));
  const muted = new Set(doc.nodes.filter((n) => n.muted).map((n) => n.id));

  // Greyed links first, under the others; each group is kept until the links are all read.
  const greyLinks: string[] = [];
  const links: string[] = [];
  let syntheticLinks = false;
  for await (const e of iterate(doc.edges)) {
    const i = index.get(e.source);
    const j = index.get(e.target);
    if (i === undefined || j === undefined) continue;
    const grey = !!e.muted || muted.has(e.source) || muted.has(e.target);
    syntheticLinks ||= e.synthetic && !grey;
    (grey ? greyLinks : links).push(linkSvg(e, at[i], at[j], grey));
  }
  yield '<g data-part="links" fill="none">\n';
  for (const s of greyLinks) yield s;
  for (const s of links) yield s;
  yield '</g>\n<g data-part="nodes" stroke="#ffffff" stroke-width="0.6">\n';
  const drawOrder = doc.nodes
    .map((_, i) => i)
    .sort((a, b) => Number(!doc.nodes[b].muted) - Number(!doc.nodes[a].muted));
  for (const i of drawOrder) {
    const n = doc.nodes[i];
    const p = at[i];
    const fill = n.muted ? MUTED_NODE : hexColor(n.color);
    const dashed =
      n.synthetic && !n.muted
        ? ` stroke="${SYNTHETIC_STROKE}" stroke-width="1" stroke-dasharray="${SYNTHETIC_NODE_DASH}"`
        : '';
    yield `<circle data-id="${xml(n.id)}" cx="${f(p.x)}" cy="${f(p.y)}" r="${f(p.r)}" fill="${fill}"${dashed}/>\n`;
  }
  for (const [i, n] of doc.nodes.entries()) {
    if (!n.gap) continue;
    const p = at[i];
    yield `<circle data-mark="gap" cx="${f(p.x)}" cy="${f(p.y)}" r="${f(p.r + 3)}" fill="none" stroke="${GAP_RING}" stroke-width="2.5"/>\n`;
  }
  const labelSize = options.labelSize ?? 11;
  const labels = placeLabels(doc.nodes, at, plot, labelSize, options.labels ?? 60, Math.min(260, plot.w / 3));
  yield `</g>\n<g data-part="labels" font-size="${labelSize}" fill="#1f2933">\n`;
  for (const l of labels)
    yield `<text data-id="${xml(l.id)}" x="${f(l.x)}" y="${f(l.y)}" paint-order="stroke" stroke="#ffffff" stroke-width="${LABEL_HALO * 2}">${xml(l.text)}</text>\n`;
  yield '</g>\n';

  if (frame) {
    const lx = W - LEGEND_WIDTH - 10;
    yield `<g data-part="legend" font-size="12" fill="#1f2933"><rect x="${lx}" y="${top}" width="${LEGEND_WIDTH}" height="${H - top - 20}" fill="#f8fafc" stroke="#d9e2ec"/>\n`;
    const items = pictureLegend(doc, { synthetic: syntheticLinks });
    yield legendSvg(items, lx, top + 22, LEGEND_WIDTH, H - 60);
    const count = doc.nodes.length - muted.size;
    const note = wrapText(`${t('pic_labels', { shown: labels.length, count })} · coopgraph`, LEGEND_WIDTH - 24, 11);
    for (const [i, line] of note.entries())
      yield `<text x="${lx + 12}" y="${H - 30 - (note.length - 1 - i) * 14}" fill="#7b8794" font-size="11">${xml(line)}</text>\n`;
    yield '</g>\n';
  }
  yield '</svg>\n';
}

function linkSvg(e: ExportEdge, a: Placed, b: Placed, grey: boolean): string {
  const c = parseColor(e.color);
  const color = grey ? MUTED_LINK : hexColor(e.color);
  const opacity = grey ? 0.35 : Math.min(c.a, 0.6);
  const width = Math.max(0.5, e.size * 0.6);
  const dash = e.synthetic && !grey ? ` stroke-dasharray="${SYNTHETIC_DASH}"` : '';
  const paint = `stroke="${color}" stroke-opacity="${num(opacity)}"${dash}`;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.sqrt(dx * dx + dy * dy);
  const head = Math.max(5, width * 2.5);
  const shape = edgeShape(e.rel);
  const ux = length > 0 ? dx / length : 0;
  const uy = length > 0 ? dy / length : 0;
  if (shape === 'triangle' && length > 0) {
    // A wedge from the SME, narrowing to the customer's centre, as sigma draws it.
    const half = Math.max(1.5, width * 1.5);
    const outline = dash ? ` stroke="${color}" stroke-width="0.8"${dash}` : '';
    return `<polygon data-rel="${xml(e.rel)}" points="${f(a.x - uy * half)},${f(a.y + ux * half)} ${f(a.x + uy * half)},${f(a.y - ux * half)} ${f(b.x)},${f(b.y)}" fill="${color}" fill-opacity="${num(opacity)}"${outline}/>\n`;
  }
  if (shape !== 'arrow' || length <= b.r + head)
    return `<line x1="${f(a.x)}" y1="${f(a.y)}" x2="${f(b.x)}" y2="${f(b.y)}" ${paint} stroke-width="${f(width)}"/>\n`;
  // A supply link (or a contract) ends in an arrowhead at the buyer's rim, as on screen.
  const tip = { x: b.x - ux * b.r, y: b.y - uy * b.r };
  const base = { x: tip.x - ux * head, y: tip.y - uy * head };
  const side = { x: -uy * head * 0.45, y: ux * head * 0.45 };
  return (
    `<line x1="${f(a.x)}" y1="${f(a.y)}" x2="${f(base.x)}" y2="${f(base.y)}" ${paint} stroke-width="${f(width)}"/>` +
    `<polygon points="${f(tip.x)},${f(tip.y)} ${f(base.x + side.x)},${f(base.y + side.y)} ${f(base.x - side.x)},${f(base.y - side.y)}" fill="${color}" fill-opacity="${num(opacity)}"/>\n`
  );
}

/** The picture as SVG text (held whole: the PNG and the PDF draw from it). */
export async function svgText(doc: ExportDoc, options: PictureOptions = DEFAULT_PICTURE): Promise<string> {
  let s = '';
  for await (const part of svgParts(doc, options)) s += part;
  return s;
}
