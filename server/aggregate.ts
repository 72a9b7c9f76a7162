// The overview's pre-aggregated layer: supply flows between regions and enterprise counts per
// region, for every chain and for 'all', recomputed from the whole graph after every import, after
// seeding, and at start-up when missing or stale. The overview reads it instead of scanning every
// SUPPLIES relationship (tens of seconds on a million enterprises and five million links).
//
// Shape (kept off the Region nodes, so that their details and relationship counts stay the data's):
//   (:FlowAggregate {id: 'overview', version, refreshedAt, importRun, chains, flowCounts, countCounts, links, durationMs,
//                    previous, previousRefreshedAt, previousChains, previousFlowCounts, previousCountCounts})
//       the marker: the current version, when its refresh began (datetime), the last completed
//       ImportRun it includes, the chains aggregated ('all' among them), how many rows of each
//       chain the version holds (flowCounts[i], countCounts[i] for chains[i]), and the same of
//       the version it replaced.
//   (:RegionFlow {version, chain, source, target, volumeMlnRub, links})
//       one per (supplier region, buyer region, chain) with at least one link; same-region pairs
//       included (the overview reports them as local volume). A link's chain is the chain of its
//       stage (Stage.chain); 'all' counts every link, with or without a stage.
//   (:RegionCount {version, chain, region, enterprises, smes})
//       one per (region, chain), every region: enterprises located there that operate at a stage
//       of the chain (every enterprise for 'all') and how many of them are SMEs.
//   (:StageCell {version, region, stage, enterprises, smes, revenueMlnRub, demandMlnRub, localMlnRub,
//                links, localLinks, importKmMlnRub})
//       the gap analysis (server/gaps/): one per (region, stage) with any figure — presence,
//       demand of the region's buyers, the local part, Σ volume × distance of the imports —
//       computed by buildStageCells (server/gap-cells.ts), as the live path computes them.
//   (:StageFlow {version, stage, source, target, volumeMlnRub, links})
//       one per (supplier region, buyer region, stage) with at least one link: where each
//       region's buyers get each stage from. The marker counts them (cellCount, stageFlowCount,
//       previousCellCount, previousStageFlowCount) as it counts the overview's rows.
//
// A refresh is one write transaction: lock the marker, scan the links and the enterprises once
// each, write the new version's rows, point the marker at them and delete the rows older than
// the version replaced. A reader takes a version and its promised row counts from the marker
// and reads only that version's rows. Neo4j applies a commit piece by piece, so a read during a
// refresh's commit may find the new version incomplete: it then reads the previous version,
// which the commit leaves whole (and failing that, tries again). No reader sees half an aggregate.
import { cypher, type Db } from './db.js';
import {
  buildStageCells,
  money as roundMoney,
  type PresenceRow,
  type StageCell,
  type StageFlowRow,
} from './gap-cells.js';

export const ALL_CHAINS = 'all';

/** Time allowed to a refresh transaction (about 30 s on 5 million links on two cores). */
export const REFRESH_TIMEOUT_MS = 30 * 60_000;

export interface AggregateFlow {
  chain: string;
  source: string;
  target: string;
  volumeMlnRub: number;
  links: number;
}

export interface AggregateCount {
  chain: string;
  region: string;
  enterprises: number;
  smes: number;
}

export interface RefreshResult {
  version: number;
  /** Supply links aggregated. */
  links: number;
  flows: number;
  durationMs: number;
}

/** Rounds away float noise from summing decimal volumes (0.1 + 0.2). */
export const money = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * Sums the grouped rows of aggregate-links and aggregate-enterprises into the aggregate's rows.
 * Pure, so that the arithmetic is the same wherever it runs.
 */
