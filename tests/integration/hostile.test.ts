// Hostile input (issue 6), property-based: every parameter of every route the OpenAPI document
// lists (path, query string, JSON body; the import's multipart files) gets Cypher fragments,
// quotes, unusual unicode, control characters, very long values, numbers as strings,
// out-of-range numbers and arrays or objects where a string belongs, one parameter at a time with
// the others valid, then all at once. Every answer must be 2xx or 4xx, never 5xx, come within
// REQUEST_LIMIT_MS, and the graph's data must be unchanged afterwards. New routes are covered by
// being in the document. HOSTILE_RUNS scales the number of runs (default 1).
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import type { InjectOptions } from 'fastify';
import { createUser } from '../../server/auth.js';
import { EXAMPLES, TEST_PASSWORD, multipart, snapshot, testApp, testDb, testSettings } from '../helpers.js';
import { EXAMPLES_DATASET, ensureDataset } from '../fixtures/index.js';

const SCALE = Number(process.env.HOSTILE_RUNS ?? 1);
/** Runs per parameter with that parameter hostile, and runs per route with every parameter hostile. */
const RUNS_PER_PARAM = Math.max(1, Math.round(8 * SCALE));
const RUNS_ALL_HOSTILE = Math.max(1, Math.round(10 * SCALE));
/** The slowest answer allowed: a hostile value must not make the server work for minutes. */
const REQUEST_LIMIT_MS = 30_000;

// The set-up comes first: the routes are read from the OpenAPI document the app serves.
const settings = testSettings({ loginRatePerMinute: 1_000_000 });
const db = testDb(settings);
await ensureDataset(db, settings, EXAMPLES_DATASET);
const app = await testApp(db, settings);
const own = (await app.inject({ method: 'GET', url: '/api/auth/session' })).json() as { username: string };
const decoy = 'hostile-decoy';
await createUser(db, { username: decoy, role: 'viewer', password: TEST_PASSWORD });
const scenario = (
  await app.inject({
    method: 'POST',
    url: '/api/scenarios',
    payload: {
      name: 'hostile fixture',
      items: [
        {
          kind: 'enterprise',
          id: 'hypothetical:h1',
          name: 'Гипотетическая лесопилка',
          region: '29',
          stages: ['timber.sawmilling'],
          size: 'small',
          revenueMlnRub: 50,
          employees: 20,
          clusters: ['ex-timber'],
          priorityTerritory: false,
        },
        {
          kind: 'link',
          supplier: 'hypothetical:h1',
          buyer: 'enterprise:ex-pulp',
          stage: 'timber.sawmilling',
          volumeMlnRub: 10,
          replaces: 'enterprise:ex-sawmill',
        },
      ],
    },
  })
).json() as { id: string; items: unknown[] };
const view = (
  await app.inject({
    method: 'POST',
    url: '/api/views',
    payload: { name: 'hostile fixture', hash: '#explore?n=enterprise:ex-sawmill', shared: false },
  })
).json() as { id: string };
const openapi = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApi;
const before = await snapshot(db);

afterAll(async () => {
  await app.close();
  await db.close();
});

// The document

interface Schema {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}
interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string; required?: boolean; schema: Schema }[];
        requestBody?: { content: Record<string, { schema: Schema }> };
      }
    >
  >;
}
type Where = 'path' | 'query' | 'body' | 'file' | 'raw';
interface Param {
  where: Where;
  name: string;
  required: boolean;
  schema: Schema;
}
interface Route {
  method: string;
  path: string;
  label: string;
  params: Param[];
  json: boolean;
  multipart: boolean;
}

/** Routes left out: signing out would end the test's own session. */
const SKIPPED = new Set(['POST /api/auth/logout']);
/** Routes whose body is multipart files: the parts are parameters of their own. */
const MULTIPART = new Set(['POST /api/import']);

