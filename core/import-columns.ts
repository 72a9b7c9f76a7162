// The three kinds of import file and their columns: the server checks headers against them, the
// client's import page lists them. Plain data, apart from the schemas, so the client bundle that
// shows them does not carry TypeBox (core/schemas/import.ts builds the FileKind schema from it).
export const FILE_KINDS = ['clusters', 'enterprises', 'links'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export interface KindColumns {
  /** The identifying columns: a file without one of them is refused. */
  required: string[];
  /**
   * Columns a file may leave out. An absent column leaves what the database holds as it is (and
   * takes DEFAULTS for rows the import creates); a present column with an empty cell means what
   * an empty value of that column means (no INN, unknown headcount, no cluster…).
   */
  optional: string[];
  /**
   * Headers accepted for each column beside its English name, as Russian spreadsheets title them.
   * Matched, like the English names, by `columnMatchKey`: regardless of case, of spaces and
   * punctuation, and of «ё» against «е» («Выручка, млн руб.» = «ВЫРУЧКА (млн. руб)»).
   */
  aliases: Record<string, string[]>;
}

const SYNTHETIC = ['Синтетические данные', 'Синтетическая запись', 'Условные данные'];
const SOURCE = ['Источник', 'Источник данных'];
const NAME_EN = ['Наименование на английском', 'Название на английском', 'Наименование (англ.)', 'Название (англ.)'];

export const COLUMNS: Record<FileKind, KindColumns> = {
  enterprises: {
    required: ['id', 'name', 'region', 'okved'],
    optional: [
      'inn',
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
    ],
    aliases: {
      id: ['Идентификатор', 'ИД', 'Код предприятия'],
      inn: ['ИНН'],
      name: ['Наименование', 'Название', 'Наименование организации', 'Организация', 'Предприятие'],
      region: ['Регион', 'Код региона', 'Код субъекта'],
      okved: ['ОКВЭД', 'Код ОКВЭД', 'ОКВЭД2', 'Коды ОКВЭД', 'Код по ОКВЭД'],
      employees: [
        'Численность',
        'Среднесписочная численность',
        'Численность работников',
        'Численность, чел.',
        'Работников',
      ],
      revenue_mln_rub: ['Выручка, млн руб.', 'Выручка, млн ₽', 'Выручка (млн руб.)'],
      cluster: ['Кластер', 'Код кластера'],
      cluster_role: ['Роль в кластере', 'Роль'],
      technopark: ['Технопарк', 'Резидент технопарка'],
      priority_territory: ['Приоритетная территория', 'Приоритетные территории', 'ТОР'],
      size: ['Категория', 'Категория МСП', 'Категория субъекта МСП', 'Размер'],
      stages: ['Этапы', 'Этапы цепочки', 'Стадии'],
      synthetic: SYNTHETIC,
      synthetic_figures: ['Синтетические показатели', 'Условные показатели'],
      source: SOURCE,
      name_en: NAME_EN,
    },
  },
  links: {
    required: ['supplier', 'buyer', 'volume_mln_rub'],
    optional: ['product', 'okved', 'since', 'synthetic', 'source'],
    aliases: {
      supplier: ['Поставщик'],
      buyer: ['Покупатель', 'Заказчик', 'Потребитель'],
      volume_mln_rub: ['Объём, млн руб.', 'Объём поставок, млн руб.', 'Объём, млн ₽', 'Объём (млн руб.)'],
      product: ['Продукция', 'Продукт', 'Товар'],
      okved: ['ОКВЭД', 'Код ОКВЭД', 'ОКВЭД2', 'Код по ОКВЭД'],
      since: ['С какого года', 'Поставки с', 'Год начала', 'Дата начала', 'Начало поставок'],
      synthetic: SYNTHETIC,
      source: SOURCE,
    },
  },
  clusters: {
    required: ['id', 'name'],
    optional: ['kind', 'status', 'chain', 'regions', 'synthetic', 'source', 'name_en'],
    aliases: {
      id: ['Идентификатор', 'ИД', 'Код кластера'],
      name: ['Наименование', 'Название', 'Наименование кластера', 'Название кластера'],
      kind: ['Тип', 'Тип кластера', 'Вид кластера'],
      status: ['Статус'],
      chain: ['Цепочка', 'Производственная цепочка'],
      regions: ['Регионы', 'Коды регионов'],
      synthetic: SYNTHETIC,
      source: SOURCE,
      name_en: NAME_EN,
    },
  },
};

/**
 * What a row the import creates takes for a column its file leaves out (an existing row keeps
 * what it holds). Enterprises: no INN, headcount or revenue (so the size is unknown unless given),
 * no cluster or technopark, not in a priority territory, not synthetic. Links: product '' (a link
 * is identified by supplier, buyer and product), no OKVED (the stage comes from the supplier's
 * codes), no start date. Clusters: below; no chain, no regions.
 */
export const CLUSTER_DEFAULTS = { kind: 'industrial', status: 'forming' } as const;

/** A header as compared: lower case, «ё» as «е», without spaces or punctuation. */
export function columnMatchKey(header: string): string {
  return header
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** A header as shown when it names no column: trimmed, lower case, runs of spaces or punctuation as "_". */
export function headerKey(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}

const matchers = new Map<FileKind, Map<string, string>>();

/** The column of `kind` that `header` names (its English name or an alias), or null. */
export function columnOf(kind: FileKind, header: string): string | null {
  let byKey = matchers.get(kind);
  if (!byKey) {
    byKey = new Map();
    const { required, optional, aliases } = COLUMNS[kind];
    for (const column of [...required, ...optional]) {
      byKey.set(columnMatchKey(column), column);
      for (const alias of aliases[column] ?? []) byKey.set(columnMatchKey(alias), column);
    }
    matchers.set(kind, byKey);
  }
  return byKey.get(columnMatchKey(header)) ?? null;
}

export interface ResolvedHeader {
  /** The column each header names, by position; null for headers that name none (ignored). */
  columns: (string | null)[];
  /** Columns named by more than one header, with those headers as written. */
  duplicates: { column: string; headers: string[] }[];
}

/** The columns a file's header names, for a file of `kind`. */
export function resolveHeader(kind: FileKind, header: string[]): ResolvedHeader {
  const columns = header.map((h) => columnOf(kind, h));
  const seen = new Map<string, string[]>();
  columns.forEach((column, i) => {
    if (column) seen.set(column, [...(seen.get(column) ?? []), header[i]]);
  });
  const duplicates = [...seen].filter(([, h]) => h.length > 1).map(([column, headers]) => ({ column, headers }));
  return { columns, duplicates };
}
