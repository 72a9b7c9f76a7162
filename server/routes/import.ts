// Imports: files in (multipart), and the runs so far with the one running now.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Settings } from '../config.js';
import { cypher, type Db } from '../db.js';
import { AppError } from '../errors.js';
import { importFiles, importOptions, type ImportFile } from '../import/index.js';
import { leaseRefusal } from '../import/lock.js';
import { FILE_KINDS, ImportReport, ImportRuns } from '../../core/schemas.js';
import { ErrorBody } from './schemas.js';

function langOf(header: string | undefined, query?: string): 'ru' | 'en' {
  if (query === 'en' || query === 'ru') return query;
  return header && /^en\b/i.test(header.trim()) ? 'en' : 'ru';
}

export async function importRoutes(
  root: FastifyInstance,
  { db, settings }: { db: Db; settings: Settings },
): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/import',
    {
      config: { role: 'editor' },
      schema: {
        summary: 'Import enterprises, links and clusters (CSV in UTF-8 or Windows-1251, or XLSX) as multipart files',
        description:
          'Each part is a file; its field name may be enterprises, links or clusters, otherwise the kind is detected from the header. Any bad row rejects the whole import (422) with every error by row and column; nothing is written.',
        querystring: Type.Object({
          dryRun: Type.Boolean({ default: false }),
          lang: Type.Optional(Type.Union([Type.Literal('ru'), Type.Literal('en')])),
        }),
        consumes: ['multipart/form-data'],
        response: {
          200: ImportReport,
          400: ErrorBody,
          409: ErrorBody,
          413: ErrorBody,
          422: ImportReport,
          503: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new AppError(400, 'bad_request', 'send the files as multipart/form-data');
      const dir = await mkdtemp(join(tmpdir(), 'coopgraph-import-'));
      try {
        const files: ImportFile[] = [];
        for await (const part of request.files()) {
          const path = join(dir, `${files.length}`);
          await pipeline(part.file, createWriteStream(path));
          if (part.file.truncated)
            throw new AppError(413, 'too_large', `${part.filename} exceeds ${settings.uploadMaxMb} MB`);
          const kind = FILE_KINDS.find((k) => k === part.fieldname);
          files.push({ path, name: part.filename || part.fieldname, kind });
        }
        if (files.length === 0) throw new AppError(400, 'bad_request', 'no files in the request');
        const lang = langOf(request.headers['accept-language'], request.query.lang);
        try {
          const report = await importFiles(db, files, {
            ...importOptions(settings),
            dryRun: request.query.dryRun,
            lang,
          });
          return reply.code(report.ok ? 200 : 422).send(report);
        } catch (error) {
          throw leaseRefusal(error, lang) ?? error;
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  app.get(
    '/api/imports',
    {
      config: { role: 'editor' },
      schema: {
        summary: 'The latest import runs, newest first, and the import running now (if any)',
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 20 }) }),
        response: {
          200: ImportRuns,
          503: ErrorBody,
        },
      },
    },
    async (request) => {
      const [row] = await db.read(cypher('imports-list'), { limit: request.query.limit });
      const lease = row.lease as { holder: string; since: string } | null;
      const runs = (row.runs as Record<string, unknown>[]).filter(Boolean);
      // Only the newest run begun since the lease was taken is still running; any other run left
      // as running was cut off.
      const live = lease
        ? runs.find((r) => r.status === 'running' && Number(r.startedAt) >= Date.parse(lease.since))
        : undefined;
      return {
        lease,
        runs: runs.map((r) => ({ ...r, status: r.status === 'running' && r !== live ? 'interrupted' : r.status })),
      } as never;
    },
  );
}
