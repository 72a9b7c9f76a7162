// The chain layout's guides over the canvas: the stage names above their columns and the lane
// names over the left end of their lanes (clusters, regions, support organisations). HTML, so that they stay
// crisp and readable text; moved on every sigma render through `graphToViewport`, without a React
// render, so they follow pans and zooms frame by frame.
//
// A header must read at any zoom: it wraps between words onto two lines; where the column is too
// narrow for that, neighbouring headers take turns on two rows (each may then be two columns
// wide), and the words are abbreviated («Лесозаг.») as far as needed — the full name stays in the
// tooltip and for screen readers. Headers stick to the canvas's top edge while their chain's
// block is in view, so a zoomed-in column still says what it is.
import { useEffect, useMemo, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSigma } from '@react-sigma/core';
import { api } from '../api';
import { useI18n } from '../i18n';
import type { EdgeAttrs, NodeAttrs } from '../../../core/graph/model';
import { useExplorerState } from './hooks/store';
import { abbreviations, wrappedLines } from './abbreviate';

/** Below this many pixels between columns even staggered, abbreviated headers say nothing: hidden. */
const MIN_COLUMN_PX = 26;
/** Pixels between a header's bottom and the top row of its column. */
const HEADER_GAP = 10;
/** Height of one row of headers (two lines of 11 px text and the padding), in pixels. */
export const HEADER_ROW_PX = 34;
const HEADER_LINES = 2;
/** Horizontal padding inside a header, both sides together, and the gap between neighbours. */
const HEADER_PAD = 8;
const HEADER_SPACING = 4;
/** Pixels of slack in the fit: the canvas's text widths and the page's line breaks differ by a little. */
const FIT_SLACK = 3;