const routes: Route[] = Object.entries(openapi.paths)
  .flatMap(([path, methods]) =>
    Object.entries(methods).map(([m, op]) => {
      const method = m.toUpperCase();
      const label = `${method} ${path}`;
      const params: Param[] = (op.parameters ?? []).map((p) => ({
        where: p.in as Where,
        name: p.name,
        required: !!p.required,
        schema: p.schema,
      }));
      const body = op.requestBody?.content['application/json']?.schema;
      for (const [name, schema] of Object.entries(body?.properties ?? {}))
        params.push({ where: 'body', name, required: !!body?.required?.includes(name), schema });
      // The whole JSON body at once: not JSON, not an object, prototype keys, duplicate keys.
      if (body) params.push({ where: 'raw', name: '(whole body)', required: false, schema: {} });
      const multipart = MULTIPART.has(label);
      if (multipart)
        for (const name of ['content', 'field', 'filename'])
          params.push({ where: 'file', name, required: true, schema: {} });
      return { method, path, label, params, json: !!body, multipart };
    }),
  )
  .filter((r) => !SKIPPED.has(r.label));

// Valid values: the example data and the fixtures above, else the schema's own

const VALID: Record<string, unknown> = {
  'GET /api/nodes/{id} id': 'enterprise:ex-sawmill',
  'GET /api/clusters/{id}/readiness id': 'ex-timber',
  'GET /api/clusters/{id}/contract-suggestions id': 'ex-timber',
  'GET /api/scenarios/{id} id': scenario.id,
  'PUT /api/scenarios/{id} id': scenario.id,
  'DELETE /api/scenarios/{id} id': scenario.id,
  'DELETE /api/views/{id} id': view.id,
  'PUT /api/users/{username} username': decoy,
  'DELETE /api/users/{username} username': decoy,
  'POST /api/auth/login username': decoy,
  'POST /api/auth/login password': 'not the password at all',
  'POST /api/auth/password current': TEST_PASSWORD,
  'POST /api/auth/password next': TEST_PASSWORD,
  'POST /api/users password': 'a long enough password',
  'PUT /api/users/{username} password': 'a long enough password',
  'POST /api/explore/expand id': 'enterprise:ex-sawmill',
  'POST /api/views hash': '#explore?n=enterprise:ex-sawmill',
  'POST /api/import dryRun': true,
  'GET /api/export view': 'n=enterprise:ex-sawmill,enterprise:ex-pulp',
  'POST /api/export view': 'n=enterprise:ex-sawmill,enterprise:ex-pulp',
};
const VALID_BY_NAME: Record<string, unknown> = {
  chain: 'timber',
  region: '11',
  stage: 'timber.sawmilling',
  scenario: scenario.id,
  from: 'enterprise:ex-logging',
  to: 'enterprise:ex-pulp',
  q: 'лесопилка',
  ids: ['enterprise:ex-sawmill', 'region:11'],
  visible: ['enterprise:ex-pulp'],
  only: ['enterprise:ex-sawmill'],
  name: 'hostile test',
  username: 'hostile-user',
  items: scenario.items,
  cluster: 'ex-timber',
  date: '2026-01-31',
  positions: { 'enterprise:ex-sawmill': [0, 0] },
  planner: { chain: 'timber', region: '11', cluster: 'ex-timber' },
  user: 'admin',
  action: 'import',
  content: readFileSync(EXAMPLES + 'enterprises.csv', 'utf8'),
  field: 'enterprises',
  filename: 'enterprises.csv',
};

function fromSchema(s: Schema): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined) return s.default;
  if (s.anyOf) return fromSchema(s.anyOf.find((a) => a.type !== 'null') ?? s.anyOf[0]);
  switch (s.type) {
    case 'boolean':
      return false;
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return 'x'.repeat(s.minLength ?? 1);
  }
}

/** Every value of a parameter that lists them (formats, languages, roles), else one. */
function literals(s: Schema): unknown[] | undefined {
  if (s.enum) return s.enum;
  if (s.anyOf?.every((a) => a.const !== undefined || a.enum)) return s.anyOf.flatMap((a) => a.enum ?? [a.const]);
  return undefined;
}

function validValue(route: Route, p: Param): unknown {
  const key = `${route.label} ${p.name}`;
  if (key in VALID) return VALID[key];
  if (p.name in VALID_BY_NAME) return VALID_BY_NAME[p.name];
  return fromSchema(p.schema);
}

