// Candidate entrants ("who could fill this gap"): for a region r, a chain c and a stage s of c, the
// SMEs that could enter s in r, ranked by a transparent score whose every component is in the
// answer. Definitions (the README's "Candidate entrants" and CANDIDATE_METHOD are the contract):
//
//   candidates  enterprises of category micro, small or medium, without `leftRegisterAt`, not
//               `tiesOnly`, located in r or in one of the `neighbours` regions nearest to r whose
//               centres lie within `radiusKm` of r's centre, linked (OPERATES_AT, CAPABLE_OF) to s
//               or to a stage next to s (t FEEDS s, or s FEEDS t)
//   evidence    active: the main OKVED2 code (`okved`) maps to s; declared: another of its codes
//               (`okvedAll`) maps to s; adjacent: a code maps to a stage next to s. The strongest
//               one counts. A file may name a stage without a code that maps to it: such an
//               OPERATES_AT counts as active, a CAPABLE_OF as declared, with no code.
//   score       100 × (0.45·E + 0.15·P + 0.2·K + 0.2·T), the components below
//   order       r's candidates first, then the other regions'; then score, INN, name, id
import { cypher, type Db } from '../db.js';
import type { Settings } from '../config.js';
import { loadReference } from '../reference.js';
import { cmp, haversineKm, regionCoordinates, round } from '../gap-cells.js';
import { AppError, codeForStatus } from '../errors.js';
import { regionSummary } from './shared.js';
import { okvedMatches, stageMatcher, type SmeLimits, type StageMatcher } from '../../core/reference.js';
import type {
  Candidate,
  CandidateEvidence,
  CandidateReport,
  CandidateTie,
  ChainRef,
  EvidenceKind,
  OkvedRef,
  RegionRef,
  StageRef,
  Term,
} from '../../core/schemas.js';

/** Weights of the four terms of the candidate score (they sum to 1). */
const CANDIDATE_WEIGHTS = { evidence: 0.45, proximity: 0.15, capacity: 0.2, ties: 0.2 } as const;
/** E: how strongly the codes say the SME can work at the stage. */
const EVIDENCE_VALUES: Record<EvidenceKind, number> = { active: 1, declared: 0.6, adjacent: 0.3 };
/** The category's part of K: the official 209-FZ category, always known for an SME. */
const CATEGORY_VALUES: Record<string, number> = { micro: 1 / 3, small: 2 / 3, medium: 1 };
/** Partners at which T is full. */
const TIES_FULL = 3;
/** Search radius around the gap region's centre, regions searched besides it, rows per page. */
export const CANDIDATE_DEFAULTS = { radiusKm: 1000, neighbours: 8, limit: 50 } as const;

export const CANDIDATE_FORMULA =
  'score = 100 × (0.45·E + 0.15·P + 0.2·K + 0.2·T); E = 1 active, 0.6 declared, 0.3 adjacent; ' +
  'P = 1 − distance / radiusKm (1 in the gap region); K = mean of the known among category (micro 1/3, ' +
  'small 2/3, medium 1), min(1, ln(1 + staff) / ln(1 + medium staff limit)) and min(1, ln(1 + revenue) / ' +
  `ln(1 + medium revenue limit)); T = min(1, partners / ${TIES_FULL})`;

/** The method in words, with the answer's own settings. */
function candidateMethod(opts: { radiusKm: number; neighbours: number; sme: SmeLimits }): string {
  return (
    'Candidates: enterprises of SME category (micro, small, medium; 209-FZ) that have not left the register and are not ' +
    `known only from ties, located in the gap region or in up to ${opts.neighbours} other regions whose centres lie within ` +
    `${opts.radiusKm} km of its centre (great-circle distance between region centres, nearest first), linked to the stage ` +
    '(OPERATES_AT, CAPABLE_OF) or to a stage that FEEDS it or that it FEEDS. Evidence, the strongest counting: active — the ' +
    'main OKVED2 code maps to the stage (E = 1); declared — another of its OKVED2 codes does (E = 0.6); adjacent — a code ' +
    'maps to a stage next to it in the chain (E = 0.3). A stage a file names without a code that maps to it counts as ' +
    'active (OPERATES_AT) or declared (CAPABLE_OF), with no code. ' +
    'score = 100 × (0.45·E + 0.15·P + 0.2·K + 0.2·T), each term from 0 to 1: ' +
    `P = 1 − distance / ${opts.radiusKm} km (1 in the gap region); ` +
    `K = the mean, over those known, of the category (micro 1/3, small 2/3, medium 1), min(1, ln(1 + staff) / ln(1 + ${opts.sme.mediumEmployees})) ` +
    `and min(1, ln(1 + revenue, mln RUB) / ln(1 + ${opts.sme.mediumRevenueMlnRub})) — an unknown staff or revenue is left out, not counted as 0; ` +
    `T = min(1, partners / ${TIES_FULL}), partners being the distinct large enterprises operating at a stage of the chain and the anchors ` +
    "(MEMBER_OF role 'anchor') of the chain's clusters that the SME has a SUPPLIES (either way), IN_PROGRAMME or CONTRACT " +
    'relationship with, each counted once however many relationships. Order: the gap region first, then the other regions; ' +
    'within each, score descending, then INN (none last), then name.'
  );
}

