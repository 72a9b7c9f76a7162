// HTTP API: thin routes with input schemas; the same schemas produce the OpenAPI document.
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import type { Settings } from './config.js';
import { DbTimeoutError, DbUnavailableError, type Db } from './db.js';
import { health, nodeDetail, search } from './graph.js';
import { importFiles, importOptions, type ImportFile } from './import/index.js';
import { FILE_KINDS } from './import/validate.js';
import { loadReference } from './reference.js';
import { OVERVIEW_ALL, overview } from './overview.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const ErrorBody = Type.Object({
  error: Type.String({ description: 'machine-readable code' }),
  message: Type.String(),
  reason: Type.Optional(Type.String()),
});

const SearchHit = Type.Object({
  id: Type.String({ description: 'type:key, e.g. enterprise:mondi-syktyvkar or region:11' }),
  type: Type.String(),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  region: Type.Union([Type.String(), Type.Null()]),
  regionName: Type.Union([Type.String(), Type.Null()]),
  inn: Type.Union([Type.String(), Type.Null()]),
  okved: Type.Union([Type.String(), Type.Null()]),
  size: Type.Union([Type.String(), Type.Null()]),
  score: Type.Number(),
  matchedBy: Type.Union([Type.Literal('name'), Type.Literal('inn'), Type.Literal('okved')]),
});

const ImportIssue = Type.Object({
  file: Type.String(),
  row: Type.Optional(Type.Integer()),
  column: Type.Optional(Type.String()),
  code: Type.String(),
  value: Type.Optional(Type.String()),
  message: Type.String(),
});

const ImportReport = Type.Object({
  ok: Type.Boolean(),
  dryRun: Type.Boolean(),
  runId: Type.Union([Type.String(), Type.Null()]),
  files: Type.Array(Type.Object({
    file: Type.String(),
    kind: Type.Union([Type.String(), Type.Null()]),
    rows: Type.Integer(),
    encoding: Type.Optional(Type.String()),
    delimiter: Type.Optional(Type.String()),
  })),
  errorCount: Type.Integer(),
  errors: Type.Array(ImportIssue),
  written: Type.Object({ clusters: Type.Integer(), enterprises: Type.Integer(), links: Type.Integer() }),
  durationMs: Type.Integer(),
});

function langOf(header: string | undefined, query?: string): 'ru' | 'en' {
  if (query === 'en' || query === 'ru') return query;
  return header && /^en\b/i.test(header.trim()) ? 'en' : 'ru';
}

