// The planner's export button and its dialog: the chain's gaps in the region (and the chosen
// cluster's readiness) as a report or tables, built by the server.
import { useState } from 'react';
import { CHAIN_NAMES, te, type Lang } from '../../../core/i18n';
import { ExportDialog } from './ExportDialog';

export function PlannerExportButton({ lang, chain, region, regionName, cluster, clusterName }: {
  lang: Lang; chain: 'timber' | 'oilgas'; region: string; regionName: string; cluster: string | null; clusterName: string | null;
}) {
  const [open, setOpen] = useState(false);
  const description = [CHAIN_NAMES[chain][lang], regionName, clusterName].filter(Boolean).join(' · ');
  return (
    <>
      <button onClick={() => setOpen(true)} data-action="planner-export">{te(lang, 'export')}</button>
      {open && (
        <ExportDialog lang={lang} onClose={() => setOpen(false)} source={{
          kind: 'planner', chain, region, cluster: cluster ? cluster.replace(/^cluster:/, '') : null, description,
        }} />
      )}
    </>
  );
}
