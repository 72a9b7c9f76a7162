// Keys: Esc clears the selection, menus and the path; Delete removes the selection; Ctrl+Z undoes.
import { useEffect } from 'react';
import { useExplorer } from '../hooks/store';

export function KeyboardController({ removeNodes, undo }: { removeNodes: (ids: string[]) => void; undo: () => void }) {
  const { store } = useExplorer();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement;
      const { view, multi } = store.get();
      if (e.key === 'Escape') {
        store.set({ menu: null, pending: null, multi: [], selectedEdge: null });
        if (view.selected || view.path) store.setView({ selected: null, path: null }, 'replace');
      } else if (!typing && (e.key === 'Delete' || e.key === 'Backspace') && view.selected) {
        removeNodes([...new Set([view.selected, ...multi])]);
      } else if (!typing && (e.ctrlKey || e.metaKey) && e.key === 'z') {
        undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, removeNodes, undo]);

  return null;
}
