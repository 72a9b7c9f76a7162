// Messages of one feature, kept apart so that features grow their catalogues independently.
// Each Russian key needs the same key in English (the catalogue's type checks it in en.ts).
// Columns of the import files: the Data view's column help (COLUMNS in core/import-columns.ts).
import type { EnPlural, RuPlural } from '../plural.js';

export const columnsRu = {
  columnsRequired: 'Обязательные (непустые)',
  columnsOptional: 'Необязательные',
  columnsOptionalHint:
    'Необязательный столбец можно не включать в файл: тогда то, что база знает по нему, не меняется (новые записи получают значения по умолчанию). Пустая ячейка в имеющемся столбце означает «нет значения».',
  columnsAliases: 'Русские заголовки',
  columnsAliasesHint:
    'Вместо английских названий столбцов можно писать русские; регистр, пробелы, знаки препинания и «ё»/«е» не важны. Два столбца с одним значением — ошибка.',
} as const satisfies Record<string, string | RuPlural>;

export const columnsEn: { [K in keyof typeof columnsRu]: (typeof columnsRu)[K] extends string ? string : EnPlural } = {
  columnsRequired: 'Required (not empty)',
  columnsOptional: 'Optional',
  columnsOptionalHint:
    'An optional column may be left out of the file: then what the database holds for it stays as it is (new rows take the defaults). An empty cell in a column the file has means "no value".',
  columnsAliases: 'Russian headers',
  columnsAliasesHint:
    'Russian headers may stand for the English column names; case, spaces, punctuation and «ё»/«е» do not matter. Two columns meaning the same are an error.',
};
