// Loading the FNS open datasets (../../README.md, "Real enterprises"): the SME register and its
// revenue/expenses and headcount companions, each a ZIP recognised from its content by the reader
// (./read.ts), streamed document by document and written in batches (./write.ts).
//
// The register: documents outside the regions and chains asked for are skipped (a subject the graph
// holds already as a register subject of the scope is kept up to date whatever the filters say); a
// document with a bad INN, or without a known region, is set aside and listed in the report by its
// part, position and ИдДок, and the rest goes in. Subjects are upserted by INN (id `fns-<inn>` for
// new ones); a newer dump updates them in place. Their ties to customers are written once every
// subject is. After a complete load (not a cancelled one), the register subjects in its scope it no
// longer lists are marked as having left the register on its state date; they are not deleted.
//
// The companions fill the revenue or the headcount of the enterprises the graph holds, by INN,
// where the FNS figure is newer than a user's (./write.ts fnsFigureWins).
//
// One load at a time under the import lease (server/import/lock.ts), checked between batches; a
// cancel (AbortSignal) stops between batches, so every batch committed is whole. Each load is an
// ImportRun (GET /api/imports) and fills a Dataset node; the overview's aggregate is refreshed at
// the end. Sole traders' names and INNs are personal data: they are stored as the register shows
// them, but never logged nor reported.
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { cypher, type Db } from '../db.js';
import { AppError } from '../errors.js';
import { refreshAggregate, REFRESH_TIMEOUT_MS } from '../aggregate.js';
import { loadReference } from '../reference.js';
import { closeDataset, failDataset, openDataset } from '../datasets.js';
import type { RegisterFileLimits, Settings } from '../config.js';
import type { ImportLease } from '../import/lock.js';
import { innIsValid, stageMatcher, type SmeLimits } from '../../core/reference.js';
import { createT, type Lang, type TextKey } from '../../core/i18n/index.js';
import type { RegisterProgress, RegisterReport, RegisterSetAside } from '../../core/schemas.js';
import { FnsFormatError, openFnsArchive, type FnsArchive, type ReaderLimits } from './read.js';
import type { FnsArchiveInfo, RegisterDocument } from './types.js';
import { acquireRegisterLease } from './lease.js';
import { TieSpool } from './spool.js';
import {
  KnownInns,
  checkTies,
  headcountYear,
  judge,
  regionCode,
  showableInn,
  type SetAsideItem,
  type SubjectContext,
  type SubjectRow,
} from './subjects.js';
import { Lanes, writeFigures, writeSubjects, writeTies, type FigureRow, type RegisterWriteContext } from './write.js';

export type { RegisterProgress, RegisterReport };

export interface RegisterOptions {
  sme: SmeLimits;
  /** Documents per batch (one transaction each). */
  batchSize: number;
  /** Time allowed to each batch. */
  timeoutMs: number;
  /** How long to wait for an import running elsewhere before giving up (409). */
  waitMs: number;
  /** Set-aside records listed in the report (all are counted). */
  maxListed: number;
  /** FNS region codes (`КодРегион`) to keep; empty or absent: all. */
  regions?: string[];
  /** Chains to keep (subjects whose main or extra codes touch one of their stages); empty or absent: all. */
  chains?: string[];
  /** Read and check everything, write nothing (no lease taken). */
  dryRun?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: RegisterProgress) => void;
  lang?: Lang;
  /** The name shown (an upload's original name); defaults to the path's base name. */
  name?: string;
  /** Who loads it (the Dataset's loadedBy). */
  user?: string | null;
  /** The import lease, when the caller took it already (the API does, to answer 409 at once). */
  lease?: ImportLease;
  /** Refresh the overview's aggregate at the end (default true). */
  aggregate?: boolean;
  /** Batches of new subjects written side by side (default 2). */
  parallel?: number;
  /** Ceilings of the archive's read (bytes and counts); absent ones take the reader's defaults. */
  limits?: ReaderLimits;
}

/** The options that come from the settings. */
export function registerOptions(settings: Settings): RegisterOptions {
  return {
    sme: settings.sme,
    batchSize: settings.importBatchSize,
    timeoutMs: settings.importTimeoutMs,
    waitMs: settings.importWaitMs,
    maxListed: settings.importMaxErrors,
    limits: readerLimits(settings.registerFile),
  };
}

