/**
 * clusters.csv and enterprises.csv, in the import's formats. Enterprise names are drawn here, from
 * their own stream, since nothing else depends on them.
 */
import type { ClusterOut } from './clusters.js';
import { CsvSink, csvCell } from './csv.js';
import type { Enterprises } from './enterprises.js';
import { companyName, ipName } from './names.js';
import { SIZES } from './rules.js';
import type { Model } from './stages.js';

const ROLE = ['', 'anchor', 'participant', 'coordinator'];
const SOURCE = 'coopgraph synthetic generator';

export async function writeClustersCsv(path: string, clusters: ClusterOut[]): Promise<void> {
  const sink = new CsvSink(path);
  sink.add('id,name,kind,status,chain,regions,synthetic\n');
  for (const c of clusters) {
    sink.add([c.id, csvCell(c.name), c.kind, c.status, c.chain, c.regions.join(';'), 'true'].join(',') + '\n');
  }
  await sink.close();
}

export async function writeEnterprisesCsv(
  path: string,
  model: Model,
  ents: Enterprises,
  clusters: ClusterOut[],
  idOf: (i: number) => string,
  rName: () => number,
): Promise<void> {
  const { regions, codes, stages, derive } = model;
  const { N, eStage, eRegion, eSize, eEmp, eRev, eInn, eIndividual, ePriority, eCluster, eRole, okvedStr } = ents;
  const innStr = (i: number) => {
    return String(eInn[i]).padStart(eIndividual[i] ? 12 : 10, '0');
  };
  const sink = new CsvSink(path);
  sink.add(
    'id,inn,name,region,okved,employees,revenue_mln_rub,cluster,cluster_role,technopark,priority_territory,size,stages,synthetic,synthetic_figures,source\n',
  );
  for (let i = 0; i < N; i++) {
    const st = stages[eStage[i]];
    const inn = innStr(i);
    const name =
      inn.length === 12
        ? ipName(rName)
        : companyName(rName, regions[eRegion[i]].federalDistrict, st.nameParts, eSize[i] === 3);
    const ok = okvedStr(i);
    const c = eCluster[i];
    sink.add(
      idOf(i) +
        ',' +
        inn +
        ',' +
        csvCell(name) +
        ',' +
        codes[eRegion[i]] +
        ',' +
        ok +
        ',' +
        eEmp[i] +
        ',' +
        eRev[i].toFixed(2) +
        ',' +
        (c >= 0 ? clusters[c].id : '') +
        ',' +
        ROLE[eRole[i]] +
        ',,' +
        (ePriority[i] ? 'true' : 'false') +
        ',' +
        SIZES[eSize[i]] +
        ',' +
        derive(ok).str +
        ',true,true,' +
        SOURCE +
        '\n',
    );
    if (sink.pending) await sink.flush();
  }
  await sink.close();
}
