// The writes of a load of an FNS archive (./index.ts): subjects of the register in batches, one
// transaction each, their ties to customers afterwards, and the figures of the companion datasets.
// Each batch looks up which of its subjects the graph holds (by INN) and takes the fast CREATE path
// for the others; batches that only create run side by side. Every statement is idempotent, so a
// batch retried, or a load run again, changes nothing twice.
import type { ManagedTransaction } from 'neo4j-driver';
import { cypher, type Db, type Row } from '../db.js';
import { smeCategory, type SizeCategory, type SmeLimits, type StageMatcher } from '../../core/reference.js';
import { latinName } from '../import/rules.js';
import type { SpooledTie, SubjectRow } from './subjects.js';

/** Runs batches side by side, at most `lanes` at a time; the first failure stops the rest. */
export class Lanes {
  private inFlight = new Set<Promise<void>>();
  private failure: unknown = null;
  constructor(private lanes: number) {}

  /** Waits for a free lane, then starts `work`; throws the failure of an earlier batch. */
  async run(work: () => Promise<void>): Promise<void> {
    this.throwIfFailed();
    while (this.inFlight.size >= this.lanes) {
      await Promise.race(this.inFlight);
      this.throwIfFailed();
    }
    const p: Promise<void> = work().then(
      () => {
        this.inFlight.delete(p);
      },
      (error) => {
        this.inFlight.delete(p);
        this.failure ??= error;
      },
    );
    this.inFlight.add(p);
  }

  /** Waits for every batch started; throws the first failure. */
  async finish(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.race(this.inFlight);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure;
  }
}

const codeOf = (error: unknown) => String((error as { code?: string }).code ?? '');

/**
 * One write transaction, tried again when it lost a race: a deadlock, or a unique constraint that
 * another batch running beside it took first (the same INN twice in a dump; the retry's lookup
 * finds the other batch's subject and updates it).
 */
async function writeRetrying<T>(db: Db, work: (tx: ManagedTransaction) => Promise<T>, timeoutMs: number): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.writeTransaction(work, timeoutMs);
    } catch (error) {
      const code = codeOf(error);
      const retry = code.includes('DeadlockDetected') || code.includes('ConstraintValidationFailed');
      if (!retry || attempt >= 8) throw error;
      await new Promise((r) => setTimeout(r, 25 * attempt));
    }
  }
}

const rows = async (tx: ManagedTransaction, query: string, params: Row) =>
  (await tx.run(query, params)).records.map((r) => r.toObject() as Row);

/** The year of a Dataset's `loadedAt` (a DateTime, or epoch milliseconds), or null. */
function yearOf(v: unknown): number | null {
  if (v == null) return null;
  if (typeof v === 'number') return new Date(v).getUTCFullYear();
  const y = (v as { year?: unknown }).year;
  if (typeof y === 'number') return y;
  const parsed = Date.parse(String(v));
  return Number.isFinite(parsed) ? new Date(parsed).getUTCFullYear() : null;
}

const num = (v: unknown): number | null => (v == null ? null : Number(v));

/**
 * Whether an FNS figure of `year` replaces the figure an enterprise has. None: yes. One from an FNS
 * dataset (`fns-…`): when not older. One from a user's file: only when the FNS year is newer than
 * the figure's year, and a figure without a year counts as of the year its file was loaded (from its
 * source's Dataset node), or of this year when that is unknown — a user's figure stays theirs.
 */
function fnsFigureWins(
  existing: { value: unknown; year: unknown; source: unknown; loadedAt: unknown },
  year: number,
  now = new Date(),
): boolean {
  if (existing.value == null) return true;
  const source = existing.source == null ? null : String(existing.source);
  const stored = num(existing.year);
  if (source?.startsWith('fns-')) return stored === null || year >= stored;
  const userYear = stored ?? yearOf(existing.loadedAt) ?? now.getUTCFullYear();
  return year > userYear;
}

export interface RegisterWriteContext {
  db: Db;
  matcher: StageMatcher;
  sme: SmeLimits;
  datasetId: string;
  stateDate: string;
  /** The year the dump's headcounts (ССЧР) are of. */
  employeesYear: number;
  timeoutMs: number;
}

interface SubjectCounts {
  created: number;
  updated: number;
  /** Listed by this older dump after a newer one: only tagged. */
  tagged: number;
}

/** Stages of the main code, and the stages of the extra codes the main code does not reach. */
function stagesOf(matcher: StageMatcher, main: string | null, extra: string[]) {
  const stages = main ? matcher.stagesFor(main) : [];
  const capable = matcher.stagesForAll(extra).filter((s) => !stages.includes(s));
  const chains = [...new Set(stages.map((s) => matcher.chainOf(s)).filter((c): c is string => !!c))];
  return { stages, capable, chains };
}

/** Separators of packed columns: control characters XML 1.0 cannot hold, so no value has them. */
const RS = '\u001e';
const US = '\u001f';

