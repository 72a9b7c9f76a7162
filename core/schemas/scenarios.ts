// What-if scenarios (server/scenarios.ts): hypothetical enterprises and contracts kept apart from
// the real data, what the gap answers say when one is applied, and contract suggestions.
import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox';
import { Nullable } from './common.js';

export const HypotheticalEnterprise = Type.Object({
  kind: Type.Literal('enterprise'),
  id: Type.String({ description: "hypothetical:<id>, how the scenario's contracts name it" }),
  name: Type.String(),
  region: Type.String(),
  stages: Type.Array(Type.String()),
  // The SME categories of core/reference.ts (SIZE_CATEGORIES), spelt out here because that module
  // reads its types from these schemas.
  size: Type.Union([Type.Literal('micro'), Type.Literal('small'), Type.Literal('medium'), Type.Literal('large')], {
    description: 'micro, small, medium or large',
  }),
  revenueMlnRub: Nullable(Type.Number()),
  employees: Nullable(Type.Number()),
  clusters: Type.Array(Type.String(), { description: 'clusters it joins as a participant' }),
  priorityTerritory: Type.Boolean(),
});
export type HypotheticalEnterprise = Static<typeof HypotheticalEnterprise>;

export const HypotheticalLink = Type.Object({
  kind: Type.Literal('link'),
  supplier: Type.String({ description: 'enterprise:<id> (real) or hypothetical:<id>' }),
  buyer: Type.String(),
  stage: Type.String(),
  volumeMlnRub: Type.Number(),
  /**
   * `enterprise:<id>` of the real enterprise the buyer now gets this stage from, whose supply the
   * contract takes over (up to the contract's volume, at most what the real links carry); null:
   * the contract is new demand.
   */
  replaces: Nullable(
    Type.String({
      description:
        'enterprise:<id> of a supplier the buyer now buys the stage from: the contract replaces that purchase (demand stays, up to the purchase volume)',
    }),
  ),
});
export type HypotheticalLink = Static<typeof HypotheticalLink>;

export const ScenarioItem = Type.Union([HypotheticalEnterprise, HypotheticalLink]);
export type ScenarioItem = Static<typeof ScenarioItem>;

/** Who owns a scenario, whether the team sees it, and whether the asking user may change it. */
const Access = Type.Object({
  owner: Nullable(
    Type.String({ description: 'the username that created it; null: saved before scenarios had owners' }),
  ),
  shared: Type.Boolean({ description: 'the team reads it; a private one exists for its owner only' }),
  mine: Type.Boolean({ description: 'the asking user owns it' }),
  canChange: Type.Boolean({ description: 'the asking user may change and delete it (its owner, or an admin)' }),
});

export const Scenario = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer({ description: 'send it back with a change; a change to an older version is refused (409)' }),
  items: Type.Array(ScenarioItem),
  ...Access.properties,
});
export type Scenario = Static<typeof Scenario>;

export const ScenarioSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
  enterprises: Type.Integer(),
  links: Type.Integer(),
  ...Access.properties,
});
export type ScenarioSummary = Static<typeof ScenarioSummary>;

/** Which scenario an answer is computed with: its version and how many items it holds. */
export const ScenarioRef = Type.Object({
  id: Type.String(),
  name: Type.String(),
  version: Type.Integer(),
  items: Type.Integer(),
});
export type ScenarioRef = Static<typeof ScenarioRef>;

/** An item that no longer applies (an enterprise it names was deleted from the real data since). */
export const SkippedItem = Type.Object({
  item: Type.Integer({ description: 'the item, by position from 1' }),
  reason: Type.Literal('enterprise_gone', { description: 'why it no longer applies, as a code' }),
  enterprise: Type.String({ description: 'the id of the enterprise no longer in the data' }),
});
export type SkippedItem = Static<typeof SkippedItem>;

export const ScenarioApplied = Type.Object(
  {
    ...ScenarioRef.properties,
    skipped: Type.Array(SkippedItem, { description: 'items that no longer apply' }),
    replaced: Type.Array(
      Type.Object({
        item: Type.Integer({ description: 'the contract, by position from 1' }),
        volumeMlnRub: Type.Number({ description: 'the volume of the purchase it replaces, taken over' }),
      }),
      { description: 'per contract instead of a supplier: the volume it takes over (at most the purchase)' },
    ),
  },
  { description: "present when the figures are a scenario's" },
);
export type ScenarioApplied = Static<typeof ScenarioApplied>;

