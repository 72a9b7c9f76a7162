// Row-level checks and normalisation of the three import files. Pure: everything the database
// knows comes in through `ValidationContext`.
import {
  SIZE_CATEGORIES,
  innIsValid,
  smeCategory,
  type SizeCategory,
  type SmeLimits,
  type StageMatcher,
} from '../../core/reference.js';
import {
  OKVED_PATTERN,
  normaliseInn,
  normaliseOkved,
  normaliseRegionCode,
  parseBoolean,
  parseNumber,
  parseSince,
} from './rules.js';

// The kinds of file and their columns are shared with the client's import page.
export { COLUMNS, FILE_KINDS, type FileKind } from '../../core/schemas.js';
import { FILE_KINDS, type FileKind } from '../../core/schemas.js';
import { CLUSTER_DEFAULTS, columnOf } from '../../core/import-columns.js';

const CLUSTER_KINDS = ['industrial', 'innovative', 'regional-initiative'];
const CLUSTER_STATUSES = ['registered', 'applicant', 'forming'];
const CLUSTER_ROLES = ['anchor', 'participant', 'coordinator'];

// File names that tell the kind when the header does not, after the English kind names.
const NAME_STEMS: [FileKind, RegExp][] = [
  ['links', /связ|постав/],
  ['clusters', /кластер/],
  ['enterprises', /предприят|организац/],
];

/**
 * Guesses the kind of a file from its header (English names or Russian aliases), else from its
 * name. A clusters file is known by a column only clusters have; one with only the identifying
 * columns (id, name) needs its kind given or in its name.
 */
export function detectKind(header: string[], fileName = ''): FileKind | null {
  const has = (kind: FileKind, ...cols: string[]) => {
    const named = new Set(header.map((h) => columnOf(kind, h)));
    return cols.every((c) => named.has(c));
  };
  if (has('links', 'supplier', 'buyer')) return 'links';
  if (has('enterprises', 'okved', 'region') || has('enterprises', 'inn', 'name')) return 'enterprises';
  if (has('clusters', 'chain') || has('clusters', 'regions') || has('clusters', 'kind', 'status')) return 'clusters';
  if (has('enterprises', 'name', 'okved') || has('enterprises', 'name', 'region')) return 'enterprises';
  const lower = fileName.toLowerCase();
  return FILE_KINDS.find((k) => lower.includes(k)) ?? NAME_STEMS.find(([, stem]) => stem.test(lower))?.[0] ?? null;
}

export interface RowIssue {
  column?: string;
  code: string;
  value?: string;
  detail?: string;
}

export interface ValidationContext {
  regions: Set<string>;
  chains: Set<string>;
  matcher: StageMatcher;
  sme: SmeLimits;
}

/**
 * A cluster row. Kind, status, chain and regions left empty (or out) take the defaults of a new
 * cluster (CLUSTER_DEFAULTS, no chain, no regions); `given` says which the row did give, for an
 * existing cluster keeps what the row does not give.
 */
export interface ClusterRow {
  id: string;
  name: string;
  nameEn: string | null;
  kind: string;
  status: string;
  chain: string | null;
  regions: string[];
  given: { kind: boolean; status: boolean; chain: boolean; regions: boolean };
  synthetic: boolean;
  source: string | null;
}

export interface EnterpriseRow {
  id: string;
  inn: string | null;
  name: string;
  nameEn: string | null;
  region: string;
  okved: string;
  okvedAll: string[];
  employees: number | null;
  revenueMlnRub: number | null;
  size: SizeCategory | null;
  sizeSource: 'given' | 'derived' | null;
  stages: string[];
  chains: string[];
  cluster: string | null;
  clusterRole: string | null;
  technopark: string | null;
  priorityTerritory: boolean;
  synthetic: boolean;
  syntheticFigures: boolean;
  source: string | null;
}

export interface LinkRow {
  supplier: string;
  buyer: string;
  product: string;
  okved: string | null;
  volumeMlnRub: number;
  since: string | null;
  synthetic: boolean;
  source: string | null;
}

type Values = Record<string, string>;

class Checker {
  issues: RowIssue[] = [];
  constructor(private values: Values) {}
  text(column: string, required = false): string {
    const v = (this.values[column] ?? '').trim();
    if (required && v === '') this.issues.push({ column, code: 'required' });
    return v;
  }
  number(column: string, opts: { required?: boolean; integer?: boolean } = {}): number | null {
    const raw = this.text(column, opts.required);
    if (raw === '') return null;
    const n = parseNumber(raw);
    if (n === null) {
      this.issues.push({ column, code: 'invalid_number', value: raw });
      return null;
    }
    if (n < 0) {
      this.issues.push({ column, code: 'negative', value: raw });
      return null;
    }
    if (opts.integer && !Number.isInteger(n)) {
      this.issues.push({ column, code: 'not_integer', value: raw });
      return null;
    }
    return n;
  }
  boolean(column: string): boolean {
    const raw = this.text(column);
    const b = parseBoolean(raw);
    if (b === null) {
      this.issues.push({ column, code: 'invalid_boolean', value: raw });
      return false;
    }
    return b;
  }
  oneOf(column: string, allowed: readonly string[], required = true): string {
    const raw = this.text(column, required);
    if (raw !== '' && !allowed.includes(raw))
      this.issues.push({ column, code: 'invalid_enum', value: raw, detail: allowed.join(', ') });
    return raw;
  }
  region(column: string, regions: Set<string>, raw = this.text(column, true)): string {
    const code = normaliseRegionCode(raw);
    if (raw !== '' && !regions.has(code)) this.issues.push({ column, code: 'unknown_region', value: raw });
    return code;
  }
  okved(column: string, raw: string): void {
    if (!OKVED_PATTERN.test(raw)) this.issues.push({ column, code: 'invalid_okved', value: raw });
  }
}

