// The words of the administration view (Admin.tsx), Russian first. Role names are the app's own
// (i18n.ts `role_*`), so the header's user menu and this view say the same.
import type { Lang } from '../../../core/i18n';

export const ADMIN_TEXT = {
  accounts: { ru: 'Учётные записи', en: 'Accounts' },
  accountsNote: {
    ru: 'Роль, отключение и новый пароль вступают в силу сразу; отключение и новый пароль завершают сеансы пользователя.',
    en: 'A role, disabling and a new password take effect at once; disabling and a new password end the user\'s sessions.',
  },
  noAccounts: { ru: 'Учётных записей нет', en: 'No accounts' },
  colName: { ru: 'Имя', en: 'Name' },
  colRole: { ru: 'Роль', en: 'Role' },
  colStatus: { ru: 'Состояние', en: 'Status' },
  colCreated: { ru: 'Создана', en: 'Created' },
  colLastLogin: { ru: 'Последний вход', en: 'Last sign-in' },
  colSessions: { ru: 'Сеансы', en: 'Sessions' },
  colSessionsTitle: { ru: 'Открытые сеансы (входы, которые ещё действуют)', en: 'Open sessions (sign-ins still valid)' },
  colActions: { ru: 'Действия', en: 'Actions' },
  you: { ru: 'вы', en: 'you' },
  never: { ru: 'не входил', en: 'never' },
  statusActive: { ru: 'активна', en: 'active' },
  statusDisabled: { ru: 'отключена', en: 'disabled' },
  statusLocked: { ru: 'заблокирована до', en: 'locked until' },
  statusLockedTitle: {
    ru: 'Слишком много неудачных входов подряд. Блокировка снимется сама; новый пароль снимает её сразу.',
    en: 'Too many failed sign-ins in a row. The lock ends by itself; a new password lifts it at once.',
  },
  statusMustChange: { ru: 'должен сменить пароль', en: 'must change password' },
  statusMustChangeTitle: { ru: 'При следующем входе пользователь задаст свой пароль', en: 'The user sets their own password at the next sign-in' },
  roleOf: { ru: 'Роль пользователя', en: 'Role of' },
  disable: { ru: 'Отключить', en: 'Disable' },
  disableTitle: { ru: 'Запретить вход; открытые сеансы завершатся', en: 'Forbid signing in; open sessions end' },
  enable: { ru: 'Включить', en: 'Enable' },
  enableTitle: { ru: 'Снова разрешить вход', en: 'Allow signing in again' },
  newPassword: { ru: 'Новый пароль', en: 'New password' },
  newPasswordTitle: { ru: 'Задать новый пароль; пользователь сменит его при входе', en: 'Set a new password; the user changes it at sign-in' },
  remove: { ru: 'Удалить', en: 'Delete' },
  removeTitle: { ru: 'Удалить учётную запись', en: 'Delete the account' },
  removeConfirm: { ru: 'Удалить учётную запись «{name}» безвозвратно?', en: 'Delete the account “{name}” for good?' },
  removeYes: { ru: 'Да, удалить', en: 'Yes, delete' },
  cancel: { ru: 'Отмена', en: 'Cancel' },
  selfRole: {
    ru: 'Свою роль нельзя понизить: это может сделать другой администратор',
    en: 'You cannot demote yourself: another admin can',
  },
  selfDisable: { ru: 'Свою учётную запись нельзя отключить', en: 'You cannot disable your own account' },
  selfRemove: { ru: 'Свою учётную запись нельзя удалить', en: 'You cannot delete your own account' },
  selfPassword: {
    ru: 'Свой пароль меняйте через «Сменить пароль» в шапке: новый пароль отсюда завершил бы и ваш сеанс',
    en: 'Change your own password with “Change password” in the header: a new password from here would end your session too',
  },
  showEvents: { ru: 'Показать действия пользователя в журнале', en: 'Show the user\'s actions in the audit trail' },
  saving: { ru: 'Сохранение…', en: 'Saving…' },

  passwordFor: { ru: 'Новый пароль для', en: 'New password for' },
  passwordRule: {
    ru: 'Не короче 10 символов. Пользователь сменит его при следующем входе; его открытые сеансы завершатся, блокировка снимется.',
    en: 'At least 10 characters. The user changes it at the next sign-in; their open sessions end and a lock is lifted.',
  },
  passwordShort: { ru: 'Пароль короче 10 символов', en: 'The password is shorter than 10 characters' },
  generate: { ru: 'Сгенерировать', en: 'Generate' },
  generateTitle: { ru: 'Случайный пароль из 16 символов', en: 'A random password of 16 characters' },
  setPassword: { ru: 'Задать пароль', en: 'Set the password' },
  passwordSet: { ru: 'Пароль задан', en: 'The password is set' },
  passwordSetNote: {
    ru: 'Пользователь сменит его при следующем входе; его открытые сеансы завершены.',
    en: 'The user changes it at the next sign-in; their open sessions have ended.',
  },
  resetNote: {
    ru: 'Пароль показан только сейчас — сервер его не хранит и больше не покажет. Передайте его пользователю.',
    en: 'The password is shown only now: the server does not keep it and will not show it again. Pass it on to the user.',
  },

  create: { ru: 'Новая учётная запись', en: 'New account' },
  createName: { ru: 'Имя пользователя', en: 'User name' },
  createNameRule: {
    ru: 'Латинские буквы, цифры и символы . _ @ - (до 100)',
    en: 'Latin letters, digits and . _ @ - (up to 100)',
  },
  createRole: { ru: 'Роль', en: 'Role' },
  createPassword: { ru: 'Пароль (необязательно)', en: 'Password (optional)' },
  createPasswordNote: {
    ru: 'Не короче 10 символов. Оставьте пустым — сервер выдаст одноразовый пароль, который нужно сменить при первом входе.',
    en: 'At least 10 characters. Leave it empty and the server issues a one-time password to be changed at the first sign-in.',
  },
  createButton: { ru: 'Создать', en: 'Create' },
  created: { ru: 'Учётная запись создана', en: 'The account is created' },
  nameTaken: { ru: 'Имя «{name}» уже занято', en: 'The name “{name}” is taken' },
  badName: { ru: 'Недопустимое имя: латинские буквы, цифры и . _ @ -, до 100 символов', en: 'Not a valid name: Latin letters, digits and . _ @ -, up to 100 characters' },

  oneTimeTitle: { ru: 'Одноразовый пароль для', en: 'One-time password for' },
  oneTimeNote: {
    ru: 'Пароль показан только сейчас — сервер его не хранит и больше не покажет. Передайте его пользователю: при первом входе он задаст свой.',
    en: 'The password is shown only now: the server does not keep it and will not show it again. Pass it on to the user, who sets their own at the first sign-in.',
  },
  copy: { ru: 'Копировать', en: 'Copy' },
  copied: { ru: 'Скопировано', en: 'Copied' },
  copyFailed: { ru: 'Не удалось скопировать — выделите и скопируйте вручную', en: 'Could not copy: select it and copy by hand' },
  hide: { ru: 'Скрыть', en: 'Hide' },

  roles: { ru: 'Роли', en: 'Roles' },
  rolesNote: { ru: 'Каждая роль может всё, что и предыдущие.', en: 'Each role may do everything the ones before it may.' },
  roleDesc_viewer: { ru: 'обзор, граф, поиск, сохранённые виды', en: 'the overview, the graph, search, saved views' },
  roleDesc_planner: { ru: '+ анализ пробелов, сценарии «что если», экспорт', en: '+ gap analysis, what-if scenarios, export' },
  roleDesc_editor: { ru: '+ загрузка данных (импорт)', en: '+ loading data (import)' },
  roleDesc_admin: { ru: '+ учётные записи и журнал действий', en: '+ accounts and the audit trail' },

  audit: { ru: 'Журнал действий', en: 'Audit trail' },
  auditNote: {
    ru: 'Кто и когда загружал данные, менял сценарии, виды и учётные записи, входил и выходил; новые сверху.',
    en: 'Who loaded data, changed scenarios, views and accounts, signed in and out, and when; newest first.',
  },
  filterUser: { ru: 'Пользователь', en: 'User' },
  filterUserHint: { ru: 'точное имя', en: 'exact name' },
  filterAction: { ru: 'Действие', en: 'Action' },
  filterAny: { ru: 'любое', en: 'any' },
  filterSince: { ru: 'С даты', en: 'Since' },
  filterReset: { ru: 'Сбросить', en: 'Reset' },
  refresh: { ru: 'Обновить', en: 'Refresh' },
  colTime: { ru: 'Время', en: 'Time' },
  colUser: { ru: 'Пользователь', en: 'User' },
  colAction: { ru: 'Действие', en: 'Action' },
  colTarget: { ru: 'Объект', en: 'Target' },
  colResult: { ru: 'Результат', en: 'Result' },
  colCounts: { ru: 'Показатели', en: 'Figures' },
  noEvents: { ru: 'В журнале нет событий', en: 'The trail holds no events' },
  noEventsFiltered: { ru: 'Нет событий под эти условия', en: 'No events match these filters' },
  shown: { ru: 'Показано', en: 'Shown' },
  showMore: { ru: 'Показать ещё', en: 'Show more' },
  atMost: { ru: 'Больше 1000 событий за раз не показывается — сузьте условия', en: 'At most 1000 events are shown at a time: narrow the filters' },
  resultOk: { ru: 'выполнено', en: 'done' },
  resultRefused: { ru: 'отказ', en: 'refused' },
  resultFailed: { ru: 'ошибка', en: 'failed' },
  resultCli: { ru: 'командная строка', en: 'command line' },
  anonymous: { ru: 'неизвестный', en: 'unknown' },
  anonymousTitle: { ru: 'Неудачный вход: пользователь не установлен', en: 'A failed sign-in: the user is not known' },
} as const;