/** The reader's ceilings (bytes) from the settings' (megabytes). */
function readerLimits(r: RegisterFileLimits): Required<ReaderLimits> {
  return {
    maxEntries: r.maxEntries,
    maxEntryBytes: r.maxEntryMb * 1024 ** 2,
    maxCompressionRatio: r.maxRatio,
    maxDocumentBytes: r.maxDocumentMb * 1024 ** 2,
  };
}

/**
 * An archive refused as a whole, in the user's language: what is wrong and, for a ceiling, which
 * setting it hit with its value. Any other error keeps its own message.
 */
export function refusalMessage(error: unknown, lang: Lang, file?: string): string {
  if (!(error instanceof FnsFormatError)) return (error as Error).message;
  const t = createT(lang);
  const name = file ?? basename(error.file);
  if (error.fnsCode === 'limit' && error.limit)
    return t('registerFormat_limit', {
      file: name,
      reason: t(`registerLimit_${error.limit.name}`, { member: error.limit.member ?? '' }),
      setting: error.limit.setting,
      // As the setting is written (1.5, not the locale's 1,5).
      value: String(error.limit.settingValue),
    });
  return t(`registerFormat_${error.fnsCode.replace('-', '_')}` as TextKey, { file: name, reason: error.reason });
}

/** The dataset id of an archive: `fns-rsmp:YYYY-MM-DD`, `fns-revexp:YYYY`, `fns-sshr:YYYY`. */
function datasetIdOf(info: FnsArchiveInfo, lang: Lang): string {
  if (!info.stateDate) throw new AppError(422, 'fns_no_state_date', createT(lang)('registerNoStateDate'));
  if (info.kind === 'register') return `fns-rsmp:${info.stateDate}`;
  return `fns-${info.kind === 'revexp' ? 'revexp' : 'sshr'}:${info.stateDate.slice(0, 4)}`;
}

/** Checks the filters against the reference data; codes as FNS writes them ("1" → "01"). */
export function checkFilters(
  regions: string[] | undefined,
  chains: string[] | undefined,
  lang: Lang = 'en',
): { regions: string[]; chains: string[] } {
  const t = createT(lang);
  const ref = loadReference();
  const knownRegions = new Set(ref.regions.map((r) => r.code));
  const knownChains = new Set(ref.chains.map((c) => c.id));
  const r = [...new Set((regions ?? []).map((c) => regionCode(c)).filter((c): c is string => !!c))];
  const c = [...new Set((chains ?? []).map((c) => c.trim()).filter(Boolean))];
  const badRegions = r.filter((code) => !knownRegions.has(code));
  if (badRegions.length > 0)
    throw new AppError(400, 'bad_request', t('registerUnknownRegions', { codes: badRegions.join(', ') }), {
      reason: 'unknown_region',
    });
  const badChains = c.filter((id) => !knownChains.has(id));
  if (badChains.length > 0)
    throw new AppError(
      400,
      'bad_request',
      t('registerUnknownChains', { ids: badChains.join(', '), known: [...knownChains].join(', ') }),
      { reason: 'unknown_chain' },
    );
  return { regions: r.sort(), chains: c.sort() };
}

/** The set-aside records of a load: all counted, the first `max` listed, in the user's language. */
class SetAsideList {
  count = 0;
  readonly listed: RegisterSetAside[] = [];
  constructor(
    private max: number,
    private lang: Lang,
  ) {}
  add(item: SetAsideItem): void {
    this.count++;
    if (this.listed.length >= this.max) return;
    const t = createT(this.lang);
    this.listed.push({
      part: item.place.part,
      index: item.place.index,
      docId: item.place.docId,
      code: item.code,
      ...(item.value !== undefined ? { value: item.value } : {}),
      message: t(`registerReason_${item.code}` as TextKey, { value: item.value ?? '', detail: item.detail ?? '' }),
    });
  }
}

/**
 * Loads an FNS archive (see the top of this file). Refuses before writing anything (AppError) a file
 * that is not an FNS dataset, unknown filters, or a busy lease; a failure while loading ends the
 * load as 'failed' in its report (the batches written stay, and loading again completes them).
 */
export async function importRegister(db: Db, path: string, opts: RegisterOptions): Promise<RegisterReport> {
  const filters = checkFilters(opts.regions, opts.chains, opts.lang);
  const read = { parts: 0, bytes: 0 };
  const archive = await openFnsArchive(path, {
    ...opts.limits,
    signal: opts.signal,
    onProgress: (p) => {
      read.parts = p.parts;
      read.bytes = p.bytes;
    },
  });
  try {
    if (opts.dryRun) return await load(db, archive, read, path, filters, opts, null);
    const lease = opts.lease ?? (await acquireRegisterLease(db, { waitMs: opts.waitMs }));
    try {
      return await load(db, archive, read, path, filters, opts, lease);
    } finally {
      if (!opts.lease) await lease.release();
    }
  } finally {
    await archive.close();
  }
}

