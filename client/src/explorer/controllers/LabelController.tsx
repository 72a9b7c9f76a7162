// Labels that do not overlap (the chain layout turns it on). Sigma asks `defaultDrawNodeLabel` to
// draw each label its grid chose; here that only collects them, and once sigma has rendered (in
// the same frame, so nothing flickers) the ones that fit are drawn with sigma's own drawer
// (labels.ts picks them). Hover labels are sigma's as before: they are drawn on their own layer.
import { useEffect } from 'react';
import { useSigma } from '@react-sigma/core';
import { drawDiscNodeLabel } from 'sigma/rendering';
import type { Settings } from 'sigma/settings';
import type { NodeDisplayData, PartialButFor } from 'sigma/types';
import type { EdgeAttrs, NodeAttrs } from '../../../../core/graph/model';
import { labelBox, pickLabels, type LabelBox, type LabelCandidate } from '../labels';

declare global {
  interface Window {
    /** The label boxes drawn in the last frame while labels are kept apart (for tests). */
    __coopgraphLabels?: LabelBox[];
  }
}

type LabelData = PartialButFor<NodeDisplayData, 'x' | 'y' | 'size' | 'label' | 'color'> & { key?: string };
type DrawLabel = Settings<NodeAttrs, EdgeAttrs>['defaultDrawNodeLabel'];

export function LabelController({ enabled }: { enabled: boolean }) {
  const sigma = useSigma<NodeAttrs, EdgeAttrs>();

  useEffect(() => {
    if (!enabled) return;
    const widths = new Map<string, number>();
    let pending: { context: CanvasRenderingContext2D; data: LabelData; settings: Settings<NodeAttrs, EdgeAttrs> }[] =
      [];
    const collect: DrawLabel = (context, data, settings) => {
      if (data.label) pending.push({ context, data: data as LabelData, settings });
    };
    const flush = () => {
      const batch = pending;
      pending = [];
      if (batch.length === 0) {
        window.__coopgraphLabels = [];
        return;
      }
      const { context, settings } = batch[0];
      const font = `${settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`;
      context.font = font;
      const candidates: (LabelCandidate & { i: number })[] = batch.map(({ data }, i) => {
        const id = `${font}|${data.label}`;
        let width = widths.get(id);
        if (width === undefined) {
          width = context.measureText(data.label!).width;
          widths.set(id, width);
        }
        return {
          ...labelBox(data.key ?? String(i), data, width, settings.labelSize),
          forced: !!data.forceLabel,
          size: data.size,
          i,
        };
      });
      const kept = pickLabels(candidates, sigma.getDimensions());
      for (const c of kept) drawDiscNodeLabel(context, batch[c.i].data, settings);
      window.__coopgraphLabels = kept.map(({ key, x0, y0, x1, y1 }) => ({ key, x0, y0, x1, y1 }));
    };
    const previous = sigma.getSetting('defaultDrawNodeLabel');
    sigma.setSetting('defaultDrawNodeLabel', collect);
    sigma.on('afterRender', flush);
    sigma.refresh();
    return () => {
      sigma.off('afterRender', flush);
      sigma.setSetting('defaultDrawNodeLabel', previous);
      delete window.__coopgraphLabels;
      sigma.refresh();
    };
  }, [sigma, enabled]);

  return null;
}
