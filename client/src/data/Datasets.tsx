// The datasets the graph holds, with their counts, date and who loaded them; an editor removes one.
import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, getJson, sendJson, type SessionInfo } from '../api';
import { errorText } from '../Details';
import { ROLE_RANK } from '../Login';
import type { TextKey } from '../../../core/i18n';
import type { Dataset, DatasetKind, DatasetList, DatasetRemoval } from '../../../core/schemas';
import { useI18n, type Translator } from '../i18n';
import './datasets.css';

const KIND_TEXT: Record<DatasetKind, TextKey> = {
  seed: 'datasetsKindSeed',
  register: 'datasetsKindRegister',
  revexp: 'datasetsKindRevexp',
  headcount: 'datasetsKindHeadcount',
  file: 'datasetsKindFile',
};
const STATUS_TEXT: Record<Dataset['status'], TextKey> = {
  running: 'datasetsStatusRunning',
  completed: 'datasetsStatusCompleted',
  cancelled: 'datasetsStatusCancelled',
  failed: 'datasetsStatusFailed',
  removing: 'datasetsStatusRemoving',
};
/** Server refusals the list explains in the reader's language (others show the server's message). */
const ERROR_TEXT: Record<string, TextKey> = {
  dataset_not_found: 'datasetsErrorNotFound',
  dataset_running: 'datasetsErrorRunning',
  dataset_removing: 'datasetsErrorRemoving',
  import_running: 'datasetsErrorImportRunning',
  forbidden: 'datasetsEditorsOnly',
};

/** «2025-06-10» in the reader's language, as a calendar date (no time zone shift). */
const calendarDate = (t: Translator, iso: string) =>
  /^\d{4}-\d\d-\d\d$/.test(iso)
    ? t.date(Date.parse(`${iso}T00:00:00Z`), { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })
    : iso;

/** The name to show: the seed and the FNS datasets by their kind (their stored name is neutral), a user's files by theirs. */
function datasetName(t: Translator, d: Pick<Dataset, 'id' | 'kind' | 'name' | 'stateDate'>): string {
  const suffix = d.id.includes(':') ? d.id.slice(d.id.indexOf(':') + 1) : '';
  switch (d.kind) {
    case 'seed':
      return t('datasetsNameSeed');
    case 'register':
      return t('datasetsNameRegister', { date: calendarDate(t, d.stateDate ?? suffix) });
    case 'revexp':
      return t('datasetsNameRevexp', { year: suffix || (d.stateDate ?? '').slice(0, 4) });
    case 'headcount':
      return t('datasetsNameHeadcount', { year: suffix || (d.stateDate ?? '').slice(0, 4) });
    default:
      return d.name;
  }
}

/** What a dataset counts, in words with their plural forms; only the non-zero counts. */
function contents(t: Translator, c: Dataset['counts']): string[] {
  return [
    c.enterprises > 0 && t('count_enterprises', { count: c.enterprises }),
    c.links > 0 && t('count_links', { count: c.links }),
    c.ties > 0 && t('datasetsCountTies', { count: c.ties }),
    c.clusters > 0 && t('count_clusters', { count: c.clusters }),
  ].filter((s): s is string => typeof s === 'string');
}

function removedWhat(t: Translator, r: DatasetRemoval): string[] {
  const d = r.deleted;
  return [
    d.enterprises > 0 && t('count_enterprises', { count: d.enterprises }),
    d.clusters > 0 && t('count_clusters', { count: d.clusters }),
    d.technoparks > 0 && t('datasetsCountTechnoparks', { count: d.technoparks }),
    d.supportOrgs > 0 && t('datasetsCountSupportOrgs', { count: d.supportOrgs }),
    d.relationships > 0 && t('datasetsCountRelationships', { count: d.relationships }),
  ].filter((s): s is string => typeof s === 'string');
}

function refusalText(t: Translator, error: unknown): string {
  if (error instanceof ApiError && ERROR_TEXT[error.code]) return t(ERROR_TEXT[error.code]);
  if (error instanceof ApiError && error.status === 403) return t('datasetsEditorsOnly');
  return errorText(t, error);
}

