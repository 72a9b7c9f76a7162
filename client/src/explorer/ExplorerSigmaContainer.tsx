// @react-sigma's SigmaContainer, for ExplorerSigma: the same markup (`react-sigma` with an inner
// `sigma-container`) and the same context, so that useSigma and the controllers work unchanged,
// but the instance is ours (SigmaContainer always makes a plain Sigma).
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { SigmaProvider, type SigmaContextInterface } from '@react-sigma/core';
import type { Attributes } from 'graphology-types';
import type { Settings } from 'sigma/settings';
import type { ExplorerGraph, EdgeAttrs, NodeAttrs } from '../../../core/graph/model';
import { ExplorerSigma } from './render';

export function ExplorerSigmaContainer({
  graph,
  settings,
  className,
  children,
}: {
  graph: ExplorerGraph;
  /** Memoised by the caller: new settings make a new sigma. */
  settings: Partial<Settings<NodeAttrs, EdgeAttrs>>;
  className?: string;
  children?: ReactNode;
}) {
  const rootRef = useRef<HTMLDivElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const [sigma, setSigma] = useState<ExplorerSigma<NodeAttrs, EdgeAttrs> | null>(null);

  useEffect(() => {
    if (!containerRef.current) return;
    const instance = new ExplorerSigma<NodeAttrs, EdgeAttrs>(graph, containerRef.current, settings);
    setSigma(instance);
    return () => {
      instance.kill();
      setSigma(null);
    };
  }, [graph, settings]);

  const context = useMemo(
    () =>
      sigma && rootRef.current
        ? ({ sigma, container: rootRef.current } as unknown as SigmaContextInterface<Attributes, Attributes>)
        : null,
    [sigma],
  );
  return (
    <div className={`react-sigma ${className ?? ''}`} ref={rootRef}>
      <div className="sigma-container" ref={containerRef} />
      {context && <SigmaProvider value={context}>{children}</SigmaProvider>}
    </div>
  );
}
