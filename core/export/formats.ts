// Export of a subgraph to files other tools open: GEXF 1.3 (Gephi, Gephi Lite), GraphML (yEd,
// Cytoscape, networkx), CSV in a zip (Excel), XLSX, graphology's JSON serialisation and SVG.
//
// One module for the browser and the server, so both give the same bytes for the same view.
// Every writer reads the nodes (held: appearance needs all of them) and streams the links (an
// async iterable the server fills page by page from Neo4j), and yields the file in chunks, so a
// large export never holds the whole file.
import { Zip, ZipDeflate } from 'fflate';
import {
  EDGE_COLUMNS,
  NODE_COLUMNS,
  type EdgeColumn,
  type ExportDoc,
  type ExportEdge,
  type ExportNode,
  type NodeColumn,
  type ReportTable,
  type TableValues,
} from './types.js';
import { svgParts, type PictureOptions, DEFAULT_PICTURE } from './picture.js';
import { batches, hexColor, num, parseColor, xml } from './util.js';

export { hexColor, parseColor, xml } from './util.js';
export { DEFAULT_PICTURE, svgText, type PictureOptions } from './picture.js';

export type { ExportDoc, ExportEdge, ExportNode, LegendLine, ReportTable } from './types.js';

export { EDGE_COLUMNS, NODE_COLUMNS, type EdgeColumn, type NodeColumn } from './types.js';

export type ExportFormat = 'gexf' | 'graphml' | 'csv' | 'xlsx' | 'json' | 'svg' | 'png' | 'pdf';

// ---------------------------------------------------------------------------------------------
// Helpers

const encoder = new TextEncoder();
const CHUNK = 64 * 1024;
/** Characters a writer gathers before it hands them on: one await per part, not per node. */
const PART = 16 * 1024;

/** Joins small strings into chunks of about 64 KB of UTF-8. */
async function* bytes(parts: AsyncIterable<string>, prefix?: Uint8Array): AsyncGenerator<Uint8Array> {
  if (prefix) yield prefix;
  let buffer = '';
  for await (const part of parts) {
    buffer += part;
    if (buffer.length >= CHUNK) {
      yield encoder.encode(buffer);
      buffer = '';
    }
  }
  if (buffer) yield encoder.encode(buffer);
}

/** The zip's entries, compressed as they stream; timestamps from the document's date, so the bytes depend on nothing else. */
async function* zip(
  entries: { name: string; content: () => AsyncIterable<Uint8Array> }[],
  date: string,
): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const archive = new Zip((error, chunk) => {
    if (error) failure = error;
    else out.push(chunk);
  });
  const [y, m, d] = date.split('-').map(Number);
  // Local midnight: zip stores local date and time fields, so any time zone writes the same bytes.
  const mtime = new Date(y, (m || 1) - 1, d || 1);
  const drain = function* () {
    if (failure) throw failure;
    while (out.length) yield out.shift()!;
  };
  for (const entry of entries) {
    const file = new ZipDeflate(entry.name, { level: 1 });
    file.mtime = mtime;
    archive.add(file);
    for await (const chunk of entry.content()) {
      file.push(chunk);
      yield* drain();
    }
    file.push(new Uint8Array(0), true);
    yield* drain();
  }
  archive.end();
  yield* drain();
}

const listValue = (v: string[]) => v.join(';');

/** Title, source and filters, one per line: what a file's description says about it. */
const describeDoc = (doc: ExportDoc) => [doc.title, doc.source, ...doc.filters].join('\n');