function validArbitrary(route: Route, p: Param): fc.Arbitrary<unknown> {
  if (p.where === 'raw') return fc.constant(undefined);
  const listed = literals(p.schema);
  if (listed && !(`${route.label} ${p.name}` in VALID)) return fc.constantFrom(...listed);
  return fc.constant(validValue(route, p));
}

/** The version a change must name: the scenario's current one. */
const currentVersion = async () =>
  (await app.inject({ method: 'GET', url: `/api/scenarios/${scenario.id}` })).json().version ?? 1;

// Hostile values

const long = (unit: string) => unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
const CYPHER = [
  "' OR 1=1 //",
  '" OR 1=1 //',
  '}) MATCH (n) DETACH DELETE n //',
  "'}) MATCH (n) DETACH DELETE n //",
  '"}) MATCH (n) DETACH DELETE n //',
  "') DETACH DELETE n //",
  '`',
  '``',
  '`) MATCH (n) DETACH DELETE n //',
  '$param',
  '$id',
  '{id}',
  '${id}',
  "\\'",
  '\\u0027',
  '*',
  '%',
  '_',
  '?',
  "'; CALL db.clearQueryCaches(); //",
  'MATCH (n) RETURN n',
  "CALL apoc.cypher.runWrite('MATCH (n) DETACH DELETE n', {})",
  '/*',
  '*/',
  '//',
  ';',
  'a:b OR c:d',
  '"(*',
  '~~~',
  'AND',
  'NOT',
  '-',
  '+',
  '!',
  '\\',
  '[',
  '{',
  'null',
  'true',
  'undefined',
  '__proto__',
  'constructor',
  'toString',
];
const QUOTES = ["'", '"', "''", '«»', '"\'`', '\\"', '„“', '‘’'];
const UNICODE = [
  'Лесопилка «Пример»',
  'ёЁйЙ',
  'ООО «Пример ЦБК»',
  '🌲🪵🏭',
  '👨‍👩‍👧‍👦',
  '\u202Eevil\u202C',
  'مرحبا',
  'שלום',
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u001f\u007f',
  '\r\n',
  '\n',
  '\t',
  ' ',
  '\uFEFF',
  '\uFFFF',
  '\uD800',
  '\uDC00x',
  'ｅｎｔｅｒｐｒｉｓｅ',
  'e\u0301',
  'İ',
  'ß',
  '\u200B',
  '%00',
  '%zz',
  '..',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '{{7*7}}',
  ':',
  'enterprise:',
  ':key',
  'region:',
  'hypothetical:',
  'enterprise:ex-sawmill\u0000',
  '#explore?',
  '#explore?n=',
  '#explore?n=' + ','.repeat(50),
  'n=' + 'enterprise:x,'.repeat(200),
];
const NUMERIC = [
  '0',
  '-0',
  '-1',
  '1',
  '1.5',
  '1e309',
  '-1e309',
  '1e-400',
  'NaN',
  'Infinity',
  '-Infinity',
  '9007199254740993',
  '99999999999999999999999',
  '0x10',
  '0b1',
  '1_000',
  '1,5',
  ' 1',
  '1 ',
  '+1',
  '--1',
  '00',
  '2147483648',
  '-2147483649',
  '',
];
const LONG = [long('a'), long('я'), long("'"), long('\u0000'), long('🌲'), long('enterprise:ex-sawmill,'), long('%')];
const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...CYPHER, ...QUOTES) },
  { weight: 3, arbitrary: fc.constantFrom(...UNICODE) },
  { weight: 2, arbitrary: fc.constantFrom(...NUMERIC) },
  { weight: 1, arbitrary: fc.constantFrom(...LONG) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...CYPHER, ...QUOTES, ...UNICODE), fc.constantFrom(...CYPHER, ...UNICODE, ...NUMERIC))
      .map(([a, b]) => a + b),
  },
);
const hostileNumber = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    1.5,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 64,
    5e-324,
    Number.NaN,
    Infinity,
  ),
  fc.integer(),
  fc.double(),
);
const nested = (depth: number, leaf: unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  return v;
};
const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
  { weight: 2, arbitrary: fc.array(fc.oneof(hostileString, hostileNumber), { maxLength: 5 }) },
  {
    weight: 2,
    arbitrary: fc.dictionary(
      fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', '$where', 'toString'), fc.string()),
      fc.oneof(hostileString, hostileNumber),
      { maxKeys: 4 },
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 2000 }).map((d) => nested(d, "' OR 1=1 //")) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      Array(6000).fill('enterprise:ex-sawmill'),
      Array(50_000).fill(0),
      Array(2000).fill({ kind: 'link' }),
    ),
  },
);