export type AdminTextKey = keyof typeof ADMIN_TEXT;

/** A text of the view; `{name}` in it is replaced by `vars.name`. */
export function ta(lang: Lang, key: AdminTextKey, vars: Record<string, string> = {}): string {
  return ADMIN_TEXT[key][lang].replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}

/** The audit trail's action codes (server/audit.ts), in words; an unknown code is shown as it is. */
export const ACTION_NAMES: Record<string, { ru: string; en: string }> = {
  import: { ru: 'импорт данных', en: 'data import' },
  'import-dry-run': { ru: 'проверка импорта без записи', en: 'import check (dry run)' },
  'scenario-create': { ru: 'создание сценария', en: 'scenario created' },
  'scenario-update': { ru: 'изменение сценария', en: 'scenario changed' },
  'scenario-delete': { ru: 'удаление сценария', en: 'scenario deleted' },
  'view-save': { ru: 'сохранение вида', en: 'view saved' },
  'view-delete': { ru: 'удаление вида', en: 'view deleted' },
  'user-create': { ru: 'создание учётной записи', en: 'account created' },
  'user-update': { ru: 'изменение учётной записи', en: 'account changed' },
  'user-delete': { ru: 'удаление учётной записи', en: 'account deleted' },
  'sign-in': { ru: 'вход', en: 'sign-in' },
  'sign-in-failed': { ru: 'неудачный вход', en: 'failed sign-in' },
  'sign-out': { ru: 'выход', en: 'sign-out' },
  'password-change': { ru: 'смена своего пароля', en: 'own password changed' },
};

