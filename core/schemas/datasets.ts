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
