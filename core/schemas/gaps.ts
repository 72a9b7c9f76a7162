// The gap analysis's answers (server/gaps/): gaps of a region, the stages × regions matrix, SME
// entry opportunities, partner regions, cluster registry readiness and structural risks. The
// definitions of the figures are in server/gaps/index.ts and the README's "Gap analysis".
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Nullable } from './common.js';

export const GAP_RULES = ['no-local-enterprise', 'low-local-sourcing', 'missing-upstream-link'] as const;
export const GapRule = Type.Union(GAP_RULES.map((r) => Type.Literal(r)));
export type GapRule = (typeof GAP_RULES)[number];

/** Where an answer's figures come from; spread into the answers that carry it. */
const Source = {
  source: Type.Union([Type.Literal('aggregate'), Type.Literal('live')], {
    description: 'figures from the pre-aggregated layer, or computed live (small graphs without one)',
  }),
  refreshedAt: Nullable(Type.String(), { description: "when the aggregate's refresh began; null when live" }),
};

export const RegionSummary = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
});
export type RegionSummary = Static<typeof RegionSummary>;

/** A (region, stage) cell's figures and gap rules. */
export const GapFigures = Type.Object({
  demandMlnRub: Type.Number({ description: 'D(r,s): Σ volume of links at the stage whose buyer is in the region' }),
  localMlnRub: Type.Number({ description: 'L(r,s): the part of D whose supplier is in the region too' }),
  lsr: Nullable(Type.Number(), { description: 'L / D; null when D = 0' }),
  importedMlnRub: Type.Number({ description: 'D − L' }),
  importDistanceKm: Nullable(Type.Number(), {
    description:
      "volume-weighted mean great-circle distance between the supplier's region centre and the region's, over imported links; null when nothing is imported",
  }),
  links: Type.Integer({ description: 'links counted in D' }),
  localLinks: Type.Integer({ description: 'links counted in L' }),
  enterprises: Type.Integer({ description: 'enterprises located in the region operating at the stage' }),
  smes: Type.Integer({ description: 'SMEs (micro, small, medium) among them' }),
  revenueMlnRub: Type.Number({ description: 'their summed known revenue (an unknown one adds nothing)' }),
  gap: Type.Boolean(),
  rules: Type.Array(GapRule, { description: 'the rules that make the stage a gap, in the order of the definition' }),
  feedsPresent: Type.Array(Type.String(), {
    description: 'stages this stage FEEDS that have enterprises in the region (when it has none)',
  }),
});
export type GapFigures = Static<typeof GapFigures>;

export const ImportSource = Type.Object({
  region: Type.String(),
  volumeMlnRub: Type.Number(),
  links: Type.Integer(),
  distanceKm: Type.Number(),
});
export type ImportSource = Static<typeof ImportSource>;

export const GapRow = Type.Object({
  stage: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  order: Type.Integer(),
  kind: Type.String(),
  feeds: Type.Array(Type.String()),
  ...GapFigures.properties,
  sources: Type.Array(ImportSource, { description: 'supplier regions of the imported volume, largest first' }),
});
export type GapRow = Static<typeof GapRow>;

/** GET /api/gaps: one row per stage of the chain, in chain order. */
export const GapReport = Type.Object({
  chain: Type.String(),
  region: RegionSummary,
  lsrThreshold: Type.Number(),
  ...Source,
  stages: Type.Array(GapRow),
});
export type GapReport = Static<typeof GapReport>;

/** Every figure of the matrix is [stage index][region index]. */
const Matrix = <T extends TSchema>(cell: T, description: string) =>
  Type.Array(Type.Array(cell), { description: `${description}; [stage index][region index]` });