/**
 * A batch sent column by column, each column one string (rows joined by RS, a row's list by US;
 * null and the empty list are the empty string). The driver packs a handful of long strings
 * instead of a value per field, which costs it more than parsing the documents did.
 */
class PackedColumns {
  private columns = new Map<string, string[]>();
  rows = 0;

  row(values: Record<string, string | number | string[] | null>): void {
    for (const [key, value] of Object.entries(values)) {
      let column = this.columns.get(key);
      if (!column) this.columns.set(key, (column = []));
      column.push(value === null ? '' : Array.isArray(value) ? value.join(US) : String(value));
    }
    this.rows++;
  }

  params(): Record<string, string> {
    const params: Record<string, string> = { rs: RS, us: US };
    for (const [key, column] of this.columns) params[key] = column.join(RS);
    return params;
  }
}

const unique = (codes: (string | null)[]) => [...new Set(codes.filter((c): c is string => !!c))];

/** Writes one batch of subjects (one transaction); returns its counts. */
export async function writeSubjects(ctx: RegisterWriteContext, batch: SubjectRow[]): Promise<SubjectCounts> {
  // The same INN twice in a batch: the later document wins.
  const byInn = new Map<string, SubjectRow>();
  for (const row of batch) byInn.set(row.inn, row);
  const list = [...byInn.values()];
  return writeRetrying(
    ctx.db,
    async (tx) => {
      const counts: SubjectCounts = { created: 0, updated: 0, tagged: 0 };
      const found = new Map<string, Row>();
      for (const r of await rows(tx, cypher('register-existing'), { inns: list.map((r) => r.inn) }))
        found.set(String(r.inn), r);

      const create = new PackedColumns();
      const update = new PackedColumns();
      const tag: string[] = [];
      for (const row of list) {
        const existing = found.get(row.inn);
        if (existing && existing.registerState != null && String(existing.registerState) > ctx.stateDate) {
          tag.push(String(existing.id));
          continue;
        }
        if (!existing) {
          const { stages, capable, chains } = stagesOf(ctx.matcher, row.okvedMain, row.okvedExtra);
          const derived = row.category ? null : smeCategory(row.headcount, null, ctx.sme);
          create.row({
            id: `fns-${row.inn}`,
            inn: row.inn,
            ogrn: row.ogrn,
            name: row.name ?? row.inn,
            fullName: row.fullName,
            nameLatin: row.name ? latinName(row.name) : null,
            subject: row.subject,
            size: row.category ?? derived,
            sizeSource: row.category ? 'register' : derived ? 'derived' : null,
            okved: row.okvedMain,
            okvedAll: unique([row.okvedMain, ...row.okvedExtra]),
            stages,
            chains,
            capable,
            employees: row.headcount,
            registeredAt: row.registeredAt,
            products: row.products,
            region: row.region,
            locality: row.locality,
          });
          continue;
        }
        update.row(updateRow(ctx, row, existing));
      }
      if (create.rows > 0) {
        await tx.run(cypher('register-create'), {
          ...create.params(),
          registerState: ctx.stateDate,
          employeesYear: ctx.employeesYear,
          dataset: ctx.datasetId,
        });
        counts.created = create.rows;
      }
      if (update.rows > 0) {
        await tx.run(cypher('register-update'), {
          ...update.params(),
          registerState: ctx.stateDate,
          employeesYear: ctx.employeesYear,
          dataset: ctx.datasetId,
        });
        counts.updated = update.rows;
      }
      if (tag.length > 0) {
        await tx.run(cypher('register-tag'), { ids: tag, dataset: ctx.datasetId });
        counts.tagged = tag.length;
      }
      return counts;
    },
    ctx.timeoutMs,
  );
}

/**
 * A subject the graph holds, as the dump says it (register-update). The register is the truth for
 * the official category, the kind of subject, the codes and the state; a name given by a user's
 * file stays (only enterprises the register created take its names); a headcount stays when it is a
 * user's of the same or a later year; a main code stays when the dump has none. An empty value of
 * `name`, `ogrn`, `fullName`, `size` or `employees` keeps what the subject has.
 */
function updateRow(
  ctx: RegisterWriteContext,
  row: SubjectRow,
  existing: Row,
): Record<string, string | number | string[] | null> {
  const id = String(existing.id);
  const main = row.okvedMain ?? (existing.okved == null ? null : String(existing.okved));
  const { stages, capable, chains } = stagesOf(ctx.matcher, main, row.okvedExtra);
  const ownName = id.startsWith('fns-') && row.name !== null;
  const headcountWins =
    row.headcount !== null &&
    fnsFigureWins(
      {
        value: existing.employees,
        year: existing.employeesYear,
        source: existing.employeesSource,
        loadedAt: existing.employeesLoadedAt,
      },
      ctx.employeesYear,
    );
  return {
    id,
    inn: row.inn,
    subject: row.subject,
    okved: main,
    okvedAll: unique([main, ...row.okvedExtra]),
    stages,
    chains,
    capable,
    registeredAt: row.registeredAt,
    products: row.products,
    region: row.region,
    locality: row.locality,
    ogrn: row.ogrn,
    fullName: row.fullName,
    name: ownName ? row.name : null,
    nameLatin: ownName ? latinName(row.name!) : null,
    size: row.category,
    employees: headcountWins ? row.headcount : null,
  };
}

