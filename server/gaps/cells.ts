// The per-(region, stage) figures ("cells"): from the aggregate when it holds them, else computed
// live on small graphs, with a what-if scenario's effect added on request.
import { cypher, type Db } from '../db.js';
import {
  buildStageCells,
  cellKey,
  cmp,
  money,
  round,
  type PresenceRow,
  type StageCell,
  type StageFlowRow,
} from '../gap-cells.js';
import { GapsPendingError, LIVE_MAX_LINKS, type CellTable } from './shared.js';
import type { SmeRef } from '../../core/schemas.js';

const READ_ATTEMPTS = 4;

/** One version of the aggregate's cells; null when absent, undefined when a refresh's commit was half visible. */
async function readCellVersion(db: Db, previous: boolean): Promise<CellTable | null | undefined> {
  const [row] = await db.read(cypher('gaps-aggregate-cells'), { previous });
  if (!row) return null;
  const c = row.cells as Record<keyof StageCell, unknown[]>;
  if (c.region.length !== Number(row.cellCount)) return undefined;
  const cells: StageCell[] = c.region.map((region, i) => ({
    region: String(region),
    stage: String(c.stage[i]),
    enterprises: Number(c.enterprises[i]),
    smes: Number(c.smes[i]),
    revenueMlnRub: Number(c.revenueMlnRub[i]),
    demandMlnRub: Number(c.demandMlnRub[i]),
    localMlnRub: Number(c.localMlnRub[i]),
    links: Number(c.links[i]),
    localLinks: Number(c.localLinks[i]),
    importKmMlnRub: Number(c.importKmMlnRub[i]),
  }));
  cells.sort((a, b) => cmp(a.region, b.region) || cmp(a.stage, b.stage));
  return { cells, source: 'aggregate', refreshedAt: String(row.refreshedAt), version: Number(row.version) };
}

const cellCache = new WeakMap<Db, { key: string; table: CellTable }>();

/**
 * The cells from the aggregate (server/aggregate.ts); null when it has none. Like the overview: a
 * read that finds fewer rows than the marker promises (a refresh committing) takes the previous
 * version, and failing that tries again.
 */
export async function cellsFromAggregate(db: Db): Promise<CellTable | null> {
  // The cells of one version never change: kept per Db while the marker names that version
  // (version and refresh time: a wiped and re-aggregated database reuses version numbers).
  const [marker] = await db.read(
    "MATCH (g:FlowAggregate {id: 'overview'}) RETURN g.version AS version, toString(g.refreshedAt) AS refreshedAt",
  );
  const key = marker ? `${marker.version}|${marker.refreshedAt}` : '';
  const cached = cellCache.get(db);
  if (cached && cached.key === key) return cached.table;
  for (let attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
    const current = await readCellVersion(db, false);
    if (current && `${current.version}|${current.refreshedAt}` === key) cellCache.set(db, { key, table: current });
    if (current !== undefined) return current;
    const previous = await readCellVersion(db, true);
    if (previous) return previous;
    await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
  }
  return null;
}

/** The figures of every (region, stage) computed from the graph itself (scans every link). */
async function cellsLive(db: Db): Promise<CellTable> {
  const [flows, presence] = await Promise.all([
    db.read(cypher('gaps-live-flows')),
    db.read(cypher('gaps-live-presence')),
  ]);
  return {
    cells: buildStageCells(flows as unknown as StageFlowRow[], presence as unknown as PresenceRow[]),
    source: 'live',
    refreshedAt: null,
    version: null,
  };
}

/**
 * The cells: from the aggregate; without one, computed live on graphs under `liveMaxLinks`
 * supply links, else refused (503: the aggregate is being computed), as the overview does.
 */
export async function loadCells(db: Db, opts: { live?: boolean; liveMaxLinks?: number } = {}): Promise<CellTable> {
  if (opts.live) return cellsLive(db);
  const aggregated = await cellsFromAggregate(db);
  if (aggregated) return aggregated;
  const [{ links }] = await db.read('MATCH ()-[r:SUPPLIES]->() RETURN count(r) AS links');
  if (Number(links) < (opts.liveMaxLinks ?? LIVE_MAX_LINKS)) return cellsLive(db);
  throw new GapsPendingError(
    `the gap figures of this graph (${Number(links).toLocaleString('en')} supply links) have not been aggregated yet; ` +
      'this happens after every import and at start-up — retry shortly',
  );
}

/**
 * What a what-if scenario (server/scenarios.ts) changes in the cells' inputs: supply links added
 * (or, with negative volume and count, taken over) and enterprises added. Never written anywhere:
 * applied to a copy of the cells for one answer.
 */
export interface CellEffect {
  flows: StageFlowRow[];
  presence: PresenceRow[];
  /** The scenario's hypothetical SMEs, for the partner regions' lists of SMEs. */
  smes?: { region: string; stages: string[]; sme: SmeRef }[];
}

/** The cells with a scenario's effect added (the same function as the aggregate builds them with). */
export function applyCellEffect(table: CellTable, effect: CellEffect | undefined): CellTable {
  if (!effect || (effect.flows.length === 0 && effect.presence.length === 0)) return table;
  const cells = new Map(table.cells.map((c) => [cellKey(c.region, c.stage), { ...c }]));
  for (const d of buildStageCells(effect.flows, effect.presence)) {
    const key = cellKey(d.region, d.stage);
    const c = cells.get(key);
    if (!c) {
      cells.set(key, d);
      continue;
    }
    c.enterprises += d.enterprises;
    c.smes += d.smes;
    c.revenueMlnRub = money(c.revenueMlnRub + d.revenueMlnRub);
    c.demandMlnRub = money(c.demandMlnRub + d.demandMlnRub);
    c.localMlnRub = money(c.localMlnRub + d.localMlnRub);
    c.links += d.links;
    c.localLinks += d.localLinks;
    c.importKmMlnRub = round(c.importKmMlnRub + d.importKmMlnRub, 3);
  }
  return { ...table, cells: [...cells.values()].sort((a, b) => cmp(a.region, b.region) || cmp(a.stage, b.stage)) };
}

/** Options of the gap answers: `live` skips the aggregate; `effect` is a what-if scenario's. */
export interface GapOptions {
  live?: boolean;
  effect?: CellEffect;
}

export async function cellsFor(db: Db, opts: GapOptions): Promise<CellTable> {
  return applyCellEffect(await loadCells(db, opts), opts.effect);
}