function aggregateRows(input: {
  regions: string[];
  stageChains: Map<string, string>;
  links: { source: unknown; target: unknown; stage: unknown; volumeMlnRub: unknown; links: unknown }[];
  enterprises: { region: unknown; chains: unknown; sme: unknown; n: unknown }[];
}): { chains: string[]; flows: AggregateFlow[]; counts: AggregateCount[]; links: number } {
  const chains = [...new Set(input.stageChains.values())].sort();
  chains.push(ALL_CHAINS);
  const known = new Set(input.regions);
  const flows = new Map<string, AggregateFlow>();
  let total = 0;
  const addFlow = (chain: string, source: string, target: string, volume: number, links: number) => {
    const key = `${chain}\u0000${source}\u0000${target}`;
    const flow = flows.get(key);
    if (flow) {
      flow.volumeMlnRub += volume;
      flow.links += links;
    } else flows.set(key, { chain, source, target, volumeMlnRub: volume, links });
  };
  for (const row of input.links) {
    const links = Number(row.links);
    total += links;
    const source = String(row.source);
    const target = String(row.target);
    // Enterprises always carry a known region (the import checks it); skip anything else, as the live overview does.
    if (!known.has(source) || !known.has(target)) continue;
    const volume = Number(row.volumeMlnRub);
    addFlow(ALL_CHAINS, source, target, volume, links);
    const chain = row.stage == null ? undefined : input.stageChains.get(String(row.stage));
    if (chain) addFlow(chain, source, target, volume, links);
  }
  const counts = new Map<string, AggregateCount>();
  for (const chain of chains) {
    for (const region of input.regions)
      counts.set(`${chain}\u0000${region}`, { chain, region, enterprises: 0, smes: 0 });
  }
  for (const row of input.enterprises) {
    const n = Number(row.n);
    const smes = row.sme === true ? n : 0;
    const rowChains = new Set([ALL_CHAINS, ...((row.chains as string[] | null) ?? [])]);
    for (const chain of rowChains) {
      const count = counts.get(`${chain}\u0000${String(row.region)}`);
      if (!count) continue;
      count.enterprises += n;
      count.smes += smes;
    }
  }
  const flowList = [...flows.values()].map((f) => ({ ...f, volumeMlnRub: money(f.volumeMlnRub) }));
  return { chains, flows: flowList, counts: [...counts.values()], links: total };
}

/**
 * The gap analysis' rows from the same grouped rows: the flows by (supplier region, buyer region,
 * stage) of links whose stage is known, and the (region, stage) cells (server/gap-cells.ts).
 */
function gapRows(input: {
  stageChains: Map<string, string>;
  links: { source: unknown; target: unknown; stage: unknown; volumeMlnRub: unknown; links: unknown }[];
  enterprises: { region: unknown; stages?: unknown; sme: unknown; n: unknown; revenueMlnRub?: unknown }[];
}): { stageFlows: StageFlowRow[]; cells: StageCell[] } {
  const stageFlows: StageFlowRow[] = [];
  for (const row of input.links) {
    if (row.stage == null || !input.stageChains.has(String(row.stage))) continue;
    stageFlows.push({
      stage: String(row.stage),
      source: String(row.source),
      target: String(row.target),
      volumeMlnRub: roundMoney(Number(row.volumeMlnRub)),
      links: Number(row.links),
    });
  }
  const presence = new Map<string, PresenceRow>();
  for (const row of input.enterprises) {
    const n = Number(row.n);
    for (const stage of new Set((row.stages as string[] | null | undefined) ?? [])) {
      const key = `${String(row.region)}\u0000${stage}`;
      const p = presence.get(key) ?? { region: String(row.region), stage, enterprises: 0, smes: 0, revenueMlnRub: 0 };
      p.enterprises += n;
      if (row.sme === true) p.smes += n;
      p.revenueMlnRub += Number(row.revenueMlnRub ?? 0);
      presence.set(key, p);
    }
  }
  return { stageFlows, cells: buildStageCells(stageFlows, [...presence.values()]) };
}

let queue: Promise<unknown> = Promise.resolve();
let refreshing = 0;

/** True while this process is refreshing the aggregate (or has a refresh queued). */
export function aggregateRefreshing(): boolean {
  return refreshing > 0;
}