/**
 * OWASP's rule against formula injection ("CSV injection"): a text cell that begins with =, +, -,
 * @, a tab or a carriage return is prefixed with a single quote, so that a spreadsheet shows it as
 * text instead of evaluating it (`=HYPERLINK(…)` would otherwise become a live link). Numbers are
 * written as numbers and never touched.
 */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * The same names, each looked up once: a table repeats a few codes (a link's type and stage) on
 * every row, and a name is a translation or a reference lookup.
 */
function namesHeld(values: TableValues): TableValues {
  const held = new Map<string, string>();
  return {
    name(field, code) {
      const key = `${field}\u0000${code}`;
      let name = held.get(key);
      if (name === undefined) {
        name = values.name(field, code);
        if (held.size < 100_000) held.set(key, name);
      }
      return name;
    },
    yesNo: (value) => values.yesNo(value),
  };
}

/** A node's value in a column of a table (CSV, XLSX): lists joined by ';', codes as names. */
function nodeValue(n: ExportNode, column: NodeColumn, values: TableValues): string | number | boolean | null {
  switch (column) {
    case 'chains':
      return listValue(n.chains.map((c) => values.name('chain', c)));
    case 'stages':
      return listValue(n.stages.map((c) => values.name('stage', c)));
    case 'clusters':
      return listValue(n.clusters.map((c) => values.name('cluster', c)));
    case 'kind':
    case 'region':
    case 'category': {
      const code = n[column];
      return code === null ? null : values.name(column, code);
    }
    case 'color':
      return hexColor(n.color);
    default:
      return n[column];
  }
}

/** A link's value in a column of a table: its type and stage by name. */
function edgeValue(e: ExportEdge, column: EdgeColumn, values: TableValues): string | number | boolean | null {
  if (column === 'rel') return values.name('rel', e.rel);
  if (column === 'stage') return e.stage === null ? null : values.name('stage', e.stage);
  return e[column];
}

// ---------------------------------------------------------------------------------------------
// GEXF 1.3

type AttrType = 'string' | 'integer' | 'double' | 'boolean';
const NODE_ATTRS: [keyof ExportNode, AttrType][] = [
  ['kind', 'string'],
  ['name', 'string'],
  ['nameEn', 'string'],
  ['nameLatin', 'string'],
  ['inn', 'string'],
  ['okved', 'string'],
  ['region', 'string'],
  ['category', 'string'],
  ['employees', 'double'],
  ['revenueMlnRub', 'double'],
  ['chains', 'string'],
  ['stages', 'string'],
  ['clusters', 'string'],
  ['degree', 'integer'],
  ['dbDegree', 'integer'],
  ['synthetic', 'boolean'],
];
// A graph file names the ends of a link by node id; the nodes carry the names (sourceName and
// targetName are for the tables: CSV and XLSX).
const EDGE_ATTRS: [keyof ExportEdge, AttrType][] = [
  ['rel', 'string'],
  ['volumeMlnRub', 'double'],
  ['stage', 'string'],
  ['product', 'string'],
  ['synthetic', 'boolean'],
  ['law', 'string'],
  ['subject', 'string'],
  ['number', 'string'],
  ['date', 'string'],
];

const attrText = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.length ? listValue(v) : null;
  if (typeof v === 'number') return num(v);
  return String(v);
};

