// The picture of a view as SVG, with its caption (title, date, source, filters) and legend. The
// browser and the server draw from the same text (the PNG and the PDF are rasterised from it).
import { edgeShape } from '../graph/model.js';
import type { ExportDoc } from './types.js';
import { hexColor, iterate, num, parseColor, xml } from './util.js';

export interface PictureOptions {
  /** Width of the picture in CSS pixels (the PNG's pixels are width × scale). */
  width: number;
  height: number;
  /** Labels of the largest nodes drawn, at most. */
  labels?: number;
}
export const DEFAULT_PICTURE: PictureOptions = { width: 1600, height: 1000, labels: 40 };
const FONT = "DejaVu Sans, Arial, 'Helvetica Neue', sans-serif";
const LEGEND_WIDTH = 300;
const LEGEND_LINES = 18;

/** Lines of at most `max` characters, broken at spaces. */
function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (line + ' ' + word).length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export async function* svgParts(doc: ExportDoc, options: PictureOptions): AsyncGenerator<string> {
  const { width: W, height: H } = options;
  const captionLines = [
    `${doc.date} · ${doc.source}`,
    ...(doc.filters.length ? doc.filters : []).flatMap((f) => wrap(f, Math.floor((W - 40) / 7))),
  ].slice(0, 6);
  const top = 44 + captionLines.length * 18 + 10;
  const plot = { x: 20, y: top, w: W - LEGEND_WIDTH - 40, h: H - top - 20 };
  yield `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT}">\n`;
  yield `<title>${xml(doc.title)}</title>\n<rect width="${W}" height="${H}" fill="#ffffff"/>\n`;
  yield `<g data-part="caption"><text x="20" y="32" font-size="22" font-weight="bold" fill="#1f2933">${xml(doc.title)}</text>\n`;
  for (const [i, line] of captionLines.entries())
    yield `<text x="20" y="${58 + i * 18}" font-size="13" fill="#52606d">${xml(line)}</text>\n`;
  yield '</g>\n';

  // Fit the positions into the plot, north up (the view's y grows upwards).
  let minX = Infinity,
    maxX = -Infinity,
    minY = Infinity,
    maxY = -Infinity,
    maxSize = 1;
  for (const n of doc.nodes) {
    minX = Math.min(minX, n.x);
    maxX = Math.max(maxX, n.x);
    minY = Math.min(minY, n.y);
    maxY = Math.max(maxY, n.y);
    maxSize = Math.max(maxSize, n.size);
  }
  const pad = 24;
  const spanX = Math.max(maxX - minX, 1e-9);
  const spanY = Math.max(maxY - minY, 1e-9);
  const k = doc.nodes.length <= 1 ? 1 : Math.min((plot.w - 2 * pad) / spanX, (plot.h - 2 * pad) / spanY);
  const ox = plot.x + (plot.w - spanX * k) / 2;
  const oy = plot.y + (plot.h - spanY * k) / 2;
  const at = new Map<string, { x: number; y: number }>();
  for (const n of doc.nodes) {
    at.set(
      n.id,
      doc.nodes.length <= 1
        ? { x: plot.x + plot.w / 2, y: plot.y + plot.h / 2 }
        : { x: ox + (n.x - minX) * k, y: oy + (maxY - n.y) * k },
    );
  }
  // Node radius in pixels: sigma's sizes are pixels on a 1280-pixel-wide screen.
  const px = Math.min(1.5, plot.w / 1280);
  const r = (size: number) => Math.max(1, size * px * 0.6);
  const f = (v: number) => (Math.round(v * 10) / 10).toString();

  const radius = new Map(doc.nodes.map((n) => [n.id, r(n.size)]));
  yield '<g data-part="links" fill="none">\n';
  for await (const e of iterate(doc.edges)) {
    const a = at.get(e.source);
    const b = at.get(e.target);
    if (!a || !b) continue;
    const c = parseColor(e.color);
    const width = Math.max(0.5, e.size * 0.6);
    const paint = `stroke="${hexColor(e.color)}" stroke-opacity="${num(Math.min(c.a, 0.6))}"`;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const length = Math.hypot(dx, dy);
    const head = Math.max(5, width * 2.5);
    const shape = edgeShape(e.rel);
    const ux = dx / length;
    const uy = dy / length;
    if (shape === 'triangle' && length > 0) {
      // A wedge from the SME, narrowing to the customer's centre, as sigma draws it.
      const half = Math.max(1.5, width * 1.5);
      yield `<polygon data-rel="${xml(e.rel)}" points="${f(a.x - uy * half)},${f(a.y + ux * half)} ${f(a.x + uy * half)},${f(a.y - ux * half)} ${f(b.x)},${f(b.y)}" fill="${hexColor(e.color)}" fill-opacity="${num(Math.min(c.a, 0.6))}"/>\n`;
      continue;
    }
    if (shape !== 'arrow' || length <= (radius.get(e.target) ?? 0) + head) {
      yield `<line x1="${f(a.x)}" y1="${f(a.y)}" x2="${f(b.x)}" y2="${f(b.y)}" ${paint} stroke-width="${f(width)}"/>\n`;
      continue;
    }
    // A supply link (or a contract) ends in an arrowhead at the buyer's rim, as on screen.
    const tip = { x: b.x - ux * (radius.get(e.target) ?? 0), y: b.y - uy * (radius.get(e.target) ?? 0) };
    const base = { x: tip.x - ux * head, y: tip.y - uy * head };
    const side = { x: -uy * head * 0.45, y: ux * head * 0.45 };
    yield `<line x1="${f(a.x)}" y1="${f(a.y)}" x2="${f(base.x)}" y2="${f(base.y)}" ${paint} stroke-width="${f(width)}"/>`;
    yield `<polygon points="${f(tip.x)},${f(tip.y)} ${f(base.x + side.x)},${f(base.y + side.y)} ${f(base.x - side.x)},${f(base.y - side.y)}" fill="${hexColor(e.color)}" fill-opacity="${num(Math.min(c.a, 0.6))}"/>\n`;
  }
  yield '</g>\n<g data-part="nodes" stroke="#ffffff" stroke-width="0.6">\n';
  for (const n of doc.nodes) {
    const p = at.get(n.id)!;
    yield `<circle cx="${f(p.x)}" cy="${f(p.y)}" r="${f(r(n.size))}" fill="${hexColor(n.color)}"/>\n`;
  }
  yield '</g>\n<g data-part="labels" font-size="11" fill="#1f2933">\n';
  const labelled = [...doc.nodes]
    .sort((a, b) => b.size - a.size || (a.id < b.id ? -1 : 1))
    .slice(0, options.labels ?? 40);
  for (const n of labelled) {
    const p = at.get(n.id)!;
    const label = n.label.length > 40 ? n.label.slice(0, 39) + '…' : n.label;
    yield `<text x="${f(p.x + r(n.size) + 3)}" y="${f(p.y + 4)}" paint-order="stroke" stroke="#ffffff" stroke-width="3">${xml(label)}</text>\n`;
  }
  yield '</g>\n';

  // The legend, right of the plot.
  const lx = W - LEGEND_WIDTH - 10;
  let ly = top;
  yield `<g data-part="legend" font-size="12" fill="#1f2933"><rect x="${lx}" y="${ly}" width="${LEGEND_WIDTH}" height="${H - top - 20}" fill="#f8fafc" stroke="#d9e2ec"/>\n`;
  ly += 22;
  yield `<text x="${lx + 12}" y="${ly}" font-weight="bold">${xml(doc.legend.colorTitle)}</text>\n`;
  const shown = doc.legend.colors.slice(0, LEGEND_LINES);
  for (const c of shown) {
    ly += 19;
    const label = c.label.length > 34 ? c.label.slice(0, 33) + '…' : c.label;
    yield `<circle cx="${lx + 18}" cy="${ly - 4}" r="5" fill="${hexColor(c.color)}"/><text x="${lx + 30}" y="${ly}">${xml(label)} <tspan fill="#7b8794">${c.count}</tspan></text>\n`;
  }
  if (doc.legend.colors.length > shown.length) {
    ly += 19;
    yield `<text x="${lx + 30}" y="${ly}" fill="#7b8794">… +${doc.legend.colors.length - shown.length}</text>\n`;
  }
  ly += 30;
  yield `<text x="${lx + 12}" y="${ly}" font-weight="bold">${xml(doc.legend.sizeTitle)}</text>\n`;
  for (const line of wrap(doc.legend.sizeNote, 38)) {
    ly += 17;
    yield `<text x="${lx + 12}" y="${ly}">${xml(line)}</text>\n`;
  }
  ly += 12;
  for (const line of doc.legend.edgeLines) {
    const color = hexColor(line.color);
    for (const [i, part] of wrap(line.label, 34).entries()) {
      ly += 17;
      // Each kind of link as the picture draws it: a line, an arrow, a wedge.
      if (i === 0 && line.shape === 'triangle')
        yield `<polygon points="${lx + 12},${ly - 7} ${lx + 12},${ly - 1} ${lx + 28},${ly - 4}" fill="${color}"/>`;
      else if (i === 0)
        yield `<line x1="${lx + 12}" y1="${ly - 4}" x2="${lx + 26}" y2="${ly - 4}" stroke="${color}" stroke-width="2"/>`;
      if (i === 0 && line.shape === 'arrow')
        yield `<polygon points="${lx + 28},${ly - 4} ${lx + 22},${ly - 7} ${lx + 22},${ly - 1}" fill="${color}"/>`;
      yield `<text x="${lx + 32}" y="${ly}">${xml(part)}</text>\n`;
    }
  }
  yield `<text x="${lx + 12}" y="${H - 30}" fill="#7b8794" font-size="11">${xml(`${doc.nodes.length}`)} · coopgraph</text>\n`;
  yield '</g>\n</svg>\n';
}

/** The picture as SVG text (held whole: the PNG and the PDF draw from it). */
export async function svgText(doc: ExportDoc, options: PictureOptions = DEFAULT_PICTURE): Promise<string> {
  let s = '';
  for await (const part of svgParts(doc, options)) s += part;
  return s;
}
