// HTTP API: assembles the plugins (errors, security, accounts, audit) and one route file per
// capability (server/routes/); each route states its role and its schemas beside itself, and the
// same schemas produce the OpenAPI document.
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Settings } from './config.js';
import type { Db } from './db.js';
import { AppError } from './errors.js';
import { rejectNonFinite } from './finite.js';
import { errorHandler } from './plugins/errors.js';
import { security } from './plugins/security.js';
import { auth } from './plugins/auth.js';
import { audit } from './plugins/audit.js';
import { authRoutes } from './routes/auth.js';
import { accountRoutes } from './routes/accounts.js';
import { auditRoutes } from './routes/audit.js';
import { openapiRoutes } from './routes/openapi.js';
import { healthRoutes } from './routes/health.js';
import { searchRoutes } from './routes/search.js';
import { overviewRoutes } from './routes/overview.js';
import { exploreRoutes } from './routes/explore.js';
import { gapRoutes } from './routes/gaps.js';
import { scenarioRoutes } from './routes/scenarios.js';
import { viewRoutes } from './routes/views.js';
import { exportRoutes } from './routes/export.js';
import { referenceRoutes } from './routes/reference.js';
import { importRoutes } from './routes/import.js';
import { datasetRoutes } from './routes/datasets.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildApp(db: Db, settings: Settings, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: settings.bodyLimitKb * 1024,
    // A client that sends its request slowly (a byte now and then) is cut off with 408 once the
    // whole request has taken this long; headers alone get at most 30 s of it. Node checks the
    // connections every 2 s (its default, 30 s, would let a slow sender stay that much longer).
    requestTimeout: settings.requestTimeoutMs,
    http: { headersTimeout: Math.min(30_000, settings.requestTimeoutMs), connectionsCheckingInterval: 2_000 },
    trustProxy: settings.trustProxy,
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'coopgraph API',
        version: '0.1.0',
        description: 'Inter-regional cooperation graph: enterprises, clusters, technoparks, regions and supply links.',
      },
    },
  });
  // Files up to UPLOAD_MAX_MB each; the few plain fields the import routes read (regions, chains,
  // dryRun) are short, so fields are bounded in number and size too (server/plugins/errors.ts
  // names the setting a refusal hit).
  await app.register(multipart, {
    limits: {
      fileSize: settings.uploadMaxMb * 1024 * 1024,
      files: settings.uploadMaxFiles,
      fields: settings.uploadMaxFields,
      fieldSize: settings.uploadMaxFieldKb * 1024,
      parts: settings.uploadMaxFiles + settings.uploadMaxFields,
    },
  });
  await app.register(errorHandler, { settings });
  await app.register(security);
  // Accounts and roles: every API route below is checked against the role it states.
  await app.register(auth, { db, settings });
  await app.register(audit, { db });
  // Numbers the validator coerced to ±Infinity ("1e309") answer 400 on every route (server/finite.ts).
  app.addHook('preHandler', rejectNonFinite);

  // Registered in the order the OpenAPI document lists them.
  const deps = { db, settings };
  await app.register(authRoutes, deps);
  await app.register(accountRoutes, deps);
  await app.register(auditRoutes, deps);
  await app.register(openapiRoutes);
  await app.register(healthRoutes, deps);
  await app.register(searchRoutes, deps);
  await app.register(overviewRoutes, deps);
  await app.register(exploreRoutes, deps);
  await app.register(gapRoutes, deps);
  await app.register(scenarioRoutes, deps);
  await app.register(viewRoutes, deps);
  await app.register(exportRoutes, deps);
  await app.register(referenceRoutes);
  await app.register(importRoutes, deps);
  await app.register(datasetRoutes, deps);

  app.all('/api/*', { schema: { hide: true } }, async (request) => {
    throw new AppError(404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`);
  });

  const clientDir = join(ROOT, 'dist', 'client');
  if (existsSync(clientDir)) {
    await app.register(fastifyStatic, { root: clientDir, wildcard: false });
    app.setNotFoundHandler((_request, reply) => reply.sendFile('index.html'));
  }
  return app;
}