async function* gexfParts(doc: ExportDoc): AsyncGenerator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  // No xsi:schemaLocation: GEXF's grammar is RELAX NG, which allows no foreign attributes here
  // (and the XSD it would point to does not compile).
  yield '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">\n';
  // GEXF 1.3's <meta> has no <title> (only the 1.3.1 draft adds one): the title opens the description.
  yield `  <meta lastmodifieddate="${doc.date}">\n    <creator>coopgraph</creator>\n`;
  yield `    <description>${xml(describeDoc(doc))}</description>\n  </meta>\n`;
  yield '  <graph defaultedgetype="directed" mode="static">\n    <attributes class="node">\n';
  for (const [id, type] of NODE_ATTRS) yield `      <attribute id="${id}" title="${id}" type="${type}"/>\n`;
  yield '    </attributes>\n    <attributes class="edge">\n';
  for (const [id, type] of EDGE_ATTRS) yield `      <attribute id="${id}" title="${id}" type="${type}"/>\n`;
  yield '    </attributes>\n    <nodes>\n';
  let s = '';
  for (const n of doc.nodes) {
    s += `      <node id="${xml(n.id)}" label="${xml(n.label)}"><attvalues>`;
    for (const [id] of NODE_ATTRS) {
      const v = attrText(n[id]);
      if (v !== null) s += `<attvalue for="${id}" value="${xml(v)}"/>`;
    }
    const c = parseColor(n.color);
    s += `</attvalues><viz:color r="${c.r}" g="${c.g}" b="${c.b}" a="${num(c.a)}"/><viz:position x="${num(n.x)}" y="${num(n.y)}" z="0"/><viz:size value="${num(n.size)}"/></node>\n`;
    if (s.length >= PART) {
      yield s;
      s = '';
    }
  }
  yield s + '    </nodes>\n    <edges>\n';
  for await (const batch of batches(doc.edges)) {
    s = '';
    for (const e of batch) {
      const weight = e.volumeMlnRub !== null && e.volumeMlnRub > 0 ? ` weight="${num(e.volumeMlnRub)}"` : '';
      // `kind` tells parallel links of different kinds apart (GEXF 1.3 multigraphs).
      const rel = xml(e.rel);
      s += `      <edge id="${xml(e.id)}" source="${xml(e.source)}" target="${xml(e.target)}" kind="${rel}" label="${rel}"${weight}><attvalues>`;
      for (const [id] of EDGE_ATTRS) {
        const v = attrText(e[id]);
        if (v !== null) s += `<attvalue for="${id}" value="${xml(v)}"/>`;
      }
      const c = parseColor(e.color);
      s += `</attvalues><viz:color r="${c.r}" g="${c.g}" b="${c.b}" a="${num(c.a)}"/><viz:thickness value="${num(e.size)}"/></edge>\n`;
    }
    yield s;
  }
  yield '    </edges>\n  </graph>\n</gexf>\n';
}

// ---------------------------------------------------------------------------------------------
// GraphML

/**
 * GraphML ids are XML name tokens: a character that may not appear in one (a space, a slash…) is
 * written as `_xHHHH_`, the usual XML-name escape, so every id stays valid and unique.
 */
export const nmtoken = (id: string) =>
  /^[\p{L}\p{Nd}._:-]+$/u.test(id)
    ? id
    : Array.from(id, (c) =>
        /[\p{L}\p{Nd}._:-]/u.test(c) ? c : `_x${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}_`,
      ).join('') || '_';

const GRAPHML_TYPES: Record<AttrType, string> = {
  string: 'string',
  integer: 'int',
  double: 'double',
  boolean: 'boolean',
};
const GRAPHML_NODE_KEYS: [keyof ExportNode, AttrType][] = [
  ['label', 'string'],
  ...NODE_ATTRS,
  ['x', 'double'],
  ['y', 'double'],
  ['size', 'double'],
  ['color', 'string'],
];
const GRAPHML_EDGE_KEYS: [keyof ExportEdge, AttrType][] = [...EDGE_ATTRS, ['size', 'double'], ['color', 'string']];

async function* graphmlParts(doc: ExportDoc): AsyncGenerator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
  );
  yield `  <desc>${xml(`${describeDoc(doc)}\n${doc.date}`)}</desc>\n`;
  for (const [id, type] of GRAPHML_NODE_KEYS)
    yield `  <key id="${id}" for="node" attr.name="${id}" attr.type="${GRAPHML_TYPES[type]}"/>\n`;
  for (const [id, type] of GRAPHML_EDGE_KEYS)
    yield `  <key id="e_${id}" for="edge" attr.name="${id}" attr.type="${GRAPHML_TYPES[type]}"/>\n`;
  yield '  <graph id="G" edgedefault="directed">\n';
  let s = '';
  for (const n of doc.nodes) {
    s += `    <node id="${xml(nmtoken(n.id))}">`;
    for (const [id] of GRAPHML_NODE_KEYS) {
      const v = id === 'color' ? hexColor(n.color) : attrText(n[id]);
      if (v !== null) s += `<data key="${id}">${xml(v)}</data>`;
    }
    s += '</node>\n';
    if (s.length >= PART) {
      yield s;
      s = '';
    }
  }
  yield s;
  for await (const batch of batches(doc.edges)) {
    s = '';
    for (const e of batch) {
      s += `    <edge id="${xml(nmtoken(e.id))}" source="${xml(nmtoken(e.source))}" target="${xml(nmtoken(e.target))}">`;
      for (const [id] of GRAPHML_EDGE_KEYS) {
        const v = id === 'color' ? hexColor(e.color) : attrText(e[id]);
        if (v !== null) s += `<data key="e_${id}">${xml(v)}</data>`;
      }
      s += '</edge>\n';
    }
    yield s;
  }
  yield '  </graph>\n</graphml>\n';
}