/**
 * An answer of the gap routes, which take `?scenario=<id>`: the answer's own schema with the
 * scenario applied, if any. A TypeBox function for the routes' response schemas, and the type of
 * such an answer for the client.
 */
export const WithScenario = <T extends TProperties>(schema: TObject<T>) =>
  Type.Object({ ...schema.properties, scenario: Type.Optional(ScenarioApplied) });
export type WithScenario<T> = T & { scenario?: ScenarioApplied };

const Party = Type.Object({ id: Type.String(), name: Type.String(), region: Type.String() });

export const ContractSuggestion = Type.Object({
  supplier: Type.Object({
    id: Type.String(),
    name: Type.String(),
    region: Type.String(),
    hypothetical: Type.Boolean(),
  }),
  buyer: Party,
  stage: Type.String(),
  volumeMlnRub: Type.Number(),
  /** The outside enterprise whose supply the contract takes over. */
  replaces: Party,
  /** Between the supplier's and the buyer's region centres, km. */
  distanceKm: Type.Number(),
  dependenceAfter: Nullable(Type.Number({ description: 'functional dependence with this contract alone' })),
});
export type ContractSuggestion = Static<typeof ContractSuggestion>;

/** GET /api/clusters/:id/contract-suggestions. */
export const ContractSuggestions = Type.Object({
  cluster: Type.Object({ id: Type.String(), name: Type.String() }),
  scenario: Nullable(ScenarioRef),
  method: Type.String(),
  dependence: Type.Object({
    value: Nullable(Type.Number()),
    threshold: Type.Number(),
    internalVolumeMlnRub: Type.Number(),
    revenueMlnRub: Type.Number({ description: "participants' known revenue" }),
    neededMlnRub: Nullable(
      Type.Number({
        description:
          'internal volume missing to the threshold over the known revenue (a lower bound when some is unknown); null when no revenue is known',
      }),
    ),
  }),
  /** Candidates, largest first (at most `limit`). */
  total: Type.Integer({ description: 'candidate contracts before limit' }),
  suggestions: Type.Array(ContractSuggestion),
  /** The fewest contracts (largest first) that lift the dependence to the threshold; reaches=false when all together fall short. */
  plan: Type.Object({
    contracts: Type.Integer({ description: 'the fewest contracts (largest first) that reach the threshold' }),
    reaches: Type.Boolean({
      description:
        "the plan lifts the dependence to the threshold; never true while some participant's revenue is unknown",
    }),
    dependenceAfter: Nullable(
      Type.Number({ description: 'over the known revenue: an upper bound when some revenue is unknown' }),
    ),
    volumeMlnRub: Type.Number(),
    indices: Type.Array(Type.Integer(), { description: 'positions in suggestions' }),
  }),
});
export type ContractSuggestions = Static<typeof ContractSuggestions>;

/** One purchase a hypothetical contract can replace: what a buyer gets at a stage from one supplier. */
export const Purchase = Type.Object({
  supplier: Type.Object({
    id: Type.String(),
    name: Type.String(),
    nameEn: Nullable(Type.String()),
    region: Type.String(),
  }),
  volumeMlnRub: Type.Number({ description: "Σ volume of the supplier's links to the buyer at the stage" }),
  links: Type.Integer(),
  imported: Type.Boolean({ description: "the supplier is outside the buyer's region" }),
});
export type Purchase = Static<typeof Purchase>;

/** GET /api/scenarios/purchases: what a buyer now buys at a stage, supplier by supplier. */
export const Purchases = Type.Object({
  buyer: Type.Object({
    id: Type.String(),
    name: Type.String(),
    nameEn: Nullable(Type.String()),
    region: Type.String(),
  }),
  stage: Type.String(),
  purchases: Type.Array(Purchase, { description: 'imports first, then the largest' }),
});
export type Purchases = Static<typeof Purchases>;