/** The reasons a candidate question is refused (400, 404), for the client to say in its language. */
type CandidateRefusal = 'unknown-region' | 'unknown-chain' | 'unknown-stage' | 'stage-not-in-chain';

export class CandidateError extends AppError {
  constructor(
    readonly status: 400 | 404,
    readonly reason: CandidateRefusal,
    message: string,
  ) {
    super(status, codeForStatus(status), message, { reason });
  }
}

interface CandidateQuestion {
  chain: ChainRef;
  stage: StageRef;
  region: RegionRef;
}

/** The chain, stage and region asked about, or the error that says which one is wrong. */
export function candidateQuestion(regionCode: string, chainId: string, stageId: string): CandidateQuestion {
  const ref = loadReference();
  const region = ref.regions.find((r) => r.code === regionCode);
  if (!region) throw new CandidateError(404, 'unknown-region', `no region ${regionCode}`);
  const chain = ref.chains.find((c) => c.id === chainId);
  if (!chain) throw new CandidateError(404, 'unknown-chain', `no chain ${chainId}`);
  const stage = chain.stages.find((s) => s.id === stageId);
  if (!stage) {
    const other = ref.chains.find((c) => c.stages.some((s) => s.id === stageId));
    if (other)
      throw new CandidateError(
        400,
        'stage-not-in-chain',
        `stage ${stageId} belongs to chain ${other.id}, not ${chainId}`,
      );
    throw new CandidateError(404, 'unknown-stage', `no stage ${stageId}`);
  }
  return { chain, stage, region };
}

export interface SearchRegion {
  code: string;
  name: string;
  nameEn: string;
  distanceKm: number;
}

/**
 * The regions searched: the gap region, then the `neighbours` nearest others whose centres lie
 * within `radiusKm` (by distance, then code).
 */
export function searchRegions(
  regionCode: string,
  radiusKm: number,
  neighbours: number,
  regions: RegionRef[] = loadReference().regions,
): SearchRegion[] {
  const coords = regionCoordinates(regions);
  const here = coords.get(regionCode);
  if (!here) return [];
  const all = regions.map((r) => ({
    code: r.code,
    name: r.name,
    nameEn: r.nameEn,
    // Unrounded: the radius and the proximity term use it; answers round it for display.
    distanceKm: r.code === regionCode ? 0 : haversineKm(here, coords.get(r.code)!),
  }));
  const home = all.find((r) => r.code === regionCode)!;
  const near = all
    .filter((r) => r.code !== regionCode && r.distanceKm <= radiusKm)
    .sort((a, b) => a.distanceKm - b.distanceKm || cmp(a.code, b.code))
    .slice(0, neighbours);
  return [home, ...near];
}

/** A row of cypher/gaps-candidates.cypher. */
export interface CandidateRow {
  id: string;
  inn: string | null;
  name: string;
  nameEn: string | null;
  region: string;
  okved: string | null;
  okvedAll: string[];
  size: string;
  sizeSource: string | null;
  employees: number | null;
  employeesYear: number | null;
  revenueMlnRub: number | null;
  revenueYear: number | null;
  synthetic: boolean;
  /** The stages (the gap stage, or a stage next to it) it is linked to, and by which relationship. */
  links: { stage: string; rel: string }[];
  /** The chain's anchors and large enterprises it is tied to, one entry per partner. */
  ties: CandidateTie[];
}

export interface RankContext {
  stage: StageRef;
  /** The stages of the chain, in chain order (for names and to choose between adjacent stages). */
  stages: StageRef[];
  matcher: StageMatcher;
  regions: SearchRegion[];
  radiusKm: number;
  sme: SmeLimits;
  okved: OkvedRef[];
}

