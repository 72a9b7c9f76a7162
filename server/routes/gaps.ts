// HTTP routes of the gap analysis (issue 4): gaps of a region, the stages × regions matrix, SME
// entry opportunities, partner regions, cluster registry readiness and structural risks. Thin:
// input schemas (400 on bad parameters), GapError → 404, figures from server/gaps/. The response
// schemas below are also what the OpenAPI document shows; fields not in them are not sent.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Settings } from '../config.js';
import type { Db } from '../db.js';
import {
  GAP_RULES, OPPORTUNITY_FORMULA, PARTNER_FORMULA, RISK_LIST_LIMIT,
  assessReadiness, gapMatrix, gapReport, opportunities, partners, readinessInputs, risks,
} from '../gaps/index.js';
import { getScenario, readinessWithScenario, scenarioEffect, type ScenarioEffect } from '../scenarios.js';

const ErrorBody = Type.Object({
  error: Type.String({ description: 'machine-readable code' }),
  message: Type.String(),
  reason: Type.Optional(Type.String()),
});
const Errors = { 400: ErrorBody, 404: ErrorBody, 503: ErrorBody, 504: ErrorBody };

const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const NullableString = Type.Union([Type.String(), Type.Null()]);
const ChainParam = Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$', description: 'chain id: timber, oilgas' });
const RegionParam = Type.String({ pattern: '^[0-9]{2}$', description: 'two-digit subject code, e.g. 11 (Komi)' });
const StageParam = Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}\\.[a-z0-9-]{1,60}$', description: 'stage id, e.g. timber.sawmilling' });
const GapRuleName = Type.Union(GAP_RULES.map((r) => Type.Literal(r)));
const Source = {
  source: Type.Union([Type.Literal('aggregate'), Type.Literal('live')], { description: 'figures from the pre-aggregated layer, or computed live (small graphs without one)' }),
  refreshedAt: Type.Union([Type.String(), Type.Null()], { description: 'when the aggregate\'s refresh began; null when live' }),
};
const Region = Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String(), lat: Type.Number(), lon: Type.Number() });

const Figures = {
  demandMlnRub: Type.Number({ description: 'D(r,s): Σ volume of links at the stage whose buyer is in the region' }),
  localMlnRub: Type.Number({ description: 'L(r,s): the part of D whose supplier is in the region too' }),
  lsr: Type.Union([Type.Number(), Type.Null()], { description: 'L / D; null when D = 0' }),
  importedMlnRub: Type.Number({ description: 'D − L' }),
  importDistanceKm: Type.Union([Type.Number(), Type.Null()], { description: 'volume-weighted mean great-circle distance between the supplier\'s region centre and the region\'s, over imported links; null when nothing is imported' }),
  links: Type.Integer({ description: 'links counted in D' }),
  localLinks: Type.Integer({ description: 'links counted in L' }),
  enterprises: Type.Integer({ description: 'enterprises located in the region operating at the stage' }),
  smes: Type.Integer({ description: 'SMEs (micro, small, medium) among them' }),
  revenueMlnRub: Type.Number({ description: 'their summed revenue (unknown counts as 0)' }),
  gap: Type.Boolean(),
  rules: Type.Array(GapRuleName, { description: 'the rules that make the stage a gap, in the order of the definition' }),
  feedsPresent: Type.Array(Type.String(), { description: 'stages this stage FEEDS that have enterprises in the region (when it has none)' }),
};

const GapRow = Type.Object({
  stage: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  order: Type.Integer(),
  kind: Type.String(),
  feeds: Type.Array(Type.String()),
  ...Figures,
  sources: Type.Array(Type.Object({
    region: Type.String(),
    volumeMlnRub: Type.Number(),
    links: Type.Integer(),
    distanceKm: Type.Number(),
  }), { description: 'supplier regions of the imported volume, largest first' }),
});

const Matrix = <T extends ReturnType<typeof Type.Number> | ReturnType<typeof Type.Integer> | typeof NullableNumber>(cell: T, description: string) =>
  Type.Array(Type.Array(cell), { description: `${description}; [stage index][region index]` });

const Term = {
  value: NullableNumber,
  normalised: Type.Number({ description: '0–1' }),
  weight: Type.Number(),
  points: Type.Number({ description: '100 × weight × normalised; the score is their sum' }),
};