/** Values that only make sense for some parameters: boundaries, and valid shapes with one hostile field. */
function special(route: Route, p: Param, valid: unknown): fc.Arbitrary<unknown>[] {
  const out: fc.Arbitrary<unknown>[] = [];
  const s = p.schema.anyOf?.find((a) => a.type === 'number' || a.type === 'integer') ?? p.schema;
  if (s.type === 'number' || s.type === 'integer') {
    const edges = [s.minimum, s.maximum].filter((x): x is number => x !== undefined);
    out.push(fc.constantFrom(...edges.flatMap((e) => [e, e - 1, e + 1, e - 0.5, e + 0.5]), 0, -1));
    // Numbers as strings that the validator coerces past its bounds.
    out.push(fc.constantFrom('1e309', '-1e309', 'Infinity', '-Infinity', '1e400', ...edges.map((e) => `${e}e0`)));
  }
  if (typeof valid === 'string')
    out.push(
      hostileString.map((h) => valid + h),
      hostileString.map((h) => h + valid),
    );
  if (Array.isArray(valid) && valid.length > 0 && typeof valid[0] === 'object') {
    // Scenario items: one field of a valid item hostile, or the item a hostile value.
    out.push(
      fc
        .tuple(
          fc.nat(valid.length - 1),
          fc.constantFrom(...Object.keys(valid[0] as object), ...Object.keys(valid.at(-1) as object)),
          hostileJson,
        )
        .map(([i, field, h]) => valid.map((item, j) => (j === i ? { ...(item as object), [field]: h } : item))),
    );
    out.push(fc.array(hostileJson, { maxLength: 3 }));
  }
  if (Array.isArray(valid)) out.push(fc.array(hostileString, { minLength: 1, maxLength: 5 }));
  if (valid && typeof valid === 'object' && !Array.isArray(valid)) {
    out.push(fc.tuple(fc.constantFrom(...Object.keys(valid)), hostileJson).map(([k, h]) => ({ ...valid, [k]: h })));
    out.push(
      fc.dictionary(hostileString, fc.oneof(fc.tuple(hostileNumber, hostileNumber), hostileJson), { maxKeys: 3 }),
    );
  }
  if (p.where === 'file' && p.name === 'content') {
    // The example file with one cell hostile; bytes that are no CSV; a zip that is no workbook.
    const lines = String(valid).split('\n');
    out.push(
      fc.tuple(fc.nat(lines[1].split(',').length - 1), hostileString).map(([c, h]) =>
        [
          lines[0],
          lines[1]
            .split(',')
            .map((v, i) => (i === c ? h : v))
            .join(','),
          ...lines.slice(2),
        ].join('\n'),
      ),
    );
    out.push(fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)));
    out.push(
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from(b)])),
    );
    out.push(
      fc.constantFrom(
        '\uFEFF',
        '\uFEFFid,name\n',
        lines[0],
        lines[0].replaceAll(',', ';'),
        Buffer.from([0xff, 0xfe, 0x00, 0x00]),
      ),
    );
  }
  return out;
}

const RAW_BODIES = [
  '',
  ' ',
  'null',
  '[]',
  '"x"',
  '123',
  '{',
  '{"a":',
  '}{',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '{"name":"a","name":{"$ne":1}}',
  '['.repeat(10_000) + ']'.repeat(10_000),
  '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000),
  '\uFEFF{}',
  '{"id":"\ud800"}',
  '{"ids":[' + '"x",'.repeat(100_000) + '"x"]}',
];
const rawBody: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.constantFrom(...RAW_BODIES),
  hostileString,
  hostileJson.map((v) => JSON.stringify(v) ?? 'null'),
  fc.uint8Array({ maxLength: 100 }).map((b) => Buffer.from(b)),
);

