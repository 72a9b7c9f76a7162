// Stages × regions of a chain: every figure of the gap report, column by column.
import type { Db } from '../db.js';
import type { Settings } from '../config.js';
import { cmp, round } from '../gap-cells.js';
import { loadReference } from '../reference.js';
import { GAP_RULES, chainInfo, gapFigures, indexCells, regionSummary, ruleMask } from './shared.js';
import { cellsFor, type GapOptions } from './cells.js';
import type { GapMatrix } from '../../core/schemas.js';
export type { GapMatrix };

/** GET /api/gaps/matrix: the chain's stages × every region, column by column. */
export async function gapMatrix(
  db: Db,
  settings: Settings,
  chainId: string,
  opts: GapOptions = {},
): Promise<GapMatrix> {
  const { chain, stages } = chainInfo(chainId);
  const regions = [...loadReference().regions].sort((a, b) => cmp(a.code, b.code));
  const table = await cellsFor(db, opts);
  const cells = indexCells(table.cells);
  const m: Omit<GapMatrix, 'chain' | 'lsrThreshold' | 'source' | 'refreshedAt' | 'rules' | 'stages' | 'regions'> = {
    enterprises: [],
    smes: [],
    demandMlnRub: [],
    localMlnRub: [],
    lsr: [],
    importedMlnRub: [],
    importDistanceKm: [],
    gap: [],
  };
  for (const s of stages) {
    const row = regions.map((r) =>
      gapFigures(cells.get(r.code, s.id), s, cells.present(r.code), settings.gapLsrThreshold),
    );
    m.enterprises.push(row.map((f) => f.enterprises));
    m.smes.push(row.map((f) => f.smes));
    m.demandMlnRub.push(row.map((f) => f.demandMlnRub));
    m.localMlnRub.push(row.map((f) => f.localMlnRub));
    m.lsr.push(row.map((f) => (f.lsr === null ? null : round(f.lsr, 6))));
    m.importedMlnRub.push(row.map((f) => f.importedMlnRub));
    m.importDistanceKm.push(row.map((f) => f.importDistanceKm));
    m.gap.push(row.map((f) => ruleMask(f.rules)));
  }
  return {
    chain: chain.id,
    lsrThreshold: settings.gapLsrThreshold,
    source: table.source,
    refreshedAt: table.refreshedAt,
    rules: [...GAP_RULES],
    stages: stages.map((s) => ({ id: s.id, name: s.name, nameEn: s.nameEn, order: s.order, kind: s.kind })),
    regions: regions.map(regionSummary),
    ...m,
  };
}