export const actionName = (lang: Lang, code: string) => ACTION_NAMES[code]?.[lang] ?? code;

/** What an account change changed (server/audit.ts `changes`): `role:<role>`, disabled, enabled, password. */
const CHANGE_NAMES: Record<string, { ru: string; en: string }> = {
  role: { ru: 'роль', en: 'role' },
  disabled: { ru: 'отключена', en: 'disabled' },
  enabled: { ru: 'включена', en: 'enabled' },
  password: { ru: 'задан новый пароль', en: 'new password set' },
};
export const changeText = (lang: Lang, change: string, roleName: (role: string) => string) => {
  const [what, value] = change.split(':');
  const name = CHANGE_NAMES[what]?.[lang] ?? what;
  return value === undefined ? name : `${name} → ${roleName(value)}`;
};

/** The figures an event may carry (server/audit.ts `counts`). */
export const COUNT_NAMES: Record<string, { ru: string; en: string }> = {
  enterprises: { ru: 'предприятий', en: 'enterprises' },
  links: { ru: 'связей', en: 'links' },
  clusters: { ru: 'кластеров', en: 'clusters' },
  errors: { ru: 'ошибок', en: 'errors' },
  files: { ru: 'файлов', en: 'files' },
  items: { ru: 'элементов', en: 'items' },
};
