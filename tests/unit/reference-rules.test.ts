import { describe, it, expect } from 'vitest';
import { loadReference } from '../../server/reference.js';
import { okvedMatches, stageMatcher } from '../../core/reference.js';
import { type ChainRef } from '../../core/schemas.js';
import { fullTextQuery, nodeId, parseNodeId, NODE_TYPES } from '../../server/graph.js';
import { DEFAULT_SETTINGS, SettingsError, loadSettings, usesEmbeddedNeo4j } from '../../server/config.js';

const matcher = stageMatcher(loadReference().chains);
const sorted = (a: string[]) => [...a].sort();

describe('okvedMatches', () => {
  it('matches equal codes and refinements only', () => {
    expect(okvedMatches('16.10', '16.10')).toBe(true);
    expect(okvedMatches('16.10.1', '16.10')).toBe(true);
    expect(okvedMatches('16.10.11', '16.10')).toBe(true);
    expect(okvedMatches('16.10', '16')).toBe(true);
    expect(okvedMatches('16.1', '16.10')).toBe(false);
    expect(okvedMatches('16.100', '16.10')).toBe(false);
    // One digit after a dot is a level of its own: 16.10 lies under 16.1, 52.10.21 under 52.10.2.
    expect(okvedMatches('16.10', '16.1')).toBe(true);
    expect(okvedMatches('16.10.1', '16.1')).toBe(true);
    expect(okvedMatches('52.10.21', '52.10.2')).toBe(true);
    expect(okvedMatches('52.10.211', '52.10.2')).toBe(false);
    expect(okvedMatches('16', '16.10')).toBe(false);
    expect(okvedMatches('116.10', '16.10')).toBe(false);
  });
});

describe('stageMatcher (longest matching prefix wins)', () => {
  it('71.12.3 → oilgas.exploration only, not the engineering stages of 71.12', () => {
    expect(matcher.stagesFor('71.12.3')).toEqual(['oilgas.exploration']);
  });

  it('71.12 → the engineering stages of both chains', () => {
    expect(sorted(matcher.stagesFor('71.12'))).toEqual(['oilgas.engineering', 'timber.engineering']);
    expect(sorted(matcher.stagesFor('71.12.1'))).toEqual(['oilgas.engineering', 'timber.engineering']);
  });

  it('33.12 → both repair stages', () => {
    expect(sorted(matcher.stagesFor('33.12'))).toEqual(['oilgas.repair', 'timber.equipment-repair']);
  });

  it('16.10.1 → timber.sawmilling; 16.1 → nothing', () => {
    expect(matcher.stagesFor('16.10.1')).toEqual(['timber.sawmilling']);
    expect(matcher.stagesFor('16.1')).toEqual([]);
    expect(matcher.stagesFor('16')).toEqual([]);
  });

  it('codes of the most detailed level (a digit without a dot) belong to their parent', () => {
    expect(matcher.stagesFor('49.50.11')).toEqual(['oilgas.oil-pipeline']);
    expect(matcher.stagesFor('71.12.31')).toEqual(['oilgas.exploration']);
    expect(matcher.stagesFor('19.20.21')).toEqual(['oilgas.gas-processing']);
  });

  it('19.20.2 → gas processing only; 19.20 and 19.20.1 → refining', () => {
    expect(matcher.stagesFor('19.20.2')).toEqual(['oilgas.gas-processing']);
    expect(matcher.stagesFor('19.20')).toEqual(['oilgas.refining']);
    expect(matcher.stagesFor('19.20.1')).toEqual(['oilgas.refining']);
  });

  it('returns the same answer twice (memoised) and nothing for unknown codes', () => {
    expect(matcher.stagesFor('33.12')).toEqual(matcher.stagesFor('33.12'));
    expect(matcher.stagesFor('01.11')).toEqual([]);
    expect(matcher.stagesFor('')).toEqual([]);
  });

  it('stagesForAll joins the stages of several codes without repeats', () => {
    expect(sorted(matcher.stagesForAll(['16.10', '16.10.1', '33.12', '01.11']))).toEqual([
      'oilgas.repair',
      'timber.equipment-repair',
      'timber.sawmilling',
    ]);
    expect(matcher.stagesForAll([])).toEqual([]);
  });

  it('chainOf and has', () => {
    expect(matcher.chainOf('timber.sawmilling')).toBe('timber');
    expect(matcher.chainOf('oilgas.repair')).toBe('oilgas');
    expect(matcher.chainOf('timber.nothing')).toBeUndefined();
    expect(matcher.has('oilgas.exploration')).toBe(true);
    expect(matcher.has('oilgas')).toBe(false);
  });

  it('applies the rule across chains of a hand-built reference', () => {
    const stage = (id: string, okved: string[]) => ({
      id,
      name: id,
      nameEn: id,
      order: 1,
      kind: 'core' as const,
      okved,
      feeds: [],
    });
    const chains: ChainRef[] = [
      { id: 'a', name: 'A', nameEn: 'A', stages: [stage('a.broad', ['10']), stage('a.narrow', ['10.1'])] },
      { id: 'b', name: 'B', nameEn: 'B', stages: [stage('b.narrow', ['10.1']), stage('b.narrowest', ['10.1.2'])] },
    ];
    const m = stageMatcher(chains);
    expect(m.stagesFor('10.2')).toEqual(['a.broad']);
    expect(m.stagesFor('10.1')).toEqual(['a.narrow', 'b.narrow']);
    expect(m.stagesFor('10.1.3')).toEqual(['a.narrow', 'b.narrow']);
    expect(m.stagesFor('10.1.2')).toEqual(['b.narrowest']);
    expect(m.stagesFor('11')).toEqual([]);
  });
});

