// Mouse events on the canvas: a click selects (Shift adds to the selection), a double click
// expands, a right click opens the node's menu, a click on a link selects it, a click on the
// stage clears; the cursor shows what is clickable.
import { useEffect } from 'react';
import { useRegisterEvents, useSigmaContext } from '@react-sigma/core';
import type { EdgeAttrs, NodeAttrs } from '../../../../core/graph/model';
import { useExplorer } from '../hooks/store';

export function EventsController({ expand }: { expand: (id: string) => void }) {
  const { container } = useSigmaContext<NodeAttrs, EdgeAttrs>();
  const registerEvents = useRegisterEvents<NodeAttrs, EdgeAttrs>();
  const { store } = useExplorer();

  useEffect(() => {
    registerEvents({
      clickNode: ({ node, event }) => {
        const shift = 'shiftKey' in event.original && event.original.shiftKey;
        let multi: string[] = [];
        if (shift) {
          const { view, multi: current } = store.get();
          const next = new Set(current);
          if (view.selected) next.add(view.selected);
          if (next.has(node)) next.delete(node);
          else next.add(node);
          multi = [...next];
        }
        store.set({ menu: null, selectedEdge: null, multi });
        store.setView({ selected: node }, 'replace');
      },
      doubleClickNode: ({ node, preventSigmaDefault }) => {
        preventSigmaDefault();
        expand(node);
      },
      rightClickNode: ({ node, event }) => {
        event.original.preventDefault();
        store.set({ menu: { node, x: event.x, y: event.y } });
      },
      clickStage: () => {
        store.set({ menu: null, multi: [], selectedEdge: null });
        if (store.get().view.selected) store.setView({ selected: null }, 'replace');
      },
      clickEdge: ({ edge }) => store.set({ menu: null, selectedEdge: edge }),
      enterNode: () => {
        container.style.cursor = 'pointer';
      },
      leaveNode: () => {
        container.style.cursor = '';
      },
    });
  }, [registerEvents, store, expand, container]);

  // The browser's own menu would cover the node's.
  useEffect(() => {
    const onContext = (e: MouseEvent) => e.preventDefault();
    container.addEventListener('contextmenu', onContext);
    return () => container.removeEventListener('contextmenu', onContext);
  }, [container]);

  return null;
}