function hostileFor(route: Route, p: Param, valid: unknown): fc.Arbitrary<unknown> {
  if (p.where === 'raw') return rawBody;
  const extra = special(route, p, valid);
  const base =
    p.where === 'body'
      ? hostileJson
      : p.where === 'file'
        ? hostileString
        : fc.oneof(hostileString, hostileNumber, fc.array(hostileString, { minLength: 2, maxLength: 4 }));
  return extra.length ? fc.oneof({ weight: 3, arbitrary: base }, { weight: 2, arbitrary: fc.oneof(...extra) }) : base;
}

// Requests

/** Percent-encoding that also sends lone surrogates, as the (invalid UTF-8) bytes a hostile client would. */
function encode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return Array.from(s, (ch) => {
      const cp = ch.codePointAt(0)!;
      if (cp < 0xd800 || cp > 0xdfff) return encodeURIComponent(ch);
      return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    }).join('');
  }
}
const text = (v: unknown) =>
  typeof v === 'string'
    ? v
    : typeof v === 'number' || typeof v === 'boolean' || v === null
      ? String(v)
      : JSON.stringify(v);
type Values = Map<string, unknown>;
function request(route: Route, values: Values): InjectOptions {
  const at = (where: Where) => route.params.filter((p) => p.where === where && values.has(p.name));
  let url = route.path;
  for (const p of route.params.filter((q) => q.where === 'path')) {
    url = url.replace(`{${p.name}}`, values.has(p.name) ? encode(text(values.get(p.name))) : '');
  }
  const query = at('query').flatMap((p) => {
    const v = values.get(p.name);
    return (Array.isArray(v) ? v : [v]).map((x) => `${encode(p.name)}=${encode(text(x))}`);
  });
  if (query.length) url += `?${query.join('&')}`;
  const options: InjectOptions = { method: route.method as InjectOptions['method'], url };
  // Sign-in attempts go without the test's session, so a hostile one cannot touch it.
  if (route.label === 'POST /api/auth/login') options.headers = { cookie: '' };
  if (route.json)
    options.payload = Object.fromEntries(at('body').map((p) => [p.name, values.get(p.name)])) as Record<
      string,
      unknown
    >;
  const raw = values.get('(whole body)') as string | Buffer | undefined;
  if (route.json && raw !== undefined) {
    options.payload = raw;
    options.headers = { ...options.headers, 'content-type': 'application/json' };
  }
  if (route.multipart) {
    const content = values.get('content');
    const m = multipart([
      {
        field: text(values.get('field')),
        name: text(values.get('filename')),
        content: Buffer.isBuffer(content) ? content : text(content),
      },
    ]);
    options.payload = m.payload;
    options.headers = { ...options.headers, ...m.headers };
  }
  return options;
}

/** The request is sent; the answer must be neither a 5xx nor slow. */
async function check(route: Route, values: Values, hostile: string[]): Promise<void> {
  if (route.label.includes('/api/users/{username}') && values.get('username') === own.username) return;
  const options = request(route, values);
  const started = Date.now();
  const res = await app.inject(options);
  const ms = Date.now() - started;
  const what = `${route.label} with ${hostile.join(', ')} hostile: ${options.method} ${String(options.url).slice(0, 300)}`;
  if (res.statusCode >= 500) throw new Error(`${what} → ${res.statusCode} ${res.body.slice(0, 500)}`);
  if (ms > REQUEST_LIMIT_MS) throw new Error(`${what} → ${res.statusCode} after ${ms} ms`);
}

/** Whether a parameter is sent: required ones always, optional ones half the time. */
const presence = (route: Route) =>
  fc.tuple(...route.params.map((p) => (p.required ? fc.constant(true) : fc.boolean())));

/** Numbers as strings that the validator coerces to ±Infinity, past its bounds. */
const COERCED = ['1e309', '-1e309', 'Infinity', '-Infinity'];
const isNumeric = (p: Param) =>
  [p.schema, ...(p.schema.anyOf ?? [])].some((s) => s.type === 'number' || s.type === 'integer');

/**
 * Every numeric parameter at its largest value at once, for each value of each parameter that
 * lists its values (an export's format): the most work a valid request can ask for.
 */