describe('fullTextQuery', () => {
  it('returns null when there are no words', () => {
    expect(fullTextQuery('')).toBeNull();
    expect(fullTextQuery('   ')).toBeNull();
    expect(fullTextQuery('+-&&||!(){}[]^"~*?:\\/')).toBeNull();
  });

  it('lower-cases words and adds a prefix form from two characters and a fuzzy form from five', () => {
    expect(fullTextQuery('Лузалес')).toBe('+(лузалес OR лузалес* OR лузалес~1)');
    expect(fullTextQuery('ЛПК')).toBe('+(лпк OR лпк*)');
    expect(fullTextQuery('Ab')).toBe('+(ab OR ab*)');
    expect(fullTextQuery('Mondi')).toBe('+(mondi OR mondi* OR mondi~1)');
    expect(fullTextQuery('Mond')).toBe('+(mond OR mond*)');
    expect(fullTextQuery('x')).toBe('+x');
  });

  it('requires every word longer than three letters and makes short ones optional beside them', () => {
    expect(fullTextQuery('Монди Сыктывкарский ЛПК')).toBe(
      '+(монди OR монди* OR монди~1) +(сыктывкарский OR сыктывкарский* OR сыктывкарский~1) (лпк OR лпк*)',
    );
    expect(fullTextQuery('Мой бизнес')).toBe('(мой OR мой*) +(бизнес OR бизнес* OR бизнес~1)');
    expect(fullTextQuery('ООО Лес')).toBe('+(ооо OR ооо*) +(лес OR лес*)');
  });

  it('strips Lucene special characters so they cannot change the query', () => {
    const q = fullTextQuery('ООО "Лузалес" +лес -(пром) AND||OR~ field:value* ^2 [a TO b] {x} \\ / !?')!;
    // Only the parentheses, ORs, ANDs, * and ~1 that fullTextQuery itself adds are left.
    const stripped = q.replace(/\+?\((\S+) OR \1\*( OR \1~1)?\)/g, '$1');
    expect(stripped).toBe('ооо лузалес лес пром and or field value');
    expect(stripped).not.toMatch(/["+\-!(){}[\]^~*?:\\/&|]/);
  });

  it('lower-cases user-typed operators so Lucene reads them as words', () => {
    expect(fullTextQuery('oil AND gas NOT')).toBe('+(oil OR oil*) +(and OR and*) +(gas OR gas*) +(not OR not*)');
  });

  it('keeps digits (INN and OKVED searches) and splits codes on dots', () => {
    expect(fullTextQuery('7707083893')).toBe('+(7707083893 OR 7707083893* OR 7707083893~1)');
    expect(fullTextQuery('16.10')).toBe('+(16 OR 16*) +(10 OR 10*)');
  });

  it('uses at most eight words', () => {
    const q = fullTextQuery('a b c d e f g h i j')!;
    expect(q).toBe('+a +b +c +d +e +f +g +h');
    expect(q.split(' ')).toHaveLength(8);
  });
});

describe('nodeId / parseNodeId', () => {
  it('builds ids from labels', () => {
    expect(nodeId('Enterprise', 'luzales')).toBe('enterprise:luzales');
    expect(nodeId('Region', '11')).toBe('region:11');
    expect(nodeId('SupportOrg', 'frp')).toBe('supportorg:frp');
    expect(nodeId('Industry', '16.10')).toBe('industry:16.10');
    expect(nodeId('Stage', 'timber.sawmilling')).toBe('stage:timber.sawmilling');
    expect(nodeId('Unknown', 'x')).toBe('unknown:x');
  });

  it('parses ids of every node type back', () => {
    for (const [type, { label }] of Object.entries(NODE_TYPES)) {
      expect(parseNodeId(nodeId(label, 'k:1'))).toEqual({ type, key: 'k:1' });
    }
  });

  it('lower-cases the type and keeps the key as it is', () => {
    expect(parseNodeId('Enterprise:Luzales')).toEqual({ type: 'enterprise', key: 'Luzales' });
    expect(parseNodeId('region:01')).toEqual({ type: 'region', key: '01' });
  });

  it('rejects malformed ids', () => {
    for (const bad of ['', 'luzales', ':luzales', 'enterprise:', 'company:luzales', 'Company:Luzales']) {
      expect(parseNodeId(bad), bad).toBeNull();
    }
  });
});

describe('loadSettings', () => {
  it('returns the defaults for an empty environment', () => {
    expect(loadSettings({})).toEqual(DEFAULT_SETTINGS);
    expect(usesEmbeddedNeo4j(loadSettings({}))).toBe(true);
  });

  it('treats empty variables as unset', () => {
    expect(loadSettings({ PORT: '', NEO4J_URI: '' })).toEqual(DEFAULT_SETTINGS);
  });

  it('applies overrides, including nested SME limits, without touching the defaults', () => {
    const s = loadSettings({
      HOST: '0.0.0.0',
      PORT: '9090',
      NEO4J_USER: 'admin',
      IMPORT_BATCH_SIZE: '100',
      COOPGRAPH_NEO4J_HEAP: '512m',
      SME_SMALL_MAX_EMPLOYEES: '120',
      SME_MEDIUM_MAX_REVENUE_MLN_RUB: '3000',
    });
    expect(s).toMatchObject({
      host: '0.0.0.0',
      port: 9090,
      neo4jUser: 'admin',
      importBatchSize: 100,
      embeddedHeap: '512m',
    });
    expect(s.sme).toEqual({ ...DEFAULT_SETTINGS.sme, smallEmployees: 120, mediumRevenueMlnRub: 3000 });
    expect(DEFAULT_SETTINGS.sme.smallEmployees).toBe(100);
    expect(DEFAULT_SETTINGS.port).toBe(8080);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['IMPORT_BATCH_SIZE', '1e3'],
    ['SME_MICRO_MAX_EMPLOYEES', 'fifteen'],
    ['QUERY_TIMEOUT_MS', ' 10 '],
  ])('rejects %s=%j naming the variable', (variable, value) => {
    expect(() => loadSettings({ [variable]: value })).toThrow(SettingsError);
    expect(() => loadSettings({ [variable]: value })).toThrow(new RegExp(`^${variable}\\b`));
  });

  it('rejects bad sizes naming the variable', () => {
    expect(() => loadSettings({ COOPGRAPH_NEO4J_HEAP: '2 GB' })).toThrow(/COOPGRAPH_NEO4J_HEAP/);
    expect(loadSettings({ COOPGRAPH_NEO4J_PAGECACHE: '2G' }).embeddedPageCache).toBe('2G');
  });

  it('rejects out-of-range values', () => {
    expect(() => loadSettings({ PORT: '0' })).toThrow(/PORT/);
    expect(() => loadSettings({ PORT: '65536' })).toThrow(/PORT/);
    expect(loadSettings({ PORT: '65535' }).port).toBe(65535);
    expect(() => loadSettings({ IMPORT_BATCH_SIZE: '0' })).toThrow(/IMPORT_BATCH_SIZE/);
    expect(() => loadSettings({ QUERY_TIMEOUT_MS: '0' })).toThrow(/QUERY_TIMEOUT_MS/);
  });

  it('rejects SME limits that do not grow', () => {
    expect(() => loadSettings({ SME_MICRO_MAX_EMPLOYEES: '101' })).toThrow(/SME employee limits/);
    expect(() => loadSettings({ SME_MEDIUM_MAX_REVENUE_MLN_RUB: '700' })).toThrow(/SME revenue limits/);
    expect(loadSettings({ SME_MICRO_MAX_EMPLOYEES: '100' }).sme.microEmployees).toBe(100);
  });

  it.each([
    'neo4j://localhost:7687',
    'neo4j+s://db.example.org',
    'neo4j+ssc://db.example.org',
    'bolt://127.0.0.1:7687',
    'bolt+s://db.example.org',
  ])('accepts NEO4J_URI=%s', (uri) => {
    const s = loadSettings({ NEO4J_URI: uri });
    expect(s.neo4jUri).toBe(uri);
    expect(usesEmbeddedNeo4j(s)).toBe(false);
  });

  it.each(['http://localhost:7474', 'https://db.example.org', 'localhost:7687', 'neo4j://', 'neo4j+x://host'])(
    'rejects NEO4J_URI=%s',
    (uri) => {
      expect(() => loadSettings({ NEO4J_URI: uri })).toThrow(SettingsError);
      expect(() => loadSettings({ NEO4J_URI: uri })).toThrow(/NEO4J_URI/);
    },
  );
});
