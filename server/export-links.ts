// The links of an export, read from Neo4j once. Node sizes (by links or volume) and link widths
// need every link's count and volume before the first node is written, and the files list the
// nodes before the links: so the links are read in one pass, in pages of start nodes, and kept
// compactly — a few columns of numbers and shared strings, far smaller than the file — from
// which the counts come at once and the writer later takes the links in order.
import { cypher, type Db, type Row } from './db.js';

/** Start nodes whose outgoing links one query reads (the set of the view's nodes goes with each). */
const LINK_PAGE = 10_000;

export interface LinkCounts {
  /** Links of each node (by index) within the view, either direction. */
  degree: Float64Array;
  /** Summed supply volume of each node's links. */
  volume: Float64Array;
  vmin: number;
  vmax: number;
  types: Set<string>;
}

/** One link as the writer gets it: node indices, type and fields. */
export interface HeldLink {
  id: string;
  source: number;
  target: number;
  rel: string;
  volumeMlnRub: number | null;
  stage: string | null;
  product: string | null;
  synthetic: boolean;
  law: string | null;
  subject: string | null;
  number: string | null;
  date: string | null;
}

const FIELDS = ['stage', 'product', 'law', 'subject', 'number', 'date'] as const;

export class HeldLinks {
  private readonly ids: string[] = [];
  private readonly sources: number[] = [];
  private readonly targets: number[] = [];
  private readonly types: number[] = [];
  private readonly volumes: number[] = [];
  private readonly synthetic: boolean[] = [];
  private readonly fields = Object.fromEntries(FIELDS.map((f) => [f, [] as (string | null)[]])) as Record<
    (typeof FIELDS)[number],
    (string | null)[]
  >;
  /** Strings that repeat (types, stages, products, laws) held once. */
  private readonly strings = new Map<string, string>();
  private readonly typeNames: string[] = [];
  private readonly typeIndex = new Map<string, number>();

  get size(): number {
    return this.ids.length;
  }

  private shared(v: unknown): string | null {
    if (v === null || v === undefined || v === '') return null;
    const s = String(v);
    const held = this.strings.get(s);
    if (held !== undefined) return held;
    if (this.strings.size < 100_000) this.strings.set(s, s);
    return s;
  }

  /** One link as export-edges.cypher lists it: [end, id, type, volume, stage, product, synthetic, law, subject, number, date]. */
  add(link: unknown[], source: number, target: number): void {
    this.ids.push(String(link[1]));
    this.sources.push(source);
    this.targets.push(target);
    const type = String(link[2]);
    let t = this.typeIndex.get(type);
    if (t === undefined) {
      t = this.typeNames.push(type) - 1;
      this.typeIndex.set(type, t);
    }
    this.types.push(t);
    this.volumes.push(link[3] === null || link[3] === undefined ? NaN : Number(link[3]));
    this.synthetic.push(link[6] === true);
    this.fields.stage.push(this.shared(link[4]));
    this.fields.product.push(this.shared(link[5]));
    this.fields.law.push(this.shared(link[7]));
    this.fields.subject.push(this.shared(link[8]));
    this.fields.number.push(this.shared(link[9]));
    this.fields.date.push(this.shared(link[10]));
  }

  /** Counts over every link held, for `nodes` nodes. */
  counts(nodes: number): LinkCounts {
    const degree = new Float64Array(nodes);
    const volume = new Float64Array(nodes);
    let vmin = Infinity;
    let vmax = -Infinity;
    for (let i = 0; i < this.ids.length; i++) {
      const s = this.sources[i];
      const t = this.targets[i];
      degree[s]++;
      degree[t]++;
      const v = this.volumes[i];
      if (!Number.isNaN(v)) {
        volume[s] += v;
        volume[t] += v;
        if (v < vmin) vmin = v;
        if (v > vmax) vmax = v;
      }
    }
    return { degree, volume, vmin, vmax, types: new Set(this.typeNames) };
  }

