// What-if scenarios (issue 4): a planner adds hypothetical enterprises (an SME at a stage in a
// region, perhaps joining a cluster) and hypothetical supply contracts (between real or
// hypothetical enterprises, optionally taking over what the buyer now buys from someone else) to a
// named scenario, and sees gaps, opportunity scores and registry readiness recomputed beside
// today's. A scenario lives in one `Scenario` node of its own (items as JSON), never linked to the
// real graph: the real data, the aggregate and every other answer stay as they are. Its effect is
// applied to copies of the figures for one answer (server/gaps/: CellEffect, assessReadiness).
//
// Contract suggestions answer "which contracts would lift our cluster's functional dependence
// over the threshold?": purchases participants now make at a chain stage from outside the cluster,
// taken over by another participant operating at that stage; the fewest contracts that reach the
// threshold are the largest ones first.
import { randomUUID } from 'node:crypto';
import { AppError, codeForStatus } from './errors.js';
import { cypher, type Db } from './db.js';
import type { Settings } from './config.js';
import { loadReference } from './reference.js';
import { SIZE_CATEGORIES } from '../core/reference.js';
import {
  SME_SIZES,
  assessReadiness,
  readinessInputs,
  type CellEffect,
  type NetworkEffect,
  type RawParticipant,
  type Readiness,
  type ReadinessInputs,
} from './gaps/index.js';
import { cmp, haversineKm, money, regionCoordinates, round, type PresenceRow, type StageFlowRow } from './gap-cells.js';
import type {
  ContractSuggestion,
  ContractSuggestions,
  HypotheticalEnterprise,
  HypotheticalLink,
  Purchases,
  Scenario,
  ScenarioApplied,
  ScenarioItem,
  ScenarioRef,
  ScenarioSummary,
  SkippedItem,
  WithScenario,
} from '../core/schemas.js';
export type {
  ContractSuggestion,
  ContractSuggestions,
  HypotheticalEnterprise,
  HypotheticalLink,
  Purchases,
  Scenario,
  ScenarioItem,
  ScenarioSummary,
  SkippedItem,
  WithScenario,
};

/** Items one scenario may hold. */
export const SCENARIO_MAX_ITEMS = 500;

/**
 * 400 (bad items, with the item and field), 403 (another user's scenario), 404 (no scenario, or
 * another user's private one), 409 (saved by someone else first).
 */
class ScenarioError extends AppError {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    message: string,
  ) {
    super(status, codeForStatus(status), message);
  }
}

const REAL = 'enterprise:';
const HYPOTHETICAL = 'hypothetical:';

/** Who asks: scenarios are their owner's, or shared with the team (server/routes/scenarios.ts). */
export interface ScenarioUser {
  username: string;
  admin: boolean;
}

function fromRow(row: Record<string, unknown>, user: ScenarioUser): Scenario {
  const owner = row.owner === null || row.owner === undefined ? null : String(row.owner);
  return {
    id: String(row.id),
    name: String(row.name),
    description: String(row.description ?? ''),
    createdAt: String(row.createdAt),
    updatedAt: String(row.updatedAt),
    version: Number(row.version),
    items: JSON.parse(String(row.items ?? '[]')) as ScenarioItem[],
    owner,
    shared: row.shared === true || owner === null,
    mine: owner === user.username,
    canChange: owner === user.username || user.admin,
  };
}

/** The scenarios `user` may read: their own, the team's shared ones, and those whose owner is unknown. */
export async function listScenarios(db: Db, user: ScenarioUser): Promise<ScenarioSummary[]> {
  return (await db.read(cypher('scenario-list'), { user: user.username })).map((row) => {
    const { items, createdAt: _created, ...s } = fromRow(row, user);
    return {
      ...s,
      enterprises: items.filter((i) => i.kind === 'enterprise').length,
      links: items.filter((i) => i.kind === 'link').length,
    };
  });
}

/** A scenario `user` may read; 404 for one that is not there or is another user's private one. */
export async function getScenario(db: Db, id: string, user: ScenarioUser): Promise<Scenario> {
  const [row] = await db.read(cypher('scenario-get'), { id, user: user.username });
  if (!row) throw new ScenarioError(404, `no scenario ${id}`);
  return fromRow(row, user);
}