// ---------------------------------------------------------------------------------------------
// graphology's serialisation (Graph#export / Graph#import)

async function* jsonParts(doc: ExportDoc): AsyncGenerator<string> {
  const attributes = { title: doc.title, date: doc.date, source: doc.source, filters: doc.filters };
  yield `{"options":{"type":"directed","multi":true,"allowSelfLoops":false},"attributes":${JSON.stringify(attributes)},"nodes":[`;
  let first = true;
  for (const n of doc.nodes) {
    const { id, ...attrs } = n;
    yield (first ? '\n' : ',\n') + JSON.stringify({ key: id, attributes: attrs });
    first = false;
  }
  yield '\n],"edges":[';
  first = true;
  for await (const batch of batches(doc.edges)) {
    let s = '';
    for (const e of batch) {
      const { id, source, target, sourceName: _s, targetName: _t, ...attrs } = e;
      s += (first ? '\n' : ',\n') + JSON.stringify({ key: id, source, target, attributes: attrs });
      first = false;
    }
    yield s;
  }
  yield '\n]}\n';
}

// ---------------------------------------------------------------------------------------------
// CSV: nodes.csv and links.csv in one zip, UTF-8 with BOM. Russian Excel opens a CSV with its
// list separator (';') and decimal comma; the English file uses ',' and '.'.

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

