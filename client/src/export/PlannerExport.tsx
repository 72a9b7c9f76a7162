// The planner's export button and its dialog: the chain's gaps in the region (and the chosen
// cluster's readiness) as a report or tables, built by the server; with a what-if scenario
// chosen, today's figures and the scenario's side by side.
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
  scenario = null,
}: {
  chain: string;
  region: string;
  regionName: string;
  cluster: string | null;
  clusterName: string | null;
  scenario?: { id: string; name: string } | null;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const reference = useQuery({
    queryKey: ['reference'],
    queryFn: ({ signal }) => api.reference(signal),
    staleTime: Infinity,
  });
  const description = [
    chainName(t, chain, reference.data?.chains),
    regionName,
    clusterName,
    scenario ? `${t('scenario')} «${scenario.name}»` : null,
  ]
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
            scenario: scenario?.id ?? null,
            description,
          }}
        />
      )}
    </>
  );
}