/** Stages that FEED `stage`. */
const fedBy = (stage: StageRef, stages: StageRef[]) =>
  stages.filter((s) => s.feeds.includes(stage.id)).map((s) => s.id);

/** The name of an OKVED2 code: its own entry in the reference data, or its nearest ancestor's. */
function okvedName(code: string, okved: OkvedRef[]): OkvedRef | null {
  let best: OkvedRef | null = null;
  for (const o of okved) if (okvedMatches(code, o.code) && (!best || o.code.length > best.code.length)) best = o;
  return best;
}

/** What every row of one answer looks up: stages by id, the stages that feed the gap stage, code names. */
interface Prepared {
  byId: Map<string, { x: StageRef; i: number }>;
  upstream: Set<string>;
  names: Map<string, OkvedRef | null>;
}
const prepared = new WeakMap<RankContext, Prepared>();
function prepare(ctx: RankContext): Prepared {
  let p = prepared.get(ctx);
  if (!p) {
    p = {
      byId: new Map(ctx.stages.map((x, i) => [x.id, { x, i }])),
      upstream: new Set(fedBy(ctx.stage, ctx.stages)),
      names: new Map(),
    };
    prepared.set(ctx, p);
  }
  return p;
}

/** The strongest evidence that `row` could work at the context's stage; null when there is none. */
export function evidenceOf(row: CandidateRow, ctx: RankContext): CandidateEvidence | null {
  const s = ctx.stage;
  const { byId, upstream, names } = prepare(ctx);
  const main = row.okved ?? null;
  const codes = [...new Set([...(main ? [main] : []), ...row.okvedAll])];
  const maps = (code: string, stage: string) => ctx.matcher.stagesFor(code).includes(stage);
  const named = (code: string | null) => {
    if (!code) return null;
    if (!names.has(code)) names.set(code, okvedName(code, ctx.okved));
    return names.get(code)!;
  };
  const make = (
    kind: EvidenceKind,
    code: string | null,
    stage: StageRef,
    relation: 'OPERATES_AT' | 'CAPABLE_OF',
    direction: 'upstream' | 'downstream' | null,
  ): CandidateEvidence => ({
    kind,
    code,
    codeName: named(code)?.name ?? null,
    codeNameEn: named(code)?.nameEn ?? null,
    stage: stage.id,
    stageName: stage.name,
    stageNameEn: stage.nameEn,
    relation,
    direction,
  });
  const relTo = (stage: string) => {
    const rels = row.links.filter((l) => l.stage === stage).map((l) => l.rel);
    return rels.length === 0 ? null : rels.includes('OPERATES_AT') ? 'OPERATES_AT' : 'CAPABLE_OF';
  };
  const direct = relTo(s.id);
  if (direct) {
    if (main && maps(main, s.id)) return make('active', main, s, direct, null);
    const extra = codes.find((c) => c !== main && maps(c, s.id));
    if (extra) return make('declared', extra, s, direct, null);
    return make(direct === 'OPERATES_AT' ? 'active' : 'declared', null, s, direct, null);
  }
  const next = [...new Set(row.links.map((l) => l.stage))]
    .filter((t) => upstream.has(t) || s.feeds.includes(t))
    .filter((t) => byId.has(t))
    .map((t) => {
      const code = codes.find((c) => maps(c, t)) ?? null;
      return { t, code, rank: code === null ? 2 : code === main ? 0 : 1, order: byId.get(t)!.i };
    })
    .sort((a, b) => a.rank - b.rank || a.order - b.order || cmp(a.t, b.t));
  if (next.length === 0) return null;
  const best = next[0];
  return make(
    'adjacent',
    best.code,
    byId.get(best.t)!.x,
    relTo(best.t)!,
    upstream.has(best.t) ? 'upstream' : 'downstream',
  );
}

const term = (value: number | null, normalised: number, weight: number): Term => ({
  value,
  normalised: round(normalised, 6),
  weight,
  points: round(100 * weight * normalised, 4),
});

/** min(1, ln(1 + v) / ln(1 + full)); null when v is unknown. */
const logShare = (v: number | null, full: number) =>
  v === null || !Number.isFinite(v) ? null : Math.min(1, Math.log1p(Math.max(0, v)) / Math.log1p(full));

