// The seed as `npm start` loads it: the Komi organisations of the source article and a generated
// graph that gives the analyses something to show.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDatabase } from '../../seed/load.js';
import { search } from '../../server/graph.js';
import { overviewFromAggregate, overviewLive, type Overview } from '../../server/overview.js';
import { aggregateState } from '../../server/aggregate.js';
import type { Db } from '../../server/db.js';
import { useEmptyGraph } from '../fixtures/index.js';

const empty = useEmptyGraph({ importBatchSize: 2_000 });
const { settings } = empty;
let db: Db;
let seeded: Awaited<ReturnType<typeof seedDatabase>>;
beforeAll(async () => {
  ({ db } = empty);
  seeded = await seedDatabase(db, settings, {
    enterprises: 3_000,
    workDir: mkdtempSync(join(tmpdir(), 'coopgraph-seed-')),
    log: () => {},
  });
});

const one = async (query: string) => (await db.read(query))[0];

describe('the seed', () => {
  it('holds the organisations of the article with public facts only', async () => {
    const real = await db.read(
      `MATCH (e:Enterprise) WHERE e.synthetic = false
       RETURN e.id AS id, e.inn AS inn, e.source AS source, e.employees AS employees, e.revenueMlnRub AS revenue ORDER BY id`,
    );
    expect(real.map((e) => e.id)).toEqual(
      expect.arrayContaining(['luzales', 'mondi-syktyvkar', 'lukoil-ukhta-refinery']),
    );
    for (const e of real) {
      expect(e.inn, `${e.id} must have no invented INN`).toBeNull();
      expect(e.source, `${e.id} cites its source`).toBeTruthy();
      expect([e.employees, e.revenue], `${e.id} carries no invented figures`).toEqual([null, null]);
    }
    const algraf = await one(
      "MATCH (t:Technopark {id: 'tp-algraf'})-[:LOCATED_IN]->(r:Region) RETURN t.name AS name, r.code AS region, COUNT { (t)<-[:RESIDENT_OF]-() } AS residents",
    );
    expect(algraf).toMatchObject({ region: '11' });
    expect(algraf.name).toContain('Алграф');
    expect(algraf.residents).toBeGreaterThan(0);
    const anchors = await db.read(
      "MATCH (e:Enterprise)-[:MEMBER_OF {role: 'anchor'}]->(:Cluster {id: 'c-11-timber'}) RETURN e.id AS id ORDER BY id",
    );
    expect(anchors.map((a) => a.id)).toEqual(['luzales', 'mondi-syktyvkar']);
    const supported = await one(
      "MATCH (:SupportOrg {id: 'so-my-business-komi'})-[:SUPPORTS]->(t) RETURN count(t) AS n",
    );
    expect(supported.n).toBeGreaterThanOrEqual(2);
  });

  it('is found by search, stop words and all («Мой бизнес»)', async () => {
    const hits = await search(db, 'Мой бизнес', 10);
    expect(hits.map((h) => h.id)).toContain('supportorg:so-my-business-komi');
    expect((await search(db, 'Лузалес', 5))[0].id).toBe('enterprise:luzales');
  });

  it('marks everything invented as synthetic', async () => {
    expect(
      (
        await one(
          'MATCH (e:Enterprise) WHERE e.synthetic IS NULL OR (e.synthetic = false AND e.source IS NULL) RETURN count(e) AS n',
        )
      ).n,
    ).toBe(0);
    expect((await one('MATCH ()-[l:SUPPLIES]->() WHERE l.synthetic <> true RETURN count(l) AS n')).n).toBe(0);
    expect(
      (await one("MATCH (e:Enterprise) WHERE e.id STARTS WITH 'g-' AND e.synthetic <> true RETURN count(e) AS n")).n,
    ).toBe(0);
  });

  it('has regions with the whole timber chain and regions with gaps in it', async () => {
    const coverage = await db.read(
      `MATCH (s:Stage {chain: 'timber', kind: 'core'})
       WITH collect(s) AS core
       MATCH (r:Region)<-[:LOCATED_IN]-(:Enterprise)-[:OPERATES_AT]->(s:Stage {chain: 'timber', kind: 'core'})
       WITH r, size(core) AS total, count(DISTINCT s) AS present
       RETURN r.code AS region, present, total ORDER BY present DESC`,
    );
    expect(coverage.some((c) => c.present === c.total)).toBe(true);
    expect(coverage.some((c) => Number(c.present) >= 3 && Number(c.present) < Number(c.total))).toBe(true);
  });

  it('has anchors that buy inputs from regions more than 1,000 km away', async () => {
    const far = await one(
      `MATCH (s:Enterprise)-[:LOCATED_IN]->(rs:Region), (b:Enterprise)-[:LOCATED_IN]->(rb:Region), (s)-[:SUPPLIES]->(b)-[:MEMBER_OF {role: 'anchor'}]->(:Cluster)
       WHERE point.distance(rs.location, rb.location) > 1000000
       RETURN count(*) AS n`,
    );
    expect(far.n).toBeGreaterThan(0);
  });

  it('has clusters of both chains, some near the registry threshold of 10 participants', async () => {
    const clusters = await db.read(
      'MATCH (c:Cluster) RETURN c.id AS id, c.chain AS chain, COUNT { (c)<-[:MEMBER_OF]-() } AS members ORDER BY id',
    );
    expect(new Set(clusters.map((c) => c.chain))).toEqual(new Set(['timber', 'oilgas']));
    expect(clusters.some((c) => Number(c.members) >= 8 && Number(c.members) <= 12)).toBe(true);
    const priority = await one(
      `MATCH (c:Cluster)<-[:MEMBER_OF]-(e:Enterprise)
       WITH c, count(e) AS n, sum(CASE WHEN e.priorityTerritory THEN 1 ELSE 0 END) AS p
       WHERE toFloat(p) / n >= 0.3
       RETURN count(c) AS n`,
    );
    expect(priority.n).toBeGreaterThan(0);
  });

  it('makes most enterprises SMEs, with every size category present', async () => {
    const sizes = await db.read('MATCH (e:Enterprise) RETURN e.size AS size, count(*) AS n');
    const bySize: Record<string, number> = Object.fromEntries(sizes.map((s) => [String(s.size), Number(s.n)]));
    const total = Object.values(bySize).reduce((a, b) => a + b, 0);
    expect(Object.keys(bySize).sort()).toEqual(['large', 'medium', 'micro', 'small']);
    expect((bySize.micro + bySize.small + bySize.medium) / total).toBeGreaterThan(0.8);
  });

  it("ends with the overview's aggregate, refreshed once, whose figures are the live query's", async () => {
    // The seed's two imports leave the refresh to the end of the seed.
    expect(seeded.komi.aggregate).toBeUndefined();
    expect(seeded.generated.aggregate).toBeUndefined();
    expect(seeded.aggregate.version).toBe(1);
    const links = Number((await one('MATCH ()-[l:SUPPLIES]->() RETURN count(l) AS n')).n);
    expect(seeded.aggregate.links).toBe(links);
    expect(await aggregateState(db)).toMatchObject({ missing: false, stale: false });
    const figures = ({ refreshedAt: _refreshedAt, ...o }: Overview) => o;
    for (const chain of ['timber', 'oilgas', 'all']) {
      const aggregated = await overviewFromAggregate(db, chain);
      expect(aggregated, chain).not.toBeNull();
      expect(figures(aggregated!), chain).toEqual(figures(await overviewLive(db, chain)));
      expect(aggregated!.flows.length, chain).toBeGreaterThan(10);
    }
  });
});
