import { describe, it, expect } from 'vitest';
import { DEFAULT_SETTINGS } from '../../server/config.js';
import { loadReference } from '../../server/reference.js';
import { stageMatcher } from '../../core/reference.js';
import { completeInn } from '../../core/reference.js';
import { CLUSTER_DEFAULTS } from '../../core/import-columns.js';
import {
  COLUMNS,
  FILE_KINDS,
  detectKind,
  linkStage,
  validateCluster,
  validateEnterprise,
  validateLink,
  type RowIssue,
  type ValidationContext,
} from '../../server/import/validate.js';

const reference = loadReference();
const matcher = stageMatcher(reference.chains);
const ctx: ValidationContext = {
  regions: new Set(reference.regions.map((r) => r.code)),
  chains: new Set(reference.chains.map((c) => c.id)),
  matcher,
  sme: DEFAULT_SETTINGS.sme,
};

const codes = (issues: RowIssue[]) => issues.map((i) => `${i.column ?? ''}:${i.code}`);

function enterprise(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    id: 'luzales',
    inn: '',
    name: 'Лузалес',
    region: '11',
    okved: '16.10',
    employees: '320',
    revenue_mln_rub: '1500',
    cluster: '',
    cluster_role: '',
    technopark: '',
    priority_territory: 'нет',
    ...overrides,
  };
}

function link(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    supplier: 'luzales',
    buyer: 'mondi',
    product: 'Щепа',
    okved: '16.10',
    volume_mln_rub: '12,5',
    since: '2019',
    ...overrides,
  };
}

function cluster(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    id: 'komi-timber',
    name: 'Лесной кластер Республики Коми',
    kind: 'industrial',
    status: 'registered',
    chain: 'timber',
    regions: '11',
    ...overrides,
  };
}

describe('reference data the tests rely on', () => {
  it('has the regions and chains used below', () => {
    for (const code of ['01', '11', '29', '77']) expect(ctx.regions.has(code), code).toBe(true);
    expect(ctx.regions.has('00')).toBe(false);
    expect([...ctx.chains].sort()).toEqual(['oilgas', 'timber']);
  });
});

describe('detectKind', () => {
  it('recognises each kind from its columns, and enterprises and links from their required ones alone', () => {
    for (const kind of FILE_KINDS)
      expect(detectKind([...COLUMNS[kind].required, ...COLUMNS[kind].optional])).toBe(kind);
    expect(detectKind(COLUMNS.enterprises.required)).toBe('enterprises');
    expect(detectKind(COLUMNS.links.required)).toBe('links');
    // id and name alone could be either: the file's name decides.
    expect(detectKind(COLUMNS.clusters.required)).toBeNull();
    expect(detectKind(COLUMNS.clusters.required, 'clusters-2025.csv')).toBe('clusters');
  });

  it('recognises Russian headers, in any case and spacing, with «ё» or «е»', () => {
    expect(detectKind(['ИНН', 'Наименование', 'Регион', 'ОКВЭД', 'Численность'])).toBe('enterprises');
    expect(detectKind(['НАИМЕНОВАНИЕ', ' код  окВЭД ', 'Код региона'])).toBe('enterprises');
    expect(detectKind(['Поставщик', 'Покупатель', 'Объем, млн руб.'])).toBe('links');
    expect(detectKind(['Идентификатор', 'Наименование', 'Цепочка', 'Регионы'])).toBe('clusters');
    expect(detectKind(['Идентификатор', 'Наименование', 'Тип', 'Статус'])).toBe('clusters');
    // An enterprises sheet with a status column of its own is still one of enterprises.
    expect(detectKind(['Наименование', 'Регион', 'ОКВЭД', 'Статус'])).toBe('enterprises');
  });

  it('falls back to a Russian file name', () => {
    expect(detectKind(['a'], 'Предприятия Коми.xlsx')).toBe('enterprises');
    expect(detectKind(['a'], 'связи.csv')).toBe('links');
    expect(detectKind(['a'], 'Поставки 2024.csv')).toBe('links');
    expect(detectKind(['id', 'name'], 'кластеры.csv')).toBe('clusters');
  });

  it('recognises partial headers', () => {
    expect(detectKind(['supplier', 'buyer'])).toBe('links');
    expect(detectKind(['chain', 'regions', 'name'])).toBe('clusters');
    expect(detectKind(['okved', 'region'])).toBe('enterprises');
    expect(detectKind(['inn', 'name'])).toBe('enterprises');
  });

  it('does not take a links file with an okved column for enterprises', () => {
    expect(detectKind(['supplier', 'buyer', 'okved', 'region', 'inn', 'name'])).toBe('links');
  });

  it('falls back to the file name, then to null', () => {
    expect(detectKind(['a', 'b'], 'Links-2024.csv')).toBe('links');
    expect(detectKind(['a', 'b'], 'my_ENTERPRISES.xlsx')).toBe('enterprises');
    expect(detectKind(['a', 'b'], 'clusters.csv')).toBe('clusters');
    expect(detectKind(['a', 'b'], 'data.csv')).toBeNull();
    expect(detectKind([])).toBeNull();
  });
});