export interface ScenarioInput {
  name: string;
  description?: string;
  items?: unknown[];
  /** Shared with the team (only its owner sets it); a new scenario is private unless said. */
  shared?: boolean;
}

export async function createScenario(db: Db, input: ScenarioInput, user: ScenarioUser): Promise<Scenario> {
  const items = await validateItems(db, input.items ?? []);
  const [row] = await db.write(cypher('scenario-create'), {
    id: randomUUID(),
    name: input.name.trim(),
    description: (input.description ?? '').trim(),
    items: JSON.stringify(items),
    owner: user.username,
    shared: input.shared === true,
    now: new Date().toISOString(),
  });
  return fromRow(row, user);
}

export async function updateScenario(
  db: Db,
  id: string,
  input: ScenarioInput & { version: number },
  user: ScenarioUser,
): Promise<Scenario> {
  const items = await validateItems(db, input.items ?? []);
  const [row] = await db.write(cypher('scenario-update'), {
    id,
    version: input.version,
    name: input.name.trim(),
    description: (input.description ?? '').trim(),
    items: JSON.stringify(items),
    shared: input.shared ?? null,
    user: user.username,
    admin: user.admin,
    now: new Date().toISOString(),
  });
  if (!row) throw new ScenarioError(404, `no scenario ${id}`);
  if (!row.allowed) {
    throw new ScenarioError(
      403,
      row.owner === user.username || user.admin
        ? 'only its owner may share or unshare a scenario'
        : 'only its owner or an admin may change a scenario',
    );
  }
  if (!row.updated) {
    throw new ScenarioError(
      409,
      `scenario ${id} was saved by someone else (version ${Number(row.version)}, yours ${input.version}); reload it and apply your change again`,
    );
  }
  return fromRow(row, user);
}

export async function deleteScenario(db: Db, id: string, user: ScenarioUser): Promise<void> {
  const [row] = await db.write(cypher('scenario-delete'), { id, user: user.username, admin: user.admin });
  if (!row?.found) throw new ScenarioError(404, `no scenario ${id}`);
  if (!row.allowed) throw new ScenarioError(403, 'only its owner or an admin may delete a scenario');
}

/** GET /api/scenarios/purchases: what a buyer now buys at a stage, supplier by supplier, imports first. */
export async function purchases(db: Db, buyerId: string, stage: string): Promise<Purchases> {
  const stages = new Set(loadReference().chains.flatMap((c) => c.stages.map((s) => s.id)));
  if (!stages.has(stage)) throw new ScenarioError(404, `no stage ${stage}`);
  const [row] = await db.read(cypher('scenario-purchases'), { buyer: buyerId, stage });
  if (!row) throw new ScenarioError(404, `no enterprise ${buyerId}`);
  const region = String(row.buyerRegion);
  const list = (row.purchases as Record<string, unknown>[]).map((p) => ({
    supplier: {
      id: String(p.id),
      name: String(p.name),
      nameEn: p.nameEn === null || p.nameEn === undefined ? null : String(p.nameEn),
      region: String(p.region),
    },
    volumeMlnRub: money(Number(p.volumeMlnRub)),
    links: Number(p.links),
    imported: String(p.region) !== region,
  }));
  list.sort(
    (a, b) =>
      Number(b.imported) - Number(a.imported) || b.volumeMlnRub - a.volumeMlnRub || cmp(a.supplier.id, b.supplier.id),
  );
  return {
    buyer: {
      id: String(row.buyer),
      name: String(row.buyerName),
      nameEn: row.buyerNameEn === null || row.buyerNameEn === undefined ? null : String(row.buyerNameEn),
      region,
    },
    stage,
    purchases: list,
  };
}

// ---------------------------------------------------------------------------------------------
// Validation: every item checked against the reference data and the graph; the first error names
// the item (by position, from 1) and the field.

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface RealEnterprise {
  id: string;
  name: string;
  nameEn?: string | null;
  region: string;
  stages: string[];
  size: string | null;
  revenueMlnRub: number | null;
  clusters: string[];
}

