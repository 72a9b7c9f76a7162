// HTTP routes of the gap analysis (issue 4): gaps of a region, the stages × regions matrix, SME
// entry opportunities, partner regions, cluster registry readiness, structural risks and the
// candidate entrants of a gap (with their XLSX and PDF export). Thin:
// input schemas (400 on bad parameters), GapError → 404, figures from server/gaps/. The response
// schemas (core/schemas/gaps.ts) are also what the OpenAPI document shows; fields not in them are
// not sent.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Settings } from '../config.js';
import type { Db } from '../db.js';
import type { SessionUser } from '../auth.js';
import {
  CANDIDATE_DEFAULTS,
  CANDIDATE_FORMULA,
  OPPORTUNITY_FORMULA,
  PARTNER_FORMULA,
  RISK_LIST_LIMIT,
  assessReadiness,
  candidates,
  gapMatrix,
  gapReport,
  opportunities,
  partners,
  readinessInputs,
  risks,
} from '../gaps/index.js';
import {
  getScenario,
  readinessWithScenario,
  scenarioApplied,
  scenarioEffect,
  type ScenarioEffect,
} from '../scenarios.js';
import { scenarioUser } from './scenarios.js';
import { CANDIDATE_EXPORT_FORMATS, CANDIDATE_EXPORT_MAX, candidatesExport } from '../candidates-export.js';
import {
  CandidateReport,
  ErrorBody,
  GapMatrix,
  GapReport,
  OpportunityReport,
  PartnerReport,
  Readiness,
  RiskReport,
  WithScenario,
} from '../../core/schemas.js';

const Errors = { 400: ErrorBody, 404: ErrorBody, 503: ErrorBody, 504: ErrorBody };

const ChainParam = Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$', description: 'chain id: timber, oilgas' });
const RegionParam = Type.String({ pattern: '^[0-9]{2}$', description: 'two-digit subject code, e.g. 11 (Komi)' });
const StageParam = Type.String({
  pattern: '^[a-z][a-z0-9-]{0,39}\\.[a-z0-9-]{1,60}$',
  description: 'stage id, e.g. timber.sawmilling',
});

/** The question of the candidate routes: where, which chain and stage, and how far to look. */
const CandidateQuery = {
  region: RegionParam,
  chain: ChainParam,
  stage: StageParam,
  radiusKm: Type.Number({
    minimum: 0,
    maximum: 10_000,
    default: CANDIDATE_DEFAULTS.radiusKm,
    description: "other regions are searched when their centre lies within this many km of the gap region's",
  }),
  neighbours: Type.Integer({
    minimum: 0,
    maximum: 88,
    default: CANDIDATE_DEFAULTS.neighbours,
    description: 'at most this many other regions, nearest first',
  }),
};
const CANDIDATE_ROUTE_DESCRIPTION = `The SMEs that could enter the stage in the region: active (main OKVED2 code at the stage), declared (another code) or adjacent (a code at a stage that FEEDS it or that it FEEDS), in the region first and then in the nearest regions. ${CANDIDATE_FORMULA}. \`method\` in the answer states it all. 404: unknown region, chain or stage; 400: the stage is not of the chain (\`reason\` says which).`;

/** `?scenario=<id>`: the answer with a what-if scenario applied (server/scenarios.ts); without it, today's. */
const ScenarioParam = Type.Optional(
  Type.String({
    pattern: '^[0-9a-f-]{36}$',
    description: "a what-if scenario's id: the figures with its hypothetical enterprises and contracts applied",
  }),
);

