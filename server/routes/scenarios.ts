// HTTP routes of the what-if scenarios (server/scenarios.ts): list, create, read, replace (with the
// version read, 409 when someone saved first), delete, and contract suggestions for a cluster.
// The figures with a scenario applied are the gap routes' own, with `?scenario=<id>`.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Settings } from '../config.js';
import type { Db } from '../db.js';
import {
  SCENARIO_MAX_ITEMS, SUGGESTION_METHOD, createScenario, deleteScenario, getScenario, listScenarios,
  suggestContracts, updateScenario,
} from '../scenarios.js';

const ErrorBody = Type.Object({ error: Type.String(), message: Type.String(), reason: Type.Optional(Type.String()) });
const Errors = { 400: ErrorBody, 404: ErrorBody, 503: ErrorBody, 504: ErrorBody };
const Id = Type.String({ pattern: '^[0-9a-f-]{36}$' });
const Nullable = <T extends ReturnType<typeof Type.Number> | ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const EnterpriseItem = Type.Object({
  kind: Type.Literal('enterprise'),
  id: Type.String({ description: 'hypothetical:<id>, how the scenario\'s contracts name it' }),
  name: Type.String(),
  region: Type.String(),
  stages: Type.Array(Type.String()),
  size: Type.String({ description: 'micro, small, medium or large' }),
  revenueMlnRub: Nullable(Type.Number()),
  employees: Nullable(Type.Number()),
  clusters: Type.Array(Type.String(), { description: 'clusters it joins as a participant' }),
  priorityTerritory: Type.Boolean(),
});
const LinkItem = Type.Object({
  kind: Type.Literal('link'),
  supplier: Type.String({ description: 'enterprise:<id> (real) or hypothetical:<id>' }),
  buyer: Type.String(),
  stage: Type.String(),
  volumeMlnRub: Type.Number(),
  replaces: Nullable(Type.String({ description: 'enterprise:<id> whose supply to the buyer at the stage the contract takes over' })),
});
const Scenario = Type.Object({
  id: Type.String(), name: Type.String(), description: Type.String(), createdAt: Type.String(), updatedAt: Type.String(),
  version: Type.Integer({ description: 'send it back with a change; a change to an older version is refused (409)' }),
  items: Type.Array(Type.Union([EnterpriseItem, LinkItem])),
});
const Body = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  items: Type.Optional(Type.Array(Type.Unknown(), {
    maxItems: SCENARIO_MAX_ITEMS,
    description: 'hypothetical enterprises {kind: "enterprise", id, name, region, stages, size, revenueMlnRub, employees, clusters, priorityTerritory} and contracts {kind: "link", supplier, buyer, stage, volumeMlnRub, replaces}; each checked, the first error names the item and field',
  })),
};
const Party = Type.Object({ id: Type.String(), name: Type.String(), region: Type.String() });

export async function scenarioRoutes(root: FastifyInstance, { db, settings }: { db: Db; settings: Settings }): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/scenarios', {
    config: { role: 'planner' },
    schema: {
      summary: 'What-if scenarios: hypothetical enterprises and contracts kept apart from the real data',
      response: {
        200: Type.Object({
          scenarios: Type.Array(Type.Object({
            id: Type.String(), name: Type.String(), description: Type.String(), updatedAt: Type.String(), version: Type.Integer(),
            enterprises: Type.Integer(), links: Type.Integer(),
          })),
        }),
        ...Errors,
      },
    },
  }, async () => ({ scenarios: await listScenarios(db) }));

  app.post('/api/scenarios', {
    config: { role: 'planner' },
    schema: { summary: 'Creates a what-if scenario', body: Type.Object(Body), response: { 201: Scenario, ...Errors } },
  }, async (request, reply) => reply.code(201).send(await createScenario(db, request.body)));

  app.get('/api/scenarios/:id', {
    config: { role: 'planner' },
    schema: { summary: 'One what-if scenario with its items', params: Type.Object({ id: Id }), response: { 200: Scenario, ...Errors } },
  }, async (request) => getScenario(db, request.params.id));

  app.put('/api/scenarios/:id', {
    config: { role: 'planner' },
    schema: {
      summary: 'Replaces a scenario\'s name, description and items (optimistic concurrency on `version`)',
      params: Type.Object({ id: Id }),
      body: Type.Object({ ...Body, version: Type.Integer({ minimum: 1, description: 'the version the change was made on' }) }),
      response: { 200: Scenario, 409: ErrorBody, ...Errors },
    },
  }, async (request) => updateScenario(db, request.params.id, request.body));

  app.delete('/api/scenarios/:id', {
    config: { role: 'planner' },
    schema: { summary: 'Deletes a scenario (the real data are not touched)', params: Type.Object({ id: Id }), response: { 204: Type.Null(), ...Errors } },
  }, async (request, reply) => {
    await deleteScenario(db, request.params.id);
    return reply.code(204).send(null);
  });

  app.get('/api/clusters/:id/contract-suggestions', {
    config: { role: 'planner' },
    schema: {
      summary: 'Contracts between a cluster\'s participants that would lift its functional dependence to the registry threshold',
      description: `${SUGGESTION_METHOD} With ?scenario=<id>, on top of that scenario.`,
      params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }),
      querystring: Type.Object({
        scenario: Type.Optional(Id),
        limit: Type.Integer({ minimum: 1, maximum: 200, default: 20, description: 'suggestions listed (the plan\'s are always included)' }),
      }),
      response: {
        200: Type.Object({
          cluster: Type.Object({ id: Type.String(), name: Type.String() }),
          scenario: Type.Union([Type.Object({ id: Type.String(), name: Type.String(), version: Type.Integer(), items: Type.Integer() }), Type.Null()]),
          method: Type.String(),
          dependence: Type.Object({
            value: Nullable(Type.Number()), threshold: Type.Number(), internalVolumeMlnRub: Type.Number(), revenueMlnRub: Type.Number(),
            neededMlnRub: Nullable(Type.Number({ description: 'internal volume missing to the threshold; null when no revenue is known' })),
          }),
          total: Type.Integer({ description: 'candidate contracts before limit' }),
          suggestions: Type.Array(Type.Object({
            supplier: Type.Object({ id: Type.String(), name: Type.String(), region: Type.String(), hypothetical: Type.Boolean() }),
            buyer: Party,
            stage: Type.String(),
            volumeMlnRub: Type.Number(),
            replaces: Party,
            distanceKm: Type.Number(),
            dependenceAfter: Nullable(Type.Number({ description: 'functional dependence with this contract alone' })),
          })),
          plan: Type.Object({
            contracts: Type.Integer({ description: 'the fewest contracts (largest first) that reach the threshold' }),
            reaches: Type.Boolean(),
            dependenceAfter: Nullable(Type.Number()),
            volumeMlnRub: Type.Number(),
            indices: Type.Array(Type.Integer(), { description: 'positions in suggestions' }),
          }),
        }),
        ...Errors,
      },
    },
  }, async (request) => {
    const scenario = request.query.scenario ? await getScenario(db, request.query.scenario) : undefined;
    return suggestContracts(db, settings, request.params.id, { scenario, limit: request.query.limit });
  });
}