export async function buildApp(db: Db, settings: Settings, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
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
  await app.register(multipart, { limits: { fileSize: settings.uploadMaxMb * 1024 * 1024, files: 10 } });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error instanceof DbUnavailableError) {
      return reply.code(503).send({ error: 'neo4j_unavailable', message: 'The graph database is unavailable; retry shortly.', reason: error.reason });
    }
    if (error instanceof DbTimeoutError) {
      return reply.code(504).send({ error: 'query_timeout', message: error.message });
    }
    if (error.validation) {
      return reply.code(400).send({ error: 'bad_request', message: error.message });
    }
    if (error.code === 'FST_REQ_FILE_TOO_LARGE' || error.statusCode === 413) {
      return reply.code(413).send({ error: 'too_large', message: `the upload exceeds ${settings.uploadMaxMb} MB` });
    }
    if (error.statusCode && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ error: 'bad_request', message: error.message });
    }
    app.log.error(error);
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });

  // State-changing requests only from the app's own pages (or tools that send no Origin):
  // a page on another site must not be able to post an import through the user's browser.
  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    const origin = request.headers.origin;
    const crossSite = request.headers['sec-fetch-site'] === 'cross-site';
    let foreignOrigin = false;
    if (origin) {
      try {
        foreignOrigin = new URL(origin).host !== request.headers.host;
      } catch {
        foreignOrigin = true;
      }
    }
    if (crossSite || foreignOrigin) {
      return reply.code(403).send({ error: 'forbidden', message: 'cross-site requests may not change data' });
    }
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/api/health', {
    schema: {
      summary: 'Neo4j reachability, version and node counts by label',
      response: {
        200: Type.Object({
          status: Type.Literal('ok'),
          neo4j: Type.Object({ reachable: Type.Boolean(), version: Type.String(), edition: Type.String() }),
          counts: Type.Record(Type.String(), Type.Integer()),
          lastImport: Type.Union([Type.Null(), Type.Object({ id: Type.String(), status: Type.String(), startedAt: Type.String() })]),
        }),
        503: ErrorBody,
      },
    },
  }, async () => ({ status: 'ok' as const, ...(await health(db)) }) as never);

  app.get('/api/search', {
    schema: {
      summary: 'Search names (Russian morphology, English, Latin transliteration), INN (exact) or OKVED (prefix)',
      querystring: Type.Object({
        q: Type.String({ minLength: 1, maxLength: 200 }),
        limit: Type.Integer({ minimum: 1, maximum: settings.searchMaxLimit, default: 20 }),
      }),
      response: { 200: Type.Object({ query: Type.String(), hits: Type.Array(SearchHit) }), 503: ErrorBody },
    },
  }, async (request) => ({ query: request.query.q, hits: await search(db, request.query.q, request.query.limit) }));

  app.get('/api/nodes/:id', {
    schema: {
      summary: 'One node: its properties and relationship counts by type and direction',
      params: Type.Object({ id: Type.String({ minLength: 3, maxLength: 300, description: 'type:key, e.g. enterprise:luzales' }) }),
      response: {
        200: Type.Object({
          id: Type.String(),
          type: Type.String(),
          properties: Type.Record(Type.String(), Type.Unknown()),
          relationships: Type.Array(Type.Object({ type: Type.String(), direction: Type.String(), count: Type.Integer() })),
          syntheticLinks: Type.Integer({ description: 'supply links of this node that are invented (synthetic)' }),
        }),
        404: ErrorBody,
        503: ErrorBody,
      },
    },
  }, async (request, reply) => {
    const node = await nodeDetail(db, request.params.id);
    if (!node) return reply.code(404).send({ error: 'not_found', message: `no node ${request.params.id}` });
    return node;
  });

  const chainIds = [...loadReference().chains.map((c) => c.id), OVERVIEW_ALL];
  app.get('/api/overview', {
    schema: {
      summary: 'Regions with the enterprises of a chain, and supply volume aggregated between regions',
      description: 'Every region with its centre, the number of enterprises located there that operate at a stage of the chain (for `all`: every enterprise) and how many of them are SMEs (micro, small, medium). Flows sum the supply links whose stage belongs to the chain (for `all`: every link) by supplier region and buyer region; links within one region are reported as the region\'s `local` volume, not as a flow.',
      querystring: Type.Object({
        chain: Type.Union(chainIds.map((id) => Type.Literal(id)), { default: OVERVIEW_ALL, description: 'chain id, or all' }),
      }),
      response: {
        200: Type.Object({
          chain: Type.String(),
          regions: Type.Array(Type.Object({
            code: Type.String({ description: 'two-digit subject code' }),
            name: Type.String(),
            nameEn: Type.String(),
            federalDistrict: Type.String({ description: 'federal district id' }),
            lat: Type.Number({ description: 'latitude of the administrative centre' }),
            lon: Type.Number({ description: 'longitude of the administrative centre' }),
            enterprises: Type.Integer(),
            smes: Type.Integer({ description: 'micro, small and medium enterprises among them' }),
            local: Type.Object({ volumeMlnRub: Type.Number(), links: Type.Integer() }, { description: 'supply within the region' }),
          })),
          flows: Type.Array(Type.Object({
            source: Type.String({ description: 'supplier region code' }),
            target: Type.String({ description: 'buyer region code' }),
            volumeMlnRub: Type.Number(),
            links: Type.Integer(),
          }), { description: 'between different regions, largest volume first' }),
        }),
        400: ErrorBody,
        503: ErrorBody,
        504: ErrorBody,
      },
    },
  }, async (request) => overview(db, request.query.chain));

  app.get('/api/reference', {
    schema: {
      summary: 'Federal districts, regions, OKVED codes, chains and stages',
      response: { 200: Type.Object({}, { additionalProperties: true }) },
    },
  }, async () => loadReference());

  app.post('/api/import', {
    schema: {
      summary: 'Import enterprises, links and clusters (CSV in UTF-8 or Windows-1251, or XLSX) as multipart files',
      description: 'Each part is a file; its field name may be enterprises, links or clusters, otherwise the kind is detected from the header. Any bad row rejects the whole import (422) with every error by row and column; nothing is written.',
      querystring: Type.Object({
        dryRun: Type.Boolean({ default: false }),
        lang: Type.Optional(Type.Union([Type.Literal('ru'), Type.Literal('en')])),
      }),
      consumes: ['multipart/form-data'],
      response: { 200: ImportReport, 400: ErrorBody, 413: ErrorBody, 422: ImportReport, 503: ErrorBody },
    },
  }, async (request, reply) => {
    if (!request.isMultipart()) return reply.code(400).send({ error: 'bad_request', message: 'send the files as multipart/form-data' });
    const dir = await mkdtemp(join(tmpdir(), 'coopgraph-import-'));
    try {
      const files: ImportFile[] = [];
      for await (const part of request.files()) {
        const path = join(dir, `${files.length}`);
        await pipeline(part.file, createWriteStream(path));
        if (part.file.truncated) return reply.code(413).send({ error: 'too_large', message: `${part.filename} exceeds ${settings.uploadMaxMb} MB` });
        const kind = FILE_KINDS.find((k) => k === part.fieldname);
        files.push({ path, name: part.filename || part.fieldname, kind });
      }
      if (files.length === 0) return reply.code(400).send({ error: 'bad_request', message: 'no files in the request' });
      const report = await importFiles(db, files, {
        ...importOptions(settings),
        dryRun: request.query.dryRun,
        lang: langOf(request.headers['accept-language'], request.query.lang),
      });
      return reply.code(report.ok ? 200 : 422).send(report);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  app.all('/api/*', { schema: { hide: true } }, async (request, reply) =>
    reply.code(404).send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` }));

  const clientDir = join(ROOT, 'dist', 'client');
  if (existsSync(clientDir)) {
    await app.register(fastifyStatic, { root: clientDir, wildcard: false });
    app.setNotFoundHandler((_request, reply) => reply.sendFile('index.html'));
  }
  return app;
}
