// Schemas of the route files' parameters (the OpenAPI document shows them). The answers' schemas,
// and the error body every route answers with, are the API's own: core/schemas.ts.
import { Type } from '@fastify/type-provider-typebox';

export { ErrorBody, NodeKind as NodeTypeName } from '../../core/schemas.js';
export const NodeIdString = Type.String({
  minLength: 3,
  maxLength: 300,
  description: 'type:key, e.g. enterprise:luzales',
});
