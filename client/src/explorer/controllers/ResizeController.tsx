// The legend and the side panels change the canvas size without a window resize: follow the container.
import { useEffect } from 'react';
import { useSigmaContext } from '@react-sigma/core';

export function ResizeController() {
  const { sigma, container } = useSigmaContext();

  useEffect(() => {
    const observer = new ResizeObserver(() => {
      sigma.resize();
      sigma.refresh({ skipIndexation: true });
    });
    observer.observe(container);
    return () => observer.disconnect();
  }, [sigma, container]);

  return null;
}
