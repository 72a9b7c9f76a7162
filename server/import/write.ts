// Pass 2 of an import: the checked rows streamed into Neo4j in batches, one transaction each,
// recorded as an ImportRun that says where a failed run stopped.
import { randomUUID } from 'node:crypto';
import { cypher, type Db, type Row } from '../db.js';
import type { StageMatcher } from '../../core/reference.js';
import { latinName } from './rules.js';
import type { ImportLease } from './lock.js';
import { linkStage, type ClusterRow, type EnterpriseRow, type LinkRow, type ValidationContext } from './validate.js';
import type { OpenedFile } from './headers.js';
import { CLUSTER_DEFAULTS, type FileKind } from '../../core/import-columns.js';
import { validatedRows, type CheckedRows, type EnterpriseInfo } from './rows.js';
import type { ResolvedReferences } from './references.js';
import type { ImportOptions, ImportReport } from './options.js';

/** Writes every file's rows (counts into `report.written`); throws when a batch fails. */
export async function writeRows(
  db: Db,
  opened: OpenedFile[],
  ctx: ValidationContext,
  checked: CheckedRows,
  resolved: ResolvedReferences,
  opts: ImportOptions,
  lease: ImportLease | null,
  report: ImportReport,
): Promise<void> {
  const { enterpriseRows, enterpriseInfo, cache } = checked;
  const { innHolders, existingEnterprises } = resolved;
  const runId = randomUUID();
  report.runId = runId;
  const dataset = opts.dataset ?? { id: `file:${runId}`, kind: 'file' as const };
  report.dataset = dataset.id;
  const files = opened.map((o) => o.name);
  await db.write(
    'CREATE (r:ImportRun {id: $id, startedAt: datetime(), status: "running", files: $files, dataset: $dataset})',
    { id: runId, files, dataset: dataset.id },
  );
  await db.write(cypher('import-dataset-open'), {
    id: dataset.id,
    kind: dataset.kind,
    name: dataset.name ?? null,
    defaultName: files.join(', '),
    loadedBy: dataset.user ?? opts.user ?? null,
  });
  // What this import tagged with the dataset's id for the first time, by batches committed.
  const tagged = { clusters: 0, enterprises: 0, links: 0 };
  const closeRun = async (status: 'completed' | 'failed', error: string | null) => {
    await db.write(
      'MATCH (r:ImportRun {id: $id}) SET r.status = $status, r.error = $error, r.finishedAt = datetime(), r.clusters = $c, r.enterprises = $e, r.links = $l',
      { id: runId, status, error, c: report.written.clusters, e: report.written.enterprises, l: report.written.links },
    );
    await db.write(cypher('import-dataset-close'), { id: dataset.id, status, error, ...tagged });
  };
  let writer: BatchWriter | null = null;
  try {
    // If the import stops right after this, those enterprises lack an INN until a re-run writes it.
    if (innHolders.size > 0) {
      await db.write(
        'UNWIND $ids AS id MATCH (e:Enterprise {id: id}) REMOVE e.inn',
        { ids: [...innHolders] },
        opts.timeoutMs,
      );
    }
    for (const opened1 of opened) {
      const { kind } = opened1;
      const constants = { dataset: dataset.id, ...fileConstants(opened1, ctx) };
      writer = new BatchWriter(db, opts.batchSize, opts.timeoutMs, 2, constants, (n) => {
        tagged[kind] += n;
      });
      let count = 0;
      for await (const validated of validatedRows(opened1, cache.get(opened1) ?? null, ctx)) {
        if (kind === 'clusters') {
          await writer.add('import-clusters', clusterParams(validated as ClusterRow));
        } else if (kind === 'enterprises') {
          const row = validated as EnterpriseRow;
          await writer.add(
            existingEnterprises.has(row.id) ? 'import-enterprises' : 'import-enterprises-new',
            enterpriseParams(row),
          );
        } else {
          const row = validated as LinkRow;
          // Both ends created by this import: the link cannot exist yet.
          const fresh =
            enterpriseRows.has(row.supplier) &&
            enterpriseRows.has(row.buyer) &&
            !existingEnterprises.has(row.supplier) &&
            !existingEnterprises.has(row.buyer);
          await writer.add(fresh ? 'import-links-new' : 'import-links', linkParams(row, enterpriseInfo, ctx.matcher));
        }
        count++;
        if (count % opts.batchSize === 0) {
          lease?.check();
          opts.onProgress?.({ phase: 'write', kind, rows: count });
        }
      }
      await writer.finish();
      report.written[kind] += count;
      opts.onProgress?.({ phase: 'write', kind, rows: count });
    }
  } catch (error) {
    // Batches already committed stay (each is consistent); the run says where it stopped, and the
    // dataset counts what the batches that committed tagged.
    await writer?.settled();
    await closeRun('failed', (error as Error).message).catch(() => undefined);
    throw error;
  }
  await closeRun('completed', null);
}

/**
 * The properties each column gives, beyond those every file of its kind gives: what an update of
 * an existing node or link writes ($set of the MERGE queries). A column the file leaves out leaves
 * its properties as the database holds them.
 */
