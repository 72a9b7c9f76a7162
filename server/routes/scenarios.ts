// HTTP routes of the what-if scenarios (server/scenarios.ts): list, create, read, replace (with the
// version read, 409 when someone saved first), delete, the purchases a contract can replace, and
// contract suggestions for a cluster. A scenario is its owner's: private (others get 404) or shared
// with the team (read by every planner, changed and deleted by its owner or an admin), as saved
// views are. The figures with a scenario applied are the gap routes' own, with `?scenario=<id>`.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Settings } from '../config.js';
import type { Db } from '../db.js';
import { hasRole, type SessionUser } from '../auth.js';
import {
  SCENARIO_MAX_ITEMS,
  SUGGESTION_METHOD,
  createScenario,
  deleteScenario,
  getScenario,
  listScenarios,
  purchases,
  suggestContracts,
  updateScenario,
  type ScenarioUser,
} from '../scenarios.js';
import { ContractSuggestions, ErrorBody, Purchases, Scenario, ScenarioSummary } from '../../core/schemas.js';

const Errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 503: ErrorBody, 504: ErrorBody };

/** Who asks, for the scenarios' owner and sharing rules. */
export const scenarioUser = (user: SessionUser | null): ScenarioUser => ({
  username: user!.username,
  admin: hasRole(user!, 'admin'),
});
const Id = Type.String({ pattern: '^[0-9a-f-]{36}$' });
const Body = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  items: Type.Optional(
    Type.Array(Type.Unknown(), {
      maxItems: SCENARIO_MAX_ITEMS,
      description:
        'hypothetical enterprises {kind: "enterprise", id, name, region, stages, size, revenueMlnRub, employees, clusters, priorityTerritory} and contracts {kind: "link", supplier, buyer, stage, volumeMlnRub, replaces}; each checked, the first error names the item and field',
    }),
  ),
  shared: Type.Optional(
    Type.Boolean({
      description: 'shared with the team (read by every planner); only the owner sets it. A new scenario is private',
    }),
  ),
};

export async function scenarioRoutes(
  root: FastifyInstance,
  { db, settings }: { db: Db; settings: Settings },
): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/scenarios',
    {
      config: { role: 'planner' },
      schema: {
        summary:
          'What-if scenarios: hypothetical enterprises and contracts kept apart from the real data; your own and those shared with the team',
        response: {
          200: Type.Object({ scenarios: Type.Array(ScenarioSummary) }),
          ...Errors,
        },
      },
    },
    async (request) => ({ scenarios: await listScenarios(db, scenarioUser(request.user)) }),
  );

  app.post(
    '/api/scenarios',
    {
      config: { role: 'planner' },
      schema: {
        summary: 'Creates a what-if scenario',
        body: Type.Object(Body),
        response: { 201: Scenario, ...Errors },
      },
    },
    async (request, reply) => reply.code(201).send(await createScenario(db, request.body, scenarioUser(request.user))),
  );

  app.get(
    '/api/scenarios/:id',
    {
      config: { role: 'planner' },
      schema: {
        summary: 'One what-if scenario with its items (your own, or one shared with the team)',
        params: Type.Object({ id: Id }),
        response: { 200: Scenario, ...Errors },
      },
    },
    async (request) => getScenario(db, request.params.id, scenarioUser(request.user)),
  );

  app.put(
    '/api/scenarios/:id',
    {
      config: { role: 'planner' },
      schema: {
        summary:
          "Replaces a scenario's name, description and items (optimistic concurrency on `version`); its owner or an admin",
        params: Type.Object({ id: Id }),
        body: Type.Object({
          ...Body,
          version: Type.Integer({ minimum: 1, description: 'the version the change was made on' }),
        }),
        response: { 200: Scenario, 409: ErrorBody, ...Errors },
      },
    },
    async (request) => updateScenario(db, request.params.id, request.body, scenarioUser(request.user)),
  );

  app.delete(
    '/api/scenarios/:id',
    {
      config: { role: 'planner' },
      schema: {
        summary: 'Deletes a scenario (the real data are not touched); its owner or an admin',
        params: Type.Object({ id: Id }),
        response: { 204: Type.Null(), ...Errors },
      },
    },
    async (request, reply) => {
      await deleteScenario(db, request.params.id, scenarioUser(request.user));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/scenarios/purchases',
    {
      config: { role: 'planner' },
      schema: {
        summary:
          'What a buyer now buys at a stage, supplier by supplier: the purchases a hypothetical contract can replace',
        description:
          "Σ volume and count of the supply links from each supplier to the buyer at the stage; imports (the supplier outside the buyer's region) first, then the largest. 404: no such enterprise or stage.",
        querystring: Type.Object({
          buyer: Type.String({ minLength: 1, maxLength: 200, description: 'the real buyer (enterprise id)' }),
          stage: Type.String({ minLength: 1, maxLength: 100, description: 'stage id, e.g. timber.logging' }),
        }),
        response: { 200: Purchases, ...Errors },
      },
    },
    async (request) => purchases(db, request.query.buyer, request.query.stage),
  );

  app.get(
    '/api/clusters/:id/contract-suggestions',
    {
      config: { role: 'planner' },
      schema: {
        summary:
          "Contracts between a cluster's participants that would lift its functional dependence to the registry threshold",
        description: `${SUGGESTION_METHOD} With ?scenario=<id>, on top of that scenario.`,
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }),
        querystring: Type.Object({
          scenario: Type.Optional(Id),
          limit: Type.Integer({
            minimum: 1,
            maximum: 200,
            default: 20,
            description: "suggestions listed (the plan's are always included)",
          }),
        }),
        response: {
          200: ContractSuggestions,
          ...Errors,
        },
      },
    },
    async (request) => {
      const scenario = request.query.scenario
        ? await getScenario(db, request.query.scenario, scenarioUser(request.user))
        : undefined;
      return suggestContracts(db, settings, request.params.id, { scenario, limit: request.query.limit });
    },
  );
}
