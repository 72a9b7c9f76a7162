// The generator's files (clusters.csv, enterprises.csv, links.csv in the import's format) turned
// into the node and relationship files of Neo4j's offline importer, holding what the online
// import (server/import) would write for them into an empty database: every row is checked and
// typed by the import's own code (server/import/validate.ts; read by ./csv.ts, which gives the
// rows the import's reader gives for these files, faster), and each property is
// written with the type the online path gives it (a JS number sent over Bolt is a float,
// `toInteger` makes an integer, lists are string arrays).
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { stageMatcher, type SmeLimits } from '../../core/reference.js';
import type { Reference } from '../../core/schemas.js';
import { latinName } from '../../server/import/rules.js';
import {
  linkStage,
  validateCluster,
  validateEnterprise,
  validateLink,
  type RowIssue,
  type ValidationContext,
} from '../../server/import/validate.js';
import { CsvSink } from '../generate/csv.js';
import { generatedRows } from './csv.js';

/** The node and relationship files of one offline import, with the label or type of each. */
export interface AdminImportFiles {
  nodes: { label: string; file: string }[];
  relationships: { type: string; file: string }[];
  counts: { clusters: number; enterprises: number; links: number; relationships: number };
}

interface ConvertOptions {
  /** The generator's output. */
  files: { clusters: string; enterprises: string; links: string };
  outDir: string;
  reference: Reference;
  sme: SmeLimits;
  /** The dataset every node and tagged relationship belongs to (`datasets: [id]`). */
  dataset: string;
  /** Extra nodes of the import (e.g. the seed's run marker): label, header and rows, already typed. */
  extraNodes?: { label: string; header: string[]; rows: (string | number | boolean | null)[][] }[];
  log?: (line: string) => void;
}

export class ConversionError extends Error {}

/**
 * A CSV cell for neo4j-admin: null is an empty unquoted field (no property), a string is quoted
 * (so "" stays an empty string), arrays are joined with the importer's array delimiter.
 */
function cell(value: string | number | boolean | null | undefined | string[]): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ConversionError(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) {
    for (const v of value) {
      if (v.includes(ARRAY_DELIMITER)) throw new ConversionError(`a list item holds "${ARRAY_DELIMITER}": ${v}`);
    }
    return quote(value.join(ARRAY_DELIMITER));
  }
  return quote(value);
}

const ARRAY_DELIMITER = ';';

function quote(text: string): string {
  if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0)
    throw new ConversionError(`a value holds a line break: ${JSON.stringify(text)}`);
  return text.indexOf('"') < 0 ? '"' + text + '"' : '"' + text.replace(/"/g, '""') + '"';
}

class Output {
  private sink: CsvSink;
  rows = 0;
  constructor(
    readonly file: string,
    header: string[],
  ) {
    this.sink = new CsvSink(file);
    this.sink.add(header.join(',') + '\n');
  }
  /** Adds a row; call flush() once `pending` says a chunk is full. */
  add(values: (string | number | boolean | null | undefined | string[])[]): void {
    let line = cell(values[0]);
    for (let i = 1; i < values.length; i++) line += ',' + cell(values[i]);
    this.sink.add(line + '\n');
    this.rows++;
  }
  get pending(): boolean {
    return this.sink.pending;
  }
  flush(): Promise<void> {
    return this.sink.flush();
  }
  close(): Promise<void> {
    return this.sink.close();
  }
}

/** cyrb53: a 53-bit string hash (two 32-bit lanes), collisions about one in 2^53. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Writes out the outputs whose chunk is full (backpressure for the files being written). */
async function flushFull(...outputs: Output[]): Promise<void> {
  for (const o of outputs) if (o.pending) await o.flush();
}

/** Checks and problems of the rows, reported like the online import's (file:row column code value). */
class Problems {
  listed: string[] = [];
  count = 0;
  add(file: string, row: number, issue: RowIssue): void {
    this.count++;
    if (this.listed.length < 20)
      this.listed.push(`  ${file}:${row} ${issue.column ?? ''} ${issue.code}${issue.value ? ` «${issue.value}»` : ''}`);
  }
  throwIfAny(what: string): void {
    if (this.count > 0)
      throw new ConversionError(`${what}: ${this.count} rows fail the import's checks:\n${this.listed.join('\n')}`);
  }
}

/** What the offline files hold of an enterprise while the links are read: interned, a million of them. */
interface EnterpriseInfo {
  index: number;
  okved: string[];
  stages: string[];
}