const OpportunityRow = Type.Object({
  rank: Type.Integer(),
  region: Type.String(),
  regionName: Type.String(),
  regionNameEn: Type.String(),
  stage: Type.String(),
  stageName: Type.String(),
  stageNameEn: Type.String(),
  score: Type.Number({ description: '0–100' }),
  rules: Type.Array(GapRuleName),
  demandMlnRub: Type.Number(),
  lsr: NullableNumber,
  enterprises: Type.Integer(),
  smes: Type.Integer(),
  components: Type.Object({
    imported: Type.Object(Term, { description: 'value: imported volume D − L (mln RUB); normalised: ln(1 + value) / ln(1 + maxImportedMlnRub)' }),
    distance: Type.Object(Term, { description: 'value: mean import distance (km); normalised: min(1, value / distanceScaleKm)' }),
    smeSuitability: Type.Object({ ...Term, smes: Type.Integer(), enterprises: Type.Integer() }, { description: 'value: SME share of the enterprises at the stage nationwide' }),
    relatedness: Type.Object({
      ...Term,
      related: Type.Array(Type.Object({ stage: Type.String(), proximity: Type.Number() }), { description: 'the region\'s stages with RCA ≥ 1 closest to this one' }),
    }, { description: 'value: relatedness density ω(r,s) (Hidalgo et al. 2007)' }),
  }),
});

const EnterpriseRef = Type.Object({ id: Type.String(), name: Type.String(), nameEn: NullableString, region: Type.String(), size: NullableString });
const ParticipantRef = Type.Object({ id: Type.String(), name: Type.String() });

/** `?scenario=<id>`: the answer with a what-if scenario applied (server/scenarios.ts); without it, today's. */
const ScenarioParam = Type.Optional(Type.String({ pattern: '^[0-9a-f-]{36}$', description: 'a what-if scenario\'s id: the figures with its hypothetical enterprises and contracts applied' }));
export const ScenarioApplied = Type.Optional(Type.Object({
  id: Type.String(), name: Type.String(), version: Type.Integer(), items: Type.Integer(),
  skipped: Type.Array(Type.Object({ item: Type.Integer(), reason: Type.String() }), { description: 'items that no longer apply' }),
}, { description: 'present when the figures are a scenario\'s' }));