function csvCell(v: string | number | boolean | null, lang: 'ru' | 'en', values?: TableValues): string {
  if (v === null) return '';
  let s: string;
  if (typeof v === 'number') s = lang === 'ru' ? num(v).replace('.', ',') : num(v);
  else if (typeof v === 'boolean') s = values ? values.yesNo(v) : String(v);
  else s = neutralise(v);
  const delimiter = lang === 'ru' ? ';' : ',';
  return s.includes(delimiter) || /["\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function* csvNodes(doc: ExportDoc): AsyncGenerator<string> {
  const d = doc.lang === 'ru' ? ';' : ',';
  const values = namesHeld(doc.values);
  yield NODE_COLUMNS.map((c) => csvCell(doc.headers.nodes[c], doc.lang)).join(d) + '\r\n';
  let s = '';
  for (const n of doc.nodes) {
    s += NODE_COLUMNS.map((c) => csvCell(nodeValue(n, c, values), doc.lang, values)).join(d) + '\r\n';
    if (s.length >= PART) {
      yield s;
      s = '';
    }
  }
  yield s;
}

async function* csvEdges(doc: ExportDoc): AsyncGenerator<string> {
  const d = doc.lang === 'ru' ? ';' : ',';
  const values = namesHeld(doc.values);
  yield EDGE_COLUMNS.map((c) => csvCell(doc.headers.edges[c], doc.lang)).join(d) + '\r\n';
  for await (const batch of batches(doc.edges)) {
    let s = '';
    for (const e of batch)
      s += EDGE_COLUMNS.map((c) => csvCell(edgeValue(e, c, values), doc.lang, values)).join(d) + '\r\n';
    yield s;
  }
}

async function* csvTable(table: ReportTable, lang: 'ru' | 'en', values: TableValues): AsyncGenerator<string> {
  const d = lang === 'ru' ? ';' : ',';
  yield table.columns.map((c) => csvCell(c, lang)).join(d) + '\r\n';
  for (const row of table.rows) yield row.map((v) => csvCell(v, lang, values)).join(d) + '\r\n';
}

const CSV_FILES = { nodes: 'nodes.csv', edges: 'links.csv' };

function csvZip(doc: ExportDoc): AsyncGenerator<Uint8Array> {
  return zip(
    [
      { name: CSV_FILES.nodes, content: () => bytes(csvNodes(doc), BOM) },
      { name: CSV_FILES.edges, content: () => bytes(csvEdges(doc), BOM) },
      ...doc.tables.map((t) => ({ name: `${t.id}.csv`, content: () => bytes(csvTable(t, doc.lang, doc.values), BOM) })),
    ],
    doc.date,
  );
}

// ---------------------------------------------------------------------------------------------
// XLSX (Office Open XML spreadsheet), written as it streams: one sheet each for nodes, links and
// the report's tables; strings inline, the header row bold and frozen.

function columnName(index: number): string {
  let s = '';
  for (let i = index + 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

function xlsxRow(values: (string | number | boolean | null)[], row: number, header: boolean): string {
  let s = `<row r="${row}">`;
  values.forEach((v, i) => {
    const ref = `${columnName(i)}${row}`;
    const style = header ? ' s="1"' : '';
    if (v === null || v === '') return;
    if (typeof v === 'number' && Number.isFinite(v)) s += `<c r="${ref}"${style}><v>${num(v)}</v></c>`;
    else if (typeof v === 'boolean') s += `<c r="${ref}"${style} t="b"><v>${v ? 1 : 0}</v></c>`;
    else
      s += `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${xml(neutralise(String(v)))}</t></is></c>`;
  });
  return s + '</row>';
}

async function* sheet(
  header: string[],
  rows: AsyncIterable<(string | number | boolean | null)[]>,
): AsyncGenerator<string> {
  yield (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    `<cols><col min="1" max="${Math.max(header.length, 1)}" width="18" customWidth="1"/></cols><sheetData>`
  );
  yield xlsxRow(header, 1, true);
  let r = 2;
  for await (const row of rows) yield xlsxRow(row, r++, false);
  yield '</sheetData></worksheet>';
}

/** Sheet names: at most 31 characters, none of []:*?/\ . */
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

function xlsx(doc: ExportDoc): AsyncGenerator<Uint8Array> {
  const sheets: { name: string; header: string[]; rows: () => AsyncIterable<(string | number | boolean | null)[]> }[] =
    [
      {
        name: doc.headers.sheetNodes,
        header: NODE_COLUMNS.map((c) => doc.headers.nodes[c]),
        rows: async function* () {
          for (const n of doc.nodes) yield NODE_COLUMNS.map((c) => nodeValue(n, c, doc.values));
        },
      },
      {
        name: doc.headers.sheetEdges,
        header: EDGE_COLUMNS.map((c) => doc.headers.edges[c]),
        rows: async function* () {
          const values = namesHeld(doc.values);
          for await (const batch of batches(doc.edges))
            for (const e of batch) yield EDGE_COLUMNS.map((c) => edgeValue(e, c, values));
        },
      },
      ...doc.tables.map((t) => ({
        name: t.title,
        header: t.columns,
        rows: async function* () {
          yield* t.rows;
        },
      })),
    ];
  const names: string[] = [];
  for (const s of sheets) {
    let name = sheetName(s.name);
    for (let i = 2; names.includes(name); i++) name = sheetName(s.name).slice(0, 28) + ` ${i}`;
    names.push(name);
  }
  const text = (s: string) => () =>
    bytes(
      (async function* () {
        yield s;
      })(),
    );
  const SS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zip(
    [
      {
        name: '[Content_Types].xml',
        content: text(
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
            sheets
              .map(
                (_, i) =>
                  `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
              )
              .join('') +
            '</Types>',
        ),
      },
      {
        name: '_rels/.rels',
        content: text(
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
            `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
        ),
      },
      {
        name: 'docProps/core.xml',
        content: text(
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
            `<dc:title>${xml(doc.title)}</dc:title><dc:creator>coopgraph</dc:creator><dc:description>${xml([doc.source, ...doc.filters].join('; '))}</dc:description>` +
            `<dcterms:created xsi:type="dcterms:W3CDTF">${doc.date}T00:00:00Z</dcterms:created></cp:coreProperties>`,
        ),
      },
      {
        name: 'xl/workbook.xml',
        content: text(
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${SS}" xmlns:r="${REL}"><sheets>` +
            names.map((n, i) => `<sheet name="${xml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
            '</sheets></workbook>',
        ),
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        content: text(
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
            sheets
              .map(
                (_, i) =>
                  `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
              )
              .join('') +
            `<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
        ),
      },
      {
        name: 'xl/styles.xml',
        content: text(
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${SS}">` +
            '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
            '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
            '</styleSheet>',
        ),
      },
      ...sheets.map((s, i) => ({
        name: `xl/worksheets/sheet${i + 1}.xml`,
        content: () => bytes(sheet(s.header, s.rows())),
      })),
    ],
    doc.date,
  );
}

// ---------------------------------------------------------------------------------------------

type Writer = (doc: ExportDoc, picture: PictureOptions) => AsyncGenerator<Uint8Array>;

export interface ExportFormatEntry {
  id: ExportFormat;
  extension: string;
  mime: string;
  /** The browser writes it itself (else the server does). */
  browser: boolean;
  /**
   * The writer core carries for this format. PNG and PDF have none here: their rasteriser and page
   * layout differ between the browser (canvas) and the server (resvg, pdfkit).
   */
  write: Writer | null;
}

/** The formats, in the dialog's order: a new format is one entry with its writer. */
export const EXPORT_FORMATS: readonly ExportFormatEntry[] = [
  { id: 'gexf', extension: 'gexf', mime: 'application/gexf+xml', browser: true, write: (doc) => bytes(gexfParts(doc)) },
  {
    id: 'graphml',
    extension: 'graphml',
    mime: 'application/graphml+xml',
    browser: true,
    write: (doc) => bytes(graphmlParts(doc)),
  },
  { id: 'csv', extension: 'zip', mime: 'application/zip', browser: true, write: (doc) => csvZip(doc) },
  {
    id: 'xlsx',
    extension: 'xlsx',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    browser: true,
    write: (doc) => xlsx(doc),
  },
  { id: 'json', extension: 'json', mime: 'application/json', browser: true, write: (doc) => bytes(jsonParts(doc)) },
  {
    id: 'svg',
    extension: 'svg',
    mime: 'image/svg+xml',
    browser: true,
    write: (doc, picture) => bytes(svgParts(doc, picture)),
  },
  { id: 'png', extension: 'png', mime: 'image/png', browser: true, write: null },
  { id: 'pdf', extension: 'pdf', mime: 'application/pdf', browser: false, write: null },
];

const exportFormat = (id: ExportFormat): ExportFormatEntry => EXPORT_FORMATS.find((f) => f.id === id)!;

/** The file of a format whose writer core carries (all but PNG and PDF), as byte chunks. */
export function writeExport(
  format: ExportFormat,
  doc: ExportDoc,
  picture: PictureOptions = DEFAULT_PICTURE,
): AsyncGenerator<Uint8Array> {
  const { write } = exportFormat(format);
  if (!write) throw new Error(`${format} is drawn by the platform, not written by core`);
  return write(doc, picture);
}

/** A file name from the title and date: letters, digits and dashes. */
export function exportFileName(doc: Pick<ExportDoc, 'title' | 'date'>, format: ExportFormat): string {
  const ext = exportFormat(format).extension;
  const base =
    doc.title
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'coopgraph';
  return `${base}-${doc.date}.${ext}`;
}
