// The document every export format writes: nodes, links, legend, caption and report tables.
import type { EdgeShape } from '../graph/model.js';

export const NODE_COLUMNS = [
  'id',
  'label',
  'inn',
  'okved',
  'kind',
  'region',
  'category',
  'employees',
  'revenueMlnRub',
  'chains',
  'stages',
  'clusters',
  'degree',
  'dbDegree',
  'synthetic',
  'x',
  'y',
  'size',
  'color',
] as const;
export type NodeColumn = (typeof NODE_COLUMNS)[number];
export const EDGE_COLUMNS = [
  'id',
  'source',
  'sourceName',
  'target',
  'targetName',
  'rel',
  'volumeMlnRub',
  'stage',
  'product',
  'synthetic',
  'law',
  'subject',
  'number',
  'date',
] as const;
export type EdgeColumn = (typeof EDGE_COLUMNS)[number];

/** A node as exported: identity, the view's appearance, and the data behind it. */
export interface ExportNode {
  id: string;
  label: string;
  kind: string;
  x: number;
  y: number;
  size: number;
  color: string;
  name: string;
  nameEn: string | null;
  /** The name in Latin letters (transliterated), for English files when there is no English name. */
  nameLatin: string | null;
  /** An enterprise's taxpayer number (INN), when known. */
  inn: string | null;
  /** An enterprise's main OKVED2 code; a stage's codes joined by ';'. */
  okved: string | null;
  region: string | null;
  /** SME category of an enterprise (micro, small, medium, large). */
  category: string | null;
  employees: number | null;
  revenueMlnRub: number | null;
  chains: string[];
  stages: string[];
  clusters: string[];
  /** Links within the exported subgraph. */
  degree: number;
  /** Relationships in the whole database. */
  dbDegree: number;
  synthetic: boolean;
  /** Fails the filters of a view in «приглушить» mode: drawn grey, without a label. */
  muted?: boolean;
  /** A stage that is a gap in the planner's region: the picture rings it. */
  gap?: boolean;
}

export interface ExportEdge {
  id: string;
  source: string;
  /** The source node's label in the document's language. */
  sourceName: string;
  target: string;
  targetName: string;
  rel: string;
  volumeMlnRub: number | null;
  stage: string | null;
  product: string | null;
  synthetic: boolean;
  /** A tie's fields (IN_PROGRAMME, CONTRACT): law, subject, contract number, date (YYYY-MM-DD). */
  law: string | null;
  subject: string | null;
  number: string | null;
  date: string | null;
  color: string;
  size: number;
  /** Fails the filters (or joins a node that does) in «приглушить» mode: drawn grey. */
  muted?: boolean;
}

export interface LegendLine {
  color: string;
  label: string;
  count: number;
}

/** A table of a report (the planner's gaps, opportunities, readiness): header and rows. */
export interface ReportTable {
  id: string;
  title: string;
  columns: string[];
  rows: (string | number | boolean | null)[][];
  /** Definitions of the figures, printed under the table in the PDF. */
  notes?: string[];
}

export interface ExportDoc {
  lang: 'ru' | 'en';
  title: string;
  /** ISO date, YYYY-MM-DD. */
  date: string;
  /** Where the data comes from, one line. */
  source: string;
  /** The active filters in words, one per line (empty: none). */
  filters: string[];
  nodes: ExportNode[];
  edges: Iterable<ExportEdge> | AsyncIterable<ExportEdge>;
  legend: {
    colorTitle: string;
    colors: LegendLine[];
    sizeTitle: string;
    sizeNote: string;
    /** The links legend: each kind drawn as in the picture. */
    edgeLines: { label: string; color: string; shape: EdgeShape }[];
  };
  /** Column headers of the nodes and links tables, in the UI language. */
  headers: {
    nodes: Record<NodeColumn, string>;
    edges: Record<EdgeColumn, string>;
    sheetNodes: string;
    sheetEdges: string;
  };
  tables: ReportTable[];
  /** How the tables (CSV, XLSX) write coded values: names in the document's language (graph files keep the codes). */
  values: TableValues;
}

/** The coded fields a table writes as names. */
export type CodedField = 'kind' | 'region' | 'category' | 'chain' | 'stage' | 'cluster' | 'rel';
export interface TableValues {
  name(field: CodedField, code: string): string;
  /** A yes/no cell of a text table (CSV); XLSX writes real booleans. */
  yesNo(value: boolean): string;
}
