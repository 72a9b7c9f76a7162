// Imports: files in (multipart), and the runs so far with the one running now. FNS archives (the
// SME register and its companions, server/register) load as background jobs of this process:
// uploaded, answered 202 with the job, polled for progress, cancelled.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Settings } from '../config.js';
import { cypher, type Db } from '../db.js';
import { AppError } from '../errors.js';
import { importFiles, importOptions, type ImportFile } from '../import/index.js';
import { leaseRefusal } from '../import/lock.js';
import { sweepUploads, uploadDir } from '../import/uploads.js';
import { checkFilters, registerOptions } from '../register/index.js';
import { waitForOwnLease } from '../register/lease.js';
import { ReadSlots } from '../import/slots.js';
import { activeJob, cancelJob, getJob, listJobs, startJob, stopAllJobs } from '../register/jobs.js';
import { recordAudit } from '../audit.js';
import { createT } from '../../core/i18n/index.js';
import { FILE_KINDS, ImportReport, ImportRuns, RegisterJob, RegisterJobs } from '../../core/schemas.js';
import { ErrorBody } from './schemas.js';

/** A list parameter as sent: "11,29", or the field repeated. */
function listOf(value: string | string[] | undefined): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.flatMap((v) => v.split(/[\s,;]+/)).filter(Boolean);
}

/** Whether a file starts as a ZIP does (a local file header, or an empty archive's end record). */
async function looksLikeZip(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await file.read(head, 0, 4, 0);
    return bytesRead === 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5);
  } finally {
    await file.close();
  }
}

function langOf(header: string | undefined, query?: string): 'ru' | 'en' {
  if (query === 'en' || query === 'ru') return query;
  return header && /^en\b/i.test(header.trim()) ? 'en' : 'ru';
}

