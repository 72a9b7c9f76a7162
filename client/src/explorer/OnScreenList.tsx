// The canvas for the keyboard and for screen readers: a collapsible list of the nodes sigma draws
// inside the viewport. Tab reaches it; the arrows, Home/End and PageUp/PageDown move through it;
// typing filters it by name; Enter selects the node and moves the camera to it, as a click would;
// Shift+F10 or the menu key opens the node's menu, as a right click would.
//
// The list is computed only while it is open, at most every LIST_THROTTLE_MS after sigma renders
// (camera moves, layouts and filters all end in a render), and shows at most LIST_CAP names, so
// that a big graph pays a single pass over its nodes now and then, and the DOM stays small.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n';
import { useExplorer, useExplorerState } from './hooks/store';
import type { ExplorerActions } from './hooks/useExplorerActions';
import './onscreen.css';

const LIST_CAP = 100;
const LIST_THROTTLE_MS = 250;
const PAGE = 10;

interface OnScreenNode {
  id: string;
  label: string;
}

/** Lower case, yo (U+0451) as ye (U+0435): how a name is typed is not how it is spelled. */
const fold = (s: string) => s.toLocaleLowerCase('ru').replaceAll('\u0451', '\u0435');

export function OnScreenList({ select }: { select: ExplorerActions['select'] }) {
  const { t, lang } = useI18n();
  const { graph, store } = useExplorer();
  const sigma = useExplorerState((s) => s.sigma);
  const order = useExplorerState((s) => s.nodeCount);
  const selected = useExplorerState((s) => s.view.selected);
  const [open, setOpen] = useState(false);
  const [nodes, setNodes] = useState<OnScreenNode[]>([]);
  const [filter, setFilter] = useState('');
  const [activeId, setActiveId] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const idPrefix = useId();

  useEffect(() => {
    if (!open || !sigma) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const collect = () => {
      timer = undefined;
      const { width, height } = sigma.getDimensions();
      const found: OnScreenNode[] = [];
      graph.forEachNode((id, attrs) => {
        const data = sigma.getNodeDisplayData(id);
        if (!data || data.hidden) return;
        const p = sigma.framedGraphToViewport(data);
        if (p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height) found.push({ id, label: attrs.label || id });
      });
      found.sort((a, b) => a.label.localeCompare(b.label, lang));
      setNodes(found);
    };
    const schedule = () => {
      timer ??= setTimeout(collect, LIST_THROTTLE_MS);
    };
    collect();
    sigma.on('afterRender', schedule);
    return () => {
      clearTimeout(timer);
      sigma.removeListener('afterRender', schedule);
    };
  }, [open, sigma, graph, lang]);

  const matching = useMemo(() => {
    const f = fold(filter.trim());
    return f ? nodes.filter((n) => fold(n.label).includes(f)) : nodes;
  }, [nodes, filter]);
  const shown = matching.slice(0, LIST_CAP);
  // The keyboard's place follows its node when the list is recomputed under it.
  const activeIndex = Math.max(
    0,
    shown.findIndex((n) => n.id === activeId),
  );
  const active = shown.length > 0 ? shown[activeIndex] : undefined;
  const optionId = (i: number) => `${idPrefix}-node-${i}`;

  useEffect(() => {
    if (active) document.getElementById(`${idPrefix}-node-${activeIndex}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, activeIndex, idPrefix]);

  const choose = (id: string) => {
    setActiveId(id);
    store.set({ menu: null, selectedEdge: null, multi: [] });
    select(id);
  };

  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const move = (to: number) => {
      e.preventDefault();
      const next = shown[Math.max(0, Math.min(shown.length - 1, to))];
      if (next) setActiveId(next.id);
    };
    if (e.key === 'ArrowDown') move(activeIndex + 1);
    else if (e.key === 'ArrowUp') move(activeIndex - 1);
    else if (e.key === 'PageDown') move(activeIndex + PAGE);
    else if (e.key === 'PageUp') move(activeIndex - PAGE);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(shown.length - 1);
    else if ((e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) && active && sigma) {
      // The node's menu, as a right click on it opens it; Escape in the menu comes back here.
      e.preventDefault();
      const data = sigma.getNodeDisplayData(active.id);
      if (!data) return;
      const p = sigma.framedGraphToViewport(data);
      store.set({ menu: { node: active.id, x: p.x, y: p.y } });
    } else if ((e.key === 'Enter' || e.key === ' ') && active) {
      e.preventDefault();
      choose(active.id);
    } else if (e.key === 'Backspace') {
      // In the list Backspace edits the filter; it does not remove the selection as on the canvas.
      e.preventDefault();
      e.stopPropagation();
      setFilter(filter.slice(0, -1));
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      // Typing in the list filters it (type-ahead), as in the filter box above it.
      e.preventDefault();
      setFilter(filter + e.key);
    }
  };

  if (order === 0) return null;
  const more = matching.length - shown.length;
  return (
    <details className="onscreen" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {t('onScreenTitle')}
        {open && <span className="n">{t.num(nodes.length)}</span>}
      </summary>
      {/* Always in the page (a closed <details> hides it): the key that opens the list may be
          followed at once by Tab, before React would have drawn a body made on opening. */}
      <div className="onscreen-body">
        <input
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && shown.length > 0) {
              e.preventDefault();
              listRef.current?.focus();
            }
          }}
          placeholder={t('onScreenFilter')}
          aria-label={t('onScreenFilter')}
        />
        <p className="hint" id={`${idPrefix}-hint`}>
          {t('onScreenHint')}
        </p>
        {shown.length === 0 ? (
          <p className="empty">{t(nodes.length === 0 ? 'onScreenNone' : 'onScreenNoMatch')}</p>
        ) : (
          <ul
            ref={listRef}
            role="listbox"
            tabIndex={0}
            aria-label={t('onScreenTitle')}
            aria-describedby={`${idPrefix}-hint`}
            aria-activedescendant={active ? optionId(activeIndex) : undefined}
            onKeyDown={onListKey}
          >
            {shown.map((n, i) => (
              <li
                key={n.id}
                id={optionId(i)}
                role="option"
                aria-selected={n.id === selected}
                data-id={n.id}
                className={i === activeIndex ? 'active' : undefined}
                onClick={() => choose(n.id)}
              >
                {n.label}
              </li>
            ))}
          </ul>
        )}
        {more > 0 && <p className="more">{t('onScreenMore', { count: more })}</p>}
      </div>
    </details>
  );
}