/** GET /api/gaps/matrix. */
export const GapMatrix = Type.Object({
  chain: Type.String(),
  lsrThreshold: Type.Number(),
  ...Source,
  /** The meaning of the bits of `gap`: bit i (value 2^i) is rules[i]. */
  rules: Type.Array(GapRule),
  stages: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      nameEn: Type.String(),
      order: Type.Integer(),
      kind: Type.String(),
    }),
  ),
  regions: Type.Array(RegionSummary),
  enterprises: Matrix(Type.Integer(), 'enterprises at the stage'),
  smes: Matrix(Type.Integer(), 'SMEs among them'),
  demandMlnRub: Matrix(Type.Number(), 'D'),
  localMlnRub: Matrix(Type.Number(), 'L'),
  lsr: Matrix(Nullable(Type.Number()), 'L / D, null when D = 0'),
  importedMlnRub: Matrix(Type.Number(), 'D − L'),
  importDistanceKm: Matrix(Nullable(Type.Number()), 'mean import distance, km'),
  /** 0: no gap; else the bit mask of the rules that make it one. */
  gap: Matrix(Type.Integer(), 'gap rules bit mask'),
});
export type GapMatrix = Static<typeof GapMatrix>;

/** One term of an opportunity's score. */
const TermFields = {
  value: Nullable(Type.Number()),
  normalised: Type.Number({ description: '0–1' }),
  weight: Type.Number(),
  points: Type.Number({ description: '100 × weight × normalised; the score is their sum' }),
};
export const Term = Type.Object(TermFields);
export type Term = Static<typeof Term>;

export const Opportunity = Type.Object({
  rank: Type.Integer(),
  region: Type.String(),
  regionName: Type.String(),
  regionNameEn: Type.String(),
  stage: Type.String(),
  stageName: Type.String(),
  stageNameEn: Type.String(),
  score: Type.Number({ description: '0–100' }),
  rules: Type.Array(GapRule),
  demandMlnRub: Type.Number(),
  lsr: Nullable(Type.Number()),
  enterprises: Type.Integer(),
  smes: Type.Integer(),
  components: Type.Object({
    imported: Type.Object(TermFields, {
      description: 'value: imported volume D − L (mln RUB); normalised: ln(1 + value) / ln(1 + maxImportedMlnRub)',
    }),
    distance: Type.Object(TermFields, {
      description: 'value: mean import distance (km); normalised: min(1, value / distanceScaleKm)',
    }),
    smeSuitability: Type.Object(
      { ...TermFields, smes: Type.Integer(), enterprises: Type.Integer() },
      { description: 'value: SME share of the enterprises at the stage nationwide' },
    ),
    relatedness: Type.Object(
      {
        ...TermFields,
        related: Type.Array(Type.Object({ stage: Type.String(), proximity: Type.Number() }), {
          description: "the region's stages with RCA ≥ 1 closest to this one",
        }),
      },
      { description: 'value: relatedness density ω(r,s) (Hidalgo et al. 2007)' },
    ),
  }),
});
export type Opportunity = Static<typeof Opportunity>;

/**
 * A gap without evidence: no purchases at the stage are recorded in the region (D = 0), so there is
 * no demand to score; it is a gap only because the region has enterprises at stages it FEEDS.
 */
export const StructuralGap = Type.Object({
  region: Type.String(),
  regionName: Type.String(),
  regionNameEn: Type.String(),
  stage: Type.String(),
  stageName: Type.String(),
  stageNameEn: Type.String(),
  rules: Type.Array(GapRule),
  reason: Type.Literal('no-recorded-demand', {
    description: 'no supply link at the stage has its buyer in the region (D = 0): nothing to rank it by',
  }),
  feedsPresent: Type.Array(Type.String(), {
    description: 'the stages it FEEDS that have enterprises in the region (what makes it a gap)',
  }),
  enterprises: Type.Integer(),
});
export type StructuralGap = Static<typeof StructuralGap>;

