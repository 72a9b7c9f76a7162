// HTTP routes of the export: GET /api/export (the view in the query string, as the explorer's URL
// holds it) and POST /api/export (the same in a body, with ids and positions a URL cannot carry).
// The file streams: nodes are read first (errors, including a Neo4j outage, still answer with a
// status), then links are read in pages as the response is written.
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Settings } from '../config.js';
import type { Db } from '../db.js';
import { AppError } from '../errors.js';
import { exportStream, prepareExport, type ExportRequest } from '../export.js';
import { getScenario } from '../scenarios.js';
import { scenarioUser } from './scenarios.js';
import type { SessionUser } from '../auth.js';
import { EXPORT_FORMATS } from '../../core/export/formats.js';
import { ErrorBody } from '../../core/schemas.js';

const Format = Type.Union(
  EXPORT_FORMATS.map((f) => Type.Literal(f.id)),
  { description: 'gexf, graphml, csv (zip), xlsx, json (graphology), svg, png or pdf' },
);
const Lang = Type.Union([Type.Literal('ru'), Type.Literal('en')], {
  default: 'ru',
  description: 'language of headers, legend, caption and report',
});
const common = {
  format: Format,
  view: Type.Optional(
    Type.String({
      maxLength: 200_000,
      description:
        "the explorer's hash query after `#explore?`: n=ids, chain, stage, type, sme, region, fd, cluster, vmin, vmax, fmode, color, size, layout",
    }),
  ),
  lang: Type.Optional(Lang),
  title: Type.Optional(Type.String({ maxLength: 200 })),
  width: Type.Optional(
    Type.Integer({ minimum: 400, maximum: 8000, description: 'picture width (SVG, PNG, PDF), default 1600' }),
  ),
  height: Type.Optional(Type.Integer({ minimum: 300, maximum: 8000, description: 'picture height, default 1000' })),
  scale: Type.Optional(
    Type.Number({ minimum: 0.5, maximum: 4, description: 'PNG pixels per picture pixel, default 1' }),
  ),
  date: Type.Optional(
    Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'date printed in the caption (default today)' }),
  ),
};
const Errors = { 400: ErrorBody, 404: ErrorBody, 413: ErrorBody, 503: ErrorBody, 504: ErrorBody };
// The file, streamed, with the format's media type (the mime types differ, one schema each).
const FileBody = {
  description: 'the file, streamed',
  content: Object.fromEntries(
    [...new Set(EXPORT_FORMATS.map((f) => f.mime))].map((mime) => [
      mime,
      { schema: { type: 'string', format: 'binary' } },
    ]),
  ),
};
const ScenarioId = Type.String({
  pattern: '^[0-9a-f-]{36}$',
  description: "planner: a what-if scenario's id — today's figures and the scenario's side by side",
});

/** A planner's result as the export takes it: the scenario, if any, read as the asking user may. */
async function plannerRequest(
  db: Db,
  user: SessionUser | null,
  planner: { chain: string; region: string; cluster?: string; scenario?: string } | undefined,
): Promise<ExportRequest['planner']> {
  if (!planner) return undefined;
  const { scenario, ...rest } = planner;
  return scenario ? { ...rest, scenario: await getScenario(db, scenario, scenarioUser(user)) } : rest;
}

const DESCRIPTION =
  'The file of a subgraph: the nodes named by the view (and `ids`), filtered, coloured, sized and laid out as the explorer does, ' +
  "and every relationship among them. With `chain` and `region` (and `cluster`): a planner's result — the region, the chain's stages and the cluster's participants, " +
  'with the gap, opportunity, partner and readiness tables in XLSX, CSV and PDF ' +
  "(with `scenario`: today's figures and the scenario's side by side, and the scenario's items). " +
  'The response streams; `X-Export-Nodes` gives the node count. ' +
  "Ids that name no node are listed in the file's caption and counted in `X-Export-Missing`; when none of the ids names a node the answer is 404 (reason `unknown-ids`, the ids in `ids`). " +
  'Colouring by community falls back to node type (the server does not hold the links).';