interface Progressor {
  documents: number;
  phase: RegisterProgress['phase'];
  tick(force?: boolean): void;
  /** What the reader reports: parts and uncompressed bytes read. */
  read: { parts: number; bytes: number };
}

function progressor(
  info: FnsArchiveInfo,
  read: { parts: number; bytes: number },
  opts: RegisterOptions,
  started: number,
): Progressor {
  let last = 0;
  const p: Progressor = {
    documents: 0,
    phase: 'reading',
    read,
    tick(force = false) {
      if (!opts.onProgress) return;
      const now = Date.now();
      if (!force && now - last < 250) return;
      last = now;
      const elapsed = now - started;
      const done = info.totalBytes > 0 ? p.read.bytes / info.totalBytes : 0;
      opts.onProgress({
        phase: p.phase,
        documents: p.documents,
        declaredDocuments: info.declaredDocuments,
        parts: p.read.parts,
        partsTotal: info.parts,
        bytes: p.read.bytes,
        totalBytes: info.totalBytes,
        rate: elapsed > 0 ? Math.round((p.documents / elapsed) * 1000) : 0,
        etaSeconds:
          p.phase === 'reading' && done > 0.005 && elapsed > 1000
            ? Math.max(0, Math.round((elapsed * (1 - done)) / done / 1000))
            : null,
        elapsedMs: elapsed,
      });
    },
  };
  return p;
}

async function load(
  db: Db,
  archive: FnsArchive,
  read: { parts: number; bytes: number },
  path: string,
  filters: { regions: string[]; chains: string[] },
  opts: RegisterOptions,
  lease: ImportLease | null,
): Promise<RegisterReport> {
  const started = Date.now();
  const info = archive.info;
  const lang = opts.lang ?? 'en';
  const datasetId = datasetIdOf(info, lang);
  const name = opts.name ?? basename(path);
  const dryRun = !!opts.dryRun;
  const setAside = new SetAsideList(opts.maxListed, lang);
  const report: RegisterReport = {
    status: 'completed',
    dryRun,
    kind: info.kind,
    datasetId,
    runId: null,
    file: name,
    stateDate: info.stateDate,
    version: info.version,
    parts: info.parts,
    filters,
    counts: {
      documents: 0,
      filtered: 0,
      enterprises: 0,
      created: 0,
      updated: 0,
      ties: 0,
      customers: 0,
      leftRegister: 0,
      matched: 0,
      unmatched: 0,
      kept: 0,
    },
    setAsideCount: 0,
    setAside: [],
    durationMs: 0,
    error: null,
  };
  const progress = progressor(info, read, opts, started);
  const finish = () => {
    report.counts.documents = progress.documents;
    report.setAsideCount = setAside.count;
    report.setAside = setAside.listed;
    report.version = info.version;
    report.durationMs = Date.now() - started;
    return report;
  };
  if (info.kind !== 'register' && (filters.regions.length > 0 || filters.chains.length > 0))
    throw new AppError(
      400,
      'bad_request',
      'the regions and chains filters apply to the SME register only; a companion fills the figures of the enterprises the graph holds',
      { reason: 'filters_register_only' },
    );

  const runId = dryRun ? null : randomUUID();
  report.runId = runId;
  if (runId) {
    await db.write(cypher('register-run-open'), { id: runId, files: [name], kind: info.kind, dataset: datasetId });
    await openDataset(db, {
      id: datasetId,
      kind: info.kind,
      name,
      stateDate: info.stateDate,
      loadedBy: opts.user ?? null,
    });
  }
  const cancelled = () => opts.signal?.aborted === true;
  try {
    if (info.kind === 'register')
      await loadRegister(db, archive, datasetId, filters, opts, lease, progress, report, setAside);
    else await loadCompanion(db, archive, info.kind, datasetId, opts, lease, progress, report, setAside);
    if (cancelled()) report.status = 'cancelled';
  } catch (error) {
    if (cancelled()) report.status = 'cancelled';
    else {
      report.status = 'failed';
      report.error = refusalMessage(error, lang, name);
    }
  }
  finish();
  if (!runId) return report;

  progress.phase = 'finishing';
  progress.tick(true);
  try {
    if (report.status === 'completed' && info.kind === 'register') {
      report.counts.leftRegister = await markLeft(db, info.stateDate!, filters.regions, opts.timeoutMs);
    }
    const status = report.status;
    if (info.kind === 'register') {
      await closeDataset(db, datasetId, status, { error: report.error, timeoutMs: REFRESH_TIMEOUT_MS });
    } else if (status === 'failed') {
      await failDataset(db, datasetId, report.error ?? 'failed');
    } else {
      await db.write(cypher('datasets-close'), {
        id: datasetId,
        status,
        error: null,
        enterprises: report.counts.enterprises,
        clusters: 0,
        links: 0,
        ties: 0,
      });
    }
  } catch (error) {
    if (report.status !== 'failed') {
      report.status = 'failed';
      report.error = (error as Error).message;
    }
    await failDataset(db, datasetId, report.error ?? 'failed').catch(() => undefined);
  }
  await db
    .write(cypher('register-run-close'), {
      id: runId,
      // The import log knows running, completed and failed: a cancelled load is a failed run that says so.
      status: report.status === 'completed' ? 'completed' : 'failed',
      error: report.status === 'cancelled' ? 'cancelled' : report.error,
      enterprises: report.counts.enterprises,
      ties: report.counts.ties,
    })
    .catch(() => undefined);
  if (opts.aggregate !== false && (report.counts.enterprises > 0 || report.counts.ties > 0)) {
    try {
      await refreshAggregate(db, { timeoutMs: Math.max(opts.timeoutMs, REFRESH_TIMEOUT_MS) });
    } catch {
      // The load stays done and the previous aggregate in place; the next import or start-up refreshes it.
    }
  }
  return finish();
}

