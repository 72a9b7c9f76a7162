// The view and the browser's history: the back and forward buttons (and links to saved views)
// restore a view, and a one-shot `x=<id>` in the URL (from the overview or the search page)
// expands that node.
import { useEffect, useState } from 'react';
import { viewFromLocation, viewHash } from '../../../../core/view/url';
import { useExplorer } from './store';

export function useViewHistory(expand: (id: string, request: object, force: boolean, select: boolean) => void): void {
  const { store } = useExplorer();
  useEffect(() => {
    const onPop = () => {
      const view = viewFromLocation(location.hash);
      if (view) store.setView(view, 'none');
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [store]);

  useEffect(() => {
    const x = new URLSearchParams(location.hash.split('?')[1] ?? '').get('x');
    if (!x) return;
    history.replaceState(null, '', viewHash(store.get().view));
    expand(x, {}, true, true);
  }, [store, expand]);
}

/** The neighbour count above which an expansion asks first (the supernode threshold). */
export function useThreshold(): [number, (n: number) => void] {
  const [value, setValue] = useState(() => Number(localStorage.getItem('expandThreshold')) || 200);
  const set = (n: number) => {
    localStorage.setItem('expandThreshold', String(n));
    setValue(n);
  };
  return [value, set];
}
