// The overview against the real Neo4j, on the example files whose figures are worked out by hand:
//
// enterprises (size by 209-FZ from employees and revenue; chains from OKVED):
//   11 Komi:        ex-sawmill 16.10 (45, 300 → small, timber), ex-logging 02.20 (12, 90 → micro, timber),
//                   ex-pulp 17.11 (2500, 40000 → large, timber)
//   29 Arkhangelsk: ex-repair 33.12 (80, 500 → small, timber and oilgas: 33.12 is in both)
//   35 Vologda:     ex-chem 20.13 (200, 1500 → medium, timber: process chemicals)
// links (stage from the link's OKVED, else the supplier's; the buyer's chain wins a tie):
//   logging→sawmill 40, logging→pulp 25.5, sawmill→pulp 12   — all timber, inside 11: local 77.5 in 3 links
//   repair→pulp 8 (33.12; the buyer ex-pulp is timber)       — timber, 29 → 11
//   chem→pulp 30 (20.13)                                     — timber, 35 → 11
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { overview, type Overview } from '../../server/overview.js';
import type { Db } from '../../server/db.js';
import { loadExamples, testDb, testSettings } from '../helpers.js';

const settings = testSettings();
let db: Db;
let app: FastifyInstance;

beforeAll(async () => {
  db = testDb(settings);
  await loadExamples(db, settings);
  app = await buildApp(db, settings);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const region = (o: Overview, code: string) => o.regions.find((r) => r.code === code)!;
/** Regions with enterprises, as code → [enterprises, SMEs]. */
const populated = (o: Overview) =>
  Object.fromEntries(o.regions.filter((r) => r.enterprises > 0).map((r) => [r.code, [r.enterprises, r.smes]]));

describe('overview()', () => {
  it('lists all 89 regions with their centres and federal districts', async () => {
    const o = await overview(db, 'timber');
    expect(o.regions).toHaveLength(89);
    expect(region(o, '11')).toMatchObject({ name: 'Республика Коми', nameEn: expect.stringMatching(/Komi/), federalDistrict: 'northwestern' });
    expect(region(o, '11').lat).toBeCloseTo(61.67, 2);
    expect(region(o, '11').lon).toBeCloseTo(50.84, 2);
    expect(region(o, '87').lon).toBeGreaterThan(170);
  });

  it('timber: enterprises and SMEs by region, local volume, and the flows 29→11 and 35→11', async () => {
    const o = await overview(db, 'timber');
    expect(o.chain).toBe('timber');
    expect(populated(o)).toEqual({ '11': [3, 2], '29': [1, 1], '35': [1, 1] });
    expect(region(o, '11').local).toEqual({ volumeMlnRub: 77.5, links: 3 });
    expect(region(o, '29').local).toEqual({ volumeMlnRub: 0, links: 0 });
    expect(o.flows).toEqual([
      { source: '35', target: '11', volumeMlnRub: 30, links: 1 },
      { source: '29', target: '11', volumeMlnRub: 8, links: 1 },
    ]);
  });

  it('oil and gas: only the repair shop, which supplies no oil-and-gas link', async () => {
    const o = await overview(db, 'oilgas');
    expect(populated(o)).toEqual({ '29': [1, 1] });
    expect(o.flows).toEqual([]);
    expect(o.regions.every((r) => r.local.links === 0)).toBe(true);
  });

  it('all: every enterprise and every link', async () => {
    const o = await overview(db, 'all');
    expect(populated(o)).toEqual({ '11': [3, 2], '29': [1, 1], '35': [1, 1] });
    expect(region(o, '11').local).toEqual({ volumeMlnRub: 77.5, links: 3 });
    expect(o.flows.map((f) => [f.source, f.target, f.volumeMlnRub, f.links])).toEqual([['35', '11', 30, 1], ['29', '11', 8, 1]]);
  });

  it('counts a link by its own stage: an oil-and-gas link between timber enterprises shows under oilgas only', async () => {
    // A link the files do not have, added and removed here: 29 → 35, stage oilgas.repair.
    await db.write(`MATCH (a:Enterprise {id: 'ex-repair'}), (b:Enterprise {id: 'ex-chem'})
      CREATE (a)-[:SUPPLIES {product: 'test', stage: 'oilgas.repair', volumeMlnRub: 2.25}]->(b)`);
    try {
      expect((await overview(db, 'oilgas')).flows).toEqual([{ source: '29', target: '35', volumeMlnRub: 2.25, links: 1 }]);
      expect((await overview(db, 'timber')).flows.some((f) => f.target === '35')).toBe(false);
      expect((await overview(db, 'all')).flows).toContainEqual({ source: '29', target: '35', volumeMlnRub: 2.25, links: 1 });
    } finally {
      await db.write("MATCH (:Enterprise {id: 'ex-repair'})-[l:SUPPLIES {product: 'test'}]->(:Enterprise {id: 'ex-chem'}) DELETE l");
    }
  });
});

describe('GET /api/overview', () => {
  it('answers with the same figures, all chains by default', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/overview?chain=timber' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as Overview;
    expect(body.regions).toHaveLength(89);
    expect(body.flows[1]).toEqual({ source: '29', target: '11', volumeMlnRub: 8, links: 1 });
    expect((await app.inject({ method: 'GET', url: '/api/overview' })).json().chain).toBe('all');
  });

  it('refuses an unknown chain with 400', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/overview?chain=steel' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('bad_request');
  });

  it('is in the OpenAPI document with its parameter and response', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const op = doc.paths['/api/overview'].get;
    expect(op.parameters.find((p: { name: string }) => p.name === 'chain')).toBeTruthy();
    expect(op.responses['200'].content['application/json'].schema.properties).toHaveProperty('flows');
  });
});