export async function convertForAdminImport(opts: ConvertOptions): Promise<AdminImportFiles> {
  const log = opts.log ?? (() => {});
  const { reference, dataset } = opts;
  mkdirSync(opts.outDir, { recursive: true });
  const datasets = [dataset];
  // The validation context as server/import/references.ts loadContext reads it from a database
  // that holds this reference data (stages in the order the reference creates them).
  const ctx: ValidationContext = {
    regions: new Set(reference.regions.map((r) => r.code)),
    chains: new Set(reference.chains.map((c) => c.id)),
    matcher: stageMatcher(reference.chains),
    sme: opts.sme,
  };
  const problems = new Problems();
  const out = (name: string, header: string[]) => new Output(join(opts.outDir, name), header);

  // Reference nodes carry their key only: prepareDatabase (server/setup.ts) MERGEs them after the
  // start and sets the rest, with the chains, industries and FEEDS, as on every start.
  const regions = out('regions.csv', ['code:ID(Region)']);
  for (const r of reference.regions) regions.add([r.code]);
  const stages = out('stages.csv', ['id:ID(Stage)']);
  for (const c of reference.chains) for (const s of c.stages) stages.add([s.id]);

  // Clusters and BASED_IN (import-clusters.cypher).
  const clusters = out('clusters.csv', [
    'id:ID(Cluster)',
    'name',
    'nameEn',
    'nameLatin',
    'kind',
    'status',
    'chain',
    'regions:string[]',
    'synthetic:boolean',
    'source',
    'datasets:string[]',
  ]);
  const basedIn = out('based-in.csv', [':START_ID(Cluster)', ':END_ID(Region)', 'datasets:string[]']);
  const clusterIds = new Set<string>();
  {
    const name = 'clusters.csv';
    for await (const { row, values } of generatedRows(opts.files.clusters)) {
      const { row: c, issues } = validateCluster(values, ctx);
      issues.forEach((i) => problems.add(name, row, i));
      if (clusterIds.has(c.id)) problems.add(name, row, { column: 'id', code: 'duplicate_id', value: c.id });
      clusterIds.add(c.id);
      if (issues.length > 0) continue;
      clusters.add([
        c.id,
        c.name,
        c.nameEn,
        latinName(c.name),
        c.kind,
        c.status,
        c.chain,
        c.regions,
        c.synthetic,
        c.source,
        datasets,
      ]);
      for (const code of c.regions) basedIn.add([c.id, code, datasets]);
      await flushFull(clusters, basedIn);
    }
  }
  problems.throwIfAny('clusters.csv');

  // Enterprises, LOCATED_IN, OPERATES_AT and MEMBER_OF (import-enterprises-new.cypher).
  const enterprises = out('enterprises.csv', [
    'id:ID(Enterprise)',
    'inn',
    'name',
    'nameEn',
    'nameLatin',
    'region',
    'okved',
    'okvedAll:string[]',
    'employees:long',
    'employeesSource',
    'revenueMlnRub:double',
    'revenueSource',
    'size',
    'sizeSource',
    'sizeDataset',
    'stages:string[]',
    'chains:string[]',
    'priorityTerritory:boolean',
    'synthetic:boolean',
    'syntheticFigures:boolean',
    'source',
    'datasets:string[]',
  ]);
  const locatedIn = out('located-in.csv', [':START_ID(Enterprise)', ':END_ID(Region)']);
  const operatesAt = out('operates-at.csv', [':START_ID(Enterprise)', ':END_ID(Stage)']);
  const memberOf = out('member-of.csv', [':START_ID(Enterprise)', ':END_ID(Cluster)', 'role', 'datasets:string[]']);
  const info = new Map<string, EnterpriseInfo>();
  const interned = new Map<string, string[]>();
  const intern = (list: string[]) => {
    const key = list.join('\u0000');
    let hit = interned.get(key);
    if (!hit) interned.set(key, (hit = list));
    return hit;
  };
  const inns = new Set<string>();
  {
    const name = 'enterprises.csv';
    for await (const { row, values } of generatedRows(opts.files.enterprises)) {
      const { row: e, issues } = validateEnterprise(values, ctx);
      issues.forEach((i) => problems.add(name, row, i));
      if (info.has(e.id)) problems.add(name, row, { column: 'id', code: 'duplicate_id', value: e.id });
      if (e.inn !== null && inns.has(e.inn))
        problems.add(name, row, { column: 'inn', code: 'duplicate_inn', value: e.inn });
      if (e.cluster && !clusterIds.has(e.cluster))
        problems.add(name, row, { column: 'cluster', code: 'unknown_cluster', value: e.cluster });
      // The database is empty: a technopark cannot be there yet.
      if (e.technopark)
        problems.add(name, row, { column: 'technopark', code: 'unknown_technopark', value: e.technopark });
      if (issues.length > 0) continue;
      if (e.inn !== null) inns.add(e.inn);
      info.set(e.id, { index: info.size, okved: intern(e.okvedAll), stages: intern(e.stages) });
      enterprises.add([
        e.id,
        e.inn,
        e.name,
        e.nameEn,
        latinName(e.name),
        e.region,
        e.okved,
        e.okvedAll,
        e.employees,
        // The dataset is the source of the figures and the size the row gives.
        e.employees === null ? null : dataset,
        e.revenueMlnRub,
        e.revenueMlnRub === null ? null : dataset,
        e.size,
        e.sizeSource,
        e.size === null ? null : dataset,
        e.stages,
        e.chains,
        e.priorityTerritory,
        e.synthetic,
        e.syntheticFigures,
        e.source,
        datasets,
      ]);
      locatedIn.add([e.id, e.region]);
      for (const s of e.stages) operatesAt.add([e.id, s]);
      if (e.cluster) memberOf.add([e.id, e.cluster, e.clusterRole, datasets]);
      await flushFull(enterprises, locatedIn, operatesAt, memberOf);
    }
  }
  inns.clear();
  problems.throwIfAny('enterprises.csv');
  log(`[offline] checked and converted ${info.size.toLocaleString('en')} enterprises`);

  // SUPPLIES (import-links-new.cypher), with the stage the online import derives (linkStage).
  const supplies = out('supplies.csv', [
    ':START_ID(Enterprise)',
    ':END_ID(Enterprise)',
    'product',
    'stage',
    'okved',
    'volumeMlnRub:double',
    'since',
    'synthetic:boolean',
    'source',
    'datasets:string[]',
  ]);
  {
    const name = 'links.csv';
    // A link is supplier, buyer and product: duplicates are refused, as online. Keyed by the
    // enterprises' numbers (below 2^23 each) with a 53-bit hash of the product, so that five
    // million keys stay small and hold no product text.
    const seen = new Map<number, number>();
    const more = new Map<number, number[]>();
    for await (const { row, values } of generatedRows(opts.files.links)) {
      const { row: l, issues } = validateLink(values);
      issues.forEach((i) => problems.add(name, row, i));
      const supplier = info.get(l.supplier);
      const buyer = info.get(l.buyer);
      if (l.supplier && !supplier)
        problems.add(name, row, { column: 'supplier', code: 'unknown_enterprise', value: l.supplier });
      if (l.buyer && !buyer) problems.add(name, row, { column: 'buyer', code: 'unknown_enterprise', value: l.buyer });
      if (issues.length > 0 || !supplier || !buyer) continue;
      const key = supplier.index * 2 ** 23 + buyer.index;
      const product = hash53(l.product);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, product);
      else {
        const others = more.get(key) ?? [];
        if (first === product || others.includes(product)) {
          problems.add(name, row, { column: 'product', code: 'duplicate_link', value: `${l.supplier} → ${l.buyer}` });
          continue;
        }
        more.set(key, [...others, product]);
      }
      const stage = linkStage(l, supplier.okved, buyer.stages, ctx.matcher);
      supplies.add([
        l.supplier,
        l.buyer,
        l.product,
        stage,
        l.okved,
        l.volumeMlnRub,
        l.since,
        l.synthetic,
        l.source,
        datasets,
      ]);
      await flushFull(supplies);
    }
  }
  problems.throwIfAny('links.csv');
  if (info.size >= 2 ** 23) throw new ConversionError('more than 8,388,607 enterprises: split the load');
  log(`[offline] checked and converted ${supplies.rows.toLocaleString('en')} links`);

  const extra: Output[] = [];
  for (const x of opts.extraNodes ?? []) {
    const o = out(`${x.label.toLowerCase()}.csv`, x.header);
    for (const r of x.rows) o.add(r);
    extra.push(o);
  }

  const nodeFiles = [
    { label: 'Region', o: regions },
    { label: 'Stage', o: stages },
    { label: 'Cluster', o: clusters },
    { label: 'Enterprise', o: enterprises },
    ...(opts.extraNodes ?? []).map((x, i) => ({ label: x.label, o: extra[i] })),
  ];
  const relFiles = [
    { type: 'BASED_IN', o: basedIn },
    { type: 'LOCATED_IN', o: locatedIn },
    { type: 'OPERATES_AT', o: operatesAt },
    { type: 'MEMBER_OF', o: memberOf },
    { type: 'SUPPLIES', o: supplies },
  ];
  for (const { o } of [...nodeFiles, ...relFiles]) await o.close();
  return {
    nodes: nodeFiles.map(({ label, o }) => ({ label, file: o.file })),
    relationships: relFiles.map(({ type, o }) => ({ type, file: o.file })),
    counts: {
      clusters: clusters.rows,
      enterprises: enterprises.rows,
      links: supplies.rows,
      relationships: relFiles.reduce((n, { o }) => n + o.rows, 0),
    },
  };
}
