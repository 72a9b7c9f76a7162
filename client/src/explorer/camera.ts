// Where the camera goes to show a set of nodes: at the smallest zoom-out (camera ratio) that keeps
// every node — its disc, its label to the right, a margin — inside the canvas, and centred on
// what that takes (labels to the right, room for headers on top), not on the nodes alone. Sigma
// scales positions by 1/ratio and node discs by 1/√ratio (its default `zoomToSizeRatioFunction`),
// so the ratio is found by bisection.
import type { ExplorerSigma } from './hooks/store';

/** Pixels kept free between what is shown and the canvas edge. */
export const CAMERA_MARGIN = 12;
/** The longest label the camera makes room for, in pixels (longer ones may be cut at the right edge). */
const MAX_LABEL_PX = 170;
/** Sigma draws a label this far right of its node's disc. */
const LABEL_GAP = 3;

export interface CameraTarget {
  /** Offset from the canvas centre, in pixels, with the camera on the targets' centre at ratio 1. */
  dx: number;
  dy: number;
  /** The node's size attribute: its radius in pixels at ratio 1. */
  size: number;
  /** Room its label takes to the right of the disc, in pixels. */
  label: number;
}

/**
 * Where the camera goes to show the targets: the ratio, and the shift (pixels on screen at that
 * ratio) from the targets' centre to the camera's. The targets' reach is not symmetric — labels
 * run to the right, headers need room on top — so centring on the targets and asking the same
 * room on every side would leave the opposite side empty and zoom out twice as far as needed.
 */
export function frameToShow(
  targets: CameraTarget[],
  width: number,
  height: number,
  top = 0,
): { ratio: number; dx: number; dy: number } {
  const reach = (ratio: number) => {
    const radiusScale = 1 / Math.sqrt(ratio);
    let left = Infinity;
    let right = -Infinity;
    let upper = Infinity;
    let lower = -Infinity;
    for (const t of targets) {
      const r = t.size * radiusScale;
      const x = t.dx / ratio;
      const y = t.dy / ratio;
      const vertical = Math.max(r, 8) + CAMERA_MARGIN;
      left = Math.min(left, x - r - CAMERA_MARGIN);
      right = Math.max(right, x + r + (t.label ? LABEL_GAP + t.label : 0) + CAMERA_MARGIN);
      upper = Math.min(upper, y - vertical);
      lower = Math.max(lower, y + vertical);
    }
    return { left, right, upper, lower };
  };
  const room = Math.max(height - top, height / 4);
  const fits = (ratio: number) => {
    const e = reach(ratio);
    return e.right - e.left <= width && e.lower - e.upper <= room;
  };
  // The reach shrinks as the ratio grows (sigma zooms out), down to the discs, labels and margins,
  // which may alone be wider than the canvas: then ask for what can be (the spread in a quarter).
  let lo = 1;
  let hi = 1;
  if (fits(1)) while (lo > 1e-6 && fits(lo)) [hi, lo] = [lo, lo / 2];
  else {
    while (hi < 1e6 && !fits(hi)) [lo, hi] = [hi, hi * 2];
    if (!fits(hi)) {
      const spread = (pick: (t: CameraTarget) => number) => targets.reduce((m, t) => Math.max(m, Math.abs(pick(t))), 0);
      const ratio = Math.max(spread((t) => t.dx) / (width / 4), spread((t) => t.dy) / (room / 4), 1e-6);
      return { ratio, dx: 0, dy: 0 };
    }
  }
  for (let step = 0; step < 30 && hi / lo > 1 + 1e-5; step++) {
    const mid = Math.sqrt(lo * hi);
    if (fits(mid)) hi = mid;
    else lo = mid;
  }
  const e = reach(hi);
  // Centre what is shown in the canvas below the room kept on top.
  return { ratio: hi, dx: (e.left + e.right) / 2, dy: (e.upper + e.lower) / 2 - top / 2 };
}

/** A label's width in pixels at sigma's label size (12 px): about 0.6 em a character. */
export function labelWidth(label: string | null | undefined): number {
  return label ? Math.min(MAX_LABEL_PX, label.length * 7) : 0;
}

/** Is every node's disc inside the canvas at the current camera? */
export function allInView(sigma: ExplorerSigma, nodes: string[]): boolean {
  const { width, height } = sigma.getDimensions();
  return nodes.every((n) => {
    const d = sigma.getNodeDisplayData(n);
    if (!d) return true;
    const p = sigma.framedGraphToViewport(d);
    const r = sigma.scaleSize(d.size);
    return p.x - r >= 0 && p.x + r <= width && p.y - r >= 0 && p.y + r <= height;
  });
}

/**
 * The camera state that shows `nodes`, or null when there is nothing to show. `minRatio`: do not
 * zoom in past it (moving to show new nodes should not also magnify them).
 */
export function cameraToShow(
  sigma: ExplorerSigma,
  nodes: string[],
  options: { minRatio?: number; top?: number } = {},
): { x: number; y: number; ratio: number; angle: number } | null {
  const data = nodes.map((n) => sigma.getNodeDisplayData(n)).filter((d) => d !== undefined);
  if (data.length === 0) return null;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const d of data) {
    minX = Math.min(minX, d.x);
    maxX = Math.max(maxX, d.x);
    minY = Math.min(minY, d.y);
    maxY = Math.max(maxY, d.y);
  }
  const camera = sigma.getCamera();
  const state = { ...camera.getState(), x: (minX + maxX) / 2, y: (minY + maxY) / 2, ratio: 1 };
  const { width, height } = sigma.getDimensions();
  const targets = data.map((d) => {
    const p = sigma.framedGraphToViewport(d, { cameraState: state });
    return { dx: p.x - width / 2, dy: p.y - height / 2, size: d.size, label: labelWidth(d.label) };
  });
  const frame = frameToShow(targets, width, height, options.top ?? 0);
  let ratio = Math.max(frame.ratio, options.minRatio ?? 0);
  ratio = Math.min(camera.maxRatio ?? Infinity, Math.max(camera.minRatio ?? 0, ratio));
  // The shift was measured at the frame's ratio; at another (clamped) one it scales with it.
  const scale = frame.ratio / ratio;
  const centre = sigma.viewportToFramedGraph(
    { x: width / 2 + frame.dx * scale, y: height / 2 + frame.dy * scale },
    { cameraState: { ...state, ratio } },
  );
  return { ...state, x: centre.x, y: centre.y, ratio };
}
