// Administration, for admins: the accounts (role, enabled, a new password, delete), a new account
// — with a one-time password shown once when none is given — what each role may do, and the
// audit trail with its filters. The server checks every change again (server/auth.ts): the
// controls it would refuse for the admin's own account are disabled here with the reason.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Account, AuditEvent, Role } from '../../../core/schemas';
import { ApiError, getJson, sendJson } from '../api';
import { errorText } from '../Details';
import { ROLE_RANK } from '../Login';
import { useDebounced } from '../useDebounced';
import type { PluralKey } from '../../../core/i18n';
import { useI18n, type Translator } from '../i18n';

import './admin.css';

export interface AuditFilter {
  user: string;
  action: string;
  since: number | null;
  limit: number;
}
type AccountChange = { role?: Role; password?: string; disabled?: boolean };

const ROLES = Object.keys(ROLE_RANK) as Role[];
/** The server's PASSWORD_MIN (server/auth.ts). */
const PASSWORD_MIN = 10;
/** The server's user-name rule (UsernameParam in server/auth.ts), for the browser's own check. */
const USERNAME_PATTERN = '[A-Za-z0-9._@\\-]{1,100}';
const AUDIT_PAGE = 50;
const AUDIT_MAX = 1000;

const adminApi = {
  users: (signal?: AbortSignal) => getJson<{ users: Account[] }>('/api/users', signal),
  create: (body: { username: string; role: Role; password?: string }) =>
    sendJson<{ username: string; role: Role; oneTimePassword: string | null }>('POST', '/api/users', body),
  update: (username: string, change: AccountChange) =>
    sendJson<null>('PUT', `/api/users/${encodeURIComponent(username)}`, change),
  remove: (username: string) => sendJson<null>('DELETE', `/api/users/${encodeURIComponent(username)}`),
  audit: (f: AuditFilter, signal?: AbortSignal) => {
    const q = new URLSearchParams({ limit: String(f.limit) });
    if (f.user) q.set('user', f.user);
    if (f.action) q.set('action', f.action);
    if (f.since !== null) q.set('since', String(f.since));
    return getJson<{ events: AuditEvent[] }>(`/api/audit?${q}`, signal);
  },
};

const USERS_KEY = ['admin', 'users'];

/** The same 16 characters from 96 random bits as the server's one-time passwords. */
function randomPassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

const dateTime = (t: Translator, ms: number, seconds = false) =>
  t.date(ms, { dateStyle: 'short', timeStyle: seconds ? 'medium' : 'short' });
/** A lock ending today shows its time only; a later one its date too. */
const lockEnd = (t: Translator, ms: number) =>
  new Date(ms).toDateString() === new Date().toDateString()
    ? t.date(ms, { hour: '2-digit', minute: '2-digit' })
    : dateTime(t, ms);

/** The server's refusals in the user's language; anything else as the server said it. */
function accountError(t: Translator, error: unknown, name = ''): string {
  if (error instanceof ApiError) {
    if (error.status === 409) return t('admin_nameTaken', { name });
    if (error.status === 400 && /username/.test(error.message)) return t('admin_badName');
  }
  return errorText(t, error);
}

export function Admin({ self }: { self: string }) {
  const { t } = useI18n();
  const [auditUser, setAuditUser] = useState('');
  const audit = useRef<HTMLElement>(null);
  const showEvents = (username: string) => {
    setAuditUser(username);
    audit.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };
  return (
    <main className="admin" data-admin={self}>
      <section className="admin-block" aria-labelledby="admin-accounts">
        <h2 id="admin-accounts">{t('admin_accounts')}</h2>
        <p className="legend-note">{t('admin_accountsNote')}</p>
        <Accounts self={self} onShowEvents={showEvents} />
        <div className="admin-columns">
          <CreateAccount />
          <RoleLegend />
        </div>
      </section>
      <section className="admin-block" aria-labelledby="admin-audit" ref={audit}>
        <AuditTrail user={auditUser} setUser={setAuditUser} />
      </section>
    </main>
  );
}

