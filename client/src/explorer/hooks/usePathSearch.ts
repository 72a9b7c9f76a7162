// The supply path of the view (`path` in the URL): fetched when its ends change; nodes on it that
// are not on screen yet are added to the view.
import { useEffect } from 'react';
import { api } from '../../api';
import { errorText } from '../../Details';
import { useI18n } from '../../i18n';
import { mergeSubgraph } from '../../../../core/graph/model';
import { useExplorer, useExplorerState } from './store';
import { useGraphOps } from './useGraphOps';

export function usePathSearch(): void {
  const { t, lang } = useI18n();
  const { graph, store } = useExplorer();
  const { layoutNow, restyle, reveal } = useGraphOps();
  const from = useExplorerState((s) => s.view.path?.from ?? '');
  const to = useExplorerState((s) => s.view.path?.to ?? '');
  const directed = useExplorerState((s) => s.view.path?.directed ?? true);

  useEffect(() => {
    if (!from || !to) {
      store.set({ pathResult: null });
      return;
    }
    const controller = new AbortController();
    store.set({ busy: t('findingPath') });
    api
      .path(from, to, directed, controller.signal)
      .then((result) => {
        if (result.found) {
          const change = mergeSubgraph(graph, result, lang);
          if (change.addedNodes.length > 0) {
            layoutNow(store.get().view.layout);
            restyle();
            // Added to what the view wants (which may still be loading), never replacing it.
            store.setView({ nodes: [...new Set([...store.get().view.nodes, ...change.addedNodes])] }, 'replace');
          }
          requestAnimationFrame(() => reveal(result.nodes.map((n) => n.id)));
        }
        store.set({
          pathResult: {
            nodes: result.nodes.map((n) => n.id),
            edges: result.edges.map((e) => e.id),
            found: result.found,
          },
        });
      })
      .catch((e) => {
        if (!controller.signal.aborted) store.set({ error: errorText(t, e) });
      })
      .finally(() => {
        if (!controller.signal.aborted) store.set({ busy: null });
      });
    return () => controller.abort();
  }, [from, to, directed, graph, store, t, lang, layoutNow, restyle, reveal]);
}