type Done = { name: string; removal: DatasetRemoval } | { name: string; error: unknown };

/** The list of datasets at the top of the Data view. */
export function Datasets() {
  const { t } = useI18n();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const session = useQuery({
    queryKey: ['auth-session'],
    queryFn: ({ signal }) => getJson<SessionInfo>('/api/auth/session', signal),
    staleTime: 60_000,
  });
  const mayRemove = !!session.data && ROLE_RANK[session.data.role] >= ROLE_RANK.editor;
  const list = useQuery({
    queryKey: ['datasets'],
    queryFn: ({ signal }) => getJson<DatasetList>('/api/datasets', signal),
    // A load or a removal under way (here or on another server) shows its end without a reload.
    refetchInterval: (q) =>
      q.state.data?.datasets.some((d) => d.status === 'running' || d.status === 'removing') ? 3_000 : 30_000,
  });
  const remove = useMutation({
    mutationFn: (d: Dataset) => sendJson<DatasetRemoval>('DELETE', `/api/datasets/${encodeURIComponent(d.id)}`),
    onSuccess: async (removal, d) => {
      setDone({ name: datasetName(t, d), removal });
      setConfirming(null);
      // Removed data changes every view's figures: the overview, the gaps, the imports, the graph.
      await client.invalidateQueries();
    },
    onError: (error, d) => {
      setDone({ name: datasetName(t, d), error });
      setConfirming(null);
      void client.invalidateQueries({ queryKey: ['datasets'] });
    },
  });
  const removing = remove.isPending ? remove.variables : undefined;

  return (
    <section className="panel datasets-panel" aria-labelledby="datasets-title" data-datasets>
      <h2 id="datasets-title">{t('datasetsTitle')}</h2>
      <p className="legend-note">{t('datasetsIntro')}</p>
      {removing && (
        <p className="loading" role="status" data-removing>
          {t('datasetsRemoving', { name: datasetName(t, removing) })}
          <progress aria-label={t('datasetsRemoving', { name: datasetName(t, removing) })} />
        </p>
      )}
      {done && !removing && <Outcome done={done} />}
      {list.isPending && (
        <p className="loading" role="status">
          {t('loading')}
        </p>
      )}
      {list.isError && (
        <p className="error" role="alert">
          {t('datasetsLoadFailed')}: {errorText(t, list.error)}
        </p>
      )}
      {list.data && list.data.datasets.length === 0 && (
        <p className="empty" data-datasets-empty>
          {t('datasetsEmpty')}
        </p>
      )}
      {list.data && list.data.datasets.length > 0 && (
        <table className="data-table datasets">
          <thead>
            <tr>
              <th scope="col">{t('datasetsName')}</th>
              <th scope="col">{t('datasetsKind')}</th>
              <th scope="col">{t('datasetsStateDate')}</th>
              <th scope="col">{t('datasetsContents')}</th>
              <th scope="col">{t('datasetsStatus')}</th>
              <th scope="col">{t('datasetsLoaded')}</th>
              {mayRemove && (
                <th scope="col">
                  <span className="visually-hidden">{t('datasetsActions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {list.data.datasets.map((d) => (
              <DatasetRow
                key={d.id}
                dataset={d}
                mayRemove={mayRemove}
                busy={!!removing}
                confirming={confirming === d.id}
                onAsk={() => {
                  setDone(null);
                  setConfirming(d.id);
                }}
                onCancel={() => setConfirming(null)}
                onRemove={() => remove.mutate(d)}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function DatasetRow({
  dataset: d,
  mayRemove,
  busy,
  confirming,
  onAsk,
  onCancel,
  onRemove,
}: {
  dataset: Dataset;
  mayRemove: boolean;
  busy: boolean;
  confirming: boolean;
  onAsk: () => void;
  onCancel: () => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const name = datasetName(t, d);
  const what = contents(t, d.counts);
  const ask = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  // Back from the confirmation (cancelled or refused), the keyboard returns to the row's button.
  useEffect(() => {
    if (wasConfirming.current && !confirming) ask.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  const unremovable = d.status === 'running' || d.status === 'removing';
  return (
    <>
      <tr data-dataset={d.id} data-status={d.status}>
        <th scope="row" className="dataset-name">
          {name}
          {/* An FNS dataset's file name (the seed's stored name is not the reader's language). */}
          {d.kind !== 'file' && d.kind !== 'seed' && d.name !== name && <div className="hint">{d.name}</div>}
        </th>
        <td>{t(KIND_TEXT[d.kind] ?? 'datasetsKindFile')}</td>
        <td>{d.stateDate ? calendarDate(t, d.stateDate) : '—'}</td>
        <td data-field="counts">
          {what.length > 0 ? what.join(', ') : <span className="hint">{t('datasetsNothing')}</span>}
        </td>
        <td>
          <span className={`dataset-status ${d.status}`}>{t(STATUS_TEXT[d.status])}</span>
        </td>
        <td>
          {d.loadedAt == null ? '—' : t.date(d.loadedAt)}
          {d.loadedBy && <div className="hint">{d.loadedBy}</div>}
        </td>
        {mayRemove && (
          <td className="dataset-actions">
            <button
              ref={ask}
              type="button"
              className="danger"
              disabled={busy || unremovable || confirming}
              aria-expanded={confirming}
              aria-controls={`dataset-confirm-${d.id}`}
              title={t('datasetsRemoveTitle', { name })}
              aria-label={t('datasetsRemoveTitle', { name })}
              onClick={onAsk}
              data-action="remove"
            >
              {t('datasetsRemove')}
            </button>
          </td>
        )}
      </tr>
      {confirming && (
        <tr className="dataset-confirm-row">
          <td colSpan={7}>
            <div
              id={`dataset-confirm-${d.id}`}
              className="dataset-confirm"
              role="alertdialog"
              aria-labelledby={`dataset-confirm-text-${d.id}`}
              onKeyDown={(e) => {
                if (e.key === 'Escape') onCancel();
              }}
            >
              <p id={`dataset-confirm-text-${d.id}`}>
                {what.length > 0
                  ? t('datasetsRemoveConfirm', { name, what: what.join(', ') })
                  : t('datasetsRemoveConfirmEmpty', { name })}
              </p>
              <div className="buttons">
                <button
                  type="button"
                  className="danger"
                  disabled={busy}
                  onClick={onRemove}
                  data-action="remove-confirm"
                >
                  {t('datasetsRemoveYes')}
                </button>
                <button type="button" autoFocus disabled={busy} onClick={onCancel} data-action="remove-cancel">
                  {t('datasetsCancel')}
                </button>
              </div>
            </div>
          </td>
        </tr>
      )}
    </>
  );
}

/** What the last removal did, or why it was refused. */
function Outcome({ done }: { done: Done }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  // The removed row took the keyboard's focus with it: the outcome takes it.
  useEffect(() => box.current?.focus(), [done]);
  if ('error' in done)
    return (
      <p className="error" role="alert" data-remove-error>
        {refusalText(t, done.error)}
      </p>
    );
  const { removal } = done;
  const what = removedWhat(t, removal);
  return (
    <div className="dataset-outcome" role="status" tabIndex={-1} ref={box} data-removed={removal.id}>
      <p className="ok">
        {t('datasetsRemoved', { name: done.name })}{' '}
        {what.length > 0 ? t('datasetsRemovedDeleted', { what: what.join(', ') }) : t('datasetsRemovedNothing')}
      </p>
      {(removal.kept.nodes > 0 || removal.figures > 0) && (
        <p className="hint">
          {[
            removal.kept.nodes > 0 && t('datasetsCountKept', { count: removal.kept.nodes }),
            removal.figures > 0 && t('datasetsCountFigures', { count: removal.figures }),
          ]
            .filter(Boolean)
            .join('; ')}
        </p>
      )}
      {'error' in removal.aggregate && (
        <p className="note">{t('datasetsRemovedAggregateFailed', { error: removal.aggregate.error })}</p>
      )}
    </div>
  );
}
