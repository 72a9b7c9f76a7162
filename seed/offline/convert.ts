// The generator's files (clusters.csv, enterprises.csv, links.csv in the import's format) turned
// into the node and relationship files of Neo4j's offline importer, holding what the online
// import (server/import) would write for them into an empty database: every row is read and
// checked by the import's own code (server/import/read.ts, validate.ts), and each property is
// written with the type the online path gives it (a JS number sent over Bolt is a float,
// `toInteger` makes an integer, lists are string arrays).
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { stageMatcher, type SmeLimits } from '../../core/reference.js';
import type { Reference } from '../../core/schemas.js';
import { readTable } from '../../server/import/read.js';
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

/** The node and relationship files of one offline import, with the label or type of each. */
export interface AdminImportFiles {
  nodes: { label: string; file: string }[];
  relationships: { type: string; file: string }[];
  counts: { clusters: number; enterprises: number; links: number; relationships: number };
}

export interface ConvertOptions {
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
  if (/[\r\n]/.test(text)) throw new ConversionError(`a value holds a line break: ${JSON.stringify(text)}`);
  return '"' + text.replace(/"/g, '""') + '"';
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
  async add(values: (string | number | boolean | null | undefined | string[])[]): Promise<void> {
    this.sink.add(values.map(cell).join(',') + '\n');
    this.rows++;
    if (this.sink.pending) await this.sink.flush();
  }
  close(): Promise<void> {
    return this.sink.close();
  }
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
  for (const r of reference.regions) await regions.add([r.code]);
  const stages = out('stages.csv', ['id:ID(Stage)']);
  for (const c of reference.chains) for (const s of c.stages) await stages.add([s.id]);

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
    const table = await readTable(opts.files.clusters);
    for await (const { row, values } of table.rows) {
      const { row: c, issues } = validateCluster(values, ctx);
      issues.forEach((i) => problems.add(name, row, i));
      if (clusterIds.has(c.id)) problems.add(name, row, { column: 'id', code: 'duplicate_id', value: c.id });
      clusterIds.add(c.id);
      if (issues.length > 0) continue;
      await clusters.add([
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
      for (const code of c.regions) await basedIn.add([c.id, code, datasets]);
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
    'revenueMlnRub:double',
    'size',
    'sizeSource',
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
    const table = await readTable(opts.files.enterprises);
    for await (const { row, values } of table.rows) {
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
      await enterprises.add([
        e.id,
        e.inn,
        e.name,
        e.nameEn,
        latinName(e.name),
        e.region,
        e.okved,
        e.okvedAll,
        e.employees,
        e.revenueMlnRub,
        e.size,
        e.sizeSource,
        e.stages,
        e.chains,
        e.priorityTerritory,
        e.synthetic,
        e.syntheticFigures,
        e.source,
        datasets,
      ]);
      await locatedIn.add([e.id, e.region]);
      for (const s of e.stages) await operatesAt.add([e.id, s]);
      if (e.cluster) await memberOf.add([e.id, e.cluster, e.clusterRole, datasets]);
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
    // enterprises' numbers (below 2^23 each) so that five million keys stay small.
    const seen = new Map<number, string>();
    const table = await readTable(opts.files.links);
    for await (const { row, values } of table.rows) {
      const { row: l, issues } = validateLink(values);
      issues.forEach((i) => problems.add(name, row, i));
      const supplier = info.get(l.supplier);
      const buyer = info.get(l.buyer);
      if (l.supplier && !supplier)
        problems.add(name, row, { column: 'supplier', code: 'unknown_enterprise', value: l.supplier });
      if (l.buyer && !buyer) problems.add(name, row, { column: 'buyer', code: 'unknown_enterprise', value: l.buyer });
      if (issues.length > 0 || !supplier || !buyer) continue;
      const key = supplier.index * 2 ** 23 + buyer.index;
      const products = seen.get(key);
      if (products !== undefined && products.split('\u0000').includes(l.product)) {
        problems.add(name, row, { column: 'product', code: 'duplicate_link', value: `${l.supplier} → ${l.buyer}` });
        continue;
      }
      seen.set(key, products === undefined ? l.product : `${products}\u0000${l.product}`);
      const stage = linkStage(l, supplier.okved, buyer.stages, ctx.matcher);
      await supplies.add([
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
    }
  }
  problems.throwIfAny('links.csv');
  if (info.size >= 2 ** 23) throw new ConversionError('more than 8,388,607 enterprises: split the load');
  log(`[offline] checked and converted ${supplies.rows.toLocaleString('en')} links`);

  const extra: Output[] = [];
  for (const x of opts.extraNodes ?? []) {
    const o = out(`${x.label.toLowerCase()}.csv`, x.header);
    for (const r of x.rows) await o.add(r);
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