async function realEnterprises(db: Db, ids: string[]): Promise<Map<string, RealEnterprise>> {
  if (ids.length === 0) return new Map();
  const rows = await db.read(cypher('scenario-enterprises'), { ids: [...new Set(ids)] });
  return new Map(
    rows.map((r) => [
      String(r.id),
      {
        id: String(r.id),
        name: String(r.name),
        nameEn: r.nameEn === null || r.nameEn === undefined ? null : String(r.nameEn),
        region: String(r.region),
        stages: (r.stages as string[]) ?? [],
        size: (r.size as string | null) ?? null,
        revenueMlnRub: r.revenueMlnRub === null || r.revenueMlnRub === undefined ? null : Number(r.revenueMlnRub),
        clusters: (r.clusters as string[]) ?? [],
      },
    ]),
  );
}

async function validateItems(db: Db, raw: unknown[]): Promise<ScenarioItem[]> {
  if (!Array.isArray(raw)) throw new ScenarioError(400, 'items must be a list');
  if (raw.length > SCENARIO_MAX_ITEMS)
    throw new ScenarioError(400, `a scenario holds at most ${SCENARIO_MAX_ITEMS} items, got ${raw.length}`);
  const ref = loadReference();
  const regions = new Set(ref.regions.map((r) => r.code));
  const stages = new Set(ref.chains.flatMap((c) => c.stages.map((s) => s.id)));
  const fail = (i: number, field: string, message: string): never => {
    throw new ScenarioError(400, `item ${i + 1}, ${field}: ${message}`);
  };
  const text = (i: number, v: unknown, field: string, max: number) => {
    if (typeof v !== 'string' || v.trim() === '') fail(i, field, 'required text');
    if ((v as string).length > max) fail(i, field, `at most ${max} characters`);
    return (v as string).trim();
  };
  const volume = (i: number, v: unknown, field: string, optional: boolean): number | null => {
    if ((v === null || v === undefined || v === '') && optional) return null;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1e9)
      fail(i, field, 'a number of mln RUB from 0 to 1e9');
    return v as number;
  };
  const items: ScenarioItem[] = [];
  const hypothetical = new Set<string>();
  // Enterprises first, so that a contract may name one listed after it.
  raw.forEach((item, i) => {
    if (!isObject(item)) fail(i, 'kind', 'each item is an object');
    const it = item as Record<string, unknown>;
    if (it.kind !== 'enterprise') return;
    const id = text(i, it.id, 'id', 60);
    if (!/^hypothetical:[A-Za-z0-9_-]{1,40}$/.test(id)) fail(i, 'id', 'hypothetical:<letters, digits, _ or ->');
    if (hypothetical.has(id)) fail(i, 'id', `${id} is listed twice`);
    hypothetical.add(id);
  });
  const realIds: string[] = [];
  const endpoint = (i: number, v: unknown, field: string) => {
    const id = text(i, v, field, 260);
    if (id.startsWith(HYPOTHETICAL)) {
      if (!hypothetical.has(id)) fail(i, field, `${id} is not an enterprise of this scenario`);
    } else if (id.startsWith(REAL)) realIds.push(id.slice(REAL.length));
    else fail(i, field, 'enterprise:<id> or hypothetical:<id>');
    return id;
  };
  const clusterIds = new Set<string>();
  raw.forEach((item, i) => {
    const it = item as Record<string, unknown>;
    if (it.kind === 'enterprise') {
      const region = text(i, it.region, 'region', 2);
      if (!regions.has(region)) fail(i, 'region', `no region ${region}`);
      if (!Array.isArray(it.stages) || it.stages.length === 0 || it.stages.length > 20)
        fail(i, 'stages', 'a list of 1–20 stage ids');
      for (const s of it.stages as unknown[])
        if (typeof s !== 'string' || !stages.has(s)) fail(i, 'stages', `no stage ${String(s)}`);
      const size = it.size ?? 'small';
      if (!SIZE_CATEGORIES.includes(size as never)) fail(i, 'size', `one of ${SIZE_CATEGORIES.join(', ')}`);
      const employees = it.employees === undefined || it.employees === null ? null : it.employees;
      if (
        employees !== null &&
        (typeof employees !== 'number' || !Number.isInteger(employees) || employees < 0 || employees > 1e7)
      )
        fail(i, 'employees', 'a whole number from 0');
      const clusters = it.clusters ?? [];
      if (!Array.isArray(clusters) || clusters.length > 20 || clusters.some((c) => typeof c !== 'string' || c === ''))
        fail(i, 'clusters', 'a list of cluster ids');
      for (const c of clusters as string[]) clusterIds.add(c);
      items.push({
        kind: 'enterprise',
        id: String(it.id).trim(),
        name: text(i, it.name, 'name', 300),
        region,
        stages: [...new Set(it.stages as string[])],
        size: size as HypotheticalEnterprise['size'],
        revenueMlnRub: volume(i, it.revenueMlnRub, 'revenueMlnRub', true),
        employees: employees as number | null,
        clusters: [...new Set(clusters as string[])],
        priorityTerritory: it.priorityTerritory === true,
      });
    } else if (it.kind === 'link') {
      const supplier = endpoint(i, it.supplier, 'supplier');
      const buyer = endpoint(i, it.buyer, 'buyer');
      if (supplier === buyer) fail(i, 'buyer', 'a contract needs two different enterprises');
      const stage = text(i, it.stage, 'stage', 100);
      if (!stages.has(stage)) fail(i, 'stage', `no stage ${stage}`);
      const v = volume(i, it.volumeMlnRub, 'volumeMlnRub', false)!;
      if (v <= 0) fail(i, 'volumeMlnRub', 'must be above 0');
      let replaces: string | null = null;
      if (it.replaces !== undefined && it.replaces !== null && it.replaces !== '') {
        replaces = text(i, it.replaces, 'replaces', 260);
        if (!replaces.startsWith(REAL)) fail(i, 'replaces', 'enterprise:<id> of a real supplier');
        if (!buyer.startsWith(REAL)) fail(i, 'replaces', 'only a real buyer has supplies to take over');
        if (replaces === supplier) fail(i, 'replaces', 'the supplier cannot take over its own supply');
        realIds.push(replaces.slice(REAL.length));
      }
      items.push({ kind: 'link', supplier, buyer, stage, volumeMlnRub: v, replaces });
    } else fail(i, 'kind', 'enterprise or link');
  });
  const found = await realEnterprises(db, realIds);
  items.forEach((it, i) => {
    if (it.kind !== 'link') return;
    for (const field of ['supplier', 'buyer', 'replaces'] as const) {
      const v = it[field];
      if (v?.startsWith(REAL) && !found.has(v.slice(REAL.length)))
        fail(i, field, `no enterprise ${v.slice(REAL.length)}`);
    }
  });
  // A contract instead of a supplier replaces a purchase that exists: the supplier's links to the
  // buyer at the stage.
  const replacing = items.flatMap((it, i) =>
    it.kind === 'link' && it.replaces
      ? [{ i, supplier: it.replaces.slice(REAL.length), buyer: it.buyer.slice(REAL.length), stage: it.stage }]
      : [],
  );
  if (replacing.length > 0) {
    const bought = await purchasedVolumes(db, replacing);
    for (const r of replacing)
      if (!((bought.get(purchaseKey(r)) ?? 0) > 0))
        fail(r.i, 'replaces', `${r.supplier} does not supply ${r.buyer} at ${r.stage}`);
  }
  if (clusterIds.size > 0) {
    const rows = await db.read('MATCH (c:Cluster) WHERE c.id IN $ids RETURN collect(c.id) AS ids', {
      ids: [...clusterIds],
    });
    const known = new Set((rows[0]?.ids as string[]) ?? []);
    raw.forEach((item, i) => {
      const it = item as Record<string, unknown>;
      if (it.kind === 'enterprise')
        for (const c of (it.clusters as string[] | undefined) ?? [])
          if (!known.has(c)) fail(i, 'clusters', `no cluster ${c}`);
    });
  }
  return items;
}