export function ChainGuides() {
  const sigma = useSigma<NodeAttrs, EdgeAttrs>();
  const { t, lang } = useI18n();
  const guides = useExplorerState((s) => (s.view.layout === 'chain' && s.nodeCount > 0 ? s.chainGuides : null));
  const reference = useQuery({
    queryKey: ['reference'],
    queryFn: ({ signal }) => api.reference(signal),
    staleTime: Infinity,
  });
  const { names, core } = useMemo(() => {
    const m = new Map<string, string>();
    const c = new Set<string>();
    for (const chain of reference.data?.chains ?? [])
      for (const s of chain.stages) {
        m.set(s.id, lang === 'en' ? s.nameEn || s.name : s.name);
        if (s.kind === 'core') c.add(s.id);
      }
    return { names: m, core: c };
  }, [reference.data, lang]);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = root.current;
    if (!guides || !host) return;
    const measure = textMeasure(host);
    // Each header's forms, longest first, and the form that fits a width (memoised by width).
    const forms = new Map<HTMLElement, string[]>();
    const fitting = new Map<string, string | null>();
    const fit = (h: HTMLElement, width: number): string | null => {
      let list = forms.get(h);
      if (!list) {
        // Each stage name shortened alike; the forms of the joined header, longest first.
        const each = (h.dataset.full ?? '').split(' · ').map((n) => abbreviations(n));
        const depth = Math.max(...each.map((f) => f.length));
        list = [];
        for (let i = 0; i < depth; i++) list.push(each.map((f) => f[Math.min(i, f.length - 1)]).join(' · '));
        // Then the first stage alone, saying that more follow (the tooltip names them).
        if (each.length > 1) for (const f of each[0]) list.push(`${f} · …`);
        forms.set(h, list);
      }
      const options = list;
      const key = `${h.dataset.full}|${Math.round(width)}`;
      if (!fitting.has(key))
        fitting.set(
          key,
          options.find((text) => wrappedLines(text, width - HEADER_PAD - FIT_SLACK, measure) <= HEADER_LINES) ?? null,
        );
      return fitting.get(key)!;
    };
    // Each guide carries its own graph position: a render can come between React putting new
    // guides into the page and this effect subscribing again with them.
    const place = () => {
      const el = root.current;
      if (!el) return;
      const a = sigma.graphToViewport({ x: 0, y: 0 });
      const b = sigma.graphToViewport({ x: Number(el.dataset.column), y: 0 });
      const columnPx = Math.hypot(b.x - a.x, b.y - a.y);
      const headers = [...el.querySelectorAll<HTMLElement>('[data-stage]')];
      // One row while every header's full name fits its column on two lines, else two rows.
      const single = columnPx - HEADER_SPACING;
      const stagger = headers.some((h) => fit(h, single) !== h.dataset.full);
      const width = stagger ? 2 * columnPx - HEADER_SPACING : single;
      el.dataset.stagger = String(stagger);
      for (const h of headers) {
        // Too narrow for even the shortest form: that form, ended by the clamp's ellipsis.
        const text = fit(h, width) ?? forms.get(h)!.at(-1)!;
        h.hidden = columnPx < MIN_COLUMN_PX;
        if (h.hidden) continue;
        const shown = h.firstElementChild as HTMLElement;
        if (shown.textContent !== text) shown.textContent = text;
        h.dataset.abbreviated = String(text !== h.dataset.full);
        const upper = stagger && Number(h.dataset.index) % 2 === 1;
        const p = sigma.graphToViewport({ x: Number(h.dataset.x), y: Number(h.dataset.y) });
        const blockBottom = sigma.graphToViewport({ x: 0, y: Number(h.dataset.bottom) }).y;
        // The bottom edge of this header: over its column, or stuck under the canvas's top edge
        // while the chain's block is in view (never below the block's last row).
        const rise = HEADER_GAP + (upper ? HEADER_ROW_PX : 0);
        const stuck = (stagger ? 2 : 1) * HEADER_ROW_PX - (upper ? HEADER_ROW_PX : 0) + 2;
        const bottom = Math.min(Math.max(p.y - rise, stuck), blockBottom - rise);
        h.style.transform = `translate(${p.x}px, ${bottom}px) translate(-50%, -100%)`;
        h.style.width = `${Math.max(width, 0)}px`;
      }
      el.querySelectorAll<HTMLElement>('[data-lane]').forEach((h) => {
        const p = sigma.graphToViewport({ x: Number(h.dataset.x), y: Number(h.dataset.y) });
        h.style.transform = `translate(${p.x - 12}px, ${p.y - 20}px) translate(0, -100%)`;
      });
    };
    place();
    sigma.on('afterRender', place);
    return () => {
      sigma.off('afterRender', place);
      host.querySelector('.chain-probe')?.remove();
    };
  }, [sigma, guides, names, core]);

  if (!guides) return null;
  // Columns of one chain in order, so that neighbours take turns on the two rows.
  const order = new Map<string, number>();
  for (const c of guides.columns) {
    const same = guides.columns.filter((o) => o.chain === c.chain).sort((p, q) => p.x - q.x);
    order.set(`${c.chain}|${c.x}`, same.indexOf(c));
  }
  return (
    <div className="chain-guides" ref={root} role="group" aria-label={t('chainGuides')} data-column={guides.column}>
      {guides.columns.map((c) => {
        // A column holds the chain's step and the suppliers and services at that step: the header
        // names the step (its core stages), the tooltip and screen readers get every stage.
        const all = c.stages.map((st) => names.get(st) ?? st).join(' · ');
        const steps = c.stages.filter((st) => core.has(st));
        const full = (steps.length > 0 ? steps : c.stages).map((st) => names.get(st) ?? st).join(' · ');
        return (
          <div
            key={`${c.chain}|${c.x}`}
            className="chain-header"
            data-stage={c.stages.join(' ')}
            data-full={full}
            data-index={order.get(`${c.chain}|${c.x}`)}
            data-x={c.x}
            data-y={c.top}
            data-bottom={c.bottom}
            lang={lang}
            title={all}
          >
            <span aria-hidden="true">{full}</span>
            <span className="visually-hidden">{all}</span>
          </div>
        );
      })}
      {guides.lanes.map((l) => (
        <div key={l.lane} className="chain-lane" data-lane={l.lane} data-x={l.x} data-y={l.y}>
          {t(`lane_${l.lane}`)}
        </div>
      ))}
    </div>
  );
}

/**
 * Widths of text as a header lays it out, from a hidden header-styled probe in the guides (a
 * canvas's measureText may resolve `system-ui` to another font than the page does). Each string
 * is measured once.
 */
function textMeasure(root: HTMLElement): (s: string) => number {
  const probe = document.createElement('div');
  probe.className = 'chain-probe';
  probe.setAttribute('aria-hidden', 'true');
  root.appendChild(probe);
  const cache = new Map<string, number>();
  return (s) => {
    let w = cache.get(s);
    if (w === undefined) {
      probe.textContent = s;
      w = probe.getBoundingClientRect().width;
      cache.set(s, w);
    }
    return w;
  };
}
