// Draws the basemap on a canvas of its own under sigma's edges and nodes. The outline is turned
// into Path2D objects once, in graph coordinates (kilometres); every frame only sets the canvas
// transform to sigma's current graph → viewport mapping (an affine map: sigma normalises the
// graph's extent, then applies the camera) and fills and strokes those paths, so a pan costs two
// canvas calls, not a walk over the vertices.
import type Sigma from 'sigma';
import type { Basemap } from '../../../core/graph/basemap';
import { BASEMAP_FILL, BASEMAP_STROKE, BASEMAP_STROKE_PX } from './style';

const BASEMAP_LAYER = 'basemap';

function pathsOf(basemap: Basemap): { fill: Path2D; stroke: Path2D } {
  const fill = new Path2D();
  for (const r of basemap.rings) {
    fill.moveTo(r[0], r[1]);
    for (let i = 2; i < r.length; i += 2) fill.lineTo(r[i], r[i + 1]);
    fill.closePath();
  }
  const stroke = new Path2D();
  for (const l of basemap.outline) {
    stroke.moveTo(l[0], l[1]);
    for (let i = 2; i < l.length; i += 2) stroke.lineTo(l[i], l[i + 1]);
  }
  return { fill, stroke };
}

const pathCache = new WeakMap<Basemap, { fill: Path2D; stroke: Path2D }>();

/** Adds the basemap layer to a sigma instance; returns the function that removes it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function attachBasemap(sigma: Sigma<any, any, any>, basemap: Basemap): () => void {
  let paths = pathCache.get(basemap);
  if (!paths) pathCache.set(basemap, (paths = pathsOf(basemap)));
  const { fill, stroke } = paths;
  const canvas = sigma.createCanvas(BASEMAP_LAYER, { beforeLayer: 'edges' });
  canvas.style.pointerEvents = 'none';
  const ctx = canvas.getContext('2d')!;

  const draw = () => {
    const { width, height } = sigma.getDimensions();
    const ratio = window.devicePixelRatio || 1;
    const w = Math.round(width * ratio);
    const h = Math.round(height * ratio);
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, w, h);
    // Without nodes sigma has no extent to normalise against: nothing to align the map with.
    if (sigma.getGraph().order === 0) return;
    // Three points give the affine map; 1,000 km apart so that rounding does not show.
    const o = sigma.graphToViewport({ x: 0, y: 0 });
    const ex = sigma.graphToViewport({ x: 1000, y: 0 });
    const ey = sigma.graphToViewport({ x: 0, y: 1000 });
    const a = (ex.x - o.x) / 1000;
    const b = (ex.y - o.y) / 1000;
    const c = (ey.x - o.x) / 1000;
    const d = (ey.y - o.y) / 1000;
    const scale = Math.sqrt(Math.abs(a * d - b * c));
    if (!Number.isFinite(scale) || scale === 0) return;
    ctx.setTransform(a * ratio, b * ratio, c * ratio, d * ratio, o.x * ratio, o.y * ratio);
    ctx.fillStyle = BASEMAP_FILL;
    ctx.fill(fill, 'evenodd');
    ctx.strokeStyle = BASEMAP_STROKE;
    ctx.lineJoin = 'round';
    ctx.lineWidth = BASEMAP_STROKE_PX / scale;
    ctx.stroke(stroke);
  };

  sigma.on('afterRender', draw);
  draw();
  return () => {
    sigma.off('afterRender', draw);
    // SigmaContainer may have killed sigma (and its layers) first.
    if (sigma.getCanvases()[BASEMAP_LAYER]) sigma.killLayer(BASEMAP_LAYER);
  };
}
