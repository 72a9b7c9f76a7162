// Schemas shared by the route files that describe the graph (the OpenAPI document shows them).
import { Type } from '@fastify/type-provider-typebox';
import { NODE_TYPES, type NodeType } from '../graph.js';

export const ErrorBody = Type.Object({
  error: Type.String({ description: 'machine-readable code' }),
  message: Type.String(),
  reason: Type.Optional(Type.String()),
});

export const NodeTypeName = Type.Union((Object.keys(NODE_TYPES) as NodeType[]).map((t) => Type.Literal(t)));
export const NullableString = Type.Union([Type.String(), Type.Null()]);
export const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
export const NodeIdString = Type.String({ minLength: 3, maxLength: 300, description: 'type:key, e.g. enterprise:luzales' });