// ---------------------------------------------------------------------------------------------
// The effect of a scenario on the figures

export interface ScenarioEffect {
  scenario: ScenarioRef;
  cells: CellEffect;
  /** Items that no longer apply (an enterprise they name was deleted from the real data since). */
  skipped: SkippedItem[];
  /** Resolved endpoints: region, stages, size, revenue, clusters of every enterprise the items name. */
  endpoints: Map<string, Endpoint>;
  /** Per contract that takes over real supply: the volume actually taken over (≤ the real links' volume). */
  takenOver: Map<number, number>;
  /** The same contracts enterprise by enterprise, for the structural risks. */
  network: NetworkEffect;
}

interface Endpoint {
  id: string;
  name: string;
  nameEn?: string | null;
  region: string;
  stages: string[];
  size: string | null;
  revenueMlnRub: number | null;
  clusters: string[];
  priorityTerritory: boolean;
  hypothetical: boolean;
}

type PurchaseRef = { supplier: string; buyer: string; stage: string };
const purchaseKey = (p: PurchaseRef) => `${p.supplier}|${p.buyer}|${p.stage}`;

/** The summed volume of the real links of each (supplier, buyer, stage), by purchaseKey. */
async function purchasedVolumes(db: Db, pairs: PurchaseRef[]): Promise<Map<string, number>> {
  const rows = await db.read(cypher('scenario-replaced'), {
    pairs: pairs.map(({ supplier, buyer, stage }) => ({ supplier, buyer, stage })),
  });
  return new Map(
    rows.map((r) => [
      purchaseKey({ supplier: String(r.supplier), buyer: String(r.buyer), stage: String(r.stage) }),
      Number(r.volumeMlnRub),
    ]),
  );
}

