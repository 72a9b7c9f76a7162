// Gaps of one region in a chain: a row per stage, with where its imports come from.
import { cypher, type Db } from '../db.js';
import type { Settings } from '../config.js';
import { cellKey, cmp, haversineKm, money, regionCoordinates, round, type StageFlowRow } from '../gap-cells.js';
import { chainInfo, gapFigures, indexCells, regionInfo, regionSummary, type CellTable } from './shared.js';
import { cellsFor, type CellEffect, type GapOptions } from './cells.js';
import type { GapReport, GapRow, ImportSource } from '../../core/schemas.js';
export type { GapReport, GapRow, ImportSource };

export async function importSources(
  db: Db,
  table: CellTable,
  region: string,
  stages: string[],
  effect?: CellEffect,
): Promise<Map<string, ImportSource[]>> {
  let rows: StageFlowRow[] | null = null; // the aggregate's StageFlow rows of the cells' version, else live
  if (table.source === 'aggregate' && table.version !== null) {
    rows = (await db.read(cypher('gaps-aggregate-sources'), {
      version: table.version,
      region,
      stages,
    })) as unknown as StageFlowRow[];
  }
  if (!rows) {
    rows = (await db.read(cypher('gaps-live-sources'), { region, stages })).map((r) => ({
      ...(r as unknown as StageFlowRow),
      target: region,
    }));
  }
  const wanted = new Set(stages);
  for (const f of effect?.flows ?? []) if (f.target === region && wanted.has(f.stage)) rows.push(f);
  const coords = regionCoordinates();
  const to = coords.get(region)!;
  const grouped = new Map<string, { stage: string; source: string; volume: number; links: number }>();
  for (const r of rows) {
    const key = cellKey(String(r.source), r.stage);
    const g = grouped.get(key) ?? { stage: r.stage, source: String(r.source), volume: 0, links: 0 };
    g.volume += Number(r.volumeMlnRub);
    g.links += Number(r.links);
    grouped.set(key, g);
  }
  const byStage = new Map<string, ImportSource[]>();
  for (const r of grouped.values()) {
    const from = coords.get(r.source);
    if (!from || r.source === region || r.links <= 0) continue;
    const list = byStage.get(r.stage) ?? [];
    list.push({
      region: r.source,
      volumeMlnRub: money(r.volume),
      links: r.links,
      distanceKm: round(haversineKm(from, to), 1),
    });
    byStage.set(r.stage, list);
  }
  for (const list of byStage.values())
    list.sort((a, b) => b.volumeMlnRub - a.volumeMlnRub || a.distanceKm - b.distanceKm || cmp(a.region, b.region));
  return byStage;
}

/** GET /api/gaps: one row per stage of the chain for one region. */
export async function gapReport(
  db: Db,
  settings: Settings,
  chainId: string,
  regionCode: string,
  opts: GapOptions = {},
): Promise<GapReport> {
  const { chain, stages } = chainInfo(chainId);
  const region = regionInfo(regionCode);
  const table = await cellsFor(db, opts);
  const cells = indexCells(table.cells);
  const present = cells.present(region.code);
  const sources = await importSources(
    db,
    table,
    region.code,
    stages.map((s) => s.id),
    opts.effect,
  );
  return {
    chain: chain.id,
    region: regionSummary(region),
    lsrThreshold: settings.gapLsrThreshold,
    source: table.source,
    refreshedAt: table.refreshedAt,
    stages: stages.map((s) => ({
      stage: s.id,
      name: s.name,
      nameEn: s.nameEn,
      order: s.order,
      kind: s.kind,
      feeds: s.feeds,
      ...gapFigures(cells.get(region.code, s.id), s, present, settings.gapLsrThreshold),
      sources: sources.get(s.id) ?? [],
    })),
  };
}