export async function importRoutes(
  root: FastifyInstance,
  { db, settings }: { db: Db; settings: Settings },
): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  // Imports of this app reading their files at once (server/import/slots.ts).
  const reads = new ReadSlots(settings.importMaxParallel);
  // Uploads left by a server that died mid-import.
  const swept = await sweepUploads();
  if (swept > 0) root.log.info(`removed ${swept} upload folder(s) left by stopped servers`);
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
      const dir = await uploadDir('import');
      try {
        const files: ImportFile[] = [];
        // The plain fields beside the files (none is read here), filled in as the upload is parsed.
        let fields: Record<string, unknown> = {};
        for await (const part of request.files()) {
          fields = part.fields;
          const path = join(dir, `${files.length}`);
          await pipeline(part.file, createWriteStream(path));
          if (part.file.truncated)
            throw new AppError(413, 'too_large', `${part.filename} exceeds ${settings.uploadMaxMb} MB`);
          const kind = FILE_KINDS.find((k) => k === part.fieldname);
          files.push({ path, name: fileName(part.filename || part.fieldname), kind });
        }
        const cut = (Object.values(fields).flat() as { fieldname: string; valueTruncated?: boolean }[]).find(
          (f) => f?.valueTruncated === true,
        );
        if (cut) throw fieldTooLarge(cut.fieldname, settings);
        if (files.length === 0) throw new AppError(400, 'bad_request', 'no files in the request');
        const lang = langOf(request.headers['accept-language'], request.query.lang);
        try {
          // An FNS archive loading in this process holds the lease, which an import here would
          // take over (server/register/lease.ts): wait for it instead.
          if (!request.query.dryRun) await waitForOwnLease(db, settings.importWaitMs);
          const report = await reads.run(
            () =>
              importFiles(db, files, {
                ...importOptions(settings),
                dryRun: request.query.dryRun,
                lang,
                user: request.user!.username,
              }),
            settings.importWaitMs,
          );
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

  app.addHook('onClose', async () => {
    await stopAllJobs();
  });

  app.post(
    '/api/import/register',
    {
      config: { role: 'editor' },
      schema: {
        summary:
          'Load an FNS archive (the SME register, or its revenue/expenses or headcount companion) in the background',
        description:
          'One ZIP file as multipart/form-data (at most UPLOAD_MAX_MB), recognised from its content. regions (FNS codes) and chains keep only some subjects of the register; they may also come as multipart fields before the file. Answers 202 with the job at once; GET /api/import/jobs/{id} reports its progress and, at the end, its report; DELETE cancels it. Jobs live in the server process (a restart forgets them); one at a time (409 while another load or import runs).',
        querystring: Type.Object({
          regions: Type.Optional(Type.String({ maxLength: 1000, description: 'FNS region codes, e.g. 11,29' })),
          chains: Type.Optional(Type.String({ maxLength: 200, description: 'chain ids, e.g. timber,oilgas' })),
          dryRun: Type.Boolean({ default: false, description: 'read and check everything, write nothing' }),
          lang: Type.Optional(Type.Union([Type.Literal('ru'), Type.Literal('en')])),
        }),
        consumes: ['multipart/form-data'],
        response: { 202: RegisterJob, 400: ErrorBody, 409: ErrorBody, 413: ErrorBody, 422: ErrorBody, 503: ErrorBody },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new AppError(400, 'bad_request', 'send the ZIP file as multipart/form-data');
      const lang = langOf(request.headers['accept-language'], request.query.lang);
      const t = createT(lang);
      const running = activeJob();
      if (running)
        throw new AppError(409, 'import_running', `${t('registerAlreadyRunning')}: ${running.file}`, {
          jobId: running.id,
        });
      const dir = await uploadDir('register');
      const path = join(dir, 'archive.zip');
      let handed = false;
      try {
        let name: string | null = null;
        const fields: Record<string, string[]> = {};
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            if (part.valueTruncated) throw fieldTooLarge(part.fieldname, settings);
            (fields[part.fieldname] ??= []).push(String(part.value).slice(0, 1000));
            continue;
          }
          if (name !== null) {
            part.file.resume();
            throw new AppError(400, 'bad_request', 'send one ZIP file');
          }
          name = fileName(part.filename || 'archive.zip');
          await pipeline(part.file, createWriteStream(path));
          if (part.file.truncated) throw new AppError(413, 'too_large', `${name} exceeds ${settings.uploadMaxMb} MB`);
        }
        if (name === null) throw new AppError(400, 'bad_request', 'no file in the request');
        if (!(await looksLikeZip(path)))
          throw new AppError(422, 'fns_not_zip', t('registerNotZip', { file: name }), { reason: 'not_zip' });
        const filters = checkFilters(
          [...listOf(request.query.regions), ...listOf(fields.regions)],
          [...listOf(request.query.chains), ...listOf(fields.chains)],
          lang,
        );
        const options = {
          ...registerOptions(settings),
          ...filters,
          dryRun: request.query.dryRun || fields.dryRun?.[0] === 'true',
          lang,
        };
        try {
          handed = true;
          const job = await startJob(db, { path, remove: dir, file: name, user: request.user!.username, options });
          return reply.code(202).send(job);
        } catch (error) {
          throw leaseRefusal(error, lang) ?? error;
        }
      } finally {
        // The job removes the folder when it ends (or is refused); an upload refused earlier, here.
        if (!handed) await rm(dir, { recursive: true, force: true });
      }
    },
  );

  app.get(
    '/api/import/jobs',
    {
      config: { role: 'editor' },
      schema: {
        summary: 'The loads of FNS archives this server process knows, newest first (the running one among them)',
        response: { 200: RegisterJobs },
      },
    },
    async () => ({ jobs: listJobs() }),
  );

  app.get(
    '/api/import/jobs/:id',
    {
      config: { role: 'editor' },
      schema: {
        summary:
          'One load of an FNS archive: its progress (documents, parts, rate, time left) and, at the end, its report',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: { 200: RegisterJob, 404: ErrorBody },
      },
    },
    async (request) => {
      const job = getJob(request.params.id);
      if (!job) throw new AppError(404, 'not_found', `no load ${request.params.id} in this server process`);
      return job;
    },
  );

  app.delete(
    '/api/import/jobs/:id',
    {
      config: { role: 'editor' },
      schema: {
        summary:
          'Cancel a load of an FNS archive: it stops after the batch it is writing (every batch written stays whole)',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: { 200: RegisterJob, 404: ErrorBody },
      },
    },
    async (request) => {
      const before = getJob(request.params.id);
      const job = cancelJob(request.params.id);
      if (!job) throw new AppError(404, 'not_found', `no load ${request.params.id} in this server process`);
      if (before?.status === 'running' && !before.cancelRequested)
        await recordAudit(db, {
          user: request.user!.username,
          action: 'import-cancel',
          target: job.report?.runId ?? job.id,
          status: 200,
          counts: {},
        }).catch((error) => request.log.error({ error }, 'the audit trail could not be written'));
      return job;
    },
  );
}

/** A plain field of an upload cut short at UPLOAD_MAX_FIELD_KB: refused rather than read in part. */
const fieldTooLarge = (name: string, settings: Settings) =>
  new AppError(
    413,
    'too_large',
    `the field ${name.slice(0, 100)} exceeds ${settings.uploadMaxFieldKb} KB (UPLOAD_MAX_FIELD_KB)`,
  );

/** An uploaded file's name, at most 255 characters, never cut inside a surrogate pair. */
const fileName = (name: string) => name.slice(0, 255).replace(/[\uD800-\uDBFF]$/, '');