/** Resolves a scenario against today's graph into changes of the gap figures and of the participants. */
export async function scenarioEffect(db: Db, scenario: Scenario): Promise<ScenarioEffect> {
  const realIds = new Set<string>();
  for (const it of scenario.items) {
    if (it.kind !== 'link') continue;
    for (const v of [it.supplier, it.buyer, it.replaces]) if (v?.startsWith(REAL)) realIds.add(v.slice(REAL.length));
  }
  const real = await realEnterprises(db, [...realIds]);
  const pairs = scenario.items.flatMap((it) =>
    it.kind === 'link' && it.replaces
      ? [{ supplier: it.replaces.slice(REAL.length), buyer: it.buyer.slice(REAL.length), stage: it.stage }]
      : [],
  );
  const purchased = pairs.length > 0 ? await purchasedVolumes(db, pairs) : new Map<string, number>();
  return effectOf(scenario, [...real.values()], purchased);
}

/**
 * The effect of a scenario, given the real enterprises its contracts name and the volume of each
 * purchase they replace (pure; scenarioEffect reads them). A hypothetical enterprise adds to the
 * presence of its region and stages, and so does a real supplier at a contract's stage it does not
 * operate at yet (it enters the stage). A contract adds its volume V to the buyer's demand at its
 * stage, from the supplier's region. A contract instead of a supplier (`replaces`) takes over
 * min(V, what is left of that purchase) — shared in item order when several replace the same one —
 * and that volume leaves the old supplier's flow: demand changes by V minus the volume taken over
 * (not at all when V is within the purchase), the old supplier's region supplies that much less,
 * and the link goes when all of its volume is taken over.
 */
