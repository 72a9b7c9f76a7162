// The node's menu (right click on the canvas, or Shift+F10 / the menu key in the list of nodes on
// screen): expand, paths, remove. It behaves as a menu does (WAI-ARIA menu pattern): it opens with
// its first item focused, the arrows, Home and End move between the items, Enter or Space
// activates one, Escape and Tab close it, and focus goes back where it was before it opened.
// It is placed inside the canvas: near the bottom or right edge it opens upwards or leftwards.
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n';
import { TIE_RELS } from '../../../core/graph/model';
import { useExplorer } from './hooks/store';
import type { ExplorerActions } from './hooks/useExplorerActions';

/** Space kept between the menu and the canvas's edges, in pixels. */
const EDGE_MARGIN = 4;

interface Item {
  key: string;
  label: string;
  run: () => void;
  disabled?: boolean;
}

/**
 * Where a box of `size` opening at `at` goes inside `bounds` (both from 0): to the right of and
 * below the point when it fits, else flipped to the left or above it, and never past an edge.
 */
export function placeMenu(
  at: { x: number; y: number },
  size: { width: number; height: number },
  bounds: { width: number; height: number },
): { left: number; top: number } {
  const axis = (p: number, length: number, room: number) => {
    if (p + length <= room - EDGE_MARGIN) return p;
    if (p - length >= EDGE_MARGIN) return p - length;
    return Math.max(EDGE_MARGIN, room - EDGE_MARGIN - length);
  };
  return { left: axis(at.x, size.width, bounds.width), top: axis(at.y, size.height, bounds.height) };
}

export function NodeMenu({
  node,
  x,
  y,
  actions,
  path,
}: {
  node: string;
  x: number;
  y: number;
  actions: ExplorerActions;
  path: (patch: { from?: string; to?: string }) => void;
}) {
  const { t } = useI18n();
  const { graph, store } = useExplorer();
  const ref = useRef<HTMLUListElement>(null);
  // Where focus was when the menu opened (the list of nodes on screen, a button, or nothing).
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  const [place, setPlace] = useState<{ left: number; top: number } | null>(null);

  const enterprise = graph.getNodeAttribute(node, 'kind') === 'enterprise';
  const items: Item[] = [
    { key: 'all', label: t('expandAll'), run: () => actions.expand(node) },
    { key: 'in', label: t('expandSuppliers'), run: () => actions.expand(node, { rel: ['SUPPLIES'], dir: 'in' }) },
    { key: 'out', label: t('expandBuyers'), run: () => actions.expand(node, { rel: ['SUPPLIES'], dir: 'out' }) },
    {
      key: 'context',
      label: t('expandContext'),
      run: () => actions.expand(node, { rel: ['MEMBER_OF', 'BASED_IN', 'RESIDENT_OF', 'LOCATED_IN', 'SUPPORTS'] }),
    },
    ...(enterprise
      ? [{ key: 'ties', label: t('tiesExpand'), run: () => actions.expand(node, { rel: [...TIE_RELS] }) }]
      : []),
    { key: 'from', label: t('pathFrom'), run: () => path({ from: node }), disabled: !enterprise },
    { key: 'to', label: t('pathTo'), run: () => path({ to: node }), disabled: !enterprise },
    { key: 'remove', label: t('remove'), run: () => actions.removeNodes([node]) },
  ];

  // Measured before the browser paints: the menu never shows for a frame past the canvas's edge.
  useLayoutEffect(() => {
    const el = ref.current;
    const parent = el?.offsetParent as HTMLElement | null;
    if (!el || !parent) return;
    const at = placeMenu(
      { x, y },
      { width: el.offsetWidth, height: el.offsetHeight },
      { width: parent.clientWidth, height: parent.clientHeight },
    );
    // Shown at once: a hidden item cannot take focus, and React would show it only after this.
    Object.assign(el.style, { left: `${at.left}px`, top: `${at.top}px`, visibility: 'visible' });
    setPlace(at);
    el.querySelector<HTMLElement>('[role="menuitem"]:not(:disabled)')?.focus({ preventScroll: true });
  }, [x, y, node]);

  const close = (refocus: boolean) => {
    store.set({ menu: null });
    if (refocus && opener?.isConnected) opener.focus({ preventScroll: true });
  };

  const onKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const enabled = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not(:disabled)') ?? [])];
    const at = enabled.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => {
      e.preventDefault();
      enabled[(i + enabled.length) % enabled.length]?.focus();
    };
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at < 0 ? enabled.length - 1 : at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(enabled.length - 1);
    else if (e.key === 'Escape') {
      // The menu only: the canvas's own Escape would also clear the selection.
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === 'Tab') close(false);
  };

  const label = graph.getNodeAttribute(node, 'label') || node;
  return (
    // The list items are role="none": a menu's children must be its menuitems.
    <ul
      ref={ref}
      className="context-menu"
      role="menu"
      aria-label={t('nodeMenu', { name: label })}
      data-node={node}
      // Measured at the corner first: squeezed against an edge it would wrap and measure small.
      style={place ?? { left: 0, top: 0, visibility: 'hidden' }}
      onKeyDown={onKey}
    >
      {items.map((item) => (
        <li role="none" key={item.key}>
          <button
            role="menuitem"
            tabIndex={-1}
            disabled={item.disabled}
            onClick={() => {
              // Focus goes back first: the action may open a dialog that takes it.
              close(true);
              item.run();
            }}
          >
            {item.label}
          </button>
        </li>
      ))}
    </ul>
  );
}