/** GET /api/opportunities. */
export const OpportunityReport = Type.Object({
  chain: Type.String(),
  region: Nullable(Type.String()),
  ...Source,
  formula: Type.String(),
  weights: Type.Object({
    imported: Type.Number(),
    distance: Type.Number(),
    smeSuitability: Type.Number(),
    relatedness: Type.Number(),
  }),
  maxImportedMlnRub: Type.Number({ description: 'the largest imported volume of any (region, stage) of the chain' }),
  distanceScaleKm: Type.Number(),
  lsrThreshold: Type.Number(),
  total: Type.Integer({ description: 'gaps with evidence (D > 0) ranked, before limit' }),
  opportunities: Type.Array(Opportunity, {
    description: 'the gaps with evidence — recorded demand at the stage in the region (D > 0) — ranked by score',
  }),
  structuralTotal: Type.Integer({ description: 'gaps without evidence, before limit' }),
  structural: Type.Array(StructuralGap, {
    description: 'gaps without evidence (D = 0), not ranked: by region, then chain order',
  }),
});
export type OpportunityReport = Static<typeof OpportunityReport>;

export const SmeRef = Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  size: Type.String(),
  employees: Nullable(Type.Number()),
  revenueMlnRub: Nullable(Type.Number()),
  synthetic: Type.Boolean(),
  hypothetical: Type.Optional(Type.Boolean({ description: "a what-if scenario's enterprise, not of the real data" })),
});
export type SmeRef = Static<typeof SmeRef>;

export const Partner = Type.Object({
  rank: Type.Integer(),
  region: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
  distanceKm: Type.Number(),
  enterprises: Type.Integer(),
  smes: Type.Integer(),
  capacityMlnRub: Type.Number(),
  score: Type.Number(),
  /** What the region already supplies to the gap's region at the stage. */
  suppliesMlnRub: Type.Number(),
  /** Its SMEs at the stage, largest revenue first, at most `smesPerRegion`. */
  smeList: Type.Array(SmeRef),
});
export type Partner = Static<typeof Partner>;

/** GET /api/partners. */
export const PartnerReport = Type.Object({
  stage: Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String(), chain: Type.String() }),
  region: RegionSummary,
  ...Source,
  formula: Type.String(),
  total: Type.Integer({ description: 'regions with enterprises at the stage, before limit' }),
  partners: Type.Array(Partner),
});
export type PartnerReport = Static<typeof PartnerReport>;

export const ParticipantRef = Type.Object({ id: Type.String(), name: Type.String() });
export type ParticipantRef = Static<typeof ParticipantRef>;

/**
 * A verdict in three states. `undetermined`: the data the verdict needs is incomplete, and the
 * figures known either way could still go both ways; `missing` says what to supply.
 */
export const VERDICTS = ['passed', 'failed', 'undetermined'] as const;
export const Verdict = Type.Union(
  VERDICTS.map((v) => Type.Literal(v)),
  { description: 'passed, failed, or undetermined (some figure it needs is unknown; never passes on partial data)' },
);
export type Verdict = (typeof VERDICTS)[number];

/** The figures a verdict lacks: whose, which figure, and how it gets into the graph. */
export const MISSING_FIGURES = ['revenueMlnRub'] as const;
export const MissingFigure = Type.Object({
  id: Type.String({ description: 'the enterprise lacking it' }),
  name: Type.String(),
  figure: Type.Union(
    MISSING_FIGURES.map((f) => Type.Literal(f)),
    {
      description:
        'revenueMlnRub: the annual revenue, mln RUB — the `revenue_mln_rub` column of an enterprises file, or the FNS revenue and expenses dataset (ОТКРДАННЫЕ5) by INN',
    },
  ),
  check: Type.String({ description: 'the check that needs it' }),
});
export type MissingFigure = Static<typeof MissingFigure>;

export const Participant = Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  role: Nullable(Type.String()),
  region: Type.String(),
  size: Nullable(Type.String()),
  revenueMlnRub: Nullable(Type.Number()),
  priorityTerritory: Type.Boolean(),
  suppliedMlnRub: Type.Number({ description: 'supplied to other participants' }),
  boughtMlnRub: Type.Number({ description: 'bought from other participants' }),
  linkedParticipants: Type.Integer({ description: 'other participants it has a supply link with, either way' }),
  hypothetical: Type.Optional(Type.Boolean({ description: 'a participant of the scenario, not of the real data' })),
});
export type Participant = Static<typeof Participant>;

