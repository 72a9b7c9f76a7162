// From a register document to what the writer stores: the scope (regions, chains), the checks (INN,
// region) and the row of the subject. Pure: the database's knowledge comes in through the context.
import { innIsValid, type StageMatcher } from '../../core/reference.js';
import type { DocumentPlace, RegisterDocument, RegisterTie } from './types.js';

/** Why a document was set aside or a tie skipped (core/i18n/features/register.ts has the words). */
export type SetAsideCode =
  | 'no_inn'
  | 'bad_inn'
  | 'no_region'
  | 'unknown_region'
  | 'unreadable'
  | 'unreadable_part'
  | 'no_customer_inn'
  | 'bad_customer_inn';

export interface SetAsideItem {
  place: DocumentPlace;
  code: SetAsideCode;
  /** Shown only when it is not personal data (an organisation's INN, a region code). */
  value?: string;
  detail?: string;
}

export interface SubjectContext {
  /** Region codes the reference data knows. */
  regions: Set<string>;
  matcher: StageMatcher;
  /** Regions asked for (null: all). */
  scopeRegions: Set<string> | null;
  /** Chains asked for (null: all). */
  scopeChains: Set<string> | null;
  /**
   * INNs (as numbers) of the register subjects in the run's scope the graph holds, when a filter
   * is on: they are kept up to date whatever the filters say, so that a subject still listed is
   * never taken for one that left.
   */
  known: KnownInns | null;
}

/**
 * A set of INNs (as numbers) for a whole national register: a sorted Float64Array searched by
 * halves, 8 bytes an INN (a Set of numbers above 2³¹ would take about five times as much).
 */
export class KnownInns {
  private chunks: Float64Array[] = [];
  private current = new Float64Array(65_536);
  private filled = 0;
  private sorted = new Float64Array(0);

  add(inn: number): void {
    if (this.filled === this.current.length) {
      this.chunks.push(this.current);
      this.current = new Float64Array(65_536);
      this.filled = 0;
    }
    this.current[this.filled++] = inn;
  }

  /** Ends the adding; returns the set, ready for `has`. */
  seal(): this {
    const total = this.chunks.length * 65_536 + this.filled;
    const all = new Float64Array(total);
    this.chunks.forEach((c, i) => all.set(c, i * 65_536));
    all.set(this.current.subarray(0, this.filled), this.chunks.length * 65_536);
    this.sorted = all.sort();
    this.chunks = [];
    this.current = new Float64Array(0);
    return this;
  }

