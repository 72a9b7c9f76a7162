// The columns of the import files: the required and optional lists the Data view shows, the
// Russian aliases and how headers are matched to them.
import { describe, expect, it } from 'vitest';
import { COLUMNS, FILE_KINDS, columnMatchKey, columnOf, headerKey, resolveHeader } from '../../core/import-columns.js';

describe('COLUMNS', () => {
  it('requires only the identifying columns', () => {
    expect(COLUMNS.enterprises.required).toEqual(['id', 'name', 'region', 'okved']);
    expect(COLUMNS.links.required).toEqual(['supplier', 'buyer', 'volume_mln_rub']);
    expect(COLUMNS.clusters.required).toEqual(['id', 'name']);
  });

  it('keeps every column of before, required or optional', () => {
    const all = (kind: (typeof FILE_KINDS)[number]) => [...COLUMNS[kind].required, ...COLUMNS[kind].optional].sort();
    expect(all('enterprises')).toEqual(
      [
        'id',
        'inn',
        'name',
        'region',
        'okved',
        'employees',
        'revenue_mln_rub',
        'cluster',
        'cluster_role',
        'technopark',
        'priority_territory',
        'size',
        'stages',
        'synthetic',
        'synthetic_figures',
        'source',
        'name_en',
      ].sort(),
    );
    expect(all('links')).toEqual(
      ['supplier', 'buyer', 'product', 'okved', 'volume_mln_rub', 'since', 'synthetic', 'source'].sort(),
    );
    expect(all('clusters')).toEqual(
      ['id', 'name', 'kind', 'status', 'chain', 'regions', 'synthetic', 'source', 'name_en'].sort(),
    );
  });

  it.each(FILE_KINDS)('gives %s aliases only for its columns, a Russian one for each required column', (kind) => {
    const { required, optional, aliases } = COLUMNS[kind];
    for (const column of Object.keys(aliases)) expect([...required, ...optional]).toContain(column);
    for (const column of required) expect(aliases[column]?.length, column).toBeGreaterThan(0);
    for (const list of Object.values(aliases)) for (const alias of list) expect(alias).toMatch(/[а-яё]/i);
  });

  it.each(FILE_KINDS)('matches no header of %s to two columns', (kind) => {
    const { required, optional, aliases } = COLUMNS[kind];
    const owner = new Map<string, string>();
    for (const column of [...required, ...optional]) {
      for (const name of [column, ...(aliases[column] ?? [])]) {
        const key = columnMatchKey(name);
        expect(owner.get(key) ?? column, `${name} → ${owner.get(key)} and ${column}`).toBe(column);
        owner.set(key, column);
      }
    }
  });
});

describe('matching headers', () => {
  it('takes the Russian headers of an analyst’s sheet', () => {
    const header = [
      'ИНН',
      'Наименование',
      'Регион',
      'ОКВЭД',
      'Численность',
      'Выручка, млн руб.',
      'Кластер',
      'Роль в кластере',
      'Технопарк',
      'Приоритетная территория',
      'Идентификатор',
    ];
    expect(resolveHeader('enterprises', header)).toEqual({
      columns: [
        'inn',
        'name',
        'region',
        'okved',
        'employees',
        'revenue_mln_rub',
        'cluster',
        'cluster_role',
        'technopark',
        'priority_territory',
        'id',
      ],
      duplicates: [],
    });
    expect(resolveHeader('links', ['Поставщик', 'Покупатель', 'Объём, млн руб.', 'Продукция']).columns).toEqual([
      'supplier',
      'buyer',
      'volume_mln_rub',
      'product',
    ]);
  });

  it('ignores case, spaces and punctuation, and «ё» against «е»', () => {
    expect(columnOf('enterprises', '  ВЫРУЧКА  (млн. руб)')).toBe('revenue_mln_rub');
    expect(columnOf('enterprises', 'выручка,млн руб')).toBe('revenue_mln_rub');
    expect(columnOf('enterprises', 'Среднесписочная   численность')).toBe('employees');
    expect(columnOf('enterprises', 'КодОКВЭД')).toBe('okved');
    expect(columnOf('enterprises', 'код_окВЭД')).toBe('okved');
    expect(columnOf('enterprises', 'Revenue, mln RUB')).toBe('revenue_mln_rub');
    expect(columnOf('enterprises', 'Priority-Territory')).toBe('priority_territory');
    expect(columnOf('enterprises', '\uFEFFid')).toBe('id');
    expect(columnOf('links', 'Объем, млн руб.')).toBe('volume_mln_rub');
    expect(columnOf('links', 'ОБЪЁМ ПОСТАВОК (МЛН РУБ)')).toBe('volume_mln_rub');
    expect(columnOf('enterprises', 'Примечание')).toBeNull();
  });

  it('reads a header by the kind of its file', () => {
    expect(columnOf('enterprises', 'Код кластера')).toBe('cluster');
    expect(columnOf('clusters', 'Код кластера')).toBe('id');
    expect(columnOf('enterprises', 'Регион')).toBe('region');
    expect(columnOf('clusters', 'Регион')).toBeNull();
    expect(columnOf('clusters', 'Регионы')).toBe('regions');
  });

  it('finds columns named twice', () => {
    expect(
      resolveHeader('enterprises', ['id', 'Наименование', 'ИНН', 'name', 'Название', 'inn', 'Примечание']),
    ).toEqual({
      columns: ['id', 'name', 'inn', 'name', 'name', 'inn', null],
      duplicates: [
        { column: 'name', headers: ['Наименование', 'name', 'Название'] },
        { column: 'inn', headers: ['ИНН', 'inn'] },
      ],
    });
    expect(resolveHeader('links', ['ID', 'Поставщик', 'поставщик ']).duplicates).toEqual([
      { column: 'supplier', headers: ['Поставщик', 'поставщик '] },
    ]);
  });

  it('keys an unknown header readably', () => {
    expect(headerKey(' Примечание, ёмкое ')).toBe('примечание_емкое');
    expect(headerKey('Cluster-Role')).toBe('cluster_role');
  });
});
