// Where the camera goes to show a set of nodes: centred on their bounding box, at the smallest
// zoom-out (camera ratio) that keeps every node — its disc, its label to the right, a margin —
// inside the canvas. Sigma scales positions by 1/ratio and node discs by 1/√ratio (its default
// `zoomToSizeRatioFunction`), so the ratio is found by a few fixed-point steps.
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

/** The camera ratio at which every target fits a `width` × `height` canvas (extra room on top: `top`). */
export function ratioToShow(targets: CameraTarget[], width: number, height: number, top = 0): number {
  let ratio = 1;
  for (let step = 0; step < 6; step++) {
    let next = 0;
    const radiusScale = 1 / Math.sqrt(ratio);
    for (const t of targets) {
      const r = t.size * radiusScale;
      const right = r + (t.label ? LABEL_GAP + t.label : 0) + CAMERA_MARGIN;
      const left = r + CAMERA_MARGIN;
      const vertical = Math.max(r, 8) + CAMERA_MARGIN;
      // A pad larger than half the canvas cannot be met by any zoom: ask for what can be.
      const need = (offset: number, pad: number, half: number) => Math.abs(offset) / Math.max(half - pad, half / 4);
      next = Math.max(
        next,
        need(t.dx, t.dx > 0 ? right : left, width / 2),
        need(t.dy, t.dy < 0 ? vertical + top : vertical, height / 2),
      );
    }
    if (Math.abs(next - ratio) < 1e-4 * ratio) return next;
    ratio = next || ratio;
  }
  return ratio;
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
  let ratio = Math.max(ratioToShow(targets, width, height, options.top ?? 0), options.minRatio ?? 0);
  ratio = Math.min(camera.maxRatio ?? Infinity, Math.max(camera.minRatio ?? 0, ratio));
  return { ...state, ratio };
}
