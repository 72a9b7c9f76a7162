// The camera and the URL: where the camera settles goes into the view (without a history entry of
// its own), and the camera of the address the explorer opened with is restored once its nodes
// have loaded. A filter change brings the nodes it leaves visible into view (searches, expansions
// and paths do the same through `reveal` where they add their nodes).
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useSigma } from '@react-sigma/core';
import type { EdgeAttrs, NodeAttrs } from '../../../../core/graph/model';
import { useExplorer, useExplorerState } from '../hooks/store';
import { useGraphOps } from '../hooks/useGraphOps';

const SETTLE_MS = 400;

export function CameraController() {
  const sigma = useSigma<NodeAttrs, EdgeAttrs>();
  const { graph, store } = useExplorer();
  const dataState = useExplorerState((s) => s.dataState);
  const filters = useExplorerState((s) => s.view.filters);
  const { reveal } = useGraphOps();
  // Only a view that starts by loading nodes has a camera of its own to restore.
  const restore = useRef(store.get().dataState === 'loading');

  useEffect(() => {
    const camera = sigma.getCamera();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdated = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const { x, y, ratio } = camera.getState();
        store.setView({ camera: { x, y, ratio } }, 'replace');
      }, SETTLE_MS);
    };
    camera.on('updated', onUpdated);
    return () => {
      clearTimeout(timer);
      camera.removeListener('updated', onUpdated);
    };
  }, [sigma, store]);

  // A layout effect, so that `data-state="ready"` never shows before the camera is in place.
  useLayoutEffect(() => {
    if (!restore.current || dataState !== 'ready') return;
    restore.current = false;
    const camera = store.get().view.camera;
    if (camera) sigma.getCamera().setState(camera);
  }, [sigma, store, dataState]);

  const lastFilters = useRef(filters);
  useEffect(() => {
    if (lastFilters.current === filters) return;
    lastFilters.current = filters;
    // After the reducers have hidden what the filters hide (AppearanceController's refresh).
    const frame = requestAnimationFrame(() => {
      const { hidden, dataState } = store.get();
      if (dataState === 'ready') reveal(graph.filterNodes((n) => !hidden.has(n)));
    });
    return () => cancelAnimationFrame(frame);
  }, [graph, store, filters, reveal]);

  return null;
}