function extremes(route: Route): Values[] {
  const base: Values = new Map(
    route.params
      .filter((p) => p.where !== 'raw')
      .map((p) => {
        const s = p.schema.anyOf?.find((a) => a.maximum !== undefined) ?? p.schema;
        return [p.name, isNumeric(p) && s.maximum !== undefined ? s.maximum : validValue(route, p)];
      }),
  );
  const listed = route.params.filter((p) => literals(p.schema) && !(`${route.label} ${p.name}` in VALID));
  if (!route.params.some(isNumeric)) return [];
  return listed.length === 0
    ? [base]
    : listed.flatMap((p) => literals(p.schema)!.map((v) => new Map([...base, [p.name, v]])));
}

/**
 * Routes of files this change could not touch that still answer a 5xx, with the cause: the test
 * expects them to fail until they are fixed (then the entry goes).
 */
const PENDING: Record<string, string> = {};

describe('hostile input at every parameter of every route', () => {
  it('reads the routes from the OpenAPI document', () => {
    const labels = routes.map((r) => r.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        'GET /api/search',
        'POST /api/explore/expand',
        'POST /api/import',
        'PUT /api/scenarios/{id}',
        'POST /api/users',
      ]),
    );
    expect(routes.find((r) => r.label === 'POST /api/export')!.params.map((p) => p.name)).toEqual(
      expect.arrayContaining(['format', 'ids', 'positions']),
    );
  });

  for (const route of routes) {
    (route.label in PENDING ? it.fails : it)(`${route.label} answers 2xx or 4xx and changes no data`, async () => {
      const valid = new Map(route.params.map((p) => [p.name, validValue(route, p)]));
      for (const values of extremes(route)) await check(route, values, ['every number at its maximum']);
      // Every hand-picked whole body (deep nesting, prototype keys, huge arrays) once, the rest valid.
      if (route.json) {
        for (const raw of RAW_BODIES)
          await check(route, new Map([...valid, ['(whole body)', raw]]), [`whole body ${raw.slice(0, 20)}…`]);
      }
      // Numbers the validator would let through as ±Infinity, at each numeric parameter (with the
      // required parameters only: a narrow filter can hide an error that shows on a full list).
      for (const p of route.params.filter(isNumeric)) {
        for (const c of COERCED)
          await check(
            route,
            new Map<string, unknown>([
              ...route.params.filter((q) => q.required).map((q) => [q.name, valid.get(q.name)] as const),
              [p.name, c],
            ]),
            [`${p.where} ${p.name} = ${c}`],
          );
      }
      const valids = fc.tuple(...route.params.map((p) => validArbitrary(route, p)));
      // One parameter at a time, the others valid (optional ones sent or not).
      for (const p of route.params) {
        await fc.assert(
          fc.asyncProperty(hostileFor(route, p, valid.get(p.name)), valids, presence(route), async (h, vs, sent) => {
            const values: Values = new Map();
            for (const [i, q] of route.params.entries()) {
              if (sent[i])
                values.set(
                  q.name,
                  route.label === 'PUT /api/scenarios/{id}' && q.name === 'version' ? await currentVersion() : vs[i],
                );
            }
            values.set(p.name, h);
            await check(route, values, [`${p.where} ${p.name}`]);
          }),
          { numRuns: RUNS_PER_PARAM },
        );
      }
      // Every parameter hostile at once.
      if (route.params.length > 0) {
        await fc.assert(
          fc.asyncProperty(
            fc.tuple(...route.params.map((p) => hostileFor(route, p, valid.get(p.name)))),
            presence(route),
            async (hs, sent) => {
              const values: Values = new Map();
              route.params.forEach((p, i) => {
                if (sent[i]) values.set(p.name, hs[i]);
              });
              await check(route, values, ['every parameter']);
            },
          ),
          { numRuns: RUNS_ALL_HOSTILE },
        );
      } else {
        await check(route, new Map(), ['nothing']);
      }
      const after = await snapshot(db);
      const real = (lines: string[]) => lines.filter((l) => !l.includes('"Scenario"'));
      expect(real(after)).toEqual(real(before));
    });
  }
});
