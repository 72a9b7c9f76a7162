// Stages × regions of a chain: every figure of the gap report, column by column.
import type { Db } from '../db.js';
import type { Settings } from '../config.js';
import { cmp, round } from '../gap-cells.js';
import { loadReference } from '../reference.js';
import {
  GAP_RULES,
  GapsPendingError,
  chainInfo,
  gapFigures,
  indexCells,
  inChainOrder,
  regionSummary,
  ruleMask,
} from './shared.js';
import { cellsFor, loadCells, type GapOptions } from './cells.js';
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

/**
 * Per region, how many stages of the chain (of every chain for `all`) have a gap: the cells of
 * the matrix above with any gap rule. Null when the figures are not there yet (a large graph
 * whose aggregate is still being computed): unknown, not zero.
 */
export async function regionGapCounts(
  db: Db,
  threshold: number,
  chainId: string,
  opts: { liveMaxLinks?: number } = {},
): Promise<Map<string, number> | null> {
  const chains = loadReference().chains.filter((c) => chainId === 'all' || c.id === chainId);
  let table;
  try {
    table = await loadCells(db, opts);
  } catch (e) {
    if (e instanceof GapsPendingError) return null;
    throw e;
  }
  const cells = indexCells(table.cells);
  const counts = new Map<string, number>();
  for (const r of loadReference().regions) {
    let n = 0;
    for (const chain of chains)
      for (const s of inChainOrder(chain.stages))
        if (gapFigures(cells.get(r.code, s.id), s, cells.present(r.code), threshold).gap) n++;
    counts.set(r.code, n);
  }
  return counts;
}