const PROPERTIES: Record<FileKind, { always: string[]; of: Record<string, string[]> }> = {
  enterprises: {
    always: ['id', 'name', 'nameLatin', 'region', 'okved', 'okvedAll', 'stages', 'chains'],
    of: {
      inn: ['inn'],
      name_en: ['nameEn'],
      employees: ['employees', 'employeesYear', 'employeesSource'],
      revenue_mln_rub: ['revenueMlnRub', 'revenueYear', 'revenueSource'],
      priority_territory: ['priorityTerritory'],
      synthetic: ['synthetic'],
      synthetic_figures: ['syntheticFigures'],
      source: ['source'],
    },
  },
  links: {
    always: ['product', 'volumeMlnRub'],
    of: { okved: ['okved'], since: ['since'], synthetic: ['synthetic'], source: ['source'] },
  },
  clusters: {
    always: ['id', 'name', 'nameLatin'],
    of: { name_en: ['nameEn'], synthetic: ['synthetic'], source: ['source'] },
  },
};

/** The parameters of a file's batches that follow from its columns. */
function fileConstants({ kind, present }: OpenedFile, ctx: ValidationContext): Record<string, unknown> {
  const { always, of } = PROPERTIES[kind];
  const set = [...always, ...Object.entries(of).flatMap(([column, props]) => (present.has(column) ? props : []))];
  if (kind === 'clusters') return { set, defaults: CLUSTER_DEFAULTS };
  if (kind === 'links') return { set, hasOkved: present.has('okved') };
  return {
    set,
    sme: ctx.sme,
    deriveSize: ['size', 'employees', 'revenue_mln_rub'].some((c) => present.has(c)),
    sizeColumn: present.has('size'),
    hasCluster: present.has('cluster'),
    hasTechnopark: present.has('technopark'),
  };
}

/** Write queries that read their batch through a rows fragment; the others read the columns themselves. */
const ROWS_OF: Record<string, string | undefined> = {
  'import-clusters': 'import-cluster-rows',
  'import-enterprises': 'import-enterprise-rows',
  'import-links': 'import-link-rows',
};

/**
 * Batches rows per query; one transaction per batch, and the next batch is prepared while the
 * previous one is written (two at a time for batches that only create).
 */
class BatchWriter {
  private batches = new Map<string, Record<string, unknown>[]>();
  private inFlight: Promise<unknown>[] = [];
  /**
   * @param constants parameters every batch's query takes besides its columns
   * @param onTagged told, per committed batch, how many rows got the dataset's id for the first
   *   time: the `tagged` a query returns, else (batches that only create) every row
   */
  constructor(
    private db: Db,
    private size: number,
    private timeoutMs: number,
    private parallel: number,
    private constants: Record<string, unknown>,
    private onTagged: (count: number) => void,
  ) {}

  async add(queryName: string, row: Record<string, unknown>): Promise<void> {
    let batch = this.batches.get(queryName);
    if (!batch) this.batches.set(queryName, (batch = []));
    batch.push(row);
    if (batch.length >= this.size) await this.flush(queryName);
  }

  private async flush(queryName: string): Promise<void> {
    const rows = this.batches.get(queryName)!;
    this.batches.set(queryName, []);
    const columns: Record<string, unknown[]> = {};
    for (const key of Object.keys(rows[0])) columns[key] = rows.map((row) => row[key]);
    const rowsOf = ROWS_OF[queryName];
    const query = rowsOf ? `${cypher(rowsOf)}\n${cypher(queryName)}` : cypher(queryName);
    const lanes = PARALLEL_SAFE.has(queryName) ? this.parallel : 1;
    while (this.inFlight.length >= lanes) await this.inFlight.shift();
    const write = writeRetryingDeadlocks(this.db, query, { ...this.constants, ...columns }, this.timeoutMs).then(
      (result) => this.onTagged(result[0]?.tagged == null ? rows.length : Number(result[0].tagged)),
    );
    // Awaited later; marked handled now so a failure while another batch is awaited is not fatal.
    write.catch(() => undefined);
    this.inFlight.push(write);
  }

  /** Waits for the batches in flight to commit or fail, whatever the outcome. */
  async settled(): Promise<void> {
    await Promise.allSettled(this.inFlight);
  }

  async finish(): Promise<void> {
    for (const [queryName, rows] of this.batches) if (rows.length > 0) await this.flush(queryName);
    await Promise.all(this.inFlight);
  }
}

/** Batches that only create (no MERGE, no delete) may run side by side; deadlocks are retried. */
const PARALLEL_SAFE = new Set(['import-enterprises-new', 'import-links-new']);

async function writeRetryingDeadlocks(
  db: Db,
  query: string,
  params: Record<string, unknown>,
  timeoutMs: number,
): Promise<Row[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.write(query, params, timeoutMs);
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (!code.includes('DeadlockDetected') || attempt >= 10) throw error;
      await new Promise((r) => setTimeout(r, 20 * attempt));
    }
  }
}

function clusterParams({ given, ...c }: ClusterRow): Record<string, unknown> {
  return {
    ...c,
    kind: given.kind ? c.kind : null,
    status: given.status ? c.status : null,
    chain: given.chain ? c.chain : null,
    regions: given.regions ? c.regions : null,
    nameLatin: latinName(c.name),
  };
}

function enterpriseParams(e: EnterpriseRow): Record<string, unknown> {
  return { ...e, nameLatin: latinName(e.name) };
}

function linkParams(link: LinkRow, info: Map<string, EnterpriseInfo>, matcher: StageMatcher): Record<string, unknown> {
  return {
    ...link,
    stage: linkStage(link, info.get(link.supplier)?.okved ?? [], info.get(link.buyer)?.stages ?? [], matcher),
  };
}
