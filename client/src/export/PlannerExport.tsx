// The planner's export button and its dialog: the chain's gaps in the region (and the chosen
// cluster's readiness) as a report or tables, built by the server.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { chainName } from '../../../core/i18n';
import { useI18n } from '../i18n';
import { ExportDialog } from './ExportDialog';

export function PlannerExportButton({
  chain,
  region,
  regionName,
  cluster,
  clusterName,
}: {
  chain: string;
  region: string;
  regionName: string;
  cluster: string | null;
  clusterName: string | null;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const reference = useQuery({
    queryKey: ['reference'],
    queryFn: ({ signal }) => api.reference(signal),
    staleTime: Infinity,
  });
  const description = [chainName(t, chain, reference.data?.chains), regionName, clusterName]
    .filter(Boolean)
    .join(' · ');
  return (
    <>
      <button onClick={() => setOpen(true)} data-action="planner-export">
        {t('export')}
      </button>
      {open && (
        <ExportDialog
          onClose={() => setOpen(false)}
          source={{
            kind: 'planner',
            chain,
            region,
            cluster: cluster ? cluster.replace(/^cluster:/, '') : null,
            description,
          }}
        />
      )}
    </>
  );
}
