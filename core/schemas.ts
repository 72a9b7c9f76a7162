// The API's shapes, each defined once as a TypeBox schema; the TypeScript type of each is derived
// from its schema, so the server's validation, the OpenAPI document and the client agree. One
// file per capability under ./schemas/; this module is what the rest imports.
export * from './schemas/common.js';
export * from './schemas/reference.js';
export * from './schemas/explore.js';
export * from './schemas/overview.js';
export * from './schemas/auth.js';
export * from './schemas/audit.js';
export * from './schemas/import.js';
export * from './schemas/gaps.js';
export * from './schemas/scenarios.js';
export * from './schemas/datasets.js';
export * from './schemas/register.js';