export async function gapRoutes(
  root: FastifyInstance,
  { db, settings }: { db: Db; settings: Settings },
): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  /** The scenario's effect when one is asked for, and what the answer says about it. */
  const withScenario = async <T extends object>(
    request: { query: { scenario?: string }; user: SessionUser | null },
    work: (effect: ScenarioEffect | undefined) => Promise<T>,
  ) => {
    const id = request.query.scenario;
    if (!id) return work(undefined);
    const effect = await scenarioEffect(db, await getScenario(db, id, scenarioUser(request.user)));
    return { ...(await work(effect)), scenario: scenarioApplied(effect) };
  };

  app.get(
    '/api/gaps',
    {
      config: { role: 'planner' },
      schema: {
        summary:
          'Gaps of a region in a chain: one row per stage with demand, local supply, LSR, imports and the gap rule',
        description: `A stage is a gap when D > 0 and no local enterprise operates at it (no-local-enterprise) or LSR < ${settings.gapLsrThreshold} (low-local-sourcing, GAP_LSR_THRESHOLD), or when the region has enterprises at a stage it FEEDS but none at it (missing-upstream-link). Stages in chain order.`,
        querystring: Type.Object({ chain: ChainParam, region: RegionParam, scenario: ScenarioParam }),
        response: {
          200: WithScenario(GapReport),
          ...Errors,
        },
      },
    },
    async (request) =>
      withScenario(request, (effect) =>
        gapReport(db, settings, request.query.chain, request.query.region, { effect: effect?.cells }),
      ),
  );

  app.get(
    '/api/gaps/matrix',
    {
      config: { role: 'planner' },
      schema: {
        summary: 'Stages × regions of a chain: presence, demand, local sourcing and gaps, column by column',
        description:
          'Each figure is an array over the stages (in `stages` order) of arrays over the regions (in `regions` order, all 89). `gap` is 0 for no gap, else a bit mask: bit i (value 2^i) is `rules[i]`.',
        querystring: Type.Object({ chain: ChainParam, scenario: ScenarioParam }),
        response: {
          200: WithScenario(GapMatrix),
          ...Errors,
        },
      },
    },
    async (request) =>
      withScenario(request, (effect) => gapMatrix(db, settings, request.query.chain, { effect: effect?.cells })),
  );

  app.get(
    '/api/opportunities',
    {
      config: { role: 'planner' },
      schema: {
        summary: 'SME entry opportunities: the gaps of a chain (in one region, or all) ranked by a transparent score',
        description: `${OPPORTUNITY_FORMULA}. Ranked: the gaps with evidence — purchases recorded at the stage in the region (D > 0); every row carries each term's value, normalised value, weight and points. Gaps without evidence (D = 0: a gap only because the region has enterprises at stages it FEEDS) are listed apart in \`structural\`, by region and chain order, with the reason; \`limit\` applies to each list.`,
        querystring: Type.Object({
          chain: ChainParam,
          region: Type.Optional(RegionParam),
          limit: Type.Integer({ minimum: 1, maximum: 5000, default: 100 }),
          scenario: ScenarioParam,
        }),
        response: {
          200: WithScenario(OpportunityReport),
          ...Errors,
        },
      },
    },
    async (request) =>
      withScenario(request, (effect) =>
        opportunities(db, settings, request.query.chain, request.query.region, {
          limit: request.query.limit,
          effect: effect?.cells,
        }),
      ),
  );

  app.get(
    '/api/partners',
    {
      config: { role: 'planner' },
      schema: {
        summary:
          'Partner regions for a gap: regions with enterprises at the stage, ranked by capacity over distance, with their SMEs',
        description: `${PARTNER_FORMULA}; ties: nearer first. capacityMlnRub: revenue of the region's enterprises at the stage. suppliesMlnRub: what the region already supplies to the gap's region at the stage.`,
        querystring: Type.Object({
          stage: StageParam,
          region: RegionParam,
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'partner regions returned' }),
          smes: Type.Integer({ minimum: 0, maximum: 200, default: 20, description: 'SMEs listed per region' }),
          scenario: ScenarioParam,
        }),
        response: {
          200: WithScenario(PartnerReport),
          ...Errors,
        },
      },
    },
    async (request) =>
      withScenario(request, (effect) =>
        partners(db, request.query.stage, request.query.region, {
          limit: request.query.limit,
          smesPerRegion: request.query.smes,
          effect: effect?.cells,
        }),
      ),
  );

  app.get(
    '/api/clusters/:id/readiness',
    {
      config: { role: 'planner' },
      schema: {
        summary:
          'Cluster registry readiness (Government Decree 779): the three checks and the participants that fail them',
        description: `Participants: enterprises that are members of the cluster (any role). Checks: at least ${settings.registry.minParticipants} participants (REGISTRY_MIN_PARTICIPANTS); at most ${settings.registry.maxWithoutLinks} participants without a cooperation link — no supply link to or from another participant (REGISTRY_MAX_WITHOUT_LINKS); functional dependence = Σ volume of supply links between participants / Σ participants' revenue at least ${settings.registry.minDependence} (REGISTRY_MIN_DEPENDENCE), or ${settings.registry.minDependencePriority} (REGISTRY_MIN_DEPENDENCE_PRIORITY) when at least ${settings.registry.priorityShare} of participants (REGISTRY_PRIORITY_SHARE) work in priority territories. Each check and the whole answer have a \`status\`: passed, failed or undetermined. An unknown revenue is never counted as 0: with any, the dependence fails when even the known revenue puts it below the threshold, and is undetermined otherwise — \`missing\` names whose revenue is needed, and \`unknownRevenueLimitMlnRub\` the most their revenues may sum to for the check to pass.`,
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }),
        querystring: Type.Object({ scenario: ScenarioParam }),
        response: {
          200: WithScenario(Readiness),
          ...Errors,
        },
      },
    },
    async (request) => {
      const inputs = await readinessInputs(db, request.params.id);
      if (!request.query.scenario) return assessReadiness(inputs, settings);
      const scenario = await getScenario(db, request.query.scenario, scenarioUser(request.user));
      const effect = await scenarioEffect(db, scenario);
      return {
        ...assessReadiness(readinessWithScenario(inputs, effect, scenario), settings),
        scenario: scenarioApplied(effect),
      };
    },
  );

  app.get(
    '/api/risks',
    {
      config: { role: 'planner' },
      schema: {
        summary: 'Structural risks of a region in a chain: single-supplier dependencies, brokers, likely missing links',
        description:
          "The region's supply network: links at the chain's stages with the supplier or the buyer in the region, cut at `network.maxLinks` (largest volume first). Brokers: directed betweenness centrality (Brandes, normalised by (n−1)(n−2)). Suggested links: pairs not linked that share a neighbour, at least one in the region, where a stage of the supplier FEEDS a stage of the buyer, ranked by Adamic–Adar on the undirected network. Single suppliers: buyers in the region that get a stage from one supplier only (over all their links). With ?scenario=, its contracts join the network and the links they wholly take over leave it.",
        querystring: Type.Object({
          chain: ChainParam,
          region: RegionParam,
          limit: Type.Integer({ minimum: 1, maximum: 200, default: RISK_LIST_LIMIT, description: 'rows of each list' }),
          scenario: ScenarioParam,
        }),
        response: {
          200: WithScenario(RiskReport),
          ...Errors,
        },
      },
    },
    async (request) =>
      withScenario(request, (effect) =>
        risks(db, request.query.chain, request.query.region, {
          limit: request.query.limit,
          network: effect?.network,
        }),
      ),
  );

  app.get(
    '/api/gaps/candidates',
    {
      config: { role: 'planner' },
      schema: {
        summary:
          'Candidate entrants of a gap: the SMEs that could enter a stage in a region, ranked, every component shown',
        description: CANDIDATE_ROUTE_DESCRIPTION,
        querystring: Type.Object({
          ...CandidateQuery,
          limit: Type.Integer({ minimum: 1, maximum: 500, default: CANDIDATE_DEFAULTS.limit }),
          offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
        }),
        response: { 200: CandidateReport, ...Errors },
      },
    },
    async (request) => {
      const { region, chain, stage, ...opts } = request.query;
      return candidates(db, settings, region, chain, stage, opts);
    },
  );

  app.get(
    '/api/gaps/candidates/export',
    {
      config: { role: 'planner' },
      schema: {
        summary: 'The candidate entrants of a gap as an XLSX workbook or a PDF report, in Russian or English',
        description: `${CANDIDATE_ROUTE_DESCRIPTION} The file holds the first ${CANDIDATE_EXPORT_MAX} candidates with every component, and the method.`,
        querystring: Type.Object({
          ...CandidateQuery,
          format: Type.Union(
            CANDIDATE_EXPORT_FORMATS.map((f) => Type.Literal(f)),
            { description: 'xlsx or pdf' },
          ),
          lang: Type.Union([Type.Literal('ru'), Type.Literal('en')], { default: 'ru' }),
          date: Type.Optional(
            Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'date printed in the file (default today)' }),
          ),
        }),
        response: {
          200: {
            description: 'the file',
            content: {
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                schema: { type: 'string', format: 'binary' },
              },
              'application/pdf': { schema: { type: 'string', format: 'binary' } },
            },
          },
          ...Errors,
        },
      },
    },
    async (request, reply) => {
      const { region, chain, stage, format, lang, date, ...opts } = request.query;
      const report = await candidates(db, settings, region, chain, stage, { ...opts, limit: CANDIDATE_EXPORT_MAX });
      const file = await candidatesExport(report, format, lang, date ?? new Date().toISOString().slice(0, 10));
      return reply
        .header('content-type', file.mime)
        .header(
          'content-disposition',
          `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );
}
