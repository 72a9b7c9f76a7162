// The one error handler: every failure of a route or a hook is answered here, with the status and
// the `{ error, message }` body the OpenAPI document promises.
import type { FastifyError } from 'fastify';
import type { Settings } from '../config.js';
import { DbMemoryError, DbTimeoutError, DbUnavailableError } from '../db.js';
import { AppError } from '../errors.js';
import { shared } from './skip-override.js';

/** @fastify/multipart's refusals of an upload's shape, each naming the setting it hit. */
const UPLOAD_LIMITS: Record<string, (s: Settings) => string> = {
  FST_FILES_LIMIT: (s) => `the upload has more than ${s.uploadMaxFiles} files (UPLOAD_MAX_FILES)`,
  FST_FIELDS_LIMIT: (s) => `the upload has more than ${s.uploadMaxFields} plain fields (UPLOAD_MAX_FIELDS)`,
  FST_PARTS_LIMIT: (s) =>
    `the upload has more than ${s.uploadMaxFiles + s.uploadMaxFields} parts (UPLOAD_MAX_FILES + UPLOAD_MAX_FIELDS)`,
};

export const errorHandler = shared<{ settings: Settings }>('coopgraph-errors', async (app, { settings }) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply.code(error.status).send({ error: error.code, message: error.message, ...error.extra });
    }
    if (error instanceof DbUnavailableError) {
      // A figure still being aggregated is a 503 of its own: Neo4j answers, the data are not ready.
      if ('code' in error && error.code === 'aggregating') {
        return reply.code(503).send({ error: 'aggregating', message: error.message, reason: error.reason });
      }
      return reply.code(503).send({
        error: 'neo4j_unavailable',
        message: 'The graph database is unavailable; retry shortly.',
        reason: error.reason,
      });
    }
    if (error instanceof DbMemoryError) {
      // Neo4j is up but refuses the size of the work: a narrower request (fewer nodes, one region)
      // fits; retrying the same one does not help.
      return reply.code(503).send({
        error: 'query_memory',
        message:
          'The request needs more memory than the graph database allows one query; narrow it (fewer nodes, one region or chain).',
        reason: error.reason,
      });
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
      // The export's body has a limit of its own (server/routes/export.ts).
      const limitKb = Math.floor((request.routeOptions.bodyLimit ?? settings.bodyLimitKb * 1024) / 1024);
      const setting =
        request.routeOptions.url === '/api/export'
          ? 'EXPORT_MAX_NODES × 200 bytes + COOPGRAPH_BODY_LIMIT_KB'
          : 'COOPGRAPH_BODY_LIMIT_KB';
      return reply.code(413).send({
        error: 'too_large',
        message: `the request body exceeds ${limitKb} KB (${setting})`,
      });
    }
    const uploadLimit = UPLOAD_LIMITS[error.code ?? ''];
    if (uploadLimit) return reply.code(413).send({ error: 'too_large', message: uploadLimit(settings) });
    if (error.code === 'FST_REQ_FILE_TOO_LARGE' || error.statusCode === 413) {
      return reply.code(413).send({ error: 'too_large', message: `the upload exceeds ${settings.uploadMaxMb} MB` });
    }
    if (error.statusCode && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ error: 'bad_request', message: error.message });
    }
    app.log.error(error);
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });
});