export function effectOf(scenario: Scenario, real: RealEnterprise[], purchased: Map<string, number>): ScenarioEffect {
  const endpoints = new Map<string, Endpoint>();
  for (const e of real) endpoints.set(REAL + e.id, { ...e, priorityTerritory: false, hypothetical: false });
  const presence: PresenceRow[] = [];
  for (const it of scenario.items) {
    if (it.kind !== 'enterprise') continue;
    endpoints.set(it.id, {
      id: it.id,
      name: it.name,
      region: it.region,
      stages: it.stages,
      size: it.size,
      revenueMlnRub: it.revenueMlnRub,
      clusters: it.clusters,
      priorityTerritory: it.priorityTerritory,
      hypothetical: true,
    });
    for (const stage of it.stages) {
      presence.push({
        region: it.region,
        stage,
        enterprises: 1,
        smes: SME_SIZES.includes(it.size) ? 1 : 0,
        revenueMlnRub: it.revenueMlnRub ?? 0,
      });
    }
  }
  const available = new Map(purchased);
  // Risk networks name real enterprises by their id and hypothetical ones by theirs.
  const nodeId = (key: string) => (key.startsWith(REAL) ? key.slice(REAL.length) : key);
  const network: NetworkEffect = {
    links: [],
    takenOver: [],
    enterprises: [...endpoints].map(([key, e]) => ({
      id: nodeId(key),
      name: e.name,
      nameEn: e.nameEn ?? null,
      region: e.region,
      size: e.size,
      stages: e.stages,
    })),
  };
  const flows: StageFlowRow[] = [];
  const skipped: SkippedItem[] = [];
  const takenOver = new Map<number, number>();
  const entered = new Set<string>();
  scenario.items.forEach((it, i) => {
    if (it.kind !== 'link') return;
    const from = endpoints.get(it.supplier);
    const to = endpoints.get(it.buyer);
    const gone = [it.supplier, it.buyer, it.replaces].find((v) => v && !endpoints.has(v));
    if (!from || !to || gone) {
      skipped.push({ item: i + 1, reason: 'enterprise_gone', enterprise: String(gone).replace(REAL, '') });
      return;
    }
    flows.push({ source: from.region, target: to.region, stage: it.stage, volumeMlnRub: it.volumeMlnRub, links: 1 });
    // A real supplier that does not operate at the stage yet enters it by the contract (a
    // candidate entrant's case): it counts at the stage in its region, once.
    const entry = `${it.supplier}|${it.stage}`;
    if (!from.hypothetical && !from.stages.includes(it.stage) && !entered.has(entry)) {
      entered.add(entry);
      presence.push({
        region: from.region,
        stage: it.stage,
        enterprises: 1,
        smes: from.size !== null && SME_SIZES.includes(from.size as never) ? 1 : 0,
        revenueMlnRub: from.revenueMlnRub ?? 0,
      });
    }
    network.links.push({
      source: nodeId(it.supplier),
      target: nodeId(it.buyer),
      stage: it.stage,
      volumeMlnRub: it.volumeMlnRub,
    });
    if (it.replaces) {
      const key = purchaseKey({
        supplier: it.replaces.slice(REAL.length),
        buyer: it.buyer.slice(REAL.length),
        stage: it.stage,
      });
      const left = available.get(key) ?? 0;
      const taken = money(Math.min(left, it.volumeMlnRub));
      available.set(key, money(left - taken));
      takenOver.set(i, taken);
      if (taken > 0) {
        const old = endpoints.get(it.replaces)!;
        network.takenOver.push({
          source: nodeId(it.replaces),
          target: nodeId(it.buyer),
          stage: it.stage,
          volumeMlnRub: taken,
          whole: left - taken <= 1e-9,
        });
        // The volume leaves the old link; the link itself goes when all of it is taken over.
        flows.push({
          source: old.region,
          target: to.region,
          stage: it.stage,
          volumeMlnRub: -taken,
          links: left - taken <= 1e-9 ? -1 : 0,
        });
      }
    }
  });
  const smes = scenario.items.flatMap((it) =>
    it.kind === 'enterprise' && SME_SIZES.includes(it.size)
      ? [
          {
            region: it.region,
            stages: it.stages,
            sme: {
              id: it.id,
              name: it.name,
              nameEn: null,
              size: it.size,
              employees: it.employees,
              revenueMlnRub: it.revenueMlnRub,
              synthetic: false,
              hypothetical: true,
            },
          },
        ]
      : [],
  );
  return {
    scenario: { id: scenario.id, name: scenario.name, version: scenario.version, items: scenario.items.length },
    cells: { flows, presence, smes },
    skipped,
    endpoints,
    takenOver,
    network,
  };
}

