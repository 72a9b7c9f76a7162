// Dragging a node moves it; sigma's own camera panning is held back meanwhile.
import { useEffect } from 'react';
import { useSigma } from '@react-sigma/core';
import type { MouseCoords, SigmaNodeEventPayload } from 'sigma/types';
import type { EdgeAttrs, NodeAttrs } from '../../../../core/graph/model';
import { useExplorer } from '../hooks/store';

export function DragController() {
  const sigma = useSigma<NodeAttrs, EdgeAttrs>();
  const { graph } = useExplorer();

  useEffect(() => {
    let dragged: string | null = null;
    let moved = false;
    const captor = sigma.getMouseCaptor();
    const onDown = ({ node, event }: SigmaNodeEventPayload) => {
      // Only the primary button drags; the right one opens the context menu.
      if ('button' in event.original && event.original.button !== 0) return;
      dragged = node;
      moved = false;
    };
    const onMove = (e: MouseCoords) => {
      if (!dragged) return;
      moved = true;
      const pos = sigma.viewportToGraph(e);
      graph.mergeNodeAttributes(dragged, { x: pos.x, y: pos.y });
      e.preventSigmaDefault();
      e.original.preventDefault();
      e.original.stopPropagation();
    };
    const onUp = () => {
      dragged = null;
      if (moved) sigma.refresh();
      moved = false;
    };
    sigma.on('downNode', onDown);
    captor.on('mousemovebody', onMove);
    captor.on('mouseup', onUp);
    return () => {
      sigma.removeListener('downNode', onDown);
      captor.removeListener('mousemovebody', onMove);
      captor.removeListener('mouseup', onUp);
    };
  }, [sigma, graph]);

  return null;
}
