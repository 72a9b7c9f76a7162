// The chain layout's guides over the canvas: the stage names above their columns and the lane
// names over the left end of their lanes (clusters, regions, support organisations). HTML, so that they stay
// crisp and readable text; moved on every sigma render through `graphToViewport`, without a React
// render, so they follow pans and zooms frame by frame.
import { useEffect, useMemo, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSigma } from '@react-sigma/core';
import { api } from '../api';
import { useI18n } from '../i18n';
import type { EdgeAttrs, NodeAttrs } from '../../../core/graph/model';
import { useExplorerState } from './hooks/store';

/** Below this many pixels between columns the headers would overlap: they are hidden. */
const MIN_COLUMN_PX = 48;

export function ChainGuides() {
  const sigma = useSigma<NodeAttrs, EdgeAttrs>();
  const { t, lang } = useI18n();
  const guides = useExplorerState((s) => (s.view.layout === 'chain' && s.nodeCount > 0 ? s.chainGuides : null));
  const reference = useQuery({
    queryKey: ['reference'],
    queryFn: ({ signal }) => api.reference(signal),
    staleTime: Infinity,
  });
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const c of reference.data?.chains ?? [])
      for (const s of c.stages) m.set(s.id, lang === 'en' ? s.nameEn || s.name : s.name);
    return m;
  }, [reference.data, lang]);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!guides) return;
    // Each guide carries its own graph position: a render can come between React putting new
    // guides into the page and this effect subscribing again with them.
    const place = () => {
      const el = root.current;
      if (!el) return;
      const a = sigma.graphToViewport({ x: 0, y: 0 });
      const b = sigma.graphToViewport({ x: Number(el.dataset.column), y: 0 });
      const columnPx = Math.hypot(b.x - a.x, b.y - a.y);
      el.querySelectorAll<HTMLElement>('[data-stage]').forEach((h) => {
        const p = sigma.graphToViewport({ x: Number(h.dataset.x), y: Number(h.dataset.y) });
        h.style.transform = `translate(${p.x}px, ${p.y - 14}px) translate(-50%, -100%)`;
        h.style.maxWidth = `${Math.max(columnPx - 6, 0)}px`;
        h.hidden = columnPx < MIN_COLUMN_PX;
      });
      el.querySelectorAll<HTMLElement>('[data-lane]').forEach((h) => {
        const p = sigma.graphToViewport({ x: Number(h.dataset.x), y: Number(h.dataset.y) });
        h.style.transform = `translate(${p.x - 12}px, ${p.y - 20}px) translate(0, -100%)`;
      });
    };
    place();
    sigma.on('afterRender', place);
    return () => {
      sigma.off('afterRender', place);
    };
  }, [sigma, guides, names]);

  if (!guides) return null;
  return (
    <div className="chain-guides" ref={root} role="group" aria-label={t('chainGuides')} data-column={guides.column}>
      {guides.columns.map((c) => (
        <div
          key={`${c.chain}|${c.x}`}
          className="chain-header"
          data-stage={c.stages.join(' ')}
          data-x={c.x}
          data-y={c.top}
          lang={lang}
          title={c.stages.map((st) => names.get(st) ?? st).join(' · ')}
        >
          {c.stages.map((st) => names.get(st) ?? st).join(' · ')}
        </div>
      ))}
      {guides.lanes.map((l) => (
        <div key={l.lane} className="chain-lane" data-lane={l.lane} data-x={l.x} data-y={l.y}>
          {t(`lane_${l.lane}`)}
        </div>
      ))}
    </div>
  );
}