/** What every check carries: its verdict, and `passed` (true exactly when the verdict is `passed`). */
const CheckVerdict = {
  status: Verdict,
  passed: Type.Boolean({ description: "status = 'passed'" }),
};

/** GET /api/clusters/:id/readiness: the checks of Government Decree 779. */
export const Readiness = Type.Object({
  cluster: Type.Object({
    id: Type.String(),
    name: Type.String(),
    nameEn: Nullable(Type.String()),
    kind: Type.String(),
    status: Type.String(),
    chain: Nullable(Type.String()),
    regions: Type.Array(Type.String()),
  }),
  /** Decree 779 is about industrial clusters; the checks are computed for any cluster. */
  industrial: Type.Boolean(),
  thresholds: Type.Object({
    minParticipants: Type.Integer(),
    maxWithoutLinks: Type.Integer(),
    minDependence: Type.Number(),
    minDependencePriority: Type.Number(),
    priorityShare: Type.Number(),
  }),
  status: Type.Union(
    VERDICTS.map((v) => Type.Literal(v)),
    {
      description: 'failed when any check fails; else undetermined when any check is undetermined; else passed',
    },
  ),
  ready: Type.Boolean({ description: "status = 'passed': every check passes on complete data" }),
  missing: Type.Array(MissingFigure, {
    description: 'the figures the undetermined checks lack (empty unless some check is undetermined)',
  }),
  checks: Type.Object({
    participants: Type.Object({
      ...CheckVerdict,
      value: Type.Integer({ description: 'enterprises that are members of the cluster, any role' }),
      threshold: Type.Integer(),
    }),
    cooperation: Type.Object({
      ...CheckVerdict,
      value: Type.Integer({
        description:
          'participants without a cooperation link: no supply link to or from another participant (= failing.length)',
      }),
      threshold: Type.Integer(),
      failing: Type.Array(ParticipantRef, { description: 'those participants, always listed' }),
    }),
    dependence: Type.Object({
      ...CheckVerdict,
      value: Nullable(Type.Number(), {
        description:
          "internalVolumeMlnRub / revenueMlnRub; null unless every participant's revenue is known and their sum is above 0",
      }),
      upperBound: Nullable(Type.Number(), {
        description:
          'when some revenue is unknown: internalVolumeMlnRub / the known revenue — the most the dependence can be (null when no revenue above 0 is known)',
      }),
      threshold: Type.Number({ description: 'the threshold that applies' }),
      internalVolumeMlnRub: Type.Number({ description: 'Σ volume of the supply links between participants' }),
      revenueMlnRub: Type.Number({
        description: "Σ participants' known revenue (unknown revenue is not counted as 0)",
      }),
      unknownRevenueLimitMlnRub: Nullable(Type.Number(), {
        description:
          'undetermined only: the check passes when the unknown revenues sum to at most this, and fails when they sum to more',
      }),
      priorityParticipants: Type.Integer(),
      priorityShare: Type.Number(),
      priorityThreshold: Type.Boolean({ description: 'the lower, priority-territory threshold applies' }),
      failing: Type.Array(ParticipantRef, {
        description:
          'unless the check passes: participants that supply nothing to other participants (they add nothing to the internal volume)',
      }),
      revenueUnknown: Type.Array(ParticipantRef, {
        description: 'participants of unknown revenue: with any, the check is undetermined or failed, never passed',
      }),
    }),
  }),
  participants: Type.Array(Participant),
});
export type Readiness = Static<typeof Readiness>;

export const EnterpriseRef = Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  region: Type.String(),
  size: Nullable(Type.String()),
});
export type EnterpriseRef = Static<typeof EnterpriseRef>;

