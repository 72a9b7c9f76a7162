// The schema in cypher/schema.cypher as Neo4j holds it: constraints, the Russian full-text index,
// the point index; applying it again changes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db.js';
import { applySchema } from '../../server/setup.js';
import { useEmptyGraph } from '../fixtures/index.js';

const empty = useEmptyGraph();
let db: Db;
beforeAll(() => {
  ({ db } = empty);
});

describe('schema', () => {
  it('has a uniqueness constraint for every key of the data model and for INN', async () => {
    const rows = await db.read(
      "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties[0] AS property",
    );
    const keys = rows.map((r) => `${r.label}.${r.property}`).sort();
    expect(keys).toEqual(
      expect.arrayContaining([
        'Chain.id',
        'Cluster.id',
        'Enterprise.id',
        'Enterprise.inn',
        'Industry.code',
        'Region.code',
        'Stage.id',
        'SupportOrg.id',
        'Technopark.id',
      ]),
    );
  });

  it('enforces them', async () => {
    await db.write("CREATE (:Enterprise {id: 'schema-a', inn: '7707083893'})");
    await expect(db.write("CREATE (:Enterprise {id: 'schema-a'})")).rejects.toThrow(/already exists/);
    await expect(db.write("CREATE (:Enterprise {id: 'schema-b', inn: '7707083893'})")).rejects.toThrow(
      /already exists/,
    );
    await db.write("MATCH (e:Enterprise) WHERE e.id STARTS WITH 'schema-' DETACH DELETE e");
  });

  it('has the full-text index with the Russian analyzer, and a point index on region locations', async () => {
    const [names] = await db.read(
      "SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties, options WHERE name = 'names' RETURN labelsOrTypes, properties, options",
    );
    expect(names.labelsOrTypes).toEqual(
      expect.arrayContaining(['Enterprise', 'Cluster', 'Technopark', 'SupportOrg', 'Region']),
    );
    expect(names.properties).toEqual(['name', 'nameEn', 'nameLatin']);
    expect((names.options as { indexConfig: Record<string, unknown> }).indexConfig['fulltext.analyzer']).toBe(
      'russian',
    );
    const points = await db.read(
      'SHOW POINT INDEXES YIELD labelsOrTypes, properties RETURN labelsOrTypes[0] AS label, properties[0] AS property',
    );
    expect(points).toContainEqual({ label: 'Region', property: 'location' });
  });

  it('finds inflected Russian forms through the index directly', async () => {
    await db.write("CREATE (:Cluster {id: 'schema-cluster', name: 'Лесопромышленный кластер Республики Коми'})");
    const hits = await db.read(
      "CALL db.index.fulltext.queryNodes('names', 'кластеры лесопромышленного') YIELD node RETURN node.id AS id",
    );
    expect(hits.map((h) => h.id)).toContain('schema-cluster');
    await db.write("MATCH (c:Cluster {id: 'schema-cluster'}) DELETE c");
  });

  it('measures distances between region centres in kilometres', async () => {
    // Syktyvkar to Arkhangelsk is about 600 km as the crow flies.
    const [row] = await db.read(
      "MATCH (a:Region {code: '11'}), (b:Region {code: '29'}) RETURN point.distance(a.location, b.location) / 1000 AS km",
    );
    expect(Number(row.km)).toBeGreaterThan(550);
    expect(Number(row.km)).toBeLessThan(700);
  });

  it('can be applied again without change', async () => {
    const before = await db.read('SHOW INDEXES YIELD name RETURN name ORDER BY name');
    await applySchema(db);
    expect(await db.read('SHOW INDEXES YIELD name RETURN name ORDER BY name')).toEqual(before);
  });
});