describe('validateEnterprise', () => {
  it('accepts a complete row and normalises it', () => {
    const { row, issues } = validateEnterprise(
      enterprise({
        inn: '7707083893',
        region: '77',
        name: 'Монди Сыктывкарский ЛПК',
        name_en: 'Mondi Syktyvkar',
        source: ' ЕГРЮЛ ',
      }),
      ctx,
    );
    expect(issues).toEqual([]);
    expect(row).toMatchObject({
      id: 'luzales',
      inn: '7707083893',
      name: 'Монди Сыктывкарский ЛПК',
      nameEn: 'Mondi Syktyvkar',
      region: '77',
      okved: '16.10',
      okvedAll: ['16.10'],
      employees: 320,
      revenueMlnRub: 1500,
      size: 'large',
      sizeSource: 'derived',
      stages: ['timber.sawmilling'],
      chains: ['timber'],
      cluster: null,
      clusterRole: null,
      technopark: null,
      priorityTerritory: false,
      synthetic: false,
      syntheticFigures: false,
      source: 'ЕГРЮЛ',
    });
  });

  it.each(['id', 'name', 'region', 'okved'])('requires %s', (column) => {
    const { issues } = validateEnterprise(enterprise({ [column]: '  ' }), ctx);
    expect(issues).toContainEqual({ column, code: 'required' });
  });

  it('does not require inn, employees, revenue, cluster, technopark', () => {
    const { row, issues } = validateEnterprise(
      enterprise({ inn: '', employees: '', revenue_mln_rub: '', cluster: '', technopark: '', priority_territory: '' }),
      ctx,
    );
    expect(issues).toEqual([]);
    expect(row).toMatchObject({
      inn: null,
      employees: null,
      revenueMlnRub: null,
      size: null,
      sizeSource: null,
      priorityTerritory: false,
    });
  });

  it('reports an unknown region and pads one-digit codes', () => {
    expect(validateEnterprise(enterprise({ region: '00' }), ctx).issues).toEqual([
      { column: 'region', code: 'unknown_region', value: '00' },
    ]);
    expect(validateEnterprise(enterprise({ region: 'Коми' }), ctx).issues).toEqual([
      { column: 'region', code: 'unknown_region', value: 'Коми' },
    ]);
    const { row, issues } = validateEnterprise(enterprise({ region: '1' }), ctx);
    expect(issues).toEqual([]);
    expect(row.region).toBe('01');
  });

  describe('inn', () => {
    it('reports malformed INNs as invalid_inn', () => {
      for (const inn of ['12345', '77070838930', 'abc', '7707O83893']) {
        expect(validateEnterprise(enterprise({ inn }), ctx).issues, inn).toEqual([
          { column: 'inn', code: 'invalid_inn', value: inn },
        ]);
      }
    });

    it('reports a wrong check digit as inn_checksum', () => {
      expect(validateEnterprise(enterprise({ inn: '7707083894' }), ctx).issues).toEqual([
        { column: 'inn', code: 'inn_checksum', value: '7707083894' },
      ]);
      expect(validateEnterprise(enterprise({ inn: '500100732250' }), ctx).issues).toEqual([
        { column: 'inn', code: 'inn_checksum', value: '500100732250' },
      ]);
    });

    it('accepts a 12-digit INN and restores the zero Excel dropped', () => {
      expect(validateEnterprise(enterprise({ inn: '500100732259' }), ctx).row.inn).toBe('500100732259');
      const adygea = completeInn('010500123');
      const { row, issues } = validateEnterprise(enterprise({ inn: adygea.slice(1), region: '1' }), ctx);
      expect(issues).toEqual([]);
      expect(row.inn).toBe(adygea);
    });

    it('accepts an INN written with spaces', () => {
      expect(validateEnterprise(enterprise({ inn: '7707 083 893' }), ctx).row.inn).toBe('7707083893');
    });
  });

  describe('numbers', () => {
    it('reads Russian-formatted numbers', () => {
      const { row, issues } = validateEnterprise(enterprise({ employees: '1 200', revenue_mln_rub: '1 234,5' }), ctx);
      expect(issues).toEqual([]);
      expect(row.employees).toBe(1200);
      expect(row.revenueMlnRub).toBe(1234.5);
    });

    it('reports invalid_number, negative and not_integer with their column', () => {
      expect(codes(validateEnterprise(enterprise({ employees: 'много' }), ctx).issues)).toEqual([
        'employees:invalid_number',
      ]);
      expect(codes(validateEnterprise(enterprise({ revenue_mln_rub: '1,2,3' }), ctx).issues)).toEqual([
        'revenue_mln_rub:invalid_number',
      ]);
      expect(codes(validateEnterprise(enterprise({ employees: '-3' }), ctx).issues)).toEqual(['employees:negative']);
      expect(codes(validateEnterprise(enterprise({ revenue_mln_rub: '-0,5' }), ctx).issues)).toEqual([
        'revenue_mln_rub:negative',
      ]);
      expect(codes(validateEnterprise(enterprise({ employees: '12,5' }), ctx).issues)).toEqual([
        'employees:not_integer',
      ]);
      // revenue may be fractional
      expect(validateEnterprise(enterprise({ revenue_mln_rub: '12,5' }), ctx).issues).toEqual([]);
    });

    it('keeps the value of the issue as written', () => {
      expect(validateEnterprise(enterprise({ employees: '12,5' }), ctx).issues[0]).toEqual({
        column: 'employees',
        code: 'not_integer',
        value: '12,5',
      });
    });

    it('leaves a rejected number out of the size derivation', () => {
      const { row } = validateEnterprise(enterprise({ employees: '-3', revenue_mln_rub: '50' }), ctx);
      expect(row.employees).toBeNull();
      expect(row.size).toBe('micro');
    });
  });

  describe('size', () => {
    it('derives the category from employees and revenue', () => {
      const size = (employees: string, revenue: string) =>
        validateEnterprise(enterprise({ employees, revenue_mln_rub: revenue }), ctx).row;
      expect(size('15', '120')).toMatchObject({ size: 'micro', sizeSource: 'derived' });
      expect(size('16', '')).toMatchObject({ size: 'small', sizeSource: 'derived' });
      expect(size('', '801')).toMatchObject({ size: 'medium', sizeSource: 'derived' });
      expect(size('251', '10')).toMatchObject({ size: 'large', sizeSource: 'derived' });
      expect(size('', '')).toMatchObject({ size: null, sizeSource: null });
    });

    it('prefers a given size over the derived one', () => {
      const { row, issues } = validateEnterprise(
        enterprise({ employees: '5', revenue_mln_rub: '1', size: 'large' }),
        ctx,
      );
      expect(issues).toEqual([]);
      expect(row).toMatchObject({ size: 'large', sizeSource: 'given' });
    });

    it('takes a given size even without figures', () => {
      const { row } = validateEnterprise(enterprise({ employees: '', revenue_mln_rub: '', size: 'small' }), ctx);
      expect(row).toMatchObject({ size: 'small', sizeSource: 'given' });
    });

    it('reports an unknown size as invalid_enum', () => {
      const { issues } = validateEnterprise(enterprise({ size: 'huge' }), ctx);
      expect(issues).toEqual([
        { column: 'size', code: 'invalid_enum', value: 'huge', detail: 'micro, small, medium, large' },
      ]);
    });
  });

  describe('okved and stages', () => {
    it('derives stages and chains from all OKVED codes', () => {
      const { row, issues } = validateEnterprise(enterprise({ okved: '16.10; 02.20|33.12' }), ctx);
      expect(issues).toEqual([]);
      expect(row.okved).toBe('16.10');
      expect(row.okvedAll).toEqual(['16.10', '02.20', '33.12']);
      expect(row.stages.sort()).toEqual([
        'oilgas.repair',
        'timber.equipment-repair',
        'timber.logging',
        'timber.sawmilling',
      ]);
      expect(row.chains.sort()).toEqual(['oilgas', 'timber']);
    });

    it('accepts "16,10" (Excel turned the code into a number) as 16.10', () => {
      const { row, issues } = validateEnterprise(enterprise({ okved: '16,10' }), ctx);
      expect(issues).toEqual([]);
      expect(row.okved).toBe('16.10');
      expect(row.stages).toEqual(['timber.sawmilling']);
    });

    it('reports malformed OKVED codes and ignores them for stages', () => {
      const { row, issues } = validateEnterprise(enterprise({ okved: '16.10;16.100;abc;1.1' }), ctx);
      expect(issues).toEqual([
        { column: 'okved', code: 'invalid_okved', value: '16.100' },
        { column: 'okved', code: 'invalid_okved', value: 'abc' },
        { column: 'okved', code: 'invalid_okved', value: '1.1' },
      ]);
      expect(row.stages).toEqual(['timber.sawmilling']);
    });

    it('has no stages for an OKVED code outside the chains', () => {
      const { row, issues } = validateEnterprise(enterprise({ okved: '01.11' }), ctx);
      expect(issues).toEqual([]);
      expect(row.stages).toEqual([]);
      expect(row.chains).toEqual([]);
    });

    it('takes the stages column over the OKVED-derived stages', () => {
      const { row, issues } = validateEnterprise(
        enterprise({ okved: '16.10', stages: 'oilgas.refining; timber.pulp' }),
        ctx,
      );
      expect(issues).toEqual([]);
      expect(row.stages).toEqual(['oilgas.refining', 'timber.pulp']);
      expect(row.chains.sort()).toEqual(['oilgas', 'timber']);
    });

    it('reports an unknown stage', () => {
      const { issues } = validateEnterprise(enterprise({ stages: 'timber.sawmilling;timber.spaceships' }), ctx);
      expect(issues).toEqual([{ column: 'stages', code: 'unknown_stage', value: 'timber.spaceships' }]);
    });
  });

  describe('cluster membership', () => {
    it('defaults the role of a cluster member to participant', () => {
      const { row, issues } = validateEnterprise(enterprise({ cluster: 'komi-timber' }), ctx);
      expect(issues).toEqual([]);
      expect(row).toMatchObject({ cluster: 'komi-timber', clusterRole: 'participant' });
    });

    it('keeps a given role', () => {
      expect(
        validateEnterprise(enterprise({ cluster: 'komi-timber', cluster_role: 'anchor' }), ctx).row.clusterRole,
      ).toBe('anchor');
    });

    it('reports a role without a cluster', () => {
      const { issues } = validateEnterprise(enterprise({ cluster_role: 'coordinator' }), ctx);
      expect(issues).toEqual([{ column: 'cluster_role', code: 'role_without_cluster' }]);
    });

    it('reports an unknown role as invalid_enum', () => {
      const { issues } = validateEnterprise(enterprise({ cluster: 'komi-timber', cluster_role: 'boss' }), ctx);
      expect(codes(issues)).toEqual(['cluster_role:invalid_enum']);
    });
  });

  describe('booleans', () => {
    it('reads the flags', () => {
      const { row, issues } = validateEnterprise(
        enterprise({ priority_territory: 'Да', synthetic: 'true', synthetic_figures: '1', technopark: 'tp-1' }),
        ctx,
      );
      expect(issues).toEqual([]);
      expect(row).toMatchObject({
        priorityTerritory: true,
        synthetic: true,
        syntheticFigures: true,
        technopark: 'tp-1',
      });
    });

    it.each(['priority_territory', 'synthetic', 'synthetic_figures'])('reports invalid_boolean in %s', (column) => {
      const { issues } = validateEnterprise(enterprise({ [column]: 'maybe' }), ctx);
      expect(issues).toEqual([{ column, code: 'invalid_boolean', value: 'maybe' }]);
    });
  });
});