/** The register subjects of the scope the graph holds, when a filter is on (see SubjectContext.known). */
async function knownSubjects(db: Db, regions: string[]): Promise<KnownInns> {
  const known = new KnownInns();
  let after = '';
  for (;;) {
    const page = await db.read(cypher('register-known'), {
      after,
      regions: regions.length > 0 ? regions : null,
      limit: 100_000,
    });
    for (const r of page) known.add(Number(r.inn));
    if (page.length < 100_000) return known.seal();
    after = String(page[page.length - 1].inn);
  }
}

async function markLeft(db: Db, stateDate: string, regions: string[], timeoutMs: number): Promise<number> {
  const limit = 10_000;
  let total = 0;
  for (;;) {
    const [row] = await db.write(
      cypher('register-left'),
      { stateDate, regions: regions.length > 0 ? regions : null, limit },
      Math.max(timeoutMs, 600_000),
    );
    const marked = Number(row.marked);
    total += marked;
    if (marked < limit) return total;
  }
}

async function loadRegister(
  db: Db,
  archive: FnsArchive,
  datasetId: string,
  filters: { regions: string[]; chains: string[] },
  opts: RegisterOptions,
  lease: ImportLease | null,
  progress: Progressor,
  report: RegisterReport,
  setAside: SetAsideList,
): Promise<void> {
  const info = archive.info;
  const ref = loadReference();
  const matcher = stageMatcher(ref.chains);
  const dbRegions = new Set((await db.read('MATCH (r:Region) RETURN r.code AS code')).map((r) => String(r.code)));
  const regions = dbRegions.size > 0 ? dbRegions : new Set(ref.regions.map((r) => r.code));
  const filtered = filters.regions.length > 0 || filters.chains.length > 0;
  const ctx: SubjectContext = {
    regions,
    matcher,
    scopeRegions: filters.regions.length > 0 ? new Set(filters.regions) : null,
    scopeChains: filters.chains.length > 0 ? new Set(filters.chains) : null,
    known: filtered && !opts.dryRun ? await knownSubjects(db, filters.regions) : null,
  };
  const write: RegisterWriteContext = {
    db,
    matcher,
    sme: opts.sme,
    datasetId,
    stateDate: info.stateDate!,
    employeesYear: headcountYear(info.stateDate!),
    timeoutMs: opts.timeoutMs,
  };
  const lanes = new Lanes(opts.parallel ?? 2);
  const spool = new TieSpool();
  const counts = report.counts;
  const flush = async (batch: SubjectRow[]) => {
    lease?.check();
    if (opts.dryRun) return;
    await lanes.run(async () => {
      const c = await writeSubjects(write, batch);
      counts.created += c.created;
      counts.updated += c.updated;
      counts.enterprises += c.created + c.updated + c.tagged;
    });
  };
  try {
    let batch: SubjectRow[] = [];
    for await (const item of archive.documents()) {
      progress.documents++;
      if ('unreadable' in item) {
        const u = item.unreadable;
        if (u.scope === 'part') progress.documents--;
        setAside.add({ place: u.place, code: u.scope === 'part' ? 'unreadable_part' : 'unreadable', detail: u.reason });
      } else if (item.kind === 'register') {
        const verdict = judge(item.doc as RegisterDocument, ctx);
        if (verdict.kind === 'filtered') counts.filtered++;
        else if (verdict.kind === 'set-aside') setAside.add(verdict.item);
        else {
          for (const tie of checkTies(verdict.row, (i) => setAside.add(i))) {
            if (!opts.dryRun) await spool.add(tie);
            else counts.ties++;
          }
          // Spooled: the batch need not hold them while it waits for a lane.
          verdict.row.ties = [];
          batch.push(verdict.row);
          if (batch.length >= opts.batchSize) {
            await flush(batch);
            batch = [];
            if (opts.signal?.aborted) break;
          }
        }
      }
      if (progress.documents % 1000 === 0) {
        progress.tick();
        if (opts.signal?.aborted) break;
      }
    }
    if (!opts.signal?.aborted && batch.length > 0) await flush(batch);
    await lanes.finish();
    progress.tick(true);
    if (opts.signal?.aborted || opts.dryRun) return;

    // Ties, once every subject is written: one batch at a time, the next read while one is written.
    progress.phase = 'ties';
    progress.tick(true);
    const tieLanes = new Lanes(1);
    for await (const ties of spool.batches(opts.batchSize)) {
      lease?.check();
      if (opts.signal?.aborted) break;
      await tieLanes.run(async () => {
        const c = await writeTies({ ...write, regions }, ties);
        counts.ties += c.ties;
        counts.customers += c.customers;
      });
      progress.tick();
    }
    await tieLanes.finish();
  } finally {
    await lanes.finish().catch(() => undefined);
    await spool.dispose();
  }
}