/** The score and its components for one candidate, its evidence and its distance. */
export function scoreCandidate(
  row: Pick<CandidateRow, 'size' | 'employees' | 'revenueMlnRub' | 'ties'>,
  evidence: EvidenceKind,
  distanceKm: number,
  inRegion: boolean,
  opts: { radiusKm: number; sme: SmeLimits },
): { score: number; exactScore: number; components: Candidate['components'] } {
  const w = CANDIDATE_WEIGHTS;
  const E = EVIDENCE_VALUES[evidence];
  const P = inRegion || opts.radiusKm <= 0 ? 1 : Math.max(0, 1 - distanceKm / opts.radiusKm);
  const category = CATEGORY_VALUES[row.size] ?? 0;
  const employees = logShare(row.employees, opts.sme.mediumEmployees);
  const revenue = logShare(row.revenueMlnRub, opts.sme.mediumRevenueMlnRub);
  const known = [category, employees, revenue].filter((v): v is number => v !== null);
  const K = known.reduce((a, b) => a + b, 0) / known.length;
  const partners = row.ties.length;
  const T = Math.min(1, partners / TIES_FULL);
  const score = 100 * (w.evidence * E + w.proximity * P + w.capacity * K + w.ties * T);
  return {
    score: round(score, 2),
    exactScore: score,
    components: {
      evidence: term(E, E, w.evidence),
      proximity: term(round(distanceKm, 1), P, w.proximity),
      capacity: {
        ...term(round(K, 6), K, w.capacity),
        category: round(category, 6),
        employees: employees === null ? null : round(employees, 6),
        revenue: revenue === null ? null : round(revenue, 6),
      },
      ties: term(partners, T, w.ties),
    },
  };
}

