// HTTP API: thin routes with input schemas; the same schemas produce the OpenAPI document.
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
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
import { EXPAND_MAX, type Settings } from './config.js';
import { cypher, DbTimeoutError, DbUnavailableError, type Db } from './db.js';
import { NODE_TYPES, health, nodeDetail, search, type NodeType } from './graph.js';
import { importFiles, importOptions, type ImportFile } from './import/index.js';
import { leaseRefusal } from './import/lock.js';
import { FILE_KINDS } from './import/validate.js';
import { loadReference } from './reference.js';
import { OVERVIEW_ALL, overview } from './overview.js';
import { ExploreError, MAX_HOPS, REL_TYPES, expand, exploreNodes, shortestPath } from './explore.js';
import { registerGapRoutes } from './gaps-routes.js';
import { registerScenarioRoutes } from './scenario-routes.js';
import { registerExportRoutes } from './export-routes.js';
import { registerAuth } from './auth.js';
import { registerAudit } from './audit.js';
import { rejectNonFinite } from './finite.js';
import { registerViewRoutes } from './views.js';
import helmet from '@fastify/helmet';

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

const NodeTypeName = Type.Union((Object.keys(NODE_TYPES) as NodeType[]).map((t) => Type.Literal(t)));
const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const NodeIdString = Type.String({ minLength: 3, maxLength: 300, description: 'type:key, e.g. enterprise:luzales' });

const ExploreNode = Type.Object({
  id: Type.String({ description: 'type:key' }),
  type: NodeTypeName,
  name: Type.String(),
  nameEn: NullableString,
  region: Type.Union([Type.String(), Type.Null()], { description: "region code: a region's own, a cluster's first BASED_IN region, else the node's region" }),
  lat: Type.Union([Type.Number(), Type.Null()], { description: 'latitude of that region\'s centre' }),
  lon: Type.Union([Type.Number(), Type.Null()], { description: 'longitude of that region\'s centre' }),
  size: Type.Union([Type.String(), Type.Null()], { description: 'SME category of an enterprise: micro, small, medium or large' }),
  employees: NullableNumber,
  revenueMlnRub: NullableNumber,
  chains: Type.Array(Type.String(), { description: "an enterprise's chains; a cluster's or stage's chain; a chain's own id" }),
  stages: Type.Array(Type.String(), { description: "an enterprise's stages; a stage's own id" }),
  clusters: Type.Array(Type.String(), { description: 'node ids of the clusters an enterprise is a member of' }),
  degree: Type.Integer({ description: 'relationships of every type' }),
  synthetic: Type.Boolean(),
});

const ExploreEdge = Type.Object({
  id: Type.String({ description: 'element id of the relationship' }),
  source: Type.String({ description: 'node id at the start of the relationship' }),
  target: Type.String({ description: 'node id at its end' }),
  type: Type.String({ description: 'SUPPLIES, MEMBER_OF, LOCATED_IN, …' }),
  volumeMlnRub: NullableNumber,
  stage: NullableString,
  product: NullableString,
  synthetic: Type.Boolean(),
});

