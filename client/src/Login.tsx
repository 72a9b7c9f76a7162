// Sign-in, the signed-in user's menu and the password change (server/auth.ts). The session
// cookie is HttpOnly: the page never sees it; it keeps only the CSRF token that changes need.
import { useState, type FormEvent } from 'react';
import { ApiError, sendJson, type SessionInfo } from './api';
import { errorText } from './Details';
import { useI18n, type Translator } from './i18n';

export const ROLE_RANK = { viewer: 0, planner: 1, editor: 2, admin: 3 } as const;

function loginError(t: Translator, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return t('loginWrong');
    if (error.status === 423)
      return error.lockedUntil
        ? `${t('loginLocked')} (${t('loginLockedUntil', { time: t.date(error.lockedUntil, { hour: '2-digit', minute: '2-digit' }) })})`
        : t('loginLocked');
    if (error.status === 429) return t('loginTooMany');
  }
  return errorText(t, error);
}

export function Login({ onSignedIn }: { onSignedIn: (s: SessionInfo) => void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await sendJson<SessionInfo>('POST', '/api/auth/login', { username, password }));
    } catch (err) {
      setError(loginError(t, err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <form className="panel login-form" onSubmit={submit} aria-labelledby="login-title">
        <h2 id="login-title">{t('loginTitle')}</h2>
        <p className="legend-note">{t('loginNote')}</p>
        <label>
          {t('loginUser')}
          <input
            autoFocus
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            maxLength={100}
          />
        </label>
        <label>
          {t('loginPassword')}
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            maxLength={1000}
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || !username || !password}>
          {busy ? t('loading') : t('loginButton')}
        </button>
      </form>
    </main>
  );
}

/** Asked right after signing in with a one-time password; also open from the user menu. */
export function ChangePassword({ onDone, onCancel }: { onDone: () => void; onCancel?: () => void }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next !== again) return setError(t('passwordMismatch'));
    try {
      await sendJson<null>('POST', '/api/auth/password', { current, next });
      onDone();
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  return (
    <form className="panel login-form" onSubmit={submit} aria-labelledby="password-title">
      <h2 id="password-title">{t('passwordTitle')}</h2>
      <label>
        {t('passwordCurrent')}
        <input
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          required
        />
      </label>
      <label>
        {t('passwordNew')}
        <input
          type="password"
          autoComplete="new-password"
          minLength={10}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          required
        />
      </label>
      <label>
        {t('passwordAgain')}
        <input
          type="password"
          autoComplete="new-password"
          minLength={10}
          value={again}
          onChange={(e) => setAgain(e.target.value)}
          required
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit">{t('passwordSave')}</button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

export function UserMenu({
  session,
  onSignOut,
  onPassword,
}: {
  session: SessionInfo;
  onSignOut: () => void;
  onPassword: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="user-menu" data-user={session.username}>
      <span title={t(`role_${session.role}`)}>
        {session.username} · {t(`role_${session.role}`)}
      </span>
      <button className="link" onClick={onPassword}>
        {t('passwordTitle')}
      </button>
      <button className="link" onClick={onSignOut} data-sign-out>
        {t('signOut')}
      </button>
    </div>
  );
}