  /**
   * The links' indices in the files' order: by start node (nodes are held in id order), then by
   * link id (code units, as byId compares).
   */
  order(nodes: number): Uint32Array {
    const starts = new Uint32Array(nodes + 1);
    for (const s of this.sources) starts[s + 1]++;
    for (let n = 0; n < nodes; n++) starts[n + 1] += starts[n];
    const at = starts.slice(0, nodes);
    const out = new Uint32Array(this.ids.length);
    for (let i = 0; i < this.ids.length; i++) out[at[this.sources[i]]++] = i;
    const ids = this.ids;
    for (let n = 0; n < nodes; n++) {
      if (starts[n + 1] - starts[n] > 1)
        out.subarray(starts[n], starts[n + 1]).sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
    }
    return out;
  }

  /**
   * Renumbers the links' ends: node `i` becomes `to[i]`; links with an end mapped to -1 are
   * dropped (the links may be read before the nodes are, in another order).
   */
  renumber(to: Int32Array): void {
    let kept = 0;
    for (let i = 0; i < this.ids.length; i++) {
      const s = to[this.sources[i]];
      const t = to[this.targets[i]];
      if (s < 0 || t < 0) continue;
      this.ids[kept] = this.ids[i];
      this.sources[kept] = s;
      this.targets[kept] = t;
      this.types[kept] = this.types[i];
      this.volumes[kept] = this.volumes[i];
      this.synthetic[kept] = this.synthetic[i];
      for (const f of FIELDS) this.fields[f][kept] = this.fields[f][i];
      kept++;
    }
    for (const column of [this.ids, this.sources, this.targets, this.types, this.volumes, this.synthetic])
      column.length = kept;
    for (const f of FIELDS) this.fields[f].length = kept;
  }

  /**
   * For each of `nodes` (indices), the other ends of its links in either direction, in the order
   * the links were read.
   */
  neighboursOf(nodes: Iterable<number>): Map<number, number[]> {
    const out = new Map<number, number[]>();
    for (const n of nodes) out.set(n, []);
    if (out.size === 0) return out;
    for (let i = 0; i < this.ids.length; i++) {
      const s = this.sources[i];
      const t = this.targets[i];
      out.get(s)?.push(t);
      out.get(t)?.push(s);
    }
    return out;
  }

  link(i: number): HeldLink {
    const v = this.volumes[i];
    return {
      id: this.ids[i],
      source: this.sources[i],
      target: this.targets[i],
      rel: this.typeNames[this.types[i]],
      volumeMlnRub: Number.isNaN(v) ? null : v,
      stage: this.fields.stage[i],
      product: this.fields.product[i],
      synthetic: this.synthetic[i],
      law: this.fields.law[i],
      subject: this.fields.subject[i],
      number: this.fields.number[i],
      date: this.fields.date[i],
    };
  }
}

/**
 * A read started ahead of its turn: if the one awaited before it fails, its own failure must not
 * go unhandled (Node would end the process); whoever awaits it still sees the error.
 */
export function ahead<T>(read: Promise<T>): Promise<T> {
  read.catch(() => {});
  return read;
}

/**
 * Every relationship among `eids` (element ids of the view's nodes), each read once from its start
 * node, self-loops left out; a link's ends are held as indices into `eids`. The next page is read
 * while the previous one is being stored.
 */
export async function readLinks(db: Db, eids: string[]): Promise<HeldLinks> {
  const index = new Map(eids.map((eid, i) => [eid, i]));
  const held = new HeldLinks();
  const query = cypher('export-edges');
  const pageAt = (start: number) => ahead(db.read(query, { page: eids.slice(start, start + LINK_PAGE), all: eids }));
  let next: Promise<Row[]> | null = eids.length ? pageAt(0) : null;
  for (let start = 0; next; start += LINK_PAGE) {
    const rows = await next;
    next = start + LINK_PAGE < eids.length ? pageAt(start + LINK_PAGE) : null;
    for (const row of rows) {
      const source = start + Number(row.i);
      for (const link of row.links as unknown[][]) {
        const target = index.get(String(link[0]));
        if (target !== undefined) held.add(link, source, target);
      }
    }
  }
  return held;
}
