// Datasets: every enterprise, cluster, technopark, support organisation and tagged relationship
// lists the datasets that hold it (property `datasets`), and each dataset is a (:Dataset) node.
// Removing a dataset deletes what no other dataset holds.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './common.js';

export const DATASET_KINDS = ['seed', 'register', 'revexp', 'headcount', 'file'] as const;
export const DatasetKind = Type.Union(DATASET_KINDS.map((k) => Type.Literal(k)));
export type DatasetKind = (typeof DATASET_KINDS)[number];

export const Dataset = Type.Object({
  id: Type.String({
    description:
      'seed | fns-rsmp:YYYY-MM-DD (register state date) | fns-revexp:YYYY | fns-sshr:YYYY (reporting year) | file:<import run id>',
  }),
  kind: DatasetKind,
  name: Type.String({ description: 'file names, or the register file name' }),
  stateDate: Nullable(Type.String({ description: 'the state date of the data, YYYY-MM-DD (FNS datasets)' })),
  status: Type.Union([
    Type.Literal('running'),
    Type.Literal('completed'),
    Type.Literal('cancelled'),
    Type.Literal('failed'),
    Type.Literal('removing'),
  ]),
  loadedAt: Nullable(Type.Number({ description: 'epoch milliseconds' })),
  loadedBy: Nullable(Type.String()),
  counts: Type.Object({
    enterprises: Type.Integer(),
    links: Type.Integer(),
    ties: Type.Integer(),
    clusters: Type.Integer(),
  }),
});
export type Dataset = Static<typeof Dataset>;

/** GET /api/datasets: newest first. */
export const DatasetList = Type.Object({
  datasets: Type.Array(Dataset),
});
export type DatasetList = Static<typeof DatasetList>;

/** A dataset's id as a route parameter. */
export const DatasetId = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9:._-]{0,199}$',
  description: 'seed, fns-rsmp:2025-06-10, fns-revexp:2024, file:<import run id>…',
});

/** DELETE /api/datasets/:id: what went and what stayed. */
export const DatasetRemoval = Type.Object({
  id: Type.String(),
  deleted: Type.Object(
    {
      enterprises: Type.Integer(),
      clusters: Type.Integer(),
      technoparks: Type.Integer(),
      supportOrgs: Type.Integer(),
      relationships: Type.Integer({
        description: 'tagged relationships (links, ties, memberships…) that no other dataset held',
      }),
    },
    { description: 'what no other dataset held' },
  ),
  kept: Type.Object(
    {
      nodes: Type.Integer(),
      relationships: Type.Integer(),
    },
    { description: 'held by another dataset too: only this dataset’s id left their `datasets` list' },
  ),
  detached: Type.Integer({
    description: 'relationships of other datasets that went with an end this dataset alone held',
  }),
  figures: Type.Integer({
    description: 'kept enterprises whose revenue, headcount or size came from this dataset and were cleared',
  }),
  aggregate: Type.Union(
    [Type.Object({ version: Type.Integer(), durationMs: Type.Integer() }), Type.Object({ error: Type.String() })],
    { description: "the overview's aggregate refreshed after the removal, or why it was not" },
  ),
  durationMs: Type.Integer(),
});
export type DatasetRemoval = Static<typeof DatasetRemoval>;
