// Names of reference codes (regions, federal districts, stages) and of clusters in the UI language,
// for the panels and cards that would otherwise show a code («timber.logging», «11»). Reference
// names read the reference the explorer already loaded (same query key), so they cost no request.
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { legendNames } from '../../../../core/i18n/legend';
import { nodeLabel, type ExplorerGraph } from '../../../../core/graph/model';

export type ReferenceNames = ReturnType<typeof legendNames>;

export function useReferenceNames(): ReferenceNames {
  const { lang } = useI18n();
  const reference = useQuery({
    queryKey: ['reference'],
    queryFn: ({ signal }) => api.reference(signal),
    staleTime: Infinity,
  });
  return useMemo(() => legendNames(reference.data, lang), [reference.data, lang]);
}

/**
 * Names of clusters, for memberships and the cluster filter, which list clusters an enterprise
 * belongs to whether or not the cluster itself is on the graph. A cluster on the graph has its
 * label; the others are asked of the server (the same nodes endpoint that restores a saved view,
 * one request for all of them, cached), so no list shows «cluster:…» ids. Until the answer comes,
 * or if it fails, the id without its prefix stands in.
 */
export function useClusterNames(graph: ExplorerGraph, ids: string[]): (id: string) => string {
  const { lang } = useI18n();
  const missing = [...new Set(ids.filter((id) => !graph.hasNode(id)))].sort();
  const fetched = useQuery({
    queryKey: ['cluster-names', missing],
    queryFn: ({ signal }) => api.nodes(missing, signal),
    enabled: missing.length > 0,
    staleTime: Infinity,
  });
  const names = useMemo(
    () => new Map((fetched.data?.nodes ?? []).map((n) => [n.id, nodeLabel(n, lang)])),
    [fetched.data, lang],
  );
  return (id) =>
    graph.hasNode(id) ? graph.getNodeAttribute(id, 'label') : (names.get(id) ?? id.replace(/^cluster:/, ''));
}
