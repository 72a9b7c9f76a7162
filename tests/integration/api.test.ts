// The HTTP API against the real Neo4j: health, search (Russian morphology, Latin, INN, OKVED),
// node details, upload import, OpenAPI.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../server/db.js';
import { EXAMPLES, multipart, snapshot } from '../helpers.js';
import { xlsxBomb } from '../fixtures/xlsx.js';
import { useApp, useExamples } from '../fixtures/index.js';

const examples = useExamples();
const api = useApp(examples);
let db: Db;
let app: FastifyInstance;
beforeAll(() => {
  ({ db } = examples);
  ({ app } = api);
});

describe('GET /api/health', () => {
  it('reports the Neo4j version and counts by label', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.neo4j).toMatchObject({ reachable: true, edition: 'community' });
    expect(body.neo4j.version).toMatch(/^5\.26\./);
    expect(body.counts).toMatchObject({ Region: 89, Enterprise: 5, Cluster: 1, SUPPLIES: 5, Chain: 2 });
    expect(body.lastImport).toMatchObject({ status: 'completed' });
  });
});

describe('GET /api/search', () => {
  const ids = async (q: string) =>
    (await app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` }))
      .json()
      .hits.map((h: { id: string }) => h.id);

  it('finds a name through Russian morphology: «кластеры» finds «кластер», «лесопилки» finds «Лесопилка»', async () => {
    expect(await ids('кластеры')).toContain('cluster:ex-timber');
    expect(await ids('лесопромышленного')).toContain('cluster:ex-timber');
    expect(await ids('лесопилки')).toContain('enterprise:ex-sawmill');
  });

  it('is case-insensitive and completes word beginnings', async () => {
    expect(await ids('ПРИМЕР ЦБК')).toContain('enterprise:ex-pulp');
    expect(await ids('лесозаг')).toContain('enterprise:ex-logging');
  });

  it('finds Russian names by a Latin spelling', async () => {
    expect(await ids('Primer Lesopilka')).toContain('enterprise:ex-sawmill');
  });

  it('finds an enterprise by its exact INN and by an OKVED prefix', async () => {
    const inn = (await app.inject({ method: 'GET', url: '/api/search?q=1102830161' })).json();
    expect(inn.hits).toHaveLength(1);
    expect(inn.hits[0]).toMatchObject({ id: 'enterprise:ex-pulp', matchedBy: 'inn', inn: '1102830161' });
    const okved = (await app.inject({ method: 'GET', url: '/api/search?q=17.1' })).json();
    expect(okved.hits.map((h: { id: string }) => h.id)).toEqual(
      expect.arrayContaining(['industry:17.11', 'industry:17.12', 'enterprise:ex-pulp']),
    );
    expect(okved.hits.every((h: { matchedBy: string }) => h.matchedBy === 'okved')).toBe(true);
  });

  it('survives Lucene syntax in the query and refuses bad parameters with 400', async () => {
    for (const q of ['AND', '"(*', 'ООО «Пример', '~~~', 'a:b OR c:d', "'); MATCH (n) DETACH DELETE n; //"]) {
      const res = await app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` });
      expect(res.statusCode, q).toBe(200);
    }
    expect((await app.inject({ method: 'GET', url: '/api/search?q=' })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/search?q=x&limit=100000' })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json().counts.Enterprise).toBe(5);
  });
});

describe('GET /api/nodes/:id', () => {
  it('returns properties and relationship counts', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nodes/enterprise:ex-pulp' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.properties).toMatchObject({ name: 'АО «Пример ЦБК»', size: 'large', inn: '1102830161' });
    const rel = (type: string, direction: string) =>
      body.relationships.find((r: { type: string; direction: string }) => r.type === type && r.direction === direction)
        ?.count;
    expect(rel('SUPPLIES', 'in')).toBe(4);
    expect(rel('OPERATES_AT', 'out')).toBe(2);
    expect(rel('MEMBER_OF', 'out')).toBe(1);
  });

  it('returns regions with their location', async () => {
    const body = (await app.inject({ method: 'GET', url: '/api/nodes/region:11' })).json();
    expect(body.properties).toMatchObject({ name: 'Республика Коми', center: 'Сыктывкар' });
    expect(body.properties.location.latitude).toBeCloseTo(61.67, 1);
    expect(body.relationships).toEqual([
      { type: 'BASED_IN', direction: 'in', count: 1 },
      { type: 'LOCATED_IN', direction: 'in', count: 3 },
    ]);
  });

  it('answers 404 for unknown nodes and malformed ids', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/nodes/enterprise:nope' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/nodes/bogus:1' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/nodes/nocolon' })).statusCode).toBe(404);
  });
});

