// Layouts: geographic and chain layouts are placed whenever the view's layout (or, for the chain
// layout, the chain filter) changes, back button included; ForceAtlas2 runs in its web worker
// while `fa2Running` is set.
import { useEffect } from 'react';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { useExplorer, useExplorerState } from '../hooks/store';
import { useGraphOps } from '../hooks/useGraphOps';

export function LayoutController() {
  const { graph } = useExplorer();
  const { layoutNow, restyle } = useGraphOps();
  const layout = useExplorerState((s) => s.view.layout);
  const chain = useExplorerState((s) => (s.view.layout === 'chain' ? s.view.filters.chain : null));
  const index = useExplorerState((s) => s.index);
  const running = useExplorerState((s) => s.fa2Running);

  useEffect(() => {
    if (graph.order === 0 || layout === 'force') return;
    layoutNow(layout, chain, index);
    restyle();
  }, [graph, layoutNow, restyle, layout, chain, index]);

  useEffect(() => {
    if (!running) return;
    const worker = new FA2Layout(graph, {
      settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 1000 },
    });
    worker.start();
    return () => worker.kill();
  }, [graph, running]);

  return null;
}