/** What an answer says about the scenario it was computed with. */
export function scenarioApplied(effect: ScenarioEffect): ScenarioApplied {
  return {
    ...effect.scenario,
    skipped: effect.skipped,
    replaced: [...effect.takenOver].map(([i, volumeMlnRub]) => ({ item: i + 1, volumeMlnRub })),
  };
}

/** A cluster's participants with a scenario's: hypothetical members, and contracts between participants. */
export function readinessWithScenario(
  inputs: ReadinessInputs,
  effect: ScenarioEffect,
  scenario: Scenario,
): ReadinessInputs {
  const clusterId = inputs.cluster.id;
  const participants = inputs.participants.map((p) => ({ ...p, buyers: [...p.buyers], suppliers: [...p.suppliers] }));
  const byKey = new Map<string, RawParticipant>(participants.map((p) => [REAL + p.id, p]));
  for (const it of scenario.items) {
    if (it.kind !== 'enterprise' || !it.clusters.includes(clusterId)) continue;
    const p: RawParticipant = {
      id: it.id,
      name: it.name,
      nameEn: null,
      role: 'participant',
      region: it.region,
      size: it.size,
      revenueMlnRub: it.revenueMlnRub,
      priorityTerritory: it.priorityTerritory,
      stages: it.stages,
      suppliedMlnRub: 0,
      boughtMlnRub: 0,
      buyers: [],
      suppliers: [],
      hypothetical: true,
    };
    participants.push(p);
    byKey.set(it.id, p);
  }
  scenario.items.forEach((it, i) => {
    if (it.kind !== 'link' || effect.skipped.some((s) => s.item === i + 1)) return;
    const a = byKey.get(it.supplier);
    const b = byKey.get(it.buyer);
    if (a && b) {
      a.suppliedMlnRub = money(a.suppliedMlnRub + it.volumeMlnRub);
      b.boughtMlnRub = money(b.boughtMlnRub + it.volumeMlnRub);
      a.buyers.push(b.id);
      b.suppliers.push(a.id);
    }
    // Supply taken over from another participant leaves the internal volume.
    const old = it.replaces ? byKey.get(it.replaces) : undefined;
    const taken = effect.takenOver.get(i) ?? 0;
    if (old && b && taken > 0) {
      old.suppliedMlnRub = money(old.suppliedMlnRub - taken);
      b.boughtMlnRub = money(b.boughtMlnRub - taken);
    }
  });
  return { ...inputs, participants };
}

// ---------------------------------------------------------------------------------------------
// Contract suggestions

/** Purchases from outside a cluster read per suggestion request (largest first). */
const SUGGESTION_PURCHASES = 2000;

export const SUGGESTION_METHOD =
  'Purchases that participants make at a chain stage from enterprises outside the cluster, each taken over by another participant ' +
  "operating at that stage (the nearest one; ties: larger revenue), up to that participant's revenue not yet committed to other " +
  'participants. Largest first; the plan takes them in that order until the dependence reaches the threshold — the fewest contracts ' +
  "when no supplier's revenue binds.";