export async function gapRoutes(root: FastifyInstance, { db, settings }: { db: Db; settings: Settings }): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  /** The scenario's effect when one is asked for, and what the answer says about it. */
  const withScenario = async <T extends object>(id: string | undefined, work: (effect: ScenarioEffect | undefined) => Promise<T>) => {
    if (!id) return work(undefined);
    const effect = await scenarioEffect(db, await getScenario(db, id));
    return { ...(await work(effect)), scenario: { ...effect.scenario, skipped: effect.skipped } };
  };

  app.get('/api/gaps', {
    config: { role: 'planner' },
    schema: {
      summary: 'Gaps of a region in a chain: one row per stage with demand, local supply, LSR, imports and the gap rule',
      description: `A stage is a gap when D > 0 and no local enterprise operates at it (no-local-enterprise) or LSR < ${settings.gapLsrThreshold} (low-local-sourcing, GAP_LSR_THRESHOLD), or when the region has enterprises at a stage it FEEDS but none at it (missing-upstream-link). Stages in chain order.`,
      querystring: Type.Object({ chain: ChainParam, region: RegionParam, scenario: ScenarioParam }),
      response: {
        200: Type.Object({ chain: Type.String(), region: Region, lsrThreshold: Type.Number(), ...Source, stages: Type.Array(GapRow), scenario: ScenarioApplied }),
        ...Errors,
      },
    },
  }, async (request) => withScenario(request.query.scenario, (effect) =>
    gapReport(db, settings, request.query.chain, request.query.region, { effect: effect?.cells })));

  app.get('/api/gaps/matrix', {
    config: { role: 'planner' },
    schema: {
      summary: 'Stages × regions of a chain: presence, demand, local sourcing and gaps, column by column',
      description: 'Each figure is an array over the stages (in `stages` order) of arrays over the regions (in `regions` order, all 89). `gap` is 0 for no gap, else a bit mask: bit i (value 2^i) is `rules[i]`.',
      querystring: Type.Object({ chain: ChainParam, scenario: ScenarioParam }),
      response: {
        200: Type.Object({
          chain: Type.String(),
          lsrThreshold: Type.Number(),
          ...Source,
          rules: Type.Array(GapRuleName),
          stages: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String(), order: Type.Integer(), kind: Type.String() })),
          regions: Type.Array(Region),
          enterprises: Matrix(Type.Integer(), 'enterprises at the stage'),
          smes: Matrix(Type.Integer(), 'SMEs among them'),
          demandMlnRub: Matrix(Type.Number(), 'D'),
          localMlnRub: Matrix(Type.Number(), 'L'),
          lsr: Matrix(NullableNumber, 'L / D, null when D = 0'),
          importedMlnRub: Matrix(Type.Number(), 'D − L'),
          importDistanceKm: Matrix(NullableNumber, 'mean import distance, km'),
          gap: Matrix(Type.Integer(), 'gap rules bit mask'),
          scenario: ScenarioApplied,
        }),
        ...Errors,
      },
    },
  }, async (request) => withScenario(request.query.scenario, (effect) => gapMatrix(db, settings, request.query.chain, { effect: effect?.cells })));

  app.get('/api/opportunities', {
    config: { role: 'planner' },
    schema: {
      summary: 'SME entry opportunities: the gaps of a chain (in one region, or all) ranked by a transparent score',
      description: `${OPPORTUNITY_FORMULA}. Every row carries each term's value, normalised value, weight and points.`,
      querystring: Type.Object({
        chain: ChainParam,
        region: Type.Optional(RegionParam),
        limit: Type.Integer({ minimum: 1, maximum: 5000, default: 100 }),
        scenario: ScenarioParam,
      }),
      response: {
        200: Type.Object({
          chain: Type.String(),
          region: NullableString,
          ...Source,
          formula: Type.String(),
          weights: Type.Object({ imported: Type.Number(), distance: Type.Number(), smeSuitability: Type.Number(), relatedness: Type.Number() }),
          maxImportedMlnRub: Type.Number({ description: 'the largest imported volume of any (region, stage) of the chain' }),
          distanceScaleKm: Type.Number(),
          lsrThreshold: Type.Number(),
          total: Type.Integer({ description: 'gaps scored, before limit' }),
          opportunities: Type.Array(OpportunityRow),
          scenario: ScenarioApplied,
        }),
        ...Errors,
      },
    },
  }, async (request) =>
    withScenario(request.query.scenario, (effect) =>
      opportunities(db, settings, request.query.chain, request.query.region, { limit: request.query.limit, effect: effect?.cells })));

  app.get('/api/partners', {
    config: { role: 'planner' },
    schema: {
      summary: 'Partner regions for a gap: regions with enterprises at the stage, ranked by capacity over distance, with their SMEs',
      description: `${PARTNER_FORMULA}; ties: nearer first. capacityMlnRub: revenue of the region's enterprises at the stage. suppliesMlnRub: what the region already supplies to the gap's region at the stage.`,
      querystring: Type.Object({
        stage: StageParam,
        region: RegionParam,
        limit: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'partner regions returned' }),
        smes: Type.Integer({ minimum: 0, maximum: 200, default: 20, description: 'SMEs listed per region' }),
        scenario: ScenarioParam,
      }),
      response: {
        200: Type.Object({
          stage: Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String(), chain: Type.String() }),
          region: Region,
          ...Source,
          formula: Type.String(),
          total: Type.Integer({ description: 'regions with enterprises at the stage, before limit' }),
          partners: Type.Array(Type.Object({
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
            suppliesMlnRub: Type.Number(),
            smeList: Type.Array(Type.Object({
              id: Type.String(), name: Type.String(), nameEn: NullableString, size: Type.String(),
              employees: NullableNumber, revenueMlnRub: NullableNumber, synthetic: Type.Boolean(),
            })),
          })),
          scenario: ScenarioApplied,
        }),
        ...Errors,
      },
    },
  }, async (request) =>
    withScenario(request.query.scenario, (effect) =>
      partners(db, request.query.stage, request.query.region, { limit: request.query.limit, smesPerRegion: request.query.smes, effect: effect?.cells })));

  app.get('/api/clusters/:id/readiness', {
    config: { role: 'planner' },
    schema: {
      summary: 'Cluster registry readiness (Government Decree 779): the three checks and the participants that fail them',
      description: `Participants: enterprises that are members of the cluster (any role). Checks: at least ${settings.registry.minParticipants} participants (REGISTRY_MIN_PARTICIPANTS); at most ${settings.registry.maxWithoutLinks} without a supply link to another participant (REGISTRY_MAX_WITHOUT_LINKS); functional dependence = Σ volume of supply links between participants / Σ participants' revenue at least ${settings.registry.minDependence} (REGISTRY_MIN_DEPENDENCE), or ${settings.registry.minDependencePriority} (REGISTRY_MIN_DEPENDENCE_PRIORITY) when at least ${settings.registry.priorityShare} of participants (REGISTRY_PRIORITY_SHARE) work in priority territories.`,
      params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }),
      querystring: Type.Object({ scenario: ScenarioParam }),
      response: {
        200: Type.Object({
          cluster: Type.Object({
            id: Type.String(), name: Type.String(), nameEn: NullableString, kind: Type.String(), status: Type.String(),
            chain: NullableString, regions: Type.Array(Type.String()),
          }),
          industrial: Type.Boolean(),
          thresholds: Type.Object({
            minParticipants: Type.Integer(), maxWithoutLinks: Type.Integer(), minDependence: Type.Number(),
            minDependencePriority: Type.Number(), priorityShare: Type.Number(),
          }),
          ready: Type.Boolean({ description: 'all three checks pass' }),
          checks: Type.Object({
            participants: Type.Object({ passed: Type.Boolean(), value: Type.Integer(), threshold: Type.Integer() }),
            cooperation: Type.Object({
              passed: Type.Boolean(),
              value: Type.Integer({ description: 'participants without a supply link to or from another participant' }),
              threshold: Type.Integer(),
              failing: Type.Array(ParticipantRef),
            }),
            dependence: Type.Object({
              passed: Type.Boolean(),
              value: NullableNumber,
              threshold: Type.Number({ description: 'the threshold that applies' }),
              internalVolumeMlnRub: Type.Number(),
              revenueMlnRub: Type.Number(),
              priorityParticipants: Type.Integer(),
              priorityShare: Type.Number(),
              priorityThreshold: Type.Boolean({ description: 'the lower, priority-territory threshold applies' }),
              failing: Type.Array(ParticipantRef, { description: 'when the check fails: participants that supply nothing to other participants' }),
              revenueUnknown: Type.Array(ParticipantRef, { description: 'participants of unknown revenue (counted as 0)' }),
            }),
          }),
          participants: Type.Array(Type.Object({
            id: Type.String(), name: Type.String(), nameEn: NullableString, role: NullableString, region: Type.String(),
            size: NullableString, revenueMlnRub: NullableNumber, priorityTerritory: Type.Boolean(),
            suppliedMlnRub: Type.Number({ description: 'supplied to other participants' }),
            boughtMlnRub: Type.Number({ description: 'bought from other participants' }),
            linkedParticipants: Type.Integer({ description: 'other participants it has a supply link with, either way' }),
            hypothetical: Type.Optional(Type.Boolean({ description: 'a participant of the scenario, not of the real data' })),
          })),
          scenario: ScenarioApplied,
        }),
        ...Errors,
      },
    },
  }, async (request) => {
    const inputs = await readinessInputs(db, request.params.id);
    if (!request.query.scenario) return assessReadiness(inputs, settings);
    const scenario = await getScenario(db, request.query.scenario);
    const effect = await scenarioEffect(db, scenario);
    return { ...assessReadiness(readinessWithScenario(inputs, effect, scenario), settings), scenario: { ...effect.scenario, skipped: effect.skipped } };
  });

  app.get('/api/risks', {
    config: { role: 'planner' },
    schema: {
      summary: 'Structural risks of a region in a chain: single-supplier dependencies, brokers, likely missing links',
      description: 'The region\'s supply network: links at the chain\'s stages with the supplier or the buyer in the region, cut at `network.maxLinks` (largest volume first). Brokers: directed betweenness centrality (Brandes, normalised by (n−1)(n−2)). Suggested links: pairs not linked that share a neighbour, at least one in the region, where a stage of the supplier FEEDS a stage of the buyer, ranked by Adamic–Adar on the undirected network. Single suppliers: buyers in the region that get a stage from one supplier only (over all their links).',
      querystring: Type.Object({
        chain: ChainParam,
        region: RegionParam,
        limit: Type.Integer({ minimum: 1, maximum: 200, default: RISK_LIST_LIMIT, description: 'rows of each list' }),
      }),
      response: {
        200: Type.Object({
          chain: Type.String(),
          region: Region,
          network: Type.Object({
            enterprises: Type.Integer(), links: Type.Integer(), truncated: Type.Boolean({ description: 'the region has more links than maxLinks' }), maxLinks: Type.Integer(),
          }),
          singleSupplier: Type.Object({
            total: Type.Integer(),
            rows: Type.Array(Type.Object({ buyer: EnterpriseRef, stage: Type.String(), supplier: EnterpriseRef, volumeMlnRub: Type.Number() })),
          }),
          brokers: Type.Array(Type.Object({
            id: Type.String(), name: Type.String(), nameEn: NullableString, region: Type.String(), size: NullableString,
            betweenness: Type.Number(), suppliers: Type.Integer(), buyers: Type.Integer(),
          })),
          suggestedLinks: Type.Array(Type.Object({
            supplier: EnterpriseRef,
            buyer: EnterpriseRef,
            adamicAdar: Type.Number(),
            common: Type.Array(Type.String()),
            supplierStage: Type.String(),
            buyerStage: Type.String(),
          })),
        }),
        ...Errors,
      },
    },
  }, async (request) => risks(db, request.query.chain, request.query.region, { limit: request.query.limit }));
}