describe('validateLink', () => {
  it('accepts a complete row', () => {
    const { row, issues } = validateLink(link({ synthetic: 'да', source: 'отчёт' }));
    expect(issues).toEqual([]);
    expect(row).toEqual({
      supplier: 'luzales',
      buyer: 'mondi',
      product: 'Щепа',
      okved: '16.10',
      volumeMlnRub: 12.5,
      since: '2019',
      synthetic: true,
      source: 'отчёт',
    });
  });

  it.each(['supplier', 'buyer', 'volume_mln_rub'])('requires %s', (column) => {
    expect(validateLink(link({ [column]: '' })).issues).toContainEqual({ column, code: 'required' });
  });

  it('allows an empty okved and since', () => {
    const { row, issues } = validateLink(link({ okved: '', since: '' }));
    expect(issues).toEqual([]);
    expect(row.okved).toBeNull();
    expect(row.since).toBeNull();
  });

  it('reports a link of an enterprise to itself on the buyer column', () => {
    expect(validateLink(link({ buyer: 'luzales' })).issues).toEqual([
      { column: 'buyer', code: 'self_supply', value: 'luzales' },
    ]);
  });

  it('reports bad volumes', () => {
    expect(codes(validateLink(link({ volume_mln_rub: '-1' })).issues)).toEqual(['volume_mln_rub:negative']);
    expect(codes(validateLink(link({ volume_mln_rub: 'много' })).issues)).toEqual(['volume_mln_rub:invalid_number']);
    expect(validateLink(link({ volume_mln_rub: '0' })).issues).toEqual([]);
  });

  it('accepts "16,10" as 16.10 and reports malformed codes', () => {
    expect(validateLink(link({ okved: '16,10' })).row.okved).toBe('16.10');
    expect(validateLink(link({ okved: '16-10' })).issues).toEqual([
      { column: 'okved', code: 'invalid_okved', value: '16-10' },
    ]);
  });

  it('reads since as a year or a date, and reports other text as invalid_date', () => {
    expect(validateLink(link({ since: '01.03.2019' })).row.since).toBe('2019-03-01');
    expect(validateLink(link({ since: '2019-03-01' })).row.since).toBe('2019-03-01');
    expect(validateLink(link({ since: 'вчера' })).issues).toEqual([
      { column: 'since', code: 'invalid_date', value: 'вчера' },
    ]);
    expect(validateLink(link({ since: '2019-02-30' })).issues).toEqual([
      { column: 'since', code: 'invalid_date', value: '2019-02-30' },
    ]);
  });

  it('reports invalid_boolean in synthetic', () => {
    expect(validateLink(link({ synthetic: 'maybe' })).issues).toEqual([
      { column: 'synthetic', code: 'invalid_boolean', value: 'maybe' },
    ]);
  });
});

