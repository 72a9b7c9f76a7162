// The explorer's endpoints against the real Neo4j, on the example files (seed/examples) and the
// reference data, every figure worked out by hand:
//
//   enterprise   region  employees  stages (from OKVED)                         cluster ex-timber  degree
//   ex-logging   11      12         timber.logging                              participant        5
//   ex-sawmill   11      45         timber.sawmilling                           participant        5
//   ex-pulp      11      2500       timber.pulp, timber.paper                   anchor             8
//   ex-repair    29      80         timber.equipment-repair, oilgas.repair      —                  4
//   ex-chem      35      200        timber.process-chemicals                    —                  3
//   (degree: LOCATED_IN + OPERATES_AT + MEMBER_OF + SUPPLIES either way)
//
//   supply links: logging→sawmill 40, logging→pulp 25.5, sawmill→pulp 12, repair→pulp 8, chem→pulp 30
//   cluster ex-timber: BASED_IN 11 and 29 (regions "11;29"), 3 members → degree 5
//   region 11: 3 enterprises + the cluster → degree 4; region 29: ex-repair + the cluster → 2; 35: 1
//   stage timber.pulp: PART_OF 1, CLASSIFIED_AS 17.11, FEEDS timber.paper, fed by 10 stages, ex-pulp → 14
//   stage timber.paper: PART_OF 1, CLASSIFIED_AS 17.12, FEEDS timber.packaging, fed by 7 stages, ex-pulp → 11
//   stage timber.process-chemicals: PART_OF 1, CLASSIFIED_AS 20.13, FEEDS pulp and paper, ex-chem → 5
//
// Names order (Unicode): «ООО «Пример Лесозаготовка»» < «ООО «Пример Лесопилка»» < «Пример: лесопромышленный кластер».
import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../server/db.js';
import { DEFAULT_SETTINGS, SettingsError, loadSettings } from '../../server/config.js';
import { expand, exploreNodes } from '../../server/explore.js';
import { type ExploreEdge, type ExploreNode } from '../../core/schemas.js';
import { testApp } from '../helpers.js';
import { useApp, useExamples } from '../fixtures/index.js';

const examples = useExamples();
const api = useApp(examples);
const { settings } = examples;
let db: Db;
let app: FastifyInstance;
beforeAll(() => {
  ({ db } = examples);
  ({ app } = api);
});

const post = async (url: string, payload: unknown) => app.inject({ method: 'POST', url, payload: payload as object });
const ids = (nodes: ExploreNode[]) => nodes.map((n) => n.id);
/** Edges as "source TYPE target" (with the volume of a supply link), sorted. */
const edgeList = (edges: ExploreEdge[]) =>
  edges.map((e) => `${e.source} ${e.type}${e.volumeMlnRub === null ? '' : ` ${e.volumeMlnRub}`} ${e.target}`).sort();