  has(inn: number): boolean {
    const a = this.sorted;
    let lo = 0;
    let hi = a.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = a[mid];
      if (v === inn) return true;
      if (v < inn) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

/** A subject as the writer takes it. */
export interface SubjectRow {
  place: DocumentPlace;
  inn: string;
  ogrn: string | null;
  /** The name to show: the short name of an organisation, or the register's name. */
  name: string | null;
  fullName: string | null;
  subject: RegisterDocument['subject'];
  category: RegisterDocument['category'];
  headcount: number | null;
  registeredAt: string | null;
  region: string;
  locality: string | null;
  okvedMain: string | null;
  okvedExtra: string[];
  products: string[];
  ties: RegisterTie[];
}

type Verdict = { kind: 'row'; row: SubjectRow } | { kind: 'filtered' } | { kind: 'set-aside'; item: SetAsideItem };

/** An INN that is shown in reports: an organisation's (10 digits); a person's never. */
export function showableInn(inn: string | null | undefined, subject?: RegisterDocument['subject']): string | undefined {
  return inn && /^\d{10}$/.test(inn) && (subject === 'organisation' || subject === undefined) ? inn : undefined;
}

/** Whether a subject's codes touch a stage of one of the chains. */
function touchesChains(doc: RegisterDocument, ctx: SubjectContext, chains: Set<string>): boolean {
  const codes = doc.okvedMain ? [doc.okvedMain.code] : [];
  for (const o of doc.okvedExtra) codes.push(o.code);
  for (const code of codes) {
    for (const stage of ctx.matcher.stagesFor(code)) {
      if (chains.has(ctx.matcher.chainOf(stage) ?? '')) return true;
    }
  }
  return false;
}

/** Normalises a region code as written ("1" → "01"). */
export function regionCode(text: string | null): string | null {
  if (!text) return null;
  const t = text.trim();
  return /^\d$/.test(t) ? '0' + t : t;
}

/**
 * What becomes of one document: the scope first (a document outside the regions and chains asked
 * for is not looked at further, unless the graph holds the subject already), then the checks.
 */
export function judge(doc: RegisterDocument, ctx: SubjectContext): Verdict {
  const inn = doc.inn?.trim() ?? '';
  const region = regionCode(doc.region);
  const known = ctx.known !== null && /^\d{10,12}$/.test(inn) && ctx.known.has(Number(inn));
  if (!known) {
    if (ctx.scopeRegions && !(region && ctx.scopeRegions.has(region))) return { kind: 'filtered' };
    if (ctx.scopeChains && !touchesChains(doc, ctx, ctx.scopeChains)) return { kind: 'filtered' };
  }
  const place = doc.place;
  if (!inn) return { kind: 'set-aside', item: { place, code: 'no_inn' } };
  if (!innIsValid(inn))
    return { kind: 'set-aside', item: { place, code: 'bad_inn', value: showableInn(inn, doc.subject) } };
  if (!region) return { kind: 'set-aside', item: { place, code: 'no_region' } };
  if (!ctx.regions.has(region))
    return { kind: 'set-aside', item: { place, code: 'unknown_region', value: region.slice(0, 10) } };
  const organisation = doc.subject === 'organisation' || (doc.subject === null && inn.length === 10);
  return {
    kind: 'row',
    row: {
      place,
      inn,
      ogrn: doc.ogrn,
      name: organisation ? (doc.shortName ?? doc.name) : doc.name,
      fullName: organisation ? doc.name : null,
      subject: doc.subject ?? (inn.length === 10 ? 'organisation' : null),
      category: doc.category,
      headcount: doc.headcount,
      registeredAt: doc.enteredAt,
      region,
      locality: doc.locality,
      okvedMain: doc.okvedMain?.code ?? null,
      okvedExtra: doc.okvedExtra.map((o) => o.code),
      products: doc.products.map((p) => p.name).filter((n): n is string => n !== null),
      ties: doc.ties,
    },
  };
}

/**
 * The headcount year of a register dump: ССЧР of a dump dated January–June is of the year before
 * last, of one dated July–December of the last year.
 */
export function headcountYear(stateDate: string): number {
  const year = Number(stateDate.slice(0, 4));
  const month = Number(stateDate.slice(5, 7));
  return month <= 6 ? year - 2 : year - 1;
}

/** A tie as spooled for the ties pass: the SME, the customer and what the dump says of it. */
export interface SpooledTie {
  sme: string;
  kind: RegisterTie['kind'];
  customer: string;
  customerName: string | null;
  number: string | null;
  date: string | null;
  subject: string | null;
}

/** The ties of a subject worth writing; the others reported. */
export function checkTies(row: SubjectRow, skipped: (item: SetAsideItem) => void): SpooledTie[] {
  const out: SpooledTie[] = [];
  for (const t of row.ties) {
    const customer = t.customerInn?.trim() ?? '';
    if (!customer) {
      skipped({ place: row.place, code: 'no_customer_inn' });
      continue;
    }
    if (!innIsValid(customer)) {
      skipped({ place: row.place, code: 'bad_customer_inn', value: showableInn(customer) });
      continue;
    }
    if (customer === row.inn) continue;
    out.push({
      sme: row.inn,
      kind: t.kind,
      customer,
      customerName: t.customerName,
      number: t.number,
      date: t.date,
      subject: t.subject,
    });
  }
  return out;
}