/** GET /api/risks. */
export const RiskReport = Type.Object({
  chain: Type.String(),
  region: RegionSummary,
  network: Type.Object({
    enterprises: Type.Integer(),
    links: Type.Integer(),
    truncated: Type.Boolean({ description: 'the region has more links than maxLinks' }),
    maxLinks: Type.Integer(),
  }),
  singleSupplier: Type.Object({
    total: Type.Integer(),
    rows: Type.Array(
      Type.Object({ buyer: EnterpriseRef, stage: Type.String(), supplier: EnterpriseRef, volumeMlnRub: Type.Number() }),
    ),
  }),
  brokers: Type.Array(
    Type.Object({
      ...EnterpriseRef.properties,
      betweenness: Type.Number(),
      suppliers: Type.Integer(),
      buyers: Type.Integer(),
    }),
  ),
  suggestedLinks: Type.Array(
    Type.Object({
      supplier: EnterpriseRef,
      buyer: EnterpriseRef,
      /** Σ over common neighbours w of 1 / ln(degree of w) (Adamic & Adar 2003), undirected. */
      adamicAdar: Type.Number(),
      common: Type.Array(Type.String()),
      /** A stage of the supplier that FEEDS a stage of the buyer. */
      supplierStage: Type.String(),
      buyerStage: Type.String(),
    }),
  ),
});
export type RiskReport = Static<typeof RiskReport>;

// ---------------------------------------------------------------------------------------------
// Candidate entrants (server/gaps/candidates.ts): the SMEs that could enter a stage in a region.

export const EVIDENCE_KINDS = ['active', 'declared', 'adjacent'] as const;
export const EvidenceKind = Type.Union(
  EVIDENCE_KINDS.map((k) => Type.Literal(k)),
  {
    description:
      'active: the main OKVED2 code maps to the stage; declared: another of its codes does; adjacent: a code maps to a stage that FEEDS the stage or that the stage FEEDS',
  },
);
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const CandidateEvidence = Type.Object({
  kind: EvidenceKind,
  code: Nullable(Type.String(), {
    description:
      'the OKVED2 code that maps to `stage`; null when a file named the stage without a code that maps to it',
  }),
  codeName: Nullable(Type.String({ description: "the code's name (its nearest entry in the reference data)" })),
  codeNameEn: Nullable(Type.String()),
  stage: Type.String({ description: 'the gap stage itself (active, declared) or the adjacent stage' }),
  stageName: Type.String(),
  stageNameEn: Type.String(),
  relation: Type.Union([Type.Literal('OPERATES_AT'), Type.Literal('CAPABLE_OF')], {
    description: 'the relationship to `stage` in the graph',
  }),
  direction: Nullable(Type.Union([Type.Literal('upstream'), Type.Literal('downstream')]), {
    description: 'adjacent only: upstream when `stage` FEEDS the gap stage, downstream when the gap stage FEEDS it',
  }),
});
export type CandidateEvidence = Static<typeof CandidateEvidence>;

export const CandidateTie = Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  anchor: Type.Boolean({ description: "an anchor (MEMBER_OF role 'anchor') of a cluster of the chain" }),
  large: Type.Boolean({ description: 'a large enterprise operating at a stage of the chain' }),
  kinds: Type.Array(Type.String(), { description: 'SUPPLIES, IN_PROGRAMME, CONTRACT: the relationships, either way' }),
  relationships: Type.Integer(),
});
export type CandidateTie = Static<typeof CandidateTie>;

