// Which node labels to draw so that no two overlap: sigma's label grid keeps at most a few labels
// per grid cell, but a long name drawn to the right of its node runs into the next cells' labels
// (in the chain layout, across the next stage columns). This picks among the labels sigma chose,
// most important first — forced ones (the selection, a path), then larger nodes — and leaves out
// any whose box would cover a label already kept.

export interface LabelBox {
  key: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
export interface LabelCandidate extends LabelBox {
  forced: boolean;
  size: number;
}

/** Pixels kept free around a label's letters. */
export const LABEL_MARGIN = 2;

const overlaps = (a: LabelBox, b: LabelBox) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * The box of a label as sigma's `drawDiscNodeLabel` draws it: starting `size + 3` px right of the
 * node's centre, its baseline a third of the font size below the centre.
 */
export function labelBox(
  key: string,
  at: { x: number; y: number; size: number },
  width: number,
  fontSize: number,
): LabelBox {
  const baseline = at.y + fontSize / 3;
  const x0 = at.x + at.size + 3;
  return {
    key,
    x0: x0 - LABEL_MARGIN,
    y0: baseline - fontSize * 0.8 - LABEL_MARGIN,
    x1: x0 + width + LABEL_MARGIN,
    y1: baseline + fontSize * 0.25 + LABEL_MARGIN,
  };
}

/**
 * The labels to draw, greedily by importance; the forced ones are always kept. With `bounds` (the
 * canvas), a label that would run past its right edge is left out rather than cut off there.
 */
export function pickLabels<T extends LabelCandidate>(candidates: T[], bounds?: { width: number }): T[] {
  const order = [...candidates].sort(
    (a, b) => Number(b.forced) - Number(a.forced) || b.size - a.size || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  // A coarse grid of the kept boxes, so that each test looks at its neighbours only.
  const CELL = 64;
  const grid = new Map<string, LabelBox[]>();
  const cells = (b: LabelBox) => {
    const keys: string[] = [];
    for (let i = Math.floor(b.x0 / CELL); i <= Math.floor(b.x1 / CELL); i++)
      for (let j = Math.floor(b.y0 / CELL); j <= Math.floor(b.y1 / CELL); j++) keys.push(`${i},${j}`);
    return keys;
  };
  const kept: T[] = [];
  for (const c of order) {
    const at = cells(c);
    if (!c.forced && bounds && c.x1 > bounds.width) continue;
    if (!c.forced && at.some((k) => grid.get(k)?.some((o) => overlaps(o, c)))) continue;
    kept.push(c);
    for (const k of at) {
      const list = grid.get(k);
      if (list) list.push(c);
      else grid.set(k, [c]);
    }
  }
  return kept;
}