describe('POST /api/import', () => {
  it('rejects a bad file with 422 and every error, writing nothing', async () => {
    const before = await snapshot(db);
    const links = readFileSync(EXAMPLES + 'links.csv', 'utf8') + 'ex-chem,ex-chem,Реагенты,20.13,-1,2020\n';
    const res = await app.inject({
      method: 'POST',
      url: '/api/import',
      ...multipart([{ field: 'links', name: 'мои-связи.csv', content: links }]),
    });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.ok).toBe(false);
    expect(
      body.errors.map((e: { file: string; row: number; column: string; code: string }) => [
        e.file,
        e.row,
        e.column,
        e.code,
      ]),
    ).toEqual([
      ['мои-связи.csv', 7, 'buyer', 'self_supply'],
      ['мои-связи.csv', 7, 'volume_mln_rub', 'negative'],
    ]);
    expect(body.errors[0].message).toMatch(/поставщик и покупатель/); // Russian by default
    expect(await snapshot(db)).toEqual(before);
  });

  it('imports good files and validates only on a dry run', async () => {
    const csv =
      'id,inn,name,region,okved,employees,revenue_mln_rub,cluster,cluster_role,technopark,priority_territory\napi-1,,ООО «Загружено через API»,29,16.10,7,20,,,,false\n';
    const dry = await app.inject({
      method: 'POST',
      url: '/api/import?dryRun=true',
      ...multipart([{ field: 'file', name: 'e.csv', content: csv }]),
    });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ ok: true, dryRun: true, written: { enterprises: 0 } });
    expect((await db.read("MATCH (e:Enterprise {id: 'api-1'}) RETURN e")).length).toBe(0);
    const res = await app.inject({
      method: 'POST',
      url: '/api/import',
      ...multipart([{ field: 'file', name: 'e.csv', content: csv }]),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      ok: true,
      written: { enterprises: 1 },
      files: [{ kind: 'enterprises', rows: 1, encoding: 'utf-8' }],
    });
  });

  it('refuses an import posted from another site, writing nothing', async () => {
    const before = await snapshot(db);
    const csv =
      'id,inn,name,region,okved,employees,revenue_mln_rub,cluster,cluster_role,technopark,priority_territory\nevil,,Evil,11,16.10,1,1,,,,false\n';
    const form = multipart([{ field: 'file', name: 'e.csv', content: csv }]);
    const foreign = await app.inject({
      method: 'POST',
      url: '/api/import',
      payload: form.payload,
      headers: { ...form.headers, origin: 'https://evil.example', host: 'localhost:8080' },
    });
    expect(foreign.statusCode).toBe(403);
    const crossSite = await app.inject({
      method: 'POST',
      url: '/api/import',
      payload: form.payload,
      headers: { ...form.headers, 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.statusCode).toBe(403);
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses an XLSX decompression bomb on a dry run, naming the limit, and keeps serving', async () => {
    const before = await snapshot(db);
    const bomb = Buffer.from(xlsxBomb(64)); // 64 MB of shared strings in about 64 KB
    const res = await app.inject({
      method: 'POST',
      url: '/api/import?dryRun=true',
      ...multipart([{ field: 'file', name: 'бомба.xlsx', content: bomb }]),
    });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.errors).toEqual([
      expect.objectContaining({
        file: 'бомба.xlsx',
        code: 'xlsx_ratio',
        value: '200',
      }),
    ]);
    expect(body.errors[0].message).toMatch(/более чем в 200 раз.*IMPORT_XLSX_MAX_RATIO/);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses a request without files', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/import', payload: { a: 1 } });
    expect(res.statusCode).toBe(400);
  });
});

describe('GET /api/openapi.json', () => {
  it('documents every route with its parameters', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/search', '/api/nodes/{id}', '/api/import', '/api/reference']),
    );
    expect(doc.paths['/api/search'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['q', 'limit']);
  });
});
