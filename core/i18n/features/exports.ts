// Messages of one feature, kept apart so that features grow their catalogues independently.
// Each Russian key needs the same key in English (the catalogue's type checks it in en.ts).
//
// The export's notes and refusals, and the words for the API's error codes: the client shows a
// server's refusal in the reader's language, never the server's English text.
import type { EnPlural } from '../plural.js';

export const exportsRu = {
  // A note in the file's caption: requested ids that name no node.
  exportMissingIds: {
    one: 'Не найден в базе {count} идентификатор: {ids}',
    few: 'Не найдены в базе {count} идентификатора: {ids}',
    many: 'Не найдены в базе {count} идентификаторов: {ids}',
    other: 'Не найдены в базе {count} идентификатора: {ids}',
  },
  exportMissingMore: { one: 'и ещё {count}', few: 'и ещё {count}', many: 'и ещё {count}', other: 'и ещё {count}' },

  // Why the server refused an export (the answer's `reason`); {ids} lists the ids concerned.
  'apiReason_malformed-id': 'Неверный идентификатор узла: {ids}.',
  'apiReason_unknown-ids': 'В базе нет узлов с такими идентификаторами: {ids}.',
  'apiReason_too-many-nodes': 'Слишком много узлов для одной выгрузки; уменьшите вид или выберите часть узлов.',
  'apiReason_picture-too-large': 'Слишком большое изображение PNG: уменьшите разрешение.',
  'apiReason_nothing-to-export': 'Нечего выгружать: вид пуст.',
  apiReason_password_short: 'Пароль короче 10 символов.',
  apiReason_password_guessable:
    'Такой пароль легко подобрать (частый пароль, имя, ряд клавиш, повтор). Возьмите несколько не связанных слов.',
  'apiReason_unknown-chain': 'Такой цепочки нет в справочнике.',
  'apiReason_unknown-region': 'Такого региона нет в справочнике.',
  'apiReason_planner-failed': 'Расчёт для отчёта не выполнен: проверьте выбранные цепочку, регион и кластер.',
  'apiReason_bad-date': 'Дата должна быть в виде ГГГГ-ММ-ДД.',
  'apiReason_unknown-format': 'Такой формат выгрузки не поддерживается.',

  // The dialog, for a role that may not ask the server for a file
  exportViewerLocal:
    'Файлы, которые строит сервер (PDF-отчёт и выгрузки больше {n} узлов), доступны роли «планировщик».',

  // What the API's error codes mean (client/src/Details.tsx errorText)
  apiError_bad_request: 'Сервер отклонил запрос: неверные параметры.',
  apiError_unauthorized: 'Сеанс завершён: войдите снова.',
  apiError_forbidden: 'Недостаточно прав для этого действия.',
  apiError_not_found: 'Не найдено.',
  apiError_conflict: 'Конфликт: данные уже изменены или заняты другой операцией.',
  apiError_too_large: 'Слишком большой запрос.',
  apiError_too_many_requests: 'Слишком много запросов: подождите немного и повторите.',
  apiError_neo4j_unavailable: 'База данных графа недоступна; повторите попытку чуть позже.',
  apiError_query_timeout: 'Запрос выполнялся слишком долго и был прерван.',
  apiError_query_memory:
    'Запросу нужно больше памяти, чем база данных отводит одному запросу; сузьте его (меньше узлов, один регион или цепочка).',
  apiError_aggregating: 'Показатели ещё пересчитываются; повторите попытку чуть позже.',
  apiError_internal: 'Внутренняя ошибка сервера.',
  apiError_load_failed: 'Загрузка не удалась.',
  apiError_other: 'Сервер ответил ошибкой {status}.',
} as const;

export const exportsEn: { [K in keyof typeof exportsRu]: (typeof exportsRu)[K] extends string ? string : EnPlural } = {
  exportMissingIds: {
    one: '{count} id not found in the database: {ids}',
    other: '{count} ids not found in the database: {ids}',
  },
  exportMissingMore: { one: 'and {count} more', other: 'and {count} more' },

  'apiReason_malformed-id': 'Malformed node id: {ids}.',
  'apiReason_unknown-ids': 'No node in the database has these ids: {ids}.',
  'apiReason_too-many-nodes': 'Too many nodes for one export; narrow the view or select part of it.',
  'apiReason_picture-too-large': 'The PNG would be too large: lower the resolution.',
  'apiReason_nothing-to-export': 'Nothing to export: the view is empty.',
  apiReason_password_short: 'The password is shorter than 10 characters.',
  apiReason_password_guessable:
    'That password is easy to guess (a common password, a name, a keyboard row, a repeat). Take a few unrelated words.',
  'apiReason_unknown-chain': 'No such chain in the reference data.',
  'apiReason_unknown-region': 'No such region in the reference data.',
  'apiReason_planner-failed': 'The report could not be computed: check the chain, region and cluster.',
  'apiReason_bad-date': 'The date must read YYYY-MM-DD.',
  'apiReason_unknown-format': 'That export format is not supported.',

  exportViewerLocal: 'Files the server builds (the PDF report, exports of more than {n} nodes) need the planner role.',

  apiError_bad_request: 'The server refused the request: invalid parameters.',
  apiError_unauthorized: 'The session has ended: sign in again.',
  apiError_forbidden: 'Your role does not allow this.',
  apiError_not_found: 'Not found.',
  apiError_conflict: 'Conflict: the data changed meanwhile or another operation holds them.',
  apiError_too_large: 'The request is too large.',
  apiError_too_many_requests: 'Too many requests: wait a moment and retry.',
  apiError_neo4j_unavailable: 'The graph database is unavailable; retry shortly.',
  apiError_query_timeout: 'The query took too long and was stopped.',
  apiError_query_memory:
    'The request needs more memory than the graph database allows one query; narrow it (fewer nodes, one region or chain).',
  apiError_aggregating: 'The figures are still being recomputed; retry shortly.',
  apiError_internal: 'Internal server error.',
  apiError_load_failed: 'The load failed.',
  apiError_other: 'The server answered with error {status}.',
};