const Subgraph = { nodes: Type.Array(ExploreNode), edges: Type.Array(ExploreEdge) };

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
    bodyLimit: settings.bodyLimitKb * 1024,
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
  await app.register(multipart, { limits: { fileSize: settings.uploadMaxMb * 1024 * 1024, files: 10 } });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error instanceof DbUnavailableError) {
      // A figure still being aggregated is a 503 of its own: Neo4j answers, the data are not ready.
      if ('code' in error && error.code === 'aggregating') {
        return reply.code(503).send({ error: 'aggregating', message: error.message, reason: error.reason });
      }
      return reply.code(503).send({ error: 'neo4j_unavailable', message: 'The graph database is unavailable; retry shortly.', reason: error.reason });
    }
    if (error instanceof DbTimeoutError) {
      return reply.code(504).send({ error: 'query_timeout', message: error.message });
    }
    if (error.validation) {
      return reply.code(400).send({ error: 'bad_request', message: error.message });
    }
    if (error.statusCode === 429) {
      return reply.code(429).send({ error: 'too_many_requests', message: `too many requests; ${error.message}` });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send({ error: 'too_large', message: `the request body exceeds ${settings.bodyLimitKb} KB (COOPGRAPH_BODY_LIMIT_KB)` });
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

  // Security headers with a strict Content-Security-Policy: scripts, styles and connections from
  // this origin only; workers (the force layout) and pictures (exports) may also come from blob:
  // URLs the page makes itself. No CORS: other origins cannot read the API.
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"], connectSrc: ["'self'"], workerSrc: ["'self'", 'blob:'], objectSrc: ["'none'"],
        baseUri: ["'self'"], formAction: ["'self'"], frameAncestors: ["'none'"],
      },
    },
  });

  // Accounts and roles: every API route below is checked against its role (server/auth.ts).
  await registerAuth(app, db, settings);
  // Changes through the API go into the audit trail (server/audit.ts).
  registerAudit(app, db);
  // Numbers the validator coerced to ±Infinity ("1e309") answer 400 on every route (server/finite.ts).
  app.addHook('preHandler', rejectNonFinite);

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

  // The explorer: a saved view's nodes, one node's neighbours, the shortest supply path.
  const exploreErrors = async <T>(reply: FastifyReply, work: () => Promise<T>) => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ExploreError) {
        return reply.code(error.status).send({ error: error.status === 404 ? 'not_found' : 'bad_request', message: error.message });
      }
      throw error;
    }
  };

  app.post('/api/explore/nodes', {
    schema: {
      summary: 'Nodes by id with every relationship among them (restores a saved view)',
      description: 'Unknown and malformed ids are left out and listed in `missing`.',
      body: Type.Object({ ids: Type.Array(Type.String({ maxLength: 300 }), { maxItems: EXPAND_MAX }) }),
      response: {
        200: Type.Object({ ...Subgraph, missing: Type.Array(Type.String()) }),
        400: ErrorBody,
        503: ErrorBody,
        504: ErrorBody,
      },
    },
  }, async (request) => exploreNodes(db, request.body.ids));

  app.post('/api/explore/expand', {
    schema: {
      summary: "One node's neighbours, best first, with counts of all of them",
      description: 'Neighbours matching the filters are ranked by supply volume (the largest link with the node; SUPPLIES only), then degree, then name, and cut at `limit`. '
        + 'When more than 5,000 relationships other than SUPPLIES and FEEDS qualify (a region\'s or a stage\'s enterprises), those enterprises are ranked after the other neighbours and by headcount instead of degree (unknown headcount first). '
        + '`minVolume` drops SUPPLIES links below it and leaves other relationship types alone. '
        + '`total` counts the distinct neighbours matching the filters; `summary` counts all neighbours by relationship type, direction and neighbour type, whatever the filters. '
        + 'Edges: every relationship between the node and the returned neighbours, among the returned neighbours, and between them and the `visible` nodes.',
      body: Type.Object({
        id: NodeIdString,
        rel: Type.Optional(Type.Array(Type.Union(REL_TYPES.map((r) => Type.Literal(r))), { maxItems: REL_TYPES.length * 2, description: 'relationship types to follow (default: all)' })),
        dir: Type.Union([Type.Literal('in'), Type.Literal('out'), Type.Literal('both')], { default: 'both' }),
        types: Type.Optional(Type.Array(NodeTypeName, { maxItems: 20, description: 'neighbour types to keep (default: all)' })),
        minVolume: Type.Optional(Type.Number({ minimum: 0, description: 'smallest volumeMlnRub of a SUPPLIES link followed' })),
        limit: Type.Integer({ minimum: 1, maximum: EXPAND_MAX, default: settings.expandLimit }),
        visible: Type.Optional(Type.Array(Type.String({ maxLength: 300 }), { maxItems: EXPAND_MAX, description: 'ids of the nodes already on screen' })),
      }),
      response: {
        200: Type.Object({
          node: ExploreNode,
          ...Subgraph,
          total: Type.Integer({ description: 'distinct neighbours matching the filters' }),
          returned: Type.Integer(),
          truncated: Type.Boolean({ description: 'total > returned' }),
          summary: Type.Array(Type.Object({
            rel: Type.String(),
            dir: Type.Union([Type.Literal('in'), Type.Literal('out')]),
            type: NodeTypeName,
            count: Type.Integer(),
          }), { description: 'all neighbours by relationship type, direction and neighbour type, largest first' }),
        }),
        400: ErrorBody,
        404: ErrorBody,
        503: ErrorBody,
        504: ErrorBody,
      },
    },
  }, async (request, reply) => exploreErrors(reply, () => expand(db, request.body, { defaultLimit: settings.expandLimit })));

  app.get('/api/explore/path', {
    schema: {
      summary: 'Shortest chain of supply links between two enterprises',
      description: '`directed=true` follows supply from `from` (the supplier side, e.g. an SME) towards `to` (the buyer side, e.g. an anchor); `directed=false` ignores direction. Nodes and edges in path order; edges keep their own direction. No path within `maxHops` links: `found: false` and empty lists.',
      querystring: Type.Object({
        from: NodeIdString,
        to: NodeIdString,
        directed: Type.Boolean({ default: true }),
        maxHops: Type.Integer({ minimum: 1, maximum: MAX_HOPS, default: 8 }),
      }),
      response: {
        200: Type.Object({ ...Subgraph, found: Type.Boolean(), length: Type.Integer({ description: 'links on the path' }) }),
        400: ErrorBody,
        404: ErrorBody,
        503: ErrorBody,
        504: ErrorBody,
      },
    },
  }, async (request, reply) => exploreErrors(reply, () => shortestPath(db, request.query)));

  await registerGapRoutes(app, db, settings);
  await registerScenarioRoutes(app, db, settings);
  registerViewRoutes(app, db);
  await registerExportRoutes(app, db, settings);

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
      response: { 200: ImportReport, 400: ErrorBody, 409: ErrorBody, 413: ErrorBody, 422: ImportReport, 503: ErrorBody },
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
      const lang = langOf(request.headers['accept-language'], request.query.lang);
      try {
        const report = await importFiles(db, files, { ...importOptions(settings), dryRun: request.query.dryRun, lang });
        return reply.code(report.ok ? 200 : 422).send(report);
      } catch (error) {
        const refusal = leaseRefusal(error, lang);
        if (refusal) return reply.code(409).send(refusal);
        throw error;
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  const ImportRun = Type.Object({
    id: Type.String(),
    status: Type.Union([Type.Literal('running'), Type.Literal('completed'), Type.Literal('failed'), Type.Literal('interrupted')], {
      description: 'interrupted: recorded as running, but no import holds the lease (its process died); importing the same files again completes it',
    }),
    user: Type.Union([Type.String(), Type.Null()], { description: 'who started it, from the audit trail (cli:<name> for `npm run import`)' }),
    files: Type.Array(Type.String()),
    startedAt: Type.Union([Type.Number(), Type.Null()]),
    finishedAt: Type.Union([Type.Number(), Type.Null()]),
    enterprises: Type.Union([Type.Integer(), Type.Null()]),
    links: Type.Union([Type.Integer(), Type.Null()]),
    clusters: Type.Union([Type.Integer(), Type.Null()]),
    error: Type.Union([Type.String(), Type.Null()]),
  });
  app.get('/api/imports', {
    schema: {
      summary: 'The latest import runs, newest first, and the import running now (if any)',
      querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 20 }) }),
      response: {
        200: Type.Object({
          lease: Type.Union([Type.Null(), Type.Object({ holder: Type.String(), since: Type.String() })], { description: 'the import holding the lease now' }),
          runs: Type.Array(ImportRun),
        }),
        503: ErrorBody,
      },
    },
  }, async (request) => {
    const [row] = await db.read(cypher('imports-list'), { limit: request.query.limit });
    const lease = row.lease as { holder: string; since: string } | null;
    const runs = (row.runs as Record<string, unknown>[]).filter(Boolean);
    // Only the newest run begun since the lease was taken is still running; any other run left
    // as running was cut off.
    const live = lease ? runs.find((r) => r.status === 'running' && Number(r.startedAt) >= Date.parse(lease.since)) : undefined;
    return {
      lease,
      runs: runs.map((r) => ({ ...r, status: r.status === 'running' && r !== live ? 'interrupted' : r.status })),
    } as never;
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