function Accounts({ self, onShowEvents }: { self: string; onShowEvents: (username: string) => void }) {
  const { t } = useI18n();
  // Sessions, sign-ins and locks change without this page: refetched now and then.
  const users = useQuery({
    queryKey: USERS_KEY,
    queryFn: ({ signal }) => adminApi.users(signal),
    refetchInterval: 30_000,
  });
  if (users.isPending)
    return (
      <p className="loading" role="status">
        {t('loading')}
      </p>
    );
  if (users.isError)
    return (
      <p className="error" role="alert">
        {errorText(t, users.error)}
      </p>
    );
  if (users.data.users.length === 0) return <p className="empty">{t('admin_noAccounts')}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table accounts" data-accounts={users.data.users.length}>
        <thead>
          <tr>
            <th scope="col">{t('admin_colName')}</th>
            <th scope="col">{t('admin_colRole')}</th>
            <th scope="col">{t('admin_colStatus')}</th>
            <th scope="col">{t('admin_colCreated')}</th>
            <th scope="col">{t('admin_colLastLogin')}</th>
            <th scope="col" className="num" title={t('admin_colSessionsTitle')}>
              {t('admin_colSessions')}
            </th>
            <th scope="col">{t('admin_colActions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.data.users.map((u) => (
            <AccountRow key={u.username} account={u} isSelf={u.username === self} onShowEvents={onShowEvents} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AccountStatus({ account: u }: { account: Account }) {
  const { t } = useI18n();
  const locked = u.lockedUntil !== null && u.lockedUntil > Date.now();
  const marks = [
    u.disabled && (
      <span key="disabled" className="status-mark off">
        {t('admin_statusDisabled')}
      </span>
    ),
    locked && (
      <span key="locked" className="status-mark warn" title={t('admin_statusLockedTitle')}>
        {t('admin_statusLocked')} {lockEnd(t, u.lockedUntil!)}
      </span>
    ),
    u.mustChangePassword && (
      <span key="must" className="status-mark note" title={t('admin_statusMustChangeTitle')}>
        {t('admin_statusMustChange')}
      </span>
    ),
  ].filter(Boolean);
  return <>{marks.length > 0 ? marks : <span className="status-mark on">{t('admin_statusActive')}</span>}</>;
}

/** A control the server would refuse: disabled, with the reason as its tooltip (also on a wrapper, which shows it in every browser). */
function Refusable({ why, children }: { why: string | null; children: ReactNode }) {
  return why ? (
    <span className="refused" title={why}>
      {children}
    </span>
  ) : (
    <>{children}</>
  );
}

function AccountRow({
  account: u,
  isSelf,
  onShowEvents,
}: {
  account: Account;
  isSelf: boolean;
  onShowEvents: (username: string) => void;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [panel, setPanel] = useState<'none' | 'password' | 'remove' | 'saved'>('none');
  // A generated password, shown once after it was set; a typed one the admin knows already.
  const [issued, setIssued] = useState<string | null>(null);
  // Refetched before the mutation settles, so the row never shows the old value after "saved".
  const refresh = () => client.invalidateQueries({ queryKey: ['admin'] });
  const update = useMutation({
    mutationFn: (change: AccountChange) => adminApi.update(u.username, change),
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: () => adminApi.remove(u.username), onSuccess: refresh });
  const busy = update.isPending || remove.isPending;
  const shownRole = update.isPending && update.variables?.role ? update.variables.role : u.role;
  const error = update.error ?? remove.error;
  const roleLabel = `${t('admin_roleOf')} ${u.username}`;
  return (
    <>
      <tr
        data-user={u.username}
        data-role={u.role}
        data-disabled={u.disabled}
        className={isSelf ? 'self' : undefined}
        aria-busy={busy}
      >
        <th scope="row" className="name">
          <button type="button" className="link" onClick={() => onShowEvents(u.username)} title={t('admin_showEvents')}>
            {u.username}
          </button>
          {isSelf && <span className="you"> ({t('admin_you')})</span>}
        </th>
        <td>
          <Refusable why={isSelf ? t('admin_selfRole') : null}>
            <select
              value={shownRole}
              aria-label={roleLabel}
              disabled={isSelf || busy}
              title={isSelf ? t('admin_selfRole') : undefined}
              onChange={(e) => update.mutate({ role: e.target.value as Role })}
              data-field="role"
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role_${r}`)}
                </option>
              ))}
            </select>
          </Refusable>
        </td>
        <td data-field="status">
          <AccountStatus account={u} />
        </td>
        <td>{u.createdAt === null ? '—' : dateTime(t, u.createdAt)}</td>
        <td>
          {u.lastLoginAt === null ? (
            <span className="legend-note">{t('admin_never')}</span>
          ) : (
            dateTime(t, u.lastLoginAt)
          )}
        </td>
        <td className="num" data-field="sessions">
          {u.sessions}
        </td>
        <td>
          <div className="row-actions">
            {panel === 'remove' ? (
              <span className="confirm" role="group" aria-label={t('admin_removeTitle')}>
                <span>{t('admin_removeConfirm', { name: u.username })}</span>
                <button
                  type="button"
                  className="danger"
                  disabled={busy}
                  onClick={() => remove.mutate()}
                  data-action="remove-confirm"
                >
                  {t('admin_removeYes')}
                </button>
                <button
                  type="button"
                  autoFocus
                  onClick={() => {
                    setPanel('none');
                    remove.reset();
                  }}
                >
                  {t('admin_cancel')}
                </button>
              </span>
            ) : (
              <>
                <Refusable why={isSelf ? t('admin_selfDisable') : null}>
                  <button
                    type="button"
                    disabled={isSelf || busy}
                    onClick={() => update.mutate({ disabled: !u.disabled })}
                    data-action="toggle"
                    title={isSelf ? t('admin_selfDisable') : t(u.disabled ? 'admin_enableTitle' : 'admin_disableTitle')}
                  >
                    {t(u.disabled ? 'admin_enable' : 'admin_disable')}
                  </button>
                </Refusable>
                <Refusable why={isSelf ? t('admin_selfPassword') : null}>
                  <button
                    type="button"
                    disabled={isSelf || busy}
                    aria-expanded={panel === 'password'}
                    onClick={() => setPanel(panel === 'password' ? 'none' : 'password')}
                    title={isSelf ? t('admin_selfPassword') : t('admin_newPasswordTitle')}
                    data-action="password"
                  >
                    {t('admin_newPassword')}
                  </button>
                </Refusable>
                <Refusable why={isSelf ? t('admin_selfRemove') : null}>
                  <button
                    type="button"
                    className="danger"
                    disabled={isSelf || busy}
                    onClick={() => setPanel('remove')}
                    title={isSelf ? t('admin_selfRemove') : t('admin_removeTitle')}
                    data-action="remove"
                  >
                    {t('admin_remove')}
                  </button>
                </Refusable>
              </>
            )}
          </div>
        </td>
      </tr>
      {panel === 'password' && (
        <tr className="row-form">
          <td colSpan={7}>
            <PasswordForm
              username={u.username}
              onCancel={() => setPanel('none')}
              onSaved={(password, generated) => {
                setIssued(generated ? password : null);
                setPanel('saved');
              }}
            />
          </td>
        </tr>
      )}
      {panel === 'saved' && (
        <tr className="row-form">
          <td colSpan={7}>
            <IssuedPassword
              username={u.username}
              password={issued}
              created={false}
              onHide={() => {
                setIssued(null);
                setPanel('none');
              }}
            />
          </td>
        </tr>
      )}
      {error && (
        <tr className="row-error">
          <td colSpan={7}>
            <p className="error" role="alert">
              {u.username}: {accountError(t, error)}
            </p>
          </td>
        </tr>
      )}
    </>
  );
}

/** A new password for someone else's account; a generated one is shown once afterwards, like a one-time password. */
function PasswordForm({
  username,
  onCancel,
  onSaved,
}: {
  username: string;
  onCancel: () => void;
  onSaved: (password: string, generated: boolean) => void;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const id = useId();
  const [password, setPassword] = useState('');
  const [generated, setGenerated] = useState(false);
  const save = useMutation({
    mutationFn: () => adminApi.update(username, { password }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['admin'] });
      onSaved(password, generated);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password.length >= PASSWORD_MIN) save.mutate();
  };
  return (
    <form
      className="password-form"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
      data-form="password"
    >
      <label htmlFor={`${id}-password`}>
        {t('admin_passwordFor')} <b>{username}</b>
      </label>
      <div className="inline-form">
        {/* Shown as text: the admin passes it on, and must see what was generated. */}
        <input
          id={`${id}-password`}
          type="text"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          minLength={PASSWORD_MIN}
          maxLength={1000}
          required
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
            setGenerated(false);
          }}
          aria-describedby={`${id}-rule`}
          className="secret-input"
        />
        <button
          type="button"
          onClick={() => {
            setPassword(randomPassword());
            setGenerated(true);
          }}
          title={t('admin_generateTitle')}
          data-action="generate"
        >
          {t('admin_generate')}
        </button>
        <button type="submit" className="primary" disabled={save.isPending || password.length < PASSWORD_MIN}>
          {save.isPending ? t('admin_saving') : t('admin_setPassword')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('admin_cancel')}
        </button>
      </div>
      <p className="legend-note" id={`${id}-rule`}>
        {t('admin_passwordRule')}
        {password.length > 0 && password.length < PASSWORD_MIN && (
          <span className="short">
            {' '}
            {t('admin_passwordShort')} ({password.length}/{PASSWORD_MIN}).
          </span>
        )}
      </p>
      {save.error && (
        <p className="error" role="alert">
          {accountError(t, save.error)}
        </p>
      )}
    </form>
  );
}

/** A password the admin must pass on, shown this once with a copy button (without one: only that the password is set). */
function IssuedPassword({
  username,
  password,
  created,
  onHide,
}: {
  username: string;
  password: string | null;
  created: boolean;
  onHide: () => void;
}) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const hide = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    setCopied(null);
    (input.current ?? hide.current)?.focus();
  }, [password]);
  const copy = async () => {
    input.current?.select();
    try {
      await navigator.clipboard.writeText(password!);
      setCopied('yes');
    } catch {
      // Without the clipboard API (an insecure origin, a denied permission) the selection is left for Ctrl+C.
      setCopied(document.execCommand?.('copy') ? 'yes' : 'failed');
    }
  };
  const heading = created ? t('admin_created') : t('admin_passwordSet');
  return (
    <div className="issued" role="status" data-issued={username}>
      <p className="issued-head">
        <b>
          {heading}: {username}.
        </b>
        {!created && <> {t('admin_passwordSetNote')}</>}
      </p>
      {password && (
        <>
          <div className="issued-line">
            <label>
              <span>
                {created ? t('admin_oneTimeTitle') : t('admin_passwordFor')} {username}
              </span>
              <input
                ref={input}
                readOnly
                value={password}
                onFocus={(e) => e.target.select()}
                className="secret-input"
                data-one-time-password
                spellCheck={false}
              />
            </label>
            <button type="button" className="primary" onClick={copy} data-action="copy">
              {t('admin_copy')}
            </button>
            {copied && (
              <span className={copied === 'yes' ? 'done' : 'error'}>
                {t(copied === 'yes' ? 'admin_copied' : 'admin_copyFailed')}
              </span>
            )}
          </div>
          <p className="legend-note">{t(created ? 'admin_oneTimeNote' : 'admin_resetNote')}</p>
        </>
      )}
      <div className="buttons">
        <button type="button" ref={hide} onClick={onHide}>
          {t('admin_hide')}
        </button>
      </div>
    </div>
  );
}

function CreateAccount() {
  const { t } = useI18n();
  const client = useQueryClient();
  const id = useId();
  const [form, setForm] = useState<{ username: string; role: Role; password: string }>({
    username: '',
    role: 'viewer',
    password: '',
  });
  const [done, setDone] = useState<{ username: string; oneTimePassword: string | null } | null>(null);
  // New inputs after each account: an emptied required field is not marked invalid before it is touched again.
  const [round, setRound] = useState(0);
  const create = useMutation({
    mutationFn: () =>
      adminApi.create({
        username: form.username.trim(),
        role: form.role,
        ...(form.password ? { password: form.password } : {}),
      }),
    onSuccess: async (r) => {
      await client.invalidateQueries({ queryKey: ['admin'] });
      setForm({ username: '', role: form.role, password: '' });
      setDone({ username: r.username, oneTimePassword: r.oneTimePassword });
      setRound(round + 1);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    if (form.username.trim()) create.mutate();
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby={`${id}-title`} data-form="create">
      <h3 id={`${id}-title`}>{t('admin_create')}</h3>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('admin_createName')}</label>
        <input
          key={round}
          id={`${id}-name`}
          required
          autoComplete="off"
          spellCheck={false}
          maxLength={100}
          pattern={USERNAME_PATTERN}
          title={t('admin_createNameRule')}
          value={form.username}
          onChange={(e) => setForm({ ...form, username: e.target.value })}
          aria-describedby={`${id}-name-rule`}
          data-field="username"
        />
        <span className="legend-note" id={`${id}-name-rule`}>
          {t('admin_createNameRule')}
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-role`}>{t('admin_createRole')}</label>
        <select
          id={`${id}-role`}
          value={form.role}
          onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
          data-field="role"
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role_${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>{t('admin_createPassword')}</label>
        <input
          key={round}
          id={`${id}-password`}
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN}
          maxLength={1000}
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
          aria-describedby={`${id}-password-rule`}
          data-field="password"
        />
        <span className="legend-note" id={`${id}-password-rule`}>
          {t('admin_createPasswordNote')}
        </span>
      </div>
      {create.error && (
        <p className="error" role="alert">
          {accountError(t, create.error, form.username.trim())}
        </p>
      )}
      <div className="buttons">
        <button type="submit" className="primary" disabled={create.isPending || !form.username.trim()}>
          {create.isPending ? t('admin_saving') : t('admin_createButton')}
        </button>
      </div>
      {done &&
        (done.oneTimePassword ? (
          <IssuedPassword
            username={done.username}
            password={done.oneTimePassword}
            created
            onHide={() => setDone(null)}
          />
        ) : (
          <p className="done" role="status">
            {t('admin_created')}: {done.username}
          </p>
        ))}
    </form>
  );
}

function RoleLegend() {
  const { t } = useI18n();
  return (
    <section className="role-legend" aria-labelledby="admin-roles">
      <h3 id="admin-roles">{t('admin_roles')}</h3>
      <p className="legend-note">{t('admin_rolesNote')}</p>
      <dl>
        {ROLES.map((r) => (
          <div key={r} data-role={r}>
            <dt>{t(`role_${r}`)}</dt>
            <dd>{t(`admin_roleDesc_${r}`)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function resultOf(t: Translator, status: number): { text: string; kind: 'ok' | 'refused' | 'failed' | 'cli' } {
  if (status === 0) return { text: t('admin_resultCli'), kind: 'cli' };
  if (status >= 200 && status < 300) return { text: t('admin_resultOk'), kind: 'ok' };
  if (status < 500) return { text: `${t('admin_resultRefused')} (${status})`, kind: 'refused' };
  return { text: `${t('admin_resultFailed')} (${status})`, kind: 'failed' };
}

/** The figures an event carries (server/audit.ts `counts`), each a count with its noun: «34 связи». */
const countsText = (t: Translator, counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([k, v]) => {
      const key = `count_${k}`;
      return t.has(key) ? t(key as PluralKey, { count: v }) : `${k}: ${t.num(v)}`;
    })
    .join(', ');

/** The audit trail's action codes (server/audit.ts), in the order the filter lists them. */
const ACTIONS = [
  'import',
  'import-dry-run',
  'import-cancel',
  'dataset-remove',
  'scenario-create',
  'scenario-update',
  'scenario-delete',
  'view-save',
  'view-delete',
  'user-create',
  'user-update',
  'user-delete',
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'password-change',
] as const;

/** What an account change changed (server/audit.ts `changes`): `role:<role>`, disabled, enabled, password. */
function changeText(t: Translator, change: string): string {
  const [what, value] = change.split(':');
  const name = t.name('change', what);
  if (value === undefined) return name;
  return `${name} → ${(ROLES as readonly string[]).includes(value) ? t(`role_${value as Role}`) : value}`;
}

function AuditTrail({ user, setUser }: { user: string; setUser: (u: string) => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const id = useId();
  const [action, setAction] = useState('');
  const [since, setSince] = useState('');
  const [limit, setLimit] = useState(AUDIT_PAGE);
  const typedUser = useDebounced(user.trim(), 300);
  // Enter applies the typed name at once, without waiting for the pause.
  const [appliedUser, setAppliedUser] = useState(typedUser);
  useEffect(() => setAppliedUser(typedUser), [typedUser]);
  useEffect(() => setLimit(AUDIT_PAGE), [appliedUser, action, since]);
  const filter: AuditFilter = {
    user: appliedUser,
    action,
    since: since ? new Date(`${since}T00:00`).getTime() : null,
    limit,
  };
  const events = useQuery({
    queryKey: ['admin', 'audit', filter],
    queryFn: ({ signal }) => adminApi.audit(filter, signal),
    placeholderData: keepPreviousData,
  });
  const users = useQuery({ queryKey: USERS_KEY, queryFn: ({ signal }) => adminApi.users(signal) });
  const filtered = filter.user !== '' || action !== '' || filter.since !== null;
  const list = events.data?.events ?? [];
  const more = list.length >= limit && limit < AUDIT_MAX;
  return (
    <>
      <h2 id="admin-audit">{t('admin_audit')}</h2>
      <p className="legend-note">{t('admin_auditNote')}</p>
      <form
        className="audit-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setAppliedUser(user.trim());
        }}
        role="search"
        aria-label={t('admin_audit')}
      >
        <label className="field-inline">
          {t('admin_filterUser')}
          <input
            type="search"
            value={user}
            onChange={(e) => setUser(e.target.value)}
            list={`${id}-users`}
            placeholder={t('admin_filterUserHint')}
            maxLength={100}
            spellCheck={false}
            data-filter="user"
          />
        </label>
        <datalist id={`${id}-users`}>
          {users.data?.users.map((u) => (
            <option key={u.username} value={u.username} />
          ))}
          <option value="anonymous">{t('admin_anonymous')}</option>
        </datalist>
        <label className="field-inline">
          {t('admin_filterAction')}
          <select value={action} onChange={(e) => setAction(e.target.value)} data-filter="action">
            <option value="">{t('admin_filterAny')}</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t.name('action', a)}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          {t('admin_filterSince')}
          <input type="date" value={since} onChange={(e) => setSince(e.target.value)} data-filter="since" />
        </label>
        {filtered && (
          <button
            type="button"
            onClick={() => {
              setUser('');
              setAppliedUser('');
              setAction('');
              setSince('');
            }}
          >
            {t('admin_filterReset')}
          </button>
        )}
        <button
          type="button"
          onClick={() => client.invalidateQueries({ queryKey: ['admin', 'audit'] })}
          disabled={events.isFetching}
        >
          {t('admin_refresh')}
        </button>
        {events.isFetching && !events.isPending && (
          <span className="loading" role="status">
            {t('loading')}
          </span>
        )}
      </form>
      {events.isPending && (
        <p className="loading" role="status">
          {t('loading')}
        </p>
      )}
      {events.isError && (
        <p className="error" role="alert">
          {errorText(t, events.error)}
        </p>
      )}
      {events.data && list.length === 0 && (
        <p className="empty">{t(filtered ? 'admin_noEventsFiltered' : 'admin_noEvents')}</p>
      )}
      {list.length > 0 && (
        <div className="table-scroll">
          <table className="data-table audit" data-events={list.length} aria-busy={events.isFetching}>
            <thead>
              <tr>
                <th scope="col">{t('admin_colTime')}</th>
                <th scope="col">{t('admin_colUser')}</th>
                <th scope="col">{t('admin_colAction')}</th>
                <th scope="col">{t('admin_colTarget')}</th>
                <th scope="col">{t('admin_colResult')}</th>
                <th scope="col">{t('admin_colCounts')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((e) => {
                const result = resultOf(t, e.status);
                return (
                  <tr key={e.id} data-action={e.action} data-user={e.user}>
                    <td className="time">{dateTime(t, e.at, true)}</td>
                    <td>
                      {e.user === 'anonymous' ? (
                        <span title={t('admin_anonymousTitle')}>{t('admin_anonymous')}</span>
                      ) : (
                        e.user
                      )}
                    </td>
                    <td title={e.action}>
                      {t.name('action', e.action)}
                      {e.changes?.length > 0 && (
                        <span className="changes" data-changes={e.changes.join(' ')}>
                          : {e.changes.map((c) => changeText(t, c)).join(', ')}
                        </span>
                      )}
                    </td>
                    <td className="target">{e.target ?? '—'}</td>
                    <td className={`result ${result.kind}`} title={e.status ? `HTTP ${e.status}` : undefined}>
                      {result.text}
                    </td>
                    <td>{Object.keys(e.counts).length > 0 ? countsText(t, e.counts) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {list.length > 0 && (
        <div className="audit-more">
          <span className="legend-note">
            {t('admin_shown')}: {list.length}
          </span>
          {more && (
            <button
              type="button"
              onClick={() => setLimit(Math.min(AUDIT_MAX, limit + AUDIT_PAGE))}
              disabled={events.isFetching}
              data-action="more"
            >
              {t('admin_showMore')}
            </button>
          )}
          {list.length >= AUDIT_MAX && <span className="legend-note">{t('admin_atMost')}</span>}
        </div>
      )}
    </>
  );
}
