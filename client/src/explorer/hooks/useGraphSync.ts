// Keeps the graph in step with the node ids of the view (first load, reload, back button, undo):
// drops the nodes the view no longer holds and fetches the missing ones.
import { useEffect } from 'react';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { api } from '../../api';
import { errorText } from '../../Details';
import { useI18n } from '../../i18n';
import { mergeSubgraph, relabel } from '../../../../core/graph/model';
import { useExplorer, useExplorerState } from './store';
import { useGraphOps } from './useGraphOps';
import { MAX_VIEW_NODES } from './useExplorerActions';

/** `ready`: the reference data is there (layouts and colours need the chains and regions). */
export function useGraphSync(ready: boolean): void {
  const { t, lang } = useI18n();
  const { graph, store } = useExplorer();
  const { layoutNow, restyle } = useGraphOps();
  // A string, so that the effect runs when the ids change, not when the view object does.
  const nodesKey = useExplorerState((s) => s.view.nodes.slice(0, MAX_VIEW_NODES).join(','));

  useEffect(() => {
    if (!ready) return;
    const wanted = new Set(nodesKey ? nodesKey.split(',') : []);
    let removed = false;
    for (const n of graph.nodes())
      if (!wanted.has(n)) {
        graph.dropNode(n);
        removed = true;
      }
    const missing = [...wanted].filter((id) => !graph.hasNode(id));
    if (missing.length === 0) {
      if (removed) {
        layoutNow(store.get().view.layout);
        restyle();
      }
      store.set({ dataState: graph.order === 0 ? 'empty' : 'ready' });
      return;
    }
    const controller = new AbortController();
    store.set({ dataState: 'loading', busy: t('loadingView') });
    api
      .nodes([...wanted], controller.signal)
      .then((sub) => {
        mergeSubgraph(graph, sub, lang);
        const layout = store.get().view.layout;
        layoutNow(layout);
        if (layout === 'force' && graph.order <= 2000) {
          forceAtlas2.assign(graph, { iterations: 150, settings: forceAtlas2.inferSettings(graph) });
        }
        restyle();
        store.set({
          error: sub.missing.length > 0 ? `${t('missingNodes')}: ${sub.missing.join(', ')}` : null,
          dataState: 'ready',
        });
      })
      .catch((e) => {
        if (controller.signal.aborted) return;
        store.set({ error: errorText(t, e), dataState: 'error' });
      })
      .finally(() => {
        if (!controller.signal.aborted) store.set({ busy: null });
      });
    return () => controller.abort();
  }, [nodesKey, ready, graph, store, t, lang, layoutNow, restyle]);

  // Labels follow the language.
  useEffect(() => {
    relabel(graph, lang);
    store.get().sigma?.refresh();
  }, [graph, store, lang]);
}