describe('validateCluster', () => {
  it('accepts a complete row', () => {
    const { row, issues } = validateCluster(cluster({ regions: '11; 29;1;11', name_en: 'Komi timber cluster' }), ctx);
    expect(issues).toEqual([]);
    expect(row).toEqual({
      id: 'komi-timber',
      name: 'Лесной кластер Республики Коми',
      nameEn: 'Komi timber cluster',
      kind: 'industrial',
      status: 'registered',
      chain: 'timber',
      regions: ['11', '29', '01'],
      synthetic: false,
      source: null,
      given: { kind: true, status: true, chain: true, regions: true },
    });
  });

  it.each(['id', 'name'])('requires %s', (column) => {
    expect(validateCluster(cluster({ [column]: '' }), ctx).issues).toEqual([{ column, code: 'required' }]);
  });

  it('takes the defaults for kind, status, chain and regions left empty or out, and says so', () => {
    for (const values of [
      cluster({ kind: '', status: '', chain: '', regions: '' }),
      { id: 'komi-timber', name: 'Лесной кластер' },
    ]) {
      const { row, issues } = validateCluster(values, ctx);
      expect(issues).toEqual([]);
      expect(row).toMatchObject({
        kind: CLUSTER_DEFAULTS.kind,
        status: CLUSTER_DEFAULTS.status,
        chain: null,
        regions: [],
        given: { kind: false, status: false, chain: false, regions: false },
      });
    }
    expect(CLUSTER_DEFAULTS).toEqual({ kind: 'industrial', status: 'forming' });
  });

  it('reports invalid kind and status as invalid_enum', () => {
    expect(validateCluster(cluster({ kind: 'huge' }), ctx).issues).toEqual([
      { column: 'kind', code: 'invalid_enum', value: 'huge', detail: 'industrial, innovative, regional-initiative' },
    ]);
    expect(codes(validateCluster(cluster({ status: 'dead' }), ctx).issues)).toEqual(['status:invalid_enum']);
  });

  it('reports an unknown chain', () => {
    const { issues } = validateCluster(cluster({ chain: 'metals' }), ctx);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ column: 'chain', code: 'unknown_chain', value: 'metals' });
  });

  it('reports each unknown region', () => {
    const { issues } = validateCluster(cluster({ regions: '11;00;999' }), ctx);
    expect(issues).toEqual([
      { column: 'regions', code: 'unknown_region', value: '00' },
      { column: 'regions', code: 'unknown_region', value: '999' },
    ]);
  });

  it('reports invalid_boolean in synthetic', () => {
    expect(codes(validateCluster(cluster({ synthetic: 'maybe' }), ctx).issues)).toEqual(['synthetic:invalid_boolean']);
  });
});

