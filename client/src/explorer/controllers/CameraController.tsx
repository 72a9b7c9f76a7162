// The camera and the URL: where the camera settles goes into the view (without a history entry of
// its own), and the camera of the address the explorer opened with is restored once its nodes
// have loaded.
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useSigma } from '@react-sigma/core';
import type { EdgeAttrs, NodeAttrs } from '../../../../core/graph/model';
import { useExplorer, useExplorerState } from '../hooks/store';

const SETTLE_MS = 400;

export function CameraController() {
  const sigma = useSigma<NodeAttrs, EdgeAttrs>();
  const { store } = useExplorer();
  const dataState = useExplorerState((s) => s.dataState);
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

  return null;
}