/** Candidates from the query's rows, scored and in the answer's order (ranks not yet given). */
export function rankCandidates(rows: CandidateRow[], ctx: RankContext): Omit<Candidate, 'rank'>[] {
  const regions = new Map(ctx.regions.map((r) => [r.code, r]));
  const home = ctx.regions[0]?.code;
  const out: (Omit<Candidate, 'rank'> & { exactScore: number })[] = [];
  for (const row of rows) {
    const region = regions.get(row.region);
    if (!region) continue;
    const evidence = evidenceOf(row, ctx);
    if (!evidence) continue;
    const inRegion = row.region === home;
    const ties = [...row.ties].sort((a, b) => b.relationships - a.relationships || cmp(a.id, b.id));
    const { score, exactScore, components } = scoreCandidate(
      { ...row, ties },
      evidence.kind,
      region.distanceKm,
      inRegion,
      ctx,
    );
    out.push({
      id: row.id,
      inn: row.inn ?? null,
      name: row.name,
      nameEn: row.nameEn ?? null,
      region: row.region,
      regionName: region.name,
      regionNameEn: region.nameEn,
      inRegion,
      distanceKm: round(region.distanceKm, 1),
      size: row.size,
      sizeSource: row.sizeSource ?? null,
      employees: row.employees ?? null,
      employeesYear: row.employeesYear ?? null,
      revenueMlnRub: row.revenueMlnRub ?? null,
      revenueYear: row.revenueYear ?? null,
      synthetic: row.synthetic,
      evidence,
      ties: {
        partners: ties.length,
        relationships: ties.reduce((n, t) => n + t.relationships, 0),
        list: ties,
      },
      score,
      exactScore,
      components,
    });
  }
  out.sort(
    (a, b) =>
      Number(b.inRegion) - Number(a.inRegion) ||
      b.exactScore - a.exactScore ||
      (a.inn === null ? 1 : 0) - (b.inn === null ? 1 : 0) ||
      cmp(a.inn ?? '', b.inn ?? '') ||
      cmp(a.name, b.name) ||
      cmp(a.id, b.id),
  );
  return out.map(({ exactScore: _, ...c }) => c);
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toRow(r: Record<string, unknown>, partners: Map<string, { large: boolean; anchor: boolean }>): CandidateRow {
  return {
    id: String(r.id),
    inn: r.inn === null || r.inn === undefined ? null : String(r.inn),
    name: String(r.name ?? r.id),
    nameEn: (r.nameEn as string | null) ?? null,
    region: String(r.region),
    okved: (r.okved as string | null) ?? null,
    okvedAll: ((r.okvedAll as string[] | null) ?? []).map(String),
    size: String(r.size),
    sizeSource: (r.sizeSource as string | null) ?? null,
    employees: num(r.employees),
    employeesYear: num(r.employeesYear),
    revenueMlnRub: num(r.revenueMlnRub),
    revenueYear: num(r.revenueYear),
    synthetic: r.synthetic === true,
    links: (r.links as { stage: string; rel: string }[]).map((l) => ({ stage: String(l.stage), rel: String(l.rel) })),
    ties: (r.ties as Record<string, unknown>[]).map((t) => ({
      id: String(t.id),
      name: String(t.name ?? t.id),
      nameEn: (t.nameEn as string | null) ?? null,
      anchor: partners.get(String(t.id))?.anchor ?? false,
      large: partners.get(String(t.id))?.large ?? false,
      kinds: [...(t.kinds as string[])].sort(),
      relationships: Number(t.relationships),
    })),
  };
}

interface CandidateOptions {
  radiusKm?: number;
  neighbours?: number;
  limit?: number;
  offset?: number;
  /** Buyers listed for a what-if contract. */
  buyers?: number;
}

let cachedMatcher: StageMatcher | undefined;
const matcher = () => (cachedMatcher ??= stageMatcher(loadReference().chains));

/** GET /api/gaps/candidates: the SMEs that could enter the stage in the region, ranked. */
export async function candidates(
  db: Db,
  settings: Pick<Settings, 'sme'>,
  regionCode: string,
  chainId: string,
  stageId: string,
  opts: CandidateOptions = {},
): Promise<CandidateReport> {
  const { chain, stage, region } = candidateQuestion(regionCode, chainId, stageId);
  const radiusKm = opts.radiusKm ?? CANDIDATE_DEFAULTS.radiusKm;
  const neighbours = opts.neighbours ?? CANDIDATE_DEFAULTS.neighbours;
  const limit = opts.limit ?? CANDIDATE_DEFAULTS.limit;
  const offset = opts.offset ?? 0;
  const regions = searchRegions(region.code, radiusKm, neighbours);
  const partners = new Map(
    (await db.read(cypher('gaps-candidates-partners'), { chain: chain.id })).map((p) => [
      String(p.id),
      { large: p.large === true, anchor: p.anchor === true },
    ]),
  );
  const [rows, buyerRows] = await Promise.all([
    db.read(cypher('gaps-candidates'), {
      stage: stage.id,
      regions: regions.map((r) => r.code),
      partners: [...partners.keys()],
    }),
    db.read(cypher('gaps-candidates-buyers'), {
      stage: stage.id,
      chain: chain.id,
      region: region.code,
      limit: opts.buyers ?? 5,
    }),
  ]);
  const ranked = rankCandidates(
    rows.map((r) => toRow(r, partners)),
    {
      stage,
      stages: chain.stages,
      matcher: matcher(),
      regions,
      radiusKm,
      sme: settings.sme,
      okved: loadReference().okved,
    },
  );
  const perRegion = new Map<string, number>();
  const counts = { active: 0, declared: 0, adjacent: 0 };
  for (const c of ranked) {
    perRegion.set(c.region, (perRegion.get(c.region) ?? 0) + 1);
    counts[c.evidence.kind]++;
  }
  return {
    region: regionSummary(region),
    chain: { id: chain.id, name: chain.name, nameEn: chain.nameEn },
    stage: {
      id: stage.id,
      name: stage.name,
      nameEn: stage.nameEn,
      feeds: stage.feeds,
      fedBy: fedBy(stage, chain.stages),
    },
    method: candidateMethod({ radiusKm, neighbours, sme: settings.sme }),
    formula: CANDIDATE_FORMULA,
    weights: { ...CANDIDATE_WEIGHTS },
    evidenceValues: { ...EVIDENCE_VALUES },
    radiusKm,
    neighbours,
    tiesFull: TIES_FULL,
    capacityScale: { employees: settings.sme.mediumEmployees, revenueMlnRub: settings.sme.mediumRevenueMlnRub },
    regions: regions.map((r) => ({ ...r, distanceKm: round(r.distanceKm, 1), candidates: perRegion.get(r.code) ?? 0 })),
    counts,
    total: ranked.length,
    offset,
    limit,
    candidates: ranked.slice(offset, offset + limit).map((c, i) => ({ rank: offset + i + 1, ...c })),
    buyers: buyerRows.map((b) => ({
      id: String(b.id),
      name: String(b.name ?? b.id),
      nameEn: (b.nameEn as string | null) ?? null,
      anchor: b.anchor === true,
      volumeMlnRub: round(Number(b.volumeMlnRub ?? 0), 6),
    })),
  };
}
