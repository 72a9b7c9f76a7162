// Saved views of the explorer (server/views.ts): name the current view — its URL hash restores it —
// keep it for yourself or share it with the team, and open or delete saved ones.
import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, sendJson } from '../api';
import { errorText } from '../Details';
import { useI18n } from '../i18n';

interface SavedView {
  id: string;
  name: string;
  owner: string;
  shared: boolean;
  hash: string;
  createdAt: number;
}

export function SavedViews({ username, isAdmin, disabled }: { username: string; isAdmin: boolean; disabled: boolean }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const views = useQuery({
    queryKey: ['views'],
    queryFn: ({ signal }) => getJson<{ views: SavedView[] }>('/api/views', signal),
    enabled: open,
  });
  const save = useMutation({
    mutationFn: () => sendJson<SavedView>('POST', '/api/views', { name: name.trim(), hash: location.hash, shared }),
    onSuccess: () => {
      setName('');
      client.invalidateQueries({ queryKey: ['views'] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => sendJson<null>('DELETE', `/api/views/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['views'] }),
  });
  useEffect(() => {
    if (!open) return;
    // Esc closes the panel wherever the focus is (a submit button disables itself after saving).
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) save.mutate();
  };
  return (
    <div className="saved-views">
      <button aria-expanded={open} onClick={() => setOpen(!open)} data-action="views">
        {t('savedViews')}
      </button>
      {open && (
        <div className="saved-views-panel" role="dialog" aria-label={t('savedViews')}>
          <form onSubmit={submit}>
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={200}
              placeholder={t('viewName')}
              aria-label={t('viewName')}
              disabled={disabled}
            />
            <label className="check">
              <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} /> {t('viewShared')}
            </label>
            <button type="submit" disabled={disabled || !name.trim() || save.isPending}>
              {t('viewSave')}
            </button>
          </form>
          {(save.error || remove.error) && (
            <p className="error" role="alert">
              {errorText(t, save.error ?? remove.error)}
            </p>
          )}
          {views.isPending && (
            <p className="loading" role="status">
              {t('loading')}
            </p>
          )}
          {views.isError && (
            <p className="error" role="alert">
              {errorText(t, views.error)}
            </p>
          )}
          {views.data && views.data.views.length === 0 && <p className="empty small">{t('noSavedViews')}</p>}
          <ul>
            {views.data?.views.map((v) => (
              <li key={v.id} data-view={v.id}>
                <a href={v.hash} onClick={() => setOpen(false)}>
                  {v.name}
                </a>
                <span className="legend-note">
                  {' '}
                  {v.owner === username ? t('viewMine') : v.owner}
                  {v.shared ? ` · ${t('viewSharedShort')}` : ''}
                </span>
                {(v.owner === username || isAdmin) && (
                  <button
                    className="link"
                    aria-label={t('remove')}
                    title={t('remove')}
                    onClick={() => remove.mutate(v.id)}
                  >
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
