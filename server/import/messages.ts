// Import error texts, Russian first. `{value}`, `{column}` and other fields fill in from params.
const IMPORT_MESSAGES: Record<string, { ru: string; en: string }> = {
  missing_column: {
    ru: 'нет обязательного столбца «{column}» (по-русски: {detail})',
    en: 'required column "{column}" is missing (in Russian: {detail})',
  },
  duplicate_column: {
    ru: 'столбец «{column}» задан несколько раз: {value}; оставьте один',
    en: 'column "{column}" is given more than once: {value}; keep one',
  },
  unknown_file_kind: {
    ru: 'не удалось понять, что в файле: нужны столбцы предприятий (id, name, region, okved или «Наименование», «Регион», «ОКВЭД»…), связей (supplier, buyer или «Поставщик», «Покупатель»…) или кластеров (id, name, chain, regions или «Цепочка», «Регионы»…)',
    en: 'cannot tell what the file holds: expected the columns of enterprises (id, name, region, okved…), links (supplier, buyer…) or clusters (id, name, chain, regions…), in English or Russian',
  },
  encoding: { ru: 'неверная кодировка: {detail}', en: 'wrong encoding: {detail}' },
  empty_file: { ru: 'пустой файл: {detail}', en: 'empty file: {detail}' },
  format: { ru: 'ошибка формата: {detail}', en: 'format error: {detail}' },
  too_many_rows: {
    ru: 'в файле больше {value} строк — это предел ({detail}); разбейте файл на части',
    en: 'the file has more than {value} rows, the limit ({detail}); split it',
  },
  too_many_columns: {
    ru: 'в строке больше {value} заполненных ячеек — это предел ({detail})',
    en: 'the row has more than {value} filled cells, the limit ({detail})',
  },
  too_many_cells: {
    ru: 'в строке больше {value} ячеек, считая пустые, — это предел ({detail}); файл не прочитан',
    en: 'the row has more than {value} cells, empty ones included, the limit ({detail}); the file was not read',
  },
  cell_too_long: {
    ru: 'ячейка длиннее {value} символов — это предел ({detail})',
    en: 'a cell is longer than {value} characters, the limit ({detail})',
  },
  control_character: {
    ru: 'в ячейке управляющий символ U+0000 (NUL): это не текстовая таблица',
    en: 'a cell holds the control character U+0000 (NUL): this is not a text table',
  },
  xlsx_entries: {
    ru: 'в книге XLSX больше {value} частей — это предел ({detail}); файл не прочитан',
    en: 'the XLSX workbook has more than {value} parts, the limit ({detail}); the file was not read',
  },
  xlsx_too_large: {
    ru: 'часть книги XLSX в распакованном виде больше {value} МБ — это предел ({detail}); файл не прочитан',
    en: 'a part of the XLSX workbook inflates to more than {value} MB, the limit ({detail}); the file was not read',
  },
  xlsx_ratio: {
    ru: 'часть книги XLSX распаковывается более чем в {value} раз (похоже на ZIP-бомбу; предел {detail}); файл не прочитан',
    en: 'a part of the XLSX workbook inflates more than {value} times (a zip bomb, it seems; limit {detail}); the file was not read',
  },
  xlsx_shared_strings: {
    ru: 'в книге XLSX больше {value} общих строк — это предел ({detail}); файл не прочитан',
    en: 'the XLSX workbook holds more than {value} shared strings, the limit ({detail}); the file was not read',
  },
  xlsx_styles: {
    ru: 'стили книги XLSX в распакованном виде больше {value} МБ — это предел ({detail}); файл не прочитан',
    en: "the XLSX workbook's styles inflate to more than {value} MB, the limit ({detail}); the file was not read",
  },
  xlsx_columns: {
    ru: 'на листе книги XLSX больше {value} описаний столбцов — это предел ({detail}); файл не прочитан',
    en: 'a sheet of the XLSX workbook describes more than {value} columns, the limit ({detail}); the file was not read',
  },
  xlsx_total: {
    ru: 'читаемые части книги XLSX в распакованном виде больше {value} МБ в сумме — это предел ({detail}); файл не прочитан',
    en: 'the parts of the XLSX workbook that are read inflate to more than {value} MB in all, the limit ({detail}); the file was not read',
  },
  xlsx_hidden_data: {
    ru: 'в архиве книги XLSX есть данные вне его оглавления; файл не прочитан: {detail}',
    en: "the XLSX workbook's archive holds data outside its directory; the file was not read: {detail}",
  },
  required: { ru: 'пустое значение в обязательном столбце', en: 'the value is required' },
  unknown_region: {
    ru: 'неизвестный код региона «{value}» (нужен двузначный код субъекта, например 11)',
    en: 'unknown region code "{value}" (expected a 2-digit subject code such as 11)',
  },
  invalid_inn: { ru: 'ИНН «{value}» должен содержать 10 или 12 цифр', en: 'INN "{value}" must have 10 or 12 digits' },
  inn_checksum: { ru: 'у ИНН «{value}» неверные контрольные цифры', en: 'INN "{value}" has wrong check digits' },
  duplicate_inn: { ru: 'ИНН «{value}» уже указан: {detail}', en: 'INN "{value}" is already used: {detail}' },
  duplicate_id: {
    ru: 'повторяющийся id «{value}» (впервые в строке {detail})',
    en: 'duplicate id "{value}" (first seen in row {detail})',
  },
  duplicate_link: {
    ru: 'связь {value} уже есть в строке {detail}',
    en: 'link {value} already appears in row {detail}',
  },
  invalid_number: { ru: '«{value}» — не число', en: '"{value}" is not a number' },
  negative: { ru: 'значение не может быть отрицательным: {value}', en: 'the value cannot be negative: {value}' },
  not_integer: { ru: 'нужно целое число: {value}', en: 'a whole number is expected: {value}' },
  invalid_okved: {
    ru: 'код ОКВЭД «{value}» имеет неверный вид (например 16.10 или 02.20.1)',
    en: 'OKVED code "{value}" is malformed (e.g. 16.10 or 02.20.1)',
  },
  invalid_enum: {
    ru: 'недопустимое значение «{value}»; допустимо: {detail}',
    en: 'invalid value "{value}"; allowed: {detail}',
  },
  invalid_boolean: {
    ru: '«{value}» — не логическое значение (true/false, да/нет)',
    en: '"{value}" is not a boolean (true/false, yes/no)',
  },
  invalid_date: {
    ru: '«{value}» — не год и не дата (2019 или 2019-03-01)',
    en: '"{value}" is neither a year nor a date (2019 or 2019-03-01)',
  },
  self_supply: {
    ru: 'поставщик и покупатель совпадают («{value}»)',
    en: 'supplier and buyer are the same ("{value}")',
  },
  unknown_enterprise: {
    ru: 'предприятие «{value}» не найдено ни в файле, ни в базе',
    en: 'enterprise "{value}" is found neither in the files nor in the database',
  },
  unknown_cluster: {
    ru: 'кластер «{value}» не найден ни в файле, ни в базе',
    en: 'cluster "{value}" is found neither in the files nor in the database',
  },
  unknown_technopark: { ru: 'технопарк «{value}» не найден в базе', en: 'technopark "{value}" is not in the database' },
  unknown_stage: { ru: 'неизвестный этап цепочки «{value}»', en: 'unknown chain stage "{value}"' },
  unknown_chain: {
    ru: 'неизвестная цепочка «{value}»; допустимо: {detail}',
    en: 'unknown chain "{value}"; allowed: {detail}',
  },
  role_without_cluster: {
    ru: 'роль в кластере указана, а кластер — нет',
    en: 'cluster_role is given without a cluster',
  },
  import_running: {
    ru: 'Идёт другой импорт (с {value}, {detail}); этот не начат — повторите, когда тот закончится',
    en: 'Another import is running (since {value}, {detail}); this one did not start — try again when it ends',
  },
  import_lease_lost: {
    ru: 'Импорт остановлен: его очередь перехватил другой импорт; записанные пакеты сохранены, повторный импорт тех же файлов завершит работу',
    en: 'The import stopped: another import took its turn; the batches written stay, and importing the same files again completes the work',
  },
  too_many_errors: {
    ru: 'показаны первые {value} ошибок из {detail}',
    en: 'showing the first {value} errors of {detail}',
  },
};

export type Lang = 'ru' | 'en';

export function importMessage(code: string, lang: Lang, params: Record<string, string | number | undefined>): string {
  const template = IMPORT_MESSAGES[code]?.[lang] ?? code;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ''));
}