/** GET /api/clusters/:id/contract-suggestions: contracts between participants that would lift functional dependence. */
export async function suggestContracts(
  db: Db,
  settings: Settings,
  clusterId: string,
  opts: { scenario?: Scenario; limit?: number } = {},
): Promise<ContractSuggestions> {
  let inputs = await readinessInputs(db, clusterId);
  let effect: ScenarioEffect | null = null;
  if (opts.scenario) {
    effect = await scenarioEffect(db, opts.scenario);
    inputs = readinessWithScenario(inputs, effect, opts.scenario);
  }
  const today: Readiness = assessReadiness(inputs, settings);
  const dep = today.checks.dependence;
  const revenue = dep.revenueMlnRub;
  const internal = dep.internalVolumeMlnRub;
  const needed = revenue > 0 ? money(Math.max(0, dep.threshold * revenue - internal)) : null;
  // With a revenue unknown, `revenue` is only the known part: no plan is known to reach the threshold.
  const partial = dep.revenueUnknown.length > 0;

  // Already taken over in the scenario: not suggested again.
  const taken = new Set<string>();
  for (const it of opts.scenario?.items ?? []) {
    if (it.kind === 'link' && it.replaces)
      taken.add(`${it.buyer.slice(REAL.length)}|${it.replaces.slice(REAL.length)}|${it.stage}`);
  }
  const rows = await db.read(cypher('scenario-external-purchases'), { id: clusterId, limit: SUGGESTION_PURCHASES });
  const coords = regionCoordinates();
  const participants = inputs.participants;
  const capacity = new Map(
    participants.map((p) => [
      p.id,
      p.revenueMlnRub === null ? Infinity : Math.max(0, p.revenueMlnRub - p.suppliedMlnRub),
    ]),
  );
  const distance = (a: string, b: string) => {
    const x = coords.get(a);
    const y = coords.get(b);
    return x && y ? haversineKm(x, y) : Infinity;
  };
  const byId = new Map(participants.map((p) => [p.id, p]));
  const candidates: ContractSuggestion[] = [];
  for (const r of rows) {
    const buyer = byId.get(String(r.buyer));
    if (!buyer || taken.has(`${r.buyer}|${r.supplier}|${r.stage}`)) continue;
    const stage = String(r.stage);
    const options = participants
      .filter((p) => p.id !== buyer.id && p.stages.includes(stage) && (capacity.get(p.id) ?? 0) > 0)
      .map((p) => ({ p, km: distance(p.region, buyer.region) }))
      .sort((a, b) => a.km - b.km || (b.p.revenueMlnRub ?? 0) - (a.p.revenueMlnRub ?? 0) || cmp(a.p.id, b.p.id));
    const best = options[0];
    if (!best) continue;
    const volume = money(Math.min(Number(r.volumeMlnRub), capacity.get(best.p.id)!));
    if (volume <= 0) continue;
    candidates.push({
      supplier: { id: best.p.id, name: best.p.name, region: best.p.region, hypothetical: best.p.hypothetical === true },
      buyer: { id: buyer.id, name: buyer.name, region: buyer.region },
      stage,
      volumeMlnRub: volume,
      replaces: { id: String(r.supplier), name: String(r.supplierName), region: String(r.supplierRegion) },
      distanceKm: round(best.km === Infinity ? 0 : best.km, 1),
      dependenceAfter: revenue > 0 ? round((internal + volume) / revenue, 6) : null,
    });
  }
  candidates.sort(
    (a, b) =>
      b.volumeMlnRub - a.volumeMlnRub ||
      a.distanceKm - b.distanceKm ||
      cmp(a.buyer.id, b.buyer.id) ||
      cmp(a.replaces.id, b.replaces.id) ||
      cmp(a.stage, b.stage),
  );
  // The plan: largest first, each supplier within its remaining revenue, until the threshold is reached.
  const left = new Map(capacity);
  const plan = {
    contracts: 0,
    reaches: needed === 0 && !partial,
    dependenceAfter: dep.value,
    volumeMlnRub: 0,
    indices: [] as number[],
  };
  if (needed !== null && needed > 0) {
    let sum = 0;
    for (let i = 0; i < candidates.length && sum < needed - 1e-9; i++) {
      const c = candidates[i];
      const room = left.get(c.supplier.id) ?? 0;
      if (room < c.volumeMlnRub - 1e-9) continue; // its revenue is committed by larger contracts of the plan
      left.set(c.supplier.id, room - c.volumeMlnRub);
      sum += c.volumeMlnRub;
      plan.indices.push(i);
    }
    plan.contracts = plan.indices.length;
    plan.volumeMlnRub = money(sum);
    plan.reaches = sum >= needed - 1e-9 && !partial;
    plan.dependenceAfter = round((internal + sum) / revenue, 6);
  }
  const limit = Math.max(opts.limit ?? 20, plan.indices.length);
  return {
    cluster: { id: today.cluster.id, name: today.cluster.name },
    scenario: effect?.scenario ?? null,
    method: SUGGESTION_METHOD,
    dependence: {
      value: dep.value,
      threshold: dep.threshold,
      internalVolumeMlnRub: internal,
      revenueMlnRub: revenue,
      neededMlnRub: needed,
    },
    total: candidates.length,
    suggestions: candidates.slice(0, limit),
    plan,
  };
}
