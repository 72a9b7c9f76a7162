// Schemas every capability's answers use: the error body, nullable values, node kinds.
import { Type, type SchemaOptions, type Static, type TSchema } from '@sinclair/typebox';

/** A value or null (JSON has no undefined; unknown figures are null). */
export const Nullable = <T extends TSchema>(t: T, options?: SchemaOptions) => Type.Union([t, Type.Null()], options);

/** Every error answer: a machine code, a sentence for people, sometimes the reason behind it. */
export const ErrorBody = Type.Object({
  error: Type.String({ description: 'machine-readable code' }),
  message: Type.String(),
  reason: Type.Optional(Type.String()),
  ids: Type.Optional(Type.Array(Type.String(), { description: 'the ids an error concerns (e.g. unknown node ids)' })),
  lockedUntil: Type.Optional(Type.Number({ description: 'a locked account: when the lock ends (ms since 1970)' })),
});
export type ErrorBody = Static<typeof ErrorBody>;

/** Node types as they appear in API ids ("enterprise:luzales"). */
export const NODE_KINDS = [
  'region',
  'enterprise',
  'cluster',
  'technopark',
  'supportorg',
  'chain',
  'stage',
  'industry',
] as const;
export const NodeKind = Type.Union(NODE_KINDS.map((k) => Type.Literal(k)));
export type NodeKind = (typeof NODE_KINDS)[number];