describe('POST /api/explore/nodes', () => {
  it('returns the nodes asked for, in that order, with every relationship among them, and lists the missing ids', async () => {
    const res = await post('/api/explore/nodes', {
      ids: [
        'enterprise:ex-pulp',
        'enterprise:ex-sawmill',
        'bogus',
        'region:11',
        'cluster:ex-timber',
        'enterprise:nope',
        'stage:timber.pulp',
        'planet:mars',
        'enterprise:ex-pulp',
        'Enterprise:ex-pulp',
        'region:',
      ],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(ids(body.nodes)).toEqual([
      'enterprise:ex-pulp',
      'enterprise:ex-sawmill',
      'region:11',
      'cluster:ex-timber',
      'stage:timber.pulp',
    ]);
    expect(body.missing).toEqual(['bogus', 'enterprise:nope', 'planet:mars', 'region:']);
    expect(edgeList(body.edges)).toEqual([
      'cluster:ex-timber BASED_IN region:11',
      'enterprise:ex-pulp LOCATED_IN region:11',
      'enterprise:ex-pulp MEMBER_OF cluster:ex-timber',
      'enterprise:ex-pulp OPERATES_AT stage:timber.pulp',
      'enterprise:ex-sawmill LOCATED_IN region:11',
      'enterprise:ex-sawmill MEMBER_OF cluster:ex-timber',
      'enterprise:ex-sawmill SUPPLIES 12 enterprise:ex-pulp',
    ]);
    const link = body.edges.find((e: ExploreEdge) => e.type === 'SUPPLIES');
    expect(link).toEqual({
      id: expect.any(String),
      source: 'enterprise:ex-sawmill',
      target: 'enterprise:ex-pulp',
      type: 'SUPPLIES',
      volumeMlnRub: 12,
      stage: 'timber.sawmilling',
      product: 'Щепа',
      synthetic: false,
    });
    expect(new Set(body.edges.map((e: ExploreEdge) => e.id)).size).toBe(7);
  });

  it('fills every field of each node type', async () => {
    const body = (
      await post('/api/explore/nodes', {
        ids: [
          'enterprise:ex-pulp',
          'cluster:ex-timber',
          'region:29',
          'stage:timber.pulp',
          'chain:timber',
          'industry:17.11',
        ],
      })
    ).json();
    const [pulp, cluster, region, stage, chain, industry] = body.nodes as ExploreNode[];
    expect(pulp).toEqual({
      id: 'enterprise:ex-pulp',
      type: 'enterprise',
      name: 'АО «Пример ЦБК»',
      nameEn: null,
      // For English labels where there is no English name, and the export's columns.
      nameLatin: 'AO «Primer TsBK»',
      inn: '1102830161',
      okved: '17.11',
      region: '11',
      lat: expect.closeTo(61.67, 2),
      lon: expect.closeTo(50.84, 2),
      size: 'large',
      employees: 2500,
      revenueMlnRub: 40000,
      chains: ['timber'],
      stages: ['timber.pulp', 'timber.paper'],
      clusters: ['cluster:ex-timber'],
      degree: 8,
      synthetic: false,
    });
    // A cluster sits in the first of its regions ("11;29").
    expect(cluster).toMatchObject({
      type: 'cluster',
      region: '11',
      lat: expect.closeTo(61.67, 2),
      chains: ['timber'],
      stages: [],
      clusters: [],
      degree: 5,
      size: null,
    });
    expect(region).toMatchObject({
      id: 'region:29',
      type: 'region',
      region: '29',
      name: 'Архангельская область',
      chains: [],
      stages: [],
      degree: 2,
      employees: null,
    });
    expect(region.lat).toBeCloseTo(64.54, 1);
    expect(stage).toMatchObject({
      type: 'stage',
      region: null,
      lat: null,
      lon: null,
      chains: ['timber'],
      stages: ['timber.pulp'],
      degree: 14,
      nameEn: 'Pulp',
    });
    expect(chain).toMatchObject({ type: 'chain', chains: ['timber'], stages: [], degree: 25 });
    expect(industry).toMatchObject({ id: 'industry:17.11', type: 'industry', chains: [], degree: 1 });
  });

  it('finds every relationship among a view once', async () => {
    const view = [
      'enterprise:ex-pulp',
      'enterprise:ex-logging',
      'enterprise:ex-sawmill',
      'region:11',
      'cluster:ex-timber',
      'stage:timber.pulp',
      'stage:timber.paper',
    ];
    const { edges } = await exploreNodes(db, view);
    expect(edgeList(edges)).toEqual([
      'cluster:ex-timber BASED_IN region:11',
      'enterprise:ex-logging LOCATED_IN region:11',
      'enterprise:ex-logging MEMBER_OF cluster:ex-timber',
      'enterprise:ex-logging SUPPLIES 25.5 enterprise:ex-pulp',
      'enterprise:ex-logging SUPPLIES 40 enterprise:ex-sawmill',
      'enterprise:ex-pulp LOCATED_IN region:11',
      'enterprise:ex-pulp MEMBER_OF cluster:ex-timber',
      'enterprise:ex-pulp OPERATES_AT stage:timber.paper',
      'enterprise:ex-pulp OPERATES_AT stage:timber.pulp',
      'enterprise:ex-sawmill LOCATED_IN region:11',
      'enterprise:ex-sawmill MEMBER_OF cluster:ex-timber',
      'enterprise:ex-sawmill SUPPLIES 12 enterprise:ex-pulp',
      'stage:timber.pulp FEEDS stage:timber.paper',
    ]);
    expect(new Set(edges.map((e) => e.id)).size).toBe(13);
  });

  it('answers an empty list with an empty view and refuses more than 5000 ids', async () => {
    expect((await post('/api/explore/nodes', { ids: [] })).json()).toEqual({ nodes: [], edges: [], missing: [] });
    const tooMany = await post('/api/explore/nodes', {
      ids: Array.from({ length: 5001 }, (_, i) => `enterprise:e${i}`),
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error).toBe('bad_request');
    expect((await post('/api/explore/nodes', {})).statusCode).toBe(400);
  });

  it('restores 5000 ids, most unknown, in one request', async () => {
    const many = [
      ...Array.from({ length: 4995 }, (_, i) => `enterprise:none-${i}`),
      'enterprise:ex-chem',
      'enterprise:ex-pulp',
      'region:35',
      'region:11',
      'stage:timber.process-chemicals',
    ];
    const body = (await post('/api/explore/nodes', { ids: many })).json();
    expect(ids(body.nodes)).toEqual([
      'enterprise:ex-chem',
      'enterprise:ex-pulp',
      'region:35',
      'region:11',
      'stage:timber.process-chemicals',
    ]);
    expect(body.missing).toHaveLength(4995);
    expect(edgeList(body.edges)).toEqual([
      'enterprise:ex-chem LOCATED_IN region:35',
      'enterprise:ex-chem OPERATES_AT stage:timber.process-chemicals',
      'enterprise:ex-chem SUPPLIES 30 enterprise:ex-pulp',
      'enterprise:ex-pulp LOCATED_IN region:11',
    ]);
  });
});

describe('POST /api/explore/expand', () => {
  it('ranks neighbours by supply volume, then degree, then name, with edges among them and the node', async () => {
    const res = await post('/api/explore/expand', { id: 'enterprise:ex-pulp' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.node).toMatchObject({ id: 'enterprise:ex-pulp', degree: 8 });
    expect(ids(body.nodes)).toEqual([
      'enterprise:ex-chem',
      'enterprise:ex-logging',
      'enterprise:ex-sawmill',
      'enterprise:ex-repair', // 30, 25.5, 12, 8
      'stage:timber.pulp',
      'stage:timber.paper',
      'cluster:ex-timber',
      'region:11', // degree 14, 11, 5, 4
    ]);
    expect(body).toMatchObject({ total: 8, returned: 8, truncated: false });
    expect(body.summary).toEqual([
      { rel: 'SUPPLIES', dir: 'in', type: 'enterprise', count: 4 },
      { rel: 'OPERATES_AT', dir: 'out', type: 'stage', count: 2 },
      { rel: 'LOCATED_IN', dir: 'out', type: 'region', count: 1 },
      { rel: 'MEMBER_OF', dir: 'out', type: 'cluster', count: 1 },
    ]);
    expect(edgeList(body.edges)).toEqual([
      'cluster:ex-timber BASED_IN region:11',
      'enterprise:ex-chem SUPPLIES 30 enterprise:ex-pulp',
      'enterprise:ex-logging LOCATED_IN region:11',
      'enterprise:ex-logging MEMBER_OF cluster:ex-timber',
      'enterprise:ex-logging SUPPLIES 25.5 enterprise:ex-pulp',
      'enterprise:ex-logging SUPPLIES 40 enterprise:ex-sawmill',
      'enterprise:ex-pulp LOCATED_IN region:11',
      'enterprise:ex-pulp MEMBER_OF cluster:ex-timber',
      'enterprise:ex-pulp OPERATES_AT stage:timber.paper',
      'enterprise:ex-pulp OPERATES_AT stage:timber.pulp',
      'enterprise:ex-repair SUPPLIES 8 enterprise:ex-pulp',
      'enterprise:ex-sawmill LOCATED_IN region:11',
      'enterprise:ex-sawmill MEMBER_OF cluster:ex-timber',
      'enterprise:ex-sawmill SUPPLIES 12 enterprise:ex-pulp',
      'stage:timber.pulp FEEDS stage:timber.paper',
    ]);
  });

  it('cuts at the limit and says how many there are', async () => {
    const body = (await post('/api/explore/expand', { id: 'enterprise:ex-pulp', limit: 2 })).json();
    expect(ids(body.nodes)).toEqual(['enterprise:ex-chem', 'enterprise:ex-logging']);
    expect(body).toMatchObject({ total: 8, returned: 2, truncated: true });
    expect(body.summary).toHaveLength(4);
    expect(edgeList(body.edges)).toEqual([
      'enterprise:ex-chem SUPPLIES 30 enterprise:ex-pulp',
      'enterprise:ex-logging SUPPLIES 25.5 enterprise:ex-pulp',
    ]);
  });

  it('filters by relationship type, direction, neighbour type and supply volume; the summary ignores the filters', async () => {
    const big = (
      await post('/api/explore/expand', { id: 'enterprise:ex-pulp', rel: ['SUPPLIES'], minVolume: 20 })
    ).json();
    expect(ids(big.nodes)).toEqual(['enterprise:ex-chem', 'enterprise:ex-logging']);
    expect(big).toMatchObject({ total: 2, returned: 2, truncated: false });
    expect(big.summary.map((s: { count: number }) => s.count)).toEqual([4, 2, 1, 1]);

    const out = (
      await post('/api/explore/expand', { id: 'enterprise:ex-logging', rel: ['SUPPLIES'], dir: 'out' })
    ).json();
    expect(ids(out.nodes)).toEqual(['enterprise:ex-sawmill', 'enterprise:ex-pulp']); // 40, 25.5
    expect(out.total).toBe(2);
    const incoming = (
      await post('/api/explore/expand', { id: 'enterprise:ex-logging', rel: ['SUPPLIES'], dir: 'in' })
    ).json();
    expect(incoming).toMatchObject({ nodes: [], edges: [], total: 0, returned: 0, truncated: false });
    expect(incoming.summary).toEqual([
      { rel: 'SUPPLIES', dir: 'out', type: 'enterprise', count: 2 },
      { rel: 'LOCATED_IN', dir: 'out', type: 'region', count: 1 },
      { rel: 'MEMBER_OF', dir: 'out', type: 'cluster', count: 1 },
      { rel: 'OPERATES_AT', dir: 'out', type: 'stage', count: 1 },
    ]);

    const places = (await post('/api/explore/expand', { id: 'enterprise:ex-pulp', types: ['stage', 'region'] })).json();
    expect(ids(places.nodes)).toEqual(['stage:timber.pulp', 'stage:timber.paper', 'region:11']);
    expect(places.total).toBe(3);
    // minVolume leaves the other relationship types alone.
    const mixed = (await post('/api/explore/expand', { id: 'enterprise:ex-pulp', minVolume: 29 })).json();
    expect(ids(mixed.nodes)).toEqual([
      'enterprise:ex-chem',
      'stage:timber.pulp',
      'stage:timber.paper',
      'cluster:ex-timber',
      'region:11',
    ]);
    expect(mixed.total).toBe(5);
  });

  it('returns the relationships between new neighbours and the visible nodes', async () => {
    const body = (
      await post('/api/explore/expand', {
        id: 'enterprise:ex-chem',
        visible: ['enterprise:ex-chem', 'enterprise:ex-logging', 'stage:timber.pulp', 'enterprise:nope', 'garbage'],
      })
    ).json();
    expect(ids(body.nodes)).toEqual(['enterprise:ex-pulp', 'stage:timber.process-chemicals', 'region:35']); // 30; degree 5, 1
    expect(edgeList(body.edges)).toEqual([
      'enterprise:ex-chem LOCATED_IN region:35',
      'enterprise:ex-chem OPERATES_AT stage:timber.process-chemicals',
      'enterprise:ex-chem SUPPLIES 30 enterprise:ex-pulp',
      'enterprise:ex-logging SUPPLIES 25.5 enterprise:ex-pulp',
      'enterprise:ex-pulp OPERATES_AT stage:timber.pulp',
      'stage:timber.process-chemicals FEEDS stage:timber.pulp',
    ]);
  });

  it('finds the same relationships to the visible nodes from either side (few visible or many)', async () => {
    // With few nodes visible, the new nodes with more incoming relationships than that (regions,
    // stages, ex-pulp) are reached from the visible side; with every node visible, from their own.
    const every = await everyNodeId();
    expect(every.length).toBeGreaterThan(100);
    const few = [
      'enterprise:ex-logging',
      'enterprise:ex-chem',
      'stage:timber.pulp',
      'stage:timber.logging',
      'region:11',
    ];
    for (const id of ['enterprise:ex-pulp', 'enterprise:ex-repair', 'cluster:ex-timber', 'region:11']) {
      const small = (await post('/api/explore/expand', { id, visible: few })).json();
      const large = (await post('/api/explore/expand', { id, visible: every })).json();
      expect(ids(small.nodes)).toEqual(ids(large.nodes));
      const onScreen = new Set([...few, id, ...ids(small.nodes)]);
      const expected = (large.edges as ExploreEdge[]).filter((e) => onScreen.has(e.source) && onScreen.has(e.target));
      expect(edgeList(small.edges), id).toEqual(edgeList(expected));
      expect(small.edges.length, id).toBeGreaterThan(0);
      expect(large.edges.length, id).toBeGreaterThan(small.edges.length);
    }
  });

  it('expands regions and clusters; past the degree threshold, ranks enterprises by headcount after the rest', async () => {
    const region = (await post('/api/explore/expand', { id: 'region:11' })).json();
    expect(ids(region.nodes)).toEqual([
      'enterprise:ex-pulp',
      'enterprise:ex-logging',
      'enterprise:ex-sawmill',
      'cluster:ex-timber',
    ]); // 8, then 5 by name
    expect(region.summary).toEqual([
      { rel: 'LOCATED_IN', dir: 'in', type: 'enterprise', count: 3 },
      { rel: 'BASED_IN', dir: 'in', type: 'cluster', count: 1 },
    ]);
    expect(region.total).toBe(4);
    const hub = await expand(db, { id: 'region:11' }, { defaultLimit: 200, degreeRankMax: 3 });
    expect(ids(hub.nodes)).toEqual([
      'cluster:ex-timber',
      'enterprise:ex-pulp',
      'enterprise:ex-sawmill',
      'enterprise:ex-logging',
    ]); // 2500, 45, 12
    const cut = await expand(db, { id: 'region:11', limit: 2 }, { defaultLimit: 200, degreeRankMax: 3 });
    expect(ids(cut.nodes)).toEqual(['cluster:ex-timber', 'enterprise:ex-pulp']);
    expect(cut).toMatchObject({ total: 4, returned: 2, truncated: true });

    const cluster = (await post('/api/explore/expand', { id: 'cluster:ex-timber' })).json();
    expect(ids(cluster.nodes)).toEqual([
      'enterprise:ex-pulp',
      'enterprise:ex-logging',
      'enterprise:ex-sawmill',
      'region:11',
      'region:29',
    ]);
    expect(cluster.summary).toEqual([
      { rel: 'MEMBER_OF', dir: 'in', type: 'enterprise', count: 3 },
      { rel: 'BASED_IN', dir: 'out', type: 'region', count: 2 },
    ]);
  });

  it('finds a hub’s largest enterprises down the headcount index as by visiting them all, anchors first, unknown headcount last', async () => {
    // region:11 holds ex-pulp 2500, ex-sawmill 45, ex-logging 12 and the cluster; ex-chem (200,
    // region 35) and ex-repair (80, region 29) lie between them in the index and must be passed.
    const hubIds = async (id: string, limit: number, more: Partial<Parameters<typeof expand>[2]> = {}) =>
      ids((await expand(db, { id, limit }, { defaultLimit: 200, degreeRankMax: 3, ...more })).nodes);
    for (const [id, limit] of [
      ['region:11', 2],
      ['region:11', 3],
      ['region:11', 200],
      ['stage:timber.pulp', 3],
      ['stage:timber.logging', 200],
    ] as const) {
      const visited = await hubIds(id, limit, { indexedHub: false });
      expect(visited.length, id).toBeGreaterThan(0);
      expect(await hubIds(id, limit, { indexedHub: true }), `${id} by the index`).toEqual(visited);
      // the index walk cut short (2 entries read): every enterprise visited instead
      expect(await hubIds(id, limit, { indexedHub: true, hubScanMax: 2 }), `${id} bounded`).toEqual(visited);
    }
    expect(await hubIds('region:11', 2, { indexedHub: true })).toEqual(['cluster:ex-timber', 'enterprise:ex-pulp']);
    expect(await hubIds('region:11', 3, { indexedHub: true })).toEqual([
      'cluster:ex-timber',
      'enterprise:ex-pulp',
      'enterprise:ex-sawmill',
    ]);

    await db.write("MATCH (e:Enterprise {id: 'ex-pulp'}) SET e.employeesWas = e.employees REMOVE e.employees");
    try {
      for (const indexedHub of [true, false]) {
        // ex-pulp, the cluster's anchor, comes before the headcounts though its own is unknown
        expect(await hubIds('region:11', 200, { indexedHub })).toEqual([
          'cluster:ex-timber',
          'enterprise:ex-pulp',
          'enterprise:ex-sawmill',
          'enterprise:ex-logging',
        ]); // anchor, 45, 12
        expect(await hubIds('region:11', 3, { indexedHub })).toEqual([
          'cluster:ex-timber',
          'enterprise:ex-pulp',
          'enterprise:ex-sawmill',
        ]);
        await db.write(
          "MATCH (:Enterprise {id: 'ex-pulp'})-[r:MEMBER_OF]->() SET r.roleWas = r.role, r.role = 'participant'",
        );
        try {
          expect(await hubIds('region:11', 200, { indexedHub })).toEqual([
            'cluster:ex-timber',
            'enterprise:ex-sawmill',
            'enterprise:ex-logging',
            'enterprise:ex-pulp',
          ]); // 45, 12, unknown
          // two known headcounts for three places: the index walk falls short, every one is visited
          expect(await hubIds('region:11', 3, { indexedHub })).toEqual([
            'cluster:ex-timber',
            'enterprise:ex-sawmill',
            'enterprise:ex-logging',
          ]);
        } finally {
          await db.write(
            "MATCH (:Enterprise {id: 'ex-pulp'})-[r:MEMBER_OF]->() SET r.role = r.roleWas REMOVE r.roleWas",
          );
        }
      }
    } finally {
      await db.write("MATCH (e:Enterprise {id: 'ex-pulp'}) SET e.employees = e.employeesWas REMOVE e.employeesWas");
    }
  });

  it('finds the same relationships whether it walks from the new nodes or from the visible ones', async () => {
    const every = await everyNodeId();
    const few = ['enterprise:ex-logging', 'enterprise:ex-chem', 'stage:timber.pulp', 'region:11'];
    for (const visible of [few, every]) {
      for (const id of [
        'enterprise:ex-pulp',
        'enterprise:ex-repair',
        'cluster:ex-timber',
        'region:11',
        'stage:timber.pulp',
      ]) {
        const edges = async (edgesFrom?: 'new' | 'visible') =>
          edgeList((await expand(db, { id, visible }, { defaultLimit: 200, edgesFrom })).edges);
        const fromNew = await edges('new');
        expect(fromNew.length, id).toBeGreaterThan(0);
        expect(await edges('visible'), id).toEqual(fromNew);
        expect(await edges(), id).toEqual(fromNew);
      }
    }
  });

  it('counts technoparks and support organisations located in a region apart from its enterprises', async () => {
    await db.write(`MATCH (r:Region {code: '11'}), (c:Cluster {id: 'ex-timber'}), (e:Enterprise {id: 'ex-sawmill'})
      CREATE (t:Technopark {id: 'test-tp', name: 'Тестовый технопарк', region: '11'})-[:LOCATED_IN]->(r),
             (o:SupportOrg {id: 'test-org', name: 'Тестовый центр', region: '11'})-[:LOCATED_IN]->(r),
             (o)-[:SUPPORTS]->(c), (o)-[:SUPPORTS]->(t), (e)-[:RESIDENT_OF]->(t)`);
    try {
      const region = (await post('/api/explore/expand', { id: 'region:11' })).json();
      expect(region.summary).toEqual([
        { rel: 'LOCATED_IN', dir: 'in', type: 'enterprise', count: 3 },
        { rel: 'BASED_IN', dir: 'in', type: 'cluster', count: 1 },
        { rel: 'LOCATED_IN', dir: 'in', type: 'supportorg', count: 1 },
        { rel: 'LOCATED_IN', dir: 'in', type: 'technopark', count: 1 },
      ]);
      expect(region.total).toBe(6);
      const onlyParks = (await post('/api/explore/expand', { id: 'region:11', types: ['technopark'] })).json();
      expect(ids(onlyParks.nodes)).toEqual(['technopark:test-tp']);
      expect(onlyParks.total).toBe(1);

      const org = (await post('/api/explore/expand', { id: 'supportorg:test-org' })).json();
      expect(org.node).toMatchObject({ type: 'supportorg', region: '11', degree: 3 });
      expect(ids(org.nodes)).toEqual(['cluster:ex-timber', 'region:11', 'technopark:test-tp']); // degree 6, 6, 3
      expect(org.summary).toEqual([
        { rel: 'LOCATED_IN', dir: 'out', type: 'region', count: 1 },
        { rel: 'SUPPORTS', dir: 'out', type: 'cluster', count: 1 },
        { rel: 'SUPPORTS', dir: 'out', type: 'technopark', count: 1 },
      ]);
      expect(edgeList(org.edges)).toContain('cluster:ex-timber BASED_IN region:11');
      expect(edgeList(org.edges)).toContain('technopark:test-tp LOCATED_IN region:11');
    } finally {
      await db.write("MATCH (n) WHERE n.id IN ['test-tp', 'test-org'] DETACH DELETE n");
    }
  });

  it('counts a neighbour linked several times once, and ranks it by its largest link', async () => {
    await db.write(`MATCH (l:Enterprise {id: 'ex-logging'}), (p:Enterprise {id: 'ex-pulp'})
      CREATE (l)-[:SUPPLIES {product: 'test-a', volumeMlnRub: 50.0}]->(p), (p)-[:SUPPLIES {product: 'test-b', volumeMlnRub: 1.0}]->(l)`);
    try {
      // A tie at the cut: ex-chem and ex-repair both at 30, ex-repair with more links (5 against 3).
      await db.write(`MATCH (r:Enterprise {id: 'ex-repair'}), (p:Enterprise {id: 'ex-pulp'})
        CREATE (r)-[:SUPPLIES {product: 'test-c', volumeMlnRub: 30.0}]->(p)`);
      const cut = (await post('/api/explore/expand', { id: 'enterprise:ex-pulp', rel: ['SUPPLIES'], limit: 2 })).json();
      expect(ids(cut.nodes)).toEqual(['enterprise:ex-logging', 'enterprise:ex-repair']);
      expect(cut).toMatchObject({ total: 4, returned: 2, truncated: true });
      await db.write("MATCH ()-[l:SUPPLIES {product: 'test-c'}]->() DELETE l");

      const body = (await post('/api/explore/expand', { id: 'enterprise:ex-pulp', rel: ['SUPPLIES'] })).json();
      expect(ids(body.nodes)).toEqual([
        'enterprise:ex-logging',
        'enterprise:ex-chem',
        'enterprise:ex-sawmill',
        'enterprise:ex-repair',
      ]);
      expect(body.total).toBe(4);
      expect(body.summary.slice(0, 2)).toEqual([
        { rel: 'SUPPLIES', dir: 'in', type: 'enterprise', count: 4 },
        { rel: 'OPERATES_AT', dir: 'out', type: 'stage', count: 2 },
      ]);
      expect(body.summary).toContainEqual({ rel: 'SUPPLIES', dir: 'out', type: 'enterprise', count: 1 });
      expect(edgeList(body.edges).filter((e) => e.includes('ex-logging') && e.includes('ex-pulp'))).toEqual([
        'enterprise:ex-logging SUPPLIES 25.5 enterprise:ex-pulp',
        'enterprise:ex-logging SUPPLIES 50 enterprise:ex-pulp',
        'enterprise:ex-pulp SUPPLIES 1 enterprise:ex-logging',
      ]);
      const all = (await post('/api/explore/expand', { id: 'enterprise:ex-pulp' })).json();
      expect(all.total).toBe(8);
    } finally {
      await db.write("MATCH ()-[l:SUPPLIES]->() WHERE l.product IN ['test-a', 'test-b', 'test-c'] DELETE l");
    }
  });

  it('uses the expandLimit setting when no limit is given', async () => {
    const small = await testApp(db, { ...settings, expandLimit: 3 });
    try {
      const body = (
        await small.inject({ method: 'POST', url: '/api/explore/expand', payload: { id: 'enterprise:ex-pulp' } })
      ).json();
      expect(ids(body.nodes)).toEqual(['enterprise:ex-chem', 'enterprise:ex-logging', 'enterprise:ex-sawmill']);
      expect(body).toMatchObject({ total: 8, returned: 3, truncated: true });
    } finally {
      await small.close();
    }
  });

  it('answers 404 for an unknown node and 400 for malformed requests', async () => {
    const unknown = await post('/api/explore/expand', { id: 'enterprise:nope' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: 'not_found', message: 'no node enterprise:nope' });
    for (const payload of [
      { id: 'bogus' },
      { id: 'planet:mars' },
      {},
      { id: 'enterprise:ex-pulp', rel: ['LIKES'] },
      { id: 'enterprise:ex-pulp', dir: 'up' },
      { id: 'enterprise:ex-pulp', types: ['person'] },
      { id: 'enterprise:ex-pulp', limit: 0 },
      { id: 'enterprise:ex-pulp', limit: 5001 },
      { id: 'enterprise:ex-pulp', minVolume: -1 },
      { id: 'enterprise:ex-pulp', visible: Array.from({ length: 5001 }, (_, i) => `enterprise:e${i}`) },
    ]) {
      const res = await post('/api/explore/expand', payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(res.json().error).toBe('bad_request');
    }
  });
});

describe('GET /api/explore/path', () => {
  const path = async (query: string) => app.inject({ method: 'GET', url: `/api/explore/path?${query}` });

  it('follows supply from supplier to buyer, nodes and links in path order', async () => {
    const res = await path('from=enterprise:ex-logging&to=enterprise:ex-pulp&directed=true');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ found: true, length: 1 });
    expect(ids(body.nodes)).toEqual(['enterprise:ex-logging', 'enterprise:ex-pulp']);
    expect(body.edges).toEqual([
      expect.objectContaining({
        source: 'enterprise:ex-logging',
        target: 'enterprise:ex-pulp',
        type: 'SUPPLIES',
        volumeMlnRub: 25.5,
        product: 'Балансы',
      }),
    ]);
  });

  it("finds a path against the flow only when undirected, keeping each link's own direction", async () => {
    const directed = (await path('from=enterprise:ex-chem&to=enterprise:ex-repair&directed=true')).json();
    expect(directed).toEqual({ nodes: [], edges: [], found: false, length: 0 });
    const undirected = (await path('from=enterprise:ex-chem&to=enterprise:ex-repair&directed=false')).json();
    expect(undirected).toMatchObject({ found: true, length: 2 });
    expect(ids(undirected.nodes)).toEqual(['enterprise:ex-chem', 'enterprise:ex-pulp', 'enterprise:ex-repair']);
    expect(undirected.edges.map((e: ExploreEdge) => [e.source, e.target, e.volumeMlnRub])).toEqual([
      ['enterprise:ex-chem', 'enterprise:ex-pulp', 30],
      ['enterprise:ex-repair', 'enterprise:ex-pulp', 8],
    ]);
    // Buyer to supplier: only undirected.
    expect((await path('from=enterprise:ex-pulp&to=enterprise:ex-logging&directed=true')).json().found).toBe(false);
    expect((await path('from=enterprise:ex-pulp&to=enterprise:ex-logging&directed=false')).json()).toMatchObject({
      found: true,
      length: 1,
    });
    // Directed by default.
    expect((await path('from=enterprise:ex-chem&to=enterprise:ex-repair')).json().found).toBe(false);
  });

  it('stops at maxHops, and a node is a path of length 0 to itself', async () => {
    expect((await path('from=enterprise:ex-chem&to=enterprise:ex-repair&directed=false&maxHops=1')).json()).toEqual({
      nodes: [],
      edges: [],
      found: false,
      length: 0,
    });
    expect((await path('from=enterprise:ex-chem&to=enterprise:ex-repair&directed=false&maxHops=2')).json().found).toBe(
      true,
    );
    const self = (await path('from=enterprise:ex-chem&to=enterprise:ex-chem')).json();
    expect(self).toMatchObject({ found: true, length: 0, edges: [] });
    expect(ids(self.nodes)).toEqual(['enterprise:ex-chem']);
  });

  it('answers 400 for ids that are not enterprises or bad limits, 404 for unknown enterprises', async () => {
    for (const query of [
      'from=region:11&to=enterprise:ex-pulp',
      'from=enterprise:ex-pulp&to=cluster:ex-timber',
      'from=bogus&to=enterprise:ex-pulp',
      'from=enterprise:ex-chem&to=enterprise:ex-pulp&maxHops=0',
      'from=enterprise:ex-chem&to=enterprise:ex-pulp&maxHops=11',
      'from=enterprise:ex-chem&to=enterprise:ex-pulp&directed=maybe',
      'to=enterprise:ex-pulp',
    ]) {
      const res = await path(query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error).toBe('bad_request');
    }
    const from = await path('from=enterprise:nope&to=enterprise:ex-pulp');
    expect(from.statusCode).toBe(404);
    expect(from.json()).toEqual({ error: 'not_found', message: 'no node enterprise:nope' });
    expect((await path('from=enterprise:ex-pulp&to=enterprise:nope')).statusCode).toBe(404);
  });
});

describe('explorer in the OpenAPI document and settings', () => {
  it('documents the three routes with their bodies and parameters', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/explore/nodes', '/api/explore/expand', '/api/explore/path']),
    );
    const expandBody = doc.paths['/api/explore/expand'].post.requestBody.content['application/json'].schema;
    expect(Object.keys(expandBody.properties)).toEqual(['id', 'rel', 'dir', 'types', 'minVolume', 'limit', 'visible']);
    expect(expandBody.properties.limit).toMatchObject({ default: 200, maximum: 5000 });
    const expand200 = doc.paths['/api/explore/expand'].post.responses['200'].content['application/json'].schema;
    expect(Object.keys(expand200.properties)).toEqual(
      expect.arrayContaining(['node', 'nodes', 'edges', 'total', 'returned', 'truncated', 'summary']),
    );
    expect(doc.paths['/api/explore/path'].get.parameters.map((p: { name: string }) => p.name)).toEqual([
      'from',
      'to',
      'directed',
      'maxHops',
    ]);
    expect(
      doc.paths['/api/explore/nodes'].post.requestBody.content['application/json'].schema.properties.ids.maxItems,
    ).toBe(5000);
  });

  it('reads COOPGRAPH_EXPAND_LIMIT, 200 by default, 1–5000', () => {
    expect(DEFAULT_SETTINGS.expandLimit).toBe(200);
    expect(loadSettings({ COOPGRAPH_EXPAND_LIMIT: '50' }).expandLimit).toBe(50);
    expect(() => loadSettings({ COOPGRAPH_EXPAND_LIMIT: '0' })).toThrow(SettingsError);
    expect(() => loadSettings({ COOPGRAPH_EXPAND_LIMIT: '5001' })).toThrow(/^COOPGRAPH_EXPAND_LIMIT/);
  });
});

/** The explorer id of every node of the kinds the explorer shows, as a screen with all of them. */
async function everyNodeId(): Promise<string[]> {
  const rows = await db.read(
    'MATCH (m) WHERE m:Enterprise OR m:Region OR m:Stage OR m:Cluster OR m:Chain OR m:Industry ' +
      "RETURN CASE WHEN m:Region THEN 'region:' + m.code WHEN m:Industry THEN 'industry:' + m.code " +
      "ELSE toLower(labels(m)[0]) + ':' + m.id END AS id",
  );
  return rows.map((r) => String(r.id));
}
