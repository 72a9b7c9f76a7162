// Read access to the graph: search, node details, health.
import neo4j from 'neo4j-driver';
import { cypher, type Db } from './db.js';
import type { NodeKind, SearchHit } from '../core/schemas.js';

/** Node types as they appear in API ids ("enterprise:luzales"), with their label and key. */
export const NODE_TYPES: Record<NodeType, { label: string; key: string }> = {
  region: { label: 'Region', key: 'code' },
  enterprise: { label: 'Enterprise', key: 'id' },
  cluster: { label: 'Cluster', key: 'id' },
  technopark: { label: 'Technopark', key: 'id' },
  supportorg: { label: 'SupportOrg', key: 'id' },
  chain: { label: 'Chain', key: 'id' },
  stage: { label: 'Stage', key: 'id' },
  industry: { label: 'Industry', key: 'code' },
};
export type NodeType = NodeKind;

const TYPE_BY_LABEL = new Map(Object.entries(NODE_TYPES).map(([type, v]) => [v.label as string, type as NodeType]));

export function nodeId(label: string, key: string): string {
  return `${TYPE_BY_LABEL.get(label) ?? label.toLowerCase()}:${key}`;
}

export function parseNodeId(id: string): { type: NodeType; key: string } | null {
  const at = id.indexOf(':');
  if (at < 1) return null;
  const type = id.slice(0, at).toLowerCase();
  const key = id.slice(at + 1);
  if (!Object.hasOwn(NODE_TYPES, type) || key === '') return null;
  return { type: type as NodeType, key };
}

/**
 * Builds a Lucene query from free text: every word must match, as a word form, a prefix or (from
 * five letters) with one typo. Words of up to three letters are optional when longer ones are
 * present: many are stop words the Russian analyzer drops («Мой бизнес», «центр для МСП»).
 */
export function fullTextQuery(text: string): string | null {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  if (words.length === 0) return null;
  const someLong = words.some((w) => w.length > 3);
  return words
    .map((w) => {
      const clause = w.length >= 5 ? `(${w} OR ${w}* OR ${w}~1)` : w.length >= 2 ? `(${w} OR ${w}*)` : w;
      return someLong && w.length <= 3 ? clause : `+${clause}`;
    })
    .join(' ');
}

function toHit(row: Record<string, unknown>, matchedBy: SearchHit['matchedBy']): SearchHit {
  const label = String(row.label);
  return {
    id: nodeId(label, String(row.key)),
    type: (TYPE_BY_LABEL.get(label) ?? 'enterprise') as NodeType,
    name: String(row.name ?? row.key),
    nameEn: (row.nameEn as string) ?? null,
    region: (row.region as string) ?? null,
    regionName: (row.regionName as string) ?? null,
    inn: (row.inn as string) ?? null,
    okved: Array.isArray(row.okved) ? row.okved.join(', ') : ((row.okved as string) ?? null),
    size: (row.size as string) ?? null,
    score: Number(row.score),
    matchedBy,
    ...(row.tiesOnly === true ? { tiesOnly: true } : {}),
  };
}

export async function search(db: Db, text: string, limit: number): Promise<SearchHit[]> {
  const q = text.trim();
  const digits = q.replace(/\s/g, '');
  if (/^(\d{10}|\d{12})$/.test(digits)) {
    const rows = await db.read(cypher('search-inn'), { inn: digits });
    if (rows.length > 0) return rows.map((r) => toHit(r, 'inn'));
  }
  if (/^\d{2}(\.\d{0,2}){0,2}$/.test(q)) {
    const rows = await db.read(cypher('search-okved'), { prefix: q.replace(/\.$/, ''), limit: neo4j.int(limit) });
    return rows.map((r) => toHit(r, 'okved'));
  }
  const query = fullTextQuery(q);
  if (!query) return [];
  const rows = await db.read(cypher('search-names'), { query, limit: neo4j.int(limit) });
  return rows.map((r) => toHit(r, 'name'));
}

export interface NodeDetail {
  id: string;
  type: NodeType;
  properties: Record<string, unknown>;
  relationships: { type: string; direction: 'in' | 'out'; count: number }[];
  /** Supply links of this node marked synthetic (invented for the demonstration data). */
  syntheticLinks: number;
}

const detailQueries = new Map<NodeType, string>();
function detailQuery(type: NodeType): string {
  let q = detailQueries.get(type);
  if (!q) {
    const { label, key } = NODE_TYPES[type];
    q = cypher('node-detail').replaceAll('{{label}}', label).replaceAll('{{key}}', key);
    detailQueries.set(type, q);
  }
  return q;
}

/** Plain JSON for Neo4j values (points become {latitude, longitude}). */
function plain(value: unknown): unknown {
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('srid' in v && 'x' in v && 'y' in v) return { longitude: v.x, latitude: v.y };
    if (Array.isArray(value)) return value.map(plain);
    if (typeof (v as { toString?: unknown }).toString === 'function' && 'year' in v) return String(value);
  }
  return value;
}

export async function nodeDetail(db: Db, id: string): Promise<NodeDetail | null> {
  const parsed = parseNodeId(id);
  if (!parsed) return null;
  const rows = await db.read(detailQuery(parsed.type), { key: parsed.key });
  if (rows.length === 0) return null;
  const props = rows[0].properties as Record<string, unknown>;
  const relationships = (rows[0].relationships as NodeDetail['relationships'])
    .filter((r) => r.type !== null)
    .sort((a, b) => (a.type + a.direction).localeCompare(b.type + b.direction));
  return {
    id: `${parsed.type}:${parsed.key}`,
    type: parsed.type,
    properties: Object.fromEntries(Object.entries(props).map(([k, v]) => [k, plain(v)])),
    relationships,
    syntheticLinks: Number(rows[0].syntheticLinks),
  };
}

export async function health(db: Db) {
  const { version, edition } = await db.serverVersion();
  const [counts] = await db.read(cypher('health-counts'));
  const [lastImport] = await db.read(
    'MATCH (r:ImportRun) RETURN r.id AS id, r.status AS status, toString(r.startedAt) AS startedAt ORDER BY r.startedAt DESC LIMIT 1',
  );
  return { neo4j: { reachable: true, version, edition }, counts, lastImport: lastImport ?? null };
}