/**
 * Recomputes the whole aggregate and replaces the old one in one transaction. Refreshes run one
 * at a time in a process; across processes they take turns on the marker's lock.
 */
export function refreshAggregate(db: Db, opts: { timeoutMs?: number } = {}): Promise<RefreshResult> {
  refreshing++;
  const next = queue.then(() => runRefresh(db, opts.timeoutMs ?? REFRESH_TIMEOUT_MS));
  queue = next.catch(() => undefined);
  return next.finally(() => refreshing--);
}

async function runRefresh(db: Db, timeoutMs: number): Promise<RefreshResult> {
  return db.writeTransaction(async (tx) => {
    const started = Date.now();
    await tx.run(cypher('aggregate-lock'));
    const regions = (await tx.run('MATCH (r:Region) RETURN r.code AS code')).records.map((r) => String(r.get('code')));
    const stages = (await tx.run('MATCH (s:Stage) RETURN s.id AS id, s.chain AS chain')).records;
    const stageChains = new Map(stages.map((s) => [String(s.get('id')), String(s.get('chain'))]));
    const links = (await tx.run(cypher('aggregate-links'))).records.map((r) => r.toObject());
    const enterprises = (await tx.run(cypher('aggregate-enterprises'))).records.map((r) => r.toObject());
    const rows = aggregateRows({
      regions,
      stageChains,
      links: links as Parameters<typeof aggregateRows>[0]['links'],
      enterprises: enterprises as Parameters<typeof aggregateRows>[0]['enterprises'],
    });
    const gaps = gapRows({
      stageChains,
      links: links as Parameters<typeof gapRows>[0]['links'],
      enterprises: enterprises as Parameters<typeof gapRows>[0]['enterprises'],
    });
    const durationMs = Date.now() - started;
    const result = await tx.run(cypher('aggregate-write'), {
      cells: gaps.cells,
      stageFlows: gaps.stageFlows,
      flows: rows.flows,
      counts: rows.counts,
      chains: rows.chains,
      flowCounts: rows.chains.map((c) => rows.flows.filter((f) => f.chain === c).length),
      countCounts: rows.chains.map((c) => rows.counts.filter((f) => f.chain === c).length),
      links: rows.links,
      durationMs,
    });
    return {
      version: Number(result.records[0].get('version')),
      links: rows.links,
      flows: rows.flows.length,
      durationMs: Date.now() - started,
    };
  }, timeoutMs);
}

export interface AggregateState {
  missing: boolean;
  /** An import finished (or started and never finished) after the refresh began, or the chains changed. */
  stale: boolean;
  refreshedAt: string | null;
}

/** Whether the aggregate is missing or stale; cheap (the marker and the ImportRun nodes). */
export async function aggregateState(db: Db): Promise<AggregateState> {
  const [row] = await db.read(cypher('aggregate-state'));
  const missing = row.missing === true;
  const expected = [...(row.chains as string[]), ALL_CHAINS].sort();
  const aggregated = [...((row.aggregated as string[] | null) ?? [])].sort();
  const stale =
    !missing &&
    (row.newerImport === true || row.noCells === true || JSON.stringify(expected) !== JSON.stringify(aggregated));
  return { missing, stale, refreshedAt: (row.refreshedAt as string | null) ?? null };
}

/** At start-up: refreshes the aggregate when it is missing or older than the last import. */
export async function ensureAggregate(
  db: Db,
  log: (line: string) => void = console.log,
): Promise<RefreshResult | null> {
  const state = await aggregateState(db);
  if (!state.missing && !state.stale) return null;
  log(
    `[aggregate] ${state.missing ? 'no aggregate yet' : `the aggregate of ${state.refreshedAt} is older than the data`}: aggregating supply flows by region…`,
  );
  const result = await refreshAggregate(db);
  log(
    `[aggregate] ${result.links.toLocaleString('en')} links into ${result.flows.toLocaleString('en')} flows in ${(result.durationMs / 1000).toFixed(1)} s`,
  );
  return result;
}
