// Datasets: which datasets the graph holds (the demo seed, register dumps, users' files), and
// removing one (what no other dataset holds goes; server/datasets.ts).
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Settings } from '../config.js';
import type { Db } from '../db.js';
import { AppError } from '../errors.js';
import { recordAudit } from '../audit.js';
import { listDatasets, removeDataset, REMOVAL_BATCH } from '../datasets.js';
import { leaseRefusal } from '../import/lock.js';
import { REFRESH_TIMEOUT_MS } from '../aggregate.js';
import { DatasetId, DatasetList, DatasetRemoval, ErrorBody } from '../../core/schemas.js';

const langOf = (header: string | undefined): 'ru' | 'en' => (header && /^en\b/i.test(header.trim()) ? 'en' : 'ru');

export async function datasetRoutes(
  root: FastifyInstance,
  { db, settings }: { db: Db; settings: Settings },
): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/datasets',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'The datasets the graph holds, newest first, with their counts, date, status and who loaded them',
        description:
          'Counts are kept on each dataset when its load ends: what it holds, whatever other datasets hold too.',
        response: { 200: DatasetList, 503: ErrorBody, 504: ErrorBody },
      },
    },
    async () => ({ datasets: await listDatasets(db) }),
  );

  app.delete(
    '/api/datasets/:id',
    {
      config: { role: 'editor' },
      schema: {
        summary: 'Removes a dataset: what no other dataset holds goes, shared data loses only its id',
        description:
          'Figures whose source is the dataset are cleared from the enterprises that stay, the overview is refreshed and the audit trail records the removal. Data written before datasets existed belongs to none and stays. 404: no such dataset; 409: it is still loading, being removed, or an import runs and did not end in time.',
        params: Type.Object({ id: DatasetId }),
        response: { 200: DatasetRemoval, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 503: ErrorBody },
      },
    },
    async (request) => {
      const { id } = request.params;
      const user = request.user!.username;
      const audit = (status: number, counts: Record<string, number>) =>
        recordAudit(db, { user, action: 'dataset-remove', target: id, status, counts }).catch((error) =>
          request.log.error({ error }, 'the audit trail could not be written'),
        );
      try {
        const removal = await removeDataset(db, id, {
          sme: settings.sme,
          waitMs: settings.importWaitMs,
          timeoutMs: Math.max(settings.importTimeoutMs, REFRESH_TIMEOUT_MS),
          batchSize: Math.min(settings.importBatchSize * 2, REMOVAL_BATCH),
          user,
        });
        await audit(200, {
          ...removal.deleted,
          keptNodes: removal.kept.nodes,
          keptRelationships: removal.kept.relationships,
          detached: removal.detached,
          figures: removal.figures,
        });
        return removal;
      } catch (error) {
        const refusal = leaseRefusal(error, langOf(request.headers['accept-language'])) ?? error;
        if (refusal instanceof AppError) await audit(refusal.status, {});
        throw refusal;
      }
    },
  );
}
