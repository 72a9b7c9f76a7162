// Render-nothing controller: while `enabled`, draws Russia's outline under the graph of the
// SigmaContainer it sits in (see ./layer.ts). The geometry is loaded on first use. The canvas
// carries `data-state="drawn"` once the outline is on it (for tests).
import { useEffect } from 'react';
import { useSigma } from '@react-sigma/core';
import { attachBasemap } from './layer';

export function BasemapController({ enabled }: { enabled: boolean }) {
  const sigma = useSigma();

  useEffect(() => {
    if (!enabled) return;
    let detach: (() => void) | null = null;
    let cancelled = false;
    void import('./geometry').then(({ russiaBasemap }) => {
      if (cancelled) return;
      detach = attachBasemap(sigma, russiaBasemap());
      sigma.getCanvases()['basemap']?.setAttribute('data-state', 'drawn');
    });
    return () => {
      cancelled = true;
      detach?.();
    };
  }, [sigma, enabled]);

  return null;
}