/** The largest body `POST /api/export` reads: EXPORT_MAX_NODES × 200 bytes + COOPGRAPH_BODY_LIMIT_KB. */
export const exportBodyLimit = (settings: Settings) => settings.exportMaxNodes * 200 + settings.bodyLimitKb * 1024;

export async function exportRoutes(
  root: FastifyInstance,
  { db, settings }: { db: Db; settings: Settings },
): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  const send = async (reply: FastifyReply, request: ExportRequest) => {
    const prepared = await prepareExport(db, settings, request);
    const stream = await exportStream(prepared, request);
    return reply
      .header('content-type', prepared.mime)
      .header(
        'content-disposition',
        `attachment; filename="${prepared.asciiFileName}"; filename*=UTF-8''${encodeURIComponent(prepared.fileName)}`,
      )
      .header('x-export-nodes', String(prepared.nodeCount))
      .header('x-export-missing', String(prepared.missing.length))
      .header('cache-control', 'no-store')
      .send(stream);
  };

  app.get(
    '/api/export',
    {
      config: { role: 'planner' },
      schema: {
        summary: 'Export a view or a planner result as GEXF, GraphML, CSV, XLSX, JSON, SVG, PNG or a PDF report',
        description: DESCRIPTION,
        querystring: Type.Object({
          ...common,
          chain: Type.Optional(Type.String({ maxLength: 40, description: 'planner: the chain' })),
          region: Type.Optional(Type.String({ pattern: '^\\d{2}$', description: 'planner: the region code' })),
          cluster: Type.Optional(Type.String({ maxLength: 200, description: 'planner: a cluster id (readiness)' })),
          scenario: Type.Optional(ScenarioId),
        }),
        response: { 200: FileBody, ...Errors },
      },
    },
    async (request, reply) => {
      const { chain, region, cluster, scenario, ...rest } = request.query;
      if ((chain === undefined) !== (region === undefined)) {
        throw new AppError(400, 'bad_request', 'a planner result needs both chain and region');
      }
      if (scenario && !chain) throw new AppError(400, 'bad_request', 'a scenario is exported with a planner result');
      const planner = chain && region ? { chain, region, cluster, scenario } : undefined;
      return send(reply, { ...rest, planner: await plannerRequest(db, request.user, planner) });
    },
  );

  app.post(
    '/api/export',
    {
      config: { role: 'planner' },
      // Room for EXPORT_MAX_NODES ids with their positions (about 200 bytes a node at the most,
      // counting `ids`, `only` and `positions`) besides the ordinary JSON body limit.
      bodyLimit: exportBodyLimit(settings),
      schema: {
        summary: 'Export a view too large for a URL (ids and positions in the body)',
        description: DESCRIPTION,
        body: Type.Object({
          ...common,
          ids: Type.Optional(
            Type.Array(Type.String({ maxLength: 300 }), {
              maxItems: 1_000_000,
              description: 'node ids (type:key) besides those of the view',
            }),
          ),
          only: Type.Optional(
            Type.Array(Type.String({ maxLength: 300 }), {
              maxItems: 1_000_000,
              description: 'export only these nodes (a selection)',
            }),
          ),
          positions: Type.Optional(
            Type.Record(Type.String(), Type.Tuple([Type.Number(), Type.Number()]), {
              description: 'node id → [x, y] as on screen',
            }),
          ),
          planner: Type.Optional(
            Type.Object({
              chain: Type.String({ maxLength: 40 }),
              region: Type.String({ pattern: '^\\d{2}$' }),
              cluster: Type.Optional(Type.String({ maxLength: 200 })),
              scenario: Type.Optional(ScenarioId),
            }),
          ),
        }),
        response: { 200: FileBody, ...Errors },
      },
    },
    async (request, reply) => {
      const { planner, ...rest } = request.body;
      return send(reply, {
        ...(rest as Omit<ExportRequest, 'planner'>),
        planner: await plannerRequest(db, request.user, planner),
      });
    },
  );
}