/** The key that makes a tie the same tie in every dump listing it. */
function tieKey(t: SpooledTie): string {
  return [t.kind, t.number ?? '', t.date ?? '', t.kind === 'programme' ? '' : (t.subject ?? '')].join('|');
}

const LAW: Record<string, string> = { 'contract-44': '44-FZ', 'contract-223': '223-FZ' };

interface TieCounts {
  ties: number;
  customers: number;
}

/** Writes one batch of ties, the customers first (one transaction). */
export async function writeTies(
  ctx: RegisterWriteContext & { regions: Set<string> },
  batch: SpooledTie[],
): Promise<TieCounts> {
  const customers = new Map<string, Row>();
  for (const t of batch) {
    if (customers.has(t.customer)) continue;
    const name = t.customerName ?? t.customer;
    const prefix = t.customer.slice(0, 2);
    customers.set(t.customer, {
      inn: t.customer,
      name,
      nameLatin: latinName(name),
      region: ctx.regions.has(prefix) ? prefix : null,
    });
  }
  const programmes: Row[] = [];
  const contracts: Row[] = [];
  for (const t of batch) {
    const base = { sme: t.sme, customer: t.customer, key: tieKey(t), number: t.number, date: t.date };
    if (t.kind === 'programme') programmes.push(base);
    else contracts.push({ ...base, law: LAW[t.kind], subject: t.subject });
  }
  return writeRetrying(
    ctx.db,
    async (tx) => {
      const [c] = await rows(tx, cypher('register-customers'), {
        customers: [...customers.values()],
        dataset: ctx.datasetId,
      });
      const [t] = await rows(tx, cypher('register-ties'), { programmes, contracts, dataset: ctx.datasetId });
      return { customers: Number(c.created), ties: Number(t.programmes) + Number(t.contracts) };
    },
    ctx.timeoutMs,
  );
}

/** One figure of a companion dataset: revenue (mln roubles) or headcount, of one INN. */
export interface FigureRow {
  inn: string;
  value: number;
  year: number;
}

interface FigureCounts {
  matched: number;
  written: number;
  kept: number;
}

/**
 * Writes one batch of a companion's figures on the enterprises the graph holds (by INN), where
 * the FNS figure wins (fnsFigureWins), and derives their size again from the figures they then
 * have unless it is the register's official category or a size a user's file gave.
 */
export async function writeFigures(
  ctx: { db: Db; sme: SmeLimits; datasetId: string; timeoutMs: number },
  kind: 'revexp' | 'headcount',
  batch: FigureRow[],
): Promise<FigureCounts> {
  const byInn = new Map<string, FigureRow>();
  for (const row of batch) byInn.set(row.inn, row);
  return writeRetrying(
    ctx.db,
    async (tx) => {
      const counts: FigureCounts = { matched: 0, written: 0, kept: 0 };
      const found = await rows(tx, cypher('register-figures-existing'), { inns: [...byInn.keys()] });
      const write: Row[] = [];
      for (const e of found) {
        const row = byInn.get(String(e.inn))!;
        counts.matched++;
        const revenue = kind === 'revexp';
        const wins = fnsFigureWins(
          revenue
            ? { value: e.revenueMlnRub, year: e.revenueYear, source: e.revenueSource, loadedAt: e.revenueLoadedAt }
            : { value: e.employees, year: e.employeesYear, source: e.employeesSource, loadedAt: e.employeesLoadedAt },
          row.year,
        );
        if (!wins) {
          counts.kept++;
          continue;
        }
        const props: Row = revenue
          ? { revenueMlnRub: row.value, revenueYear: row.year, revenueSource: ctx.datasetId }
          : { employees: row.value, employeesYear: row.year, employeesSource: ctx.datasetId };
        const sizeSource = e.sizeSource == null ? null : String(e.sizeSource);
        if (sizeSource === null || sizeSource === 'derived') {
          const size: SizeCategory | null = smeCategory(
            revenue ? num(e.employees) : row.value,
            revenue ? row.value : num(e.revenueMlnRub),
            ctx.sme,
          );
          props.size = size;
          props.sizeSource = size ? 'derived' : null;
          props.sizeDataset = size ? ctx.datasetId : null;
        }
        write.push({ id: e.id, props });
      }
      if (write.length > 0) await tx.run(cypher('register-figures-write'), { rows: write });
      counts.written = write.length;
      return counts;
    },
    ctx.timeoutMs,
  );
}