describe('linkStage', () => {
  const row = (okved: string) => validateLink(link({ okved })).row;

  it('takes the stage of the link OKVED when it is unambiguous', () => {
    expect(linkStage(row('16.10'), ['33.12'], ['oilgas.refining'], matcher)).toBe('timber.sawmilling');
  });

  it("chooses the repair stage of the buyer's chain for 33.12", () => {
    expect(linkStage(row('33.12'), [], ['oilgas.refining'], matcher)).toBe('oilgas.repair');
    expect(linkStage(row('33.12'), [], ['timber.pulp'], matcher)).toBe('timber.equipment-repair');
  });

  it('takes the first candidate when the buyer has no stage in either chain', () => {
    expect(matcher.stagesFor('33.12')[0]).toBe('timber.equipment-repair'); // chains.json order
    expect(linkStage(row('33.12'), [], [], matcher)).toBe('timber.equipment-repair');
    expect(linkStage(row('33.12'), [], ['no.such-stage'], matcher)).toBe('timber.equipment-repair');
  });

  it('falls back to the supplier OKVED codes when the link has none', () => {
    expect(linkStage(row(''), ['16.10'], ['timber.pulp'], matcher)).toBe('timber.sawmilling');
    expect(linkStage(row(''), ['33.12'], ['oilgas.oil-production'], matcher)).toBe('oilgas.repair');
    expect(linkStage(row(''), ['01.11'], ['timber.pulp'], matcher)).toBeNull();
    expect(linkStage(row(''), [], [], matcher)).toBeNull();
  });
});