function list(text: string): string[] {
  return text
    .split(/[;|]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function validateCluster(values: Values, ctx: ValidationContext): { row: ClusterRow; issues: RowIssue[] } {
  const c = new Checker(values);
  const id = c.text('id', true);
  const name = c.text('name', true);
  const kind = c.oneOf('kind', CLUSTER_KINDS, false);
  const status = c.oneOf('status', CLUSTER_STATUSES, false);
  const chain = c.text('chain');
  if (chain !== '' && !ctx.chains.has(chain))
    c.issues.push({ column: 'chain', code: 'unknown_chain', value: chain, detail: [...ctx.chains].join(', ') });
  const regionsRaw = list(c.text('regions'));
  const regions = regionsRaw.map((r) => c.region('regions', ctx.regions, r));
  const row: ClusterRow = {
    id,
    name,
    nameEn: c.text('name_en') || null,
    kind: kind || CLUSTER_DEFAULTS.kind,
    status: status || CLUSTER_DEFAULTS.status,
    chain: chain || null,
    regions: [...new Set(regions)],
    synthetic: c.boolean('synthetic'),
    source: c.text('source') || null,
    given: { kind: kind !== '', status: status !== '', chain: chain !== '', regions: regions.length > 0 },
  };
  return { row, issues: c.issues };
}

export function validateEnterprise(values: Values, ctx: ValidationContext): { row: EnterpriseRow; issues: RowIssue[] } {
  const c = new Checker(values);
  const id = c.text('id', true);
  const name = c.text('name', true);
  const region = c.region('region', ctx.regions);

  const innRaw = c.text('inn');
  let inn: string | null = null;
  if (innRaw !== '') {
    const normalised = normaliseInn(innRaw);
    if (!/^(\d{10}|\d{12})$/.test(normalised)) c.issues.push({ column: 'inn', code: 'invalid_inn', value: innRaw });
    else if (!innIsValid(normalised)) c.issues.push({ column: 'inn', code: 'inn_checksum', value: innRaw });
    else inn = normalised;
  }

  const okvedAll = list(c.text('okved', true)).map(normaliseOkved);
  for (const code of okvedAll) c.okved('okved', code);

  const employees = c.number('employees', { integer: true });
  const revenueMlnRub = c.number('revenue_mln_rub');
  const sizeGiven = c.oneOf('size', SIZE_CATEGORIES, false) as SizeCategory | '';
  const size = sizeGiven || smeCategory(employees, revenueMlnRub, ctx.sme);

  const stagesGiven = list(c.text('stages'));
  for (const s of stagesGiven)
    if (!ctx.matcher.has(s)) c.issues.push({ column: 'stages', code: 'unknown_stage', value: s });
  const stages =
    stagesGiven.length > 0 ? stagesGiven : ctx.matcher.stagesForAll(okvedAll.filter((o) => OKVED_PATTERN.test(o)));

  const cluster = c.text('cluster') || null;
  let clusterRole: string | null = c.oneOf('cluster_role', CLUSTER_ROLES, false) || null;
  if (clusterRole && !cluster) c.issues.push({ column: 'cluster_role', code: 'role_without_cluster' });
  if (cluster && !clusterRole) clusterRole = 'participant';

  const row: EnterpriseRow = {
    id,
    inn,
    name,
    nameEn: c.text('name_en') || null,
    region,
    okved: okvedAll[0] ?? '',
    okvedAll,
    employees,
    revenueMlnRub,
    size: size || null,
    sizeSource: sizeGiven ? 'given' : size ? 'derived' : null,
    stages,
    chains: [...new Set(stages.map((s) => ctx.matcher.chainOf(s)!).filter(Boolean))],
    cluster,
    clusterRole,
    technopark: c.text('technopark') || null,
    priorityTerritory: c.boolean('priority_territory'),
    synthetic: c.boolean('synthetic'),
    syntheticFigures: c.boolean('synthetic_figures'),
    source: c.text('source') || null,
  };
  return { row, issues: c.issues };
}

export function validateLink(values: Values): { row: LinkRow; issues: RowIssue[] } {
  const c = new Checker(values);
  const supplier = c.text('supplier', true);
  const buyer = c.text('buyer', true);
  if (supplier !== '' && supplier === buyer) c.issues.push({ column: 'buyer', code: 'self_supply', value: buyer });
  const okved = normaliseOkved(c.text('okved'));
  if (okved !== '') c.okved('okved', okved);
  const volume = c.number('volume_mln_rub', { required: true });
  const sinceRaw = c.text('since');
  const since = sinceRaw === '' ? null : parseSince(sinceRaw);
  if (sinceRaw !== '' && since === null) c.issues.push({ column: 'since', code: 'invalid_date', value: sinceRaw });
  const row: LinkRow = {
    supplier,
    buyer,
    product: c.text('product'),
    okved: okved || null,
    volumeMlnRub: volume ?? 0,
    since,
    synthetic: c.boolean('synthetic'),
    source: c.text('source') || null,
  };
  return { row, issues: c.issues };
}

/**
 * The stage of a supply link: from its own OKVED, else from the supplier's codes. When several
 * stages fit, the one in a chain where the buyer operates wins.
 */
export function linkStage(
  link: LinkRow,
  supplierOkved: string[],
  buyerStages: string[],
  matcher: StageMatcher,
): string | null {
  const candidates = link.okved ? matcher.stagesFor(link.okved) : matcher.stagesForAll(supplierOkved);
  if (candidates.length <= 1) return candidates[0] ?? null;
  const buyerChains = new Set(buyerStages.map((s) => matcher.chainOf(s)));
  return candidates.find((s) => buyerChains.has(matcher.chainOf(s))) ?? candidates[0];
}