async function loadCompanion(
  db: Db,
  archive: FnsArchive,
  kind: 'revexp' | 'headcount',
  datasetId: string,
  opts: RegisterOptions,
  lease: ImportLease | null,
  progress: Progressor,
  report: RegisterReport,
  setAside: SetAsideList,
): Promise<void> {
  const year = Number(archive.info.stateDate!.slice(0, 4));
  const counts = report.counts;
  const lanes = new Lanes(opts.parallel ?? 2);
  const ctx = { db, sme: opts.sme, datasetId, timeoutMs: opts.timeoutMs };
  const flush = async (batch: FigureRow[]) => {
    lease?.check();
    if (opts.dryRun) return;
    await lanes.run(async () => {
      const c = await writeFigures(ctx, kind, batch);
      counts.matched += c.matched;
      counts.unmatched += batch.length - c.matched;
      counts.kept += c.kept;
      counts.enterprises += c.written;
      counts.updated += c.written;
    });
  };
  try {
    let batch: FigureRow[] = [];
    for await (const item of archive.documents()) {
      progress.documents++;
      if ('unreadable' in item) {
        const u = item.unreadable;
        if (u.scope === 'part') progress.documents--;
        setAside.add({ place: u.place, code: u.scope === 'part' ? 'unreadable_part' : 'unreadable', detail: u.reason });
      } else if (item.kind === 'revexp' || item.kind === 'headcount') {
        const doc = item.doc;
        const inn = doc.inn?.trim() ?? '';
        const value =
          item.kind === 'revexp'
            ? item.doc.income === null
              ? null
              : Math.round(item.doc.income * 100) / 1e8
            : item.doc.headcount;
        if (!inn) setAside.add({ place: doc.place, code: 'no_inn' });
        else if (!innIsValid(inn)) setAside.add({ place: doc.place, code: 'bad_inn', value: showableInn(inn) });
        else if (value !== null) {
          batch.push({ inn, value, year: doc.year ?? year });
          if (batch.length >= opts.batchSize) {
            await flush(batch);
            batch = [];
            if (opts.signal?.aborted) break;
          }
        }
      }
      if (progress.documents % 1000 === 0) {
        progress.tick();
        if (opts.signal?.aborted) break;
      }
    }
    if (!opts.signal?.aborted && batch.length > 0) await flush(batch);
    await lanes.finish();
    progress.tick(true);
  } finally {
    await lanes.finish().catch(() => undefined);
  }
}