export const Candidate = Type.Object({
  rank: Type.Integer(),
  id: Type.String(),
  inn: Nullable(Type.String()),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  region: Type.String(),
  regionName: Type.String(),
  regionNameEn: Type.String(),
  inRegion: Type.Boolean({ description: 'located in the gap region (ranked before the other regions)' }),
  distanceKm: Type.Number({ description: "between the region centres (0 in the gap's region)" }),
  size: Type.String({ description: 'SME category: micro, small, medium' }),
  sizeSource: Nullable(Type.String({ description: 'register (КатСубМСП), given (a file) or derived' })),
  employees: Nullable(Type.Number()),
  employeesYear: Nullable(Type.Integer()),
  revenueMlnRub: Nullable(Type.Number()),
  revenueYear: Nullable(Type.Integer()),
  synthetic: Type.Boolean(),
  evidence: CandidateEvidence,
  ties: Type.Object({
    partners: Type.Integer({ description: 'distinct anchors and large chain enterprises it is tied to (each once)' }),
    relationships: Type.Integer({ description: 'the relationships with them, all counted' }),
    list: Type.Array(CandidateTie, { description: 'the partners, most relationships first' }),
  }),
  score: Type.Number({ description: '0–100; the sum of the components’ points' }),
  components: Type.Object({
    evidence: Type.Object(TermFields, { description: 'value: 1 active, 0.6 declared, 0.3 adjacent' }),
    proximity: Type.Object(TermFields, {
      description: 'value: distance km; normalised: 1 − distance / radiusKm (1 in the region)',
    }),
    capacity: Type.Object(
      {
        ...TermFields,
        category: Type.Number({ description: 'micro 1/3, small 2/3, medium 1' }),
        employees: Nullable(
          Type.Number({ description: 'min(1, ln(1 + staff) / ln(1 + medium staff limit)); null: unknown' }),
        ),
        revenue: Nullable(
          Type.Number({ description: 'min(1, ln(1 + revenue) / ln(1 + medium revenue limit)); null: unknown' }),
        ),
      },
      { description: 'normalised: the mean of category, employees and revenue over those known' },
    ),
    ties: Type.Object(TermFields, { description: 'value: partners; normalised: min(1, partners / tiesFull)' }),
  }),
});
export type Candidate = Static<typeof Candidate>;

/** A buyer at the stage in the region: who a what-if contract with a candidate would supply. */
export const CandidateBuyer = Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  anchor: Type.Boolean(),
  volumeMlnRub: Type.Number({ description: 'what it buys at the stage now (0: an anchor that buys none yet)' }),
});
export type CandidateBuyer = Static<typeof CandidateBuyer>;

/** GET /api/gaps/candidates. */
export const CandidateReport = Type.Object({
  region: RegionSummary,
  chain: Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String() }),
  stage: Type.Object({
    id: Type.String(),
    name: Type.String(),
    nameEn: Type.String(),
    feeds: Type.Array(Type.String(), { description: 'stages it FEEDS' }),
    fedBy: Type.Array(Type.String(), { description: 'stages that FEED it' }),
  }),
  method: Type.String({ description: 'who is a candidate, the score and the order, in words' }),
  formula: Type.String(),
  weights: Type.Object({
    evidence: Type.Number(),
    proximity: Type.Number(),
    capacity: Type.Number(),
    ties: Type.Number(),
  }),
  evidenceValues: Type.Object({ active: Type.Number(), declared: Type.Number(), adjacent: Type.Number() }),
  radiusKm: Type.Number(),
  neighbours: Type.Integer({ description: 'most regions searched besides the gap region' }),
  tiesFull: Type.Integer({ description: 'partners at which the ties term is full' }),
  capacityScale: Type.Object(
    { employees: Type.Number(), revenueMlnRub: Type.Number() },
    { description: 'staff and revenue at which their part of K is full: the medium category limits (SME_* settings)' },
  ),
  regions: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      nameEn: Type.String(),
      distanceKm: Type.Number(),
      candidates: Type.Integer(),
    }),
    { description: 'the regions searched, the gap region first, then by distance' },
  ),
  counts: Type.Object({ active: Type.Integer(), declared: Type.Integer(), adjacent: Type.Integer() }),
  total: Type.Integer({ description: 'candidates, before offset and limit' }),
  offset: Type.Integer(),
  limit: Type.Integer(),
  candidates: Type.Array(Candidate),
  buyers: Type.Array(CandidateBuyer, {
    description:
      'who buys at the stage in the region (largest volume first), then anchors of the chain’s clusters there',
  }),
});
export type CandidateReport = Static<typeof CandidateReport>;
