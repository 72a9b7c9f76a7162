import { useEffect, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, SIGNED_OUT_EVENT, api, csrf, getJson, sendJson } from '../api';
import { errorText } from '../Details';
import type { TextKey } from '../../../core/i18n';
import { useI18n, type Translator } from '../i18n';
import { COLUMNS, type FileKind } from '../../../core/import-columns';
import type {
  ImportAggregate,
  ImportReport,
  ImportRun,
  ImportRuns,
  RegisterJob,
  RegisterJobs,
  RegisterReport,
} from '../../../core/schemas';
import { Datasets } from './Datasets';
import './data.css';

type Phase = { step: 'idle' } | { step: 'upload'; percent: number } | { step: 'server' };
type Outcome = { report: ImportReport & { aggregate?: ImportAggregate } } | { error: ApiError | Error };

const KIND_TEXT: Record<FileKind, TextKey> = {
  enterprises: 'kindEnterprises',
  links: 'kindLinks',
  clusters: 'kindClusters',
};
const STATUS_TEXT: Record<ImportRun['status'], TextKey> = {
  running: 'runRunning',
  completed: 'runCompleted',
  failed: 'runFailed',
  interrupted: 'runInterrupted',
};

/**
 * Sends the files as POST /api/import does from a browser, reporting the upload's progress (which
 * fetch cannot); the answer is the import report (200 or 422) or an ApiError.
 */
function upload(
  files: File[],
  dryRun: boolean,
  t: Translator,
  onProgress: (p: Phase) => void,
): Promise<ImportReport & { aggregate?: ImportAggregate }> {
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  return send(`/api/import?dryRun=${dryRun}&lang=${t.lang}`, form, [200, 422], t, onProgress);
}

/** Sends an FNS archive to POST /api/import/register: the answer is the job started (202). */
function uploadArchive(
  file: File,
  options: { regions: string; chains: string[]; dryRun: boolean },
  t: Translator,
  onProgress: (p: Phase) => void,
): Promise<RegisterJob> {
  const form = new FormData();
  form.append('file', file, file.name);
  const query = new URLSearchParams({ dryRun: String(options.dryRun), lang: t.lang });
  if (options.regions.trim()) query.set('regions', options.regions.trim());
  if (options.chains.length > 0) query.set('chains', options.chains.join(','));
  return send(`/api/import/register?${query}`, form, [202], t, onProgress);
}

function send<T>(url: string, form: FormData, ok: number[], t: Translator, onProgress: (p: Phase) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('x-csrf-token', csrf());
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress({ step: 'upload', percent: Math.round((e.loaded / e.total) * 100) });
    };
    xhr.upload.onload = () => onProgress({ step: 'server' });
    xhr.onerror = () => reject(new ApiError(0, 'network', t('uploadNetworkError')));
    xhr.onload = () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: the status line says enough */
      }
      if (ok.includes(xhr.status)) return resolve(body as unknown as T);
      if (xhr.status === 401) window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
      reject(
        new ApiError(
          xhr.status,
          String(body.error ?? 'http'),
          String(body.message ?? xhr.statusText),
          body.reason as string | undefined,
        ),
      );
    };
    xhr.send(form);
  });
}

const ENCODINGS: Record<string, string> = { 'utf-8': 'UTF-8', 'windows-1251': 'Windows-1251', xlsx: 'XLSX' };
const time = (t: Translator, ms: number | null) => (ms == null ? '—' : t.date(ms));
const count = (t: Translator, n: number | null | undefined) => (n == null ? '—' : t.num(n));
const seconds = (t: Translator, ms: number) => t('secondsN', { n: t.num(ms / 1000, { maximumFractionDigits: 1 }) });
const size = (t: Translator, bytes: number) =>
  bytes < 1024 * 1024
    ? t('sizeKb', { n: t.num(bytes / 1024, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) })
    : t('sizeMb', { n: t.num(bytes / 1024 / 1024, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) });

/** A part's name is long (prefix, date, GUID): its kind and its GUID's end say which it is. */
const shortPart = (name: string) => (name.length > 34 ? `${name.slice(0, 11)}…${name.slice(-17)}` : name);
const isZip = (f: File) => /\.zip$/i.test(f.name) || f.type === 'application/zip';
const timeLeft = (t: Translator, s: number) =>
  s >= 60
    ? t('registerMinutes', { m: Math.floor(s / 60), s: Math.round(s % 60) })
    : t('registerSeconds', { s: Math.round(s) });

/** Loading data: the import of files with their check first, and the imports run so far. */
export function DataView() {
  const { t } = useI18n();
  const client = useQueryClient();
  const [files, setFiles] = useState<File[]>([]);
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [dragging, setDragging] = useState(false);
  const [regions, setRegions] = useState('');
  const [chains, setChains] = useState<string[]>([]);
  const [jobId, setJobId] = useState<string | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const archive = files.length === 1 && isZip(files[0]) ? files[0] : null;
  const mixed = files.length > 1 && files.some(isZip);
  const reference = useQuery({
    queryKey: ['reference'],
    queryFn: ({ signal }) => api.reference(signal),
    staleTime: Infinity,
    enabled: archive !== null,
  });
  // A load of an FNS archive runs in the server: after a reload, its progress shows again.
  const jobs = useQuery({
    queryKey: ['import-jobs'],
    queryFn: ({ signal }) => getJson<RegisterJobs>('/api/import/jobs', signal),
    enabled: jobId === null,
  });
  useEffect(() => {
    const running = jobs.data?.jobs.find((j) => j.status === 'running');
    if (running && jobId === null) setJobId(running.id);
  }, [jobs.data, jobId]);
  const job = useQuery({
    queryKey: ['import-job', jobId],
    queryFn: ({ signal }) => getJson<RegisterJob>(`/api/import/jobs/${jobId}`, signal),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 1_000),
  });
  const jobRunning = jobId !== null && (!job.data || job.data.status === 'running');
  const finished = job.data && job.data.status !== 'running' ? job.data.id : null;
  useEffect(() => {
    // Written data changes every view's figures.
    if (finished) void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'import-job' });
  }, [finished, client]);
  const imports = useQuery({
    queryKey: ['imports'],
    queryFn: ({ signal }) => getJson<ImportRuns>('/api/imports?limit=20', signal),
    // While an import runs (here or on another server), its end shows without a reload.
    refetchInterval: (q) => (q.state.data?.lease || phase.step !== 'idle' || jobRunning ? 3_000 : 30_000),
  });

  const busy = phase.step !== 'idle' || jobRunning;
  const choose = (list: FileList | null) => {
    if (!list) return;
    setFiles([...list]);
    setOutcome(null);
    if (!jobRunning) setJobId(null);
  };
  const runArchive = async (file: File, dryRun: boolean) => {
    setOutcome(null);
    setJobId(null);
    setPhase({ step: 'upload', percent: 0 });
    try {
      const started = await uploadArchive(file, { regions, chains, dryRun }, t, setPhase);
      client.setQueryData(['import-job', started.id], started);
      setJobId(started.id);
    } catch (error) {
      setOutcome({ error: error as Error });
    } finally {
      setPhase({ step: 'idle' });
    }
  };
  const cancel = async () => {
    if (!jobId) return;
    try {
      client.setQueryData(['import-job', jobId], await sendJson<RegisterJob>('DELETE', `/api/import/jobs/${jobId}`));
    } catch (error) {
      setOutcome({ error: error as Error });
    }
  };
  const run = async (dryRun: boolean) => {
    if (files.length === 0 || busy || mixed) return;
    if (archive) return runArchive(archive, dryRun);
    setOutcome(null);
    setPhase({ step: 'upload', percent: 0 });
    try {
      const report = await upload(files, dryRun, t, setPhase);
      setOutcome({ report });
      // Written data changes every view's figures.
      if (report.ok && !report.dryRun) await client.invalidateQueries();
    } catch (error) {
      setOutcome({ error: error as Error });
    } finally {
      setPhase({ step: 'idle' });
      void client.invalidateQueries({ queryKey: ['imports'] });
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(true);
  };
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (!busy) choose(e.dataTransfer.files);
  };

  return (
    <main className="data-view">
      <Datasets />
      <section className="panel">
        <h2>{t('importTitle')}</h2>
        <p className="legend-note">{t('importIntro')}</p>
        {imports.data?.lease && !jobRunning && (
          <p className="note" role="status" data-lease>
            {t('importRunningElsewhere')}: {imports.data.lease.holder}, {t('since')}{' '}
            {time(t, Date.parse(imports.data.lease.since))}
          </p>
        )}
        <form onSubmit={submit}>
          <div
            className={`drop-zone${dragging ? ' dragging' : ''}`}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={drop}
          >
            {/* The browser's own file button speaks the browser's language; this label speaks ours. */}
            <label className={`button choose${busy ? ' disabled' : ''}`}>
              {t('importChoose')}
              <input
                ref={picker}
                className="visually-hidden"
                type="file"
                multiple
                accept=".csv,.txt,.xlsx,.zip,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/zip"
                disabled={busy}
                onChange={(e) => choose(e.target.files)}
                data-import-files
              />
            </label>
            <p className="hint">{t('importDrop')}</p>
          </div>
          {files.length > 0 && (
            <ul className="chosen-files">
              {files.map((f) => (
                <li key={f.name}>
                  {f.name} <span className="hint">{size(t, f.size)}</span>
                </li>
              ))}
            </ul>
          )}
          <p className="hint">{t('registerNote')}</p>
          {mixed && (
            <p className="error" role="alert">
              {t('registerOneZip')}
            </p>
          )}
          {archive && (
            <fieldset className="register-options" disabled={busy} data-register-options>
              <label>
                {t('registerRegions')}{' '}
                <input
                  type="text"
                  value={regions}
                  onChange={(e) => setRegions(e.target.value)}
                  placeholder="11, 29"
                  inputMode="numeric"
                  data-register-regions
                />
              </label>
              <span className="hint">{t('registerRegionsHint')}</span>
              <div className="register-chains">
                <span>{t('registerChains')}:</span>
                {(reference.data?.chains ?? []).map((c) => (
                  <label key={c.id}>
                    <input
                      type="checkbox"
                      checked={chains.includes(c.id)}
                      onChange={(e) =>
                        setChains((list) => (e.target.checked ? [...list, c.id] : list.filter((x) => x !== c.id)))
                      }
                      data-register-chain={c.id}
                    />{' '}
                    {t.pick(c)}
                  </label>
                ))}
                {chains.length === 0 && <span className="hint">({t('registerChainsAll')})</span>}
              </div>
            </fieldset>
          )}
          <div className="import-actions">
            <button type="submit" disabled={files.length === 0 || busy || mixed} data-import-check>
              {t('importCheck')}
            </button>
            <button
              type="button"
              className="primary"
              disabled={files.length === 0 || busy || mixed}
              onClick={() => void run(false)}
              data-import-run
            >
              {t('importRun')}
            </button>
            {files.length > 0 && !busy && (
              <button
                type="button"
                className="link"
                onClick={() => {
                  setFiles([]);
                  setOutcome(null);
                  if (picker.current) picker.current.value = '';
                }}
              >
                {t('importClear')}
              </button>
            )}
          </div>
        </form>
        {phase.step === 'upload' && (
          <div role="status" className="loading">
            {t('importUploading')} {phase.percent}%
            <progress max={100} value={phase.percent} aria-label={t('importUploading')} />
          </div>
        )}
        {phase.step === 'server' && (
          <p role="status" className="loading">
            {t('importWorking')}
          </p>
        )}
        {jobId && job.data && <RegisterJobView job={job.data} onCancel={() => void cancel()} />}
        {outcome && <Outcome outcome={outcome} />}
        <details className="columns-help">
          <summary>{t('importColumns')}</summary>
          <table className="data-table">
            <thead>
              <tr>
                <th>{t('importFileKind')}</th>
                <th>{t('columnsRequired')}</th>
                <th>{t('columnsOptional')}</th>
              </tr>
            </thead>
            <tbody>
              {(['enterprises', 'links', 'clusters'] as FileKind[]).map((k) => (
                <tr key={k}>
                  <td>{t(KIND_TEXT[k])}</td>
                  <td>
                    <code>{COLUMNS[k].required.join(', ')}</code>
                  </td>
                  <td>
                    <code>{COLUMNS[k].optional.join(', ')}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">{t('columnsOptionalHint')}</p>
          <h3 className="column-aliases-title">{t('columnsAliases')}</h3>
          <p className="hint">{t('columnsAliasesHint')}</p>
          {(['enterprises', 'links', 'clusters'] as FileKind[]).map((k) => (
            <div key={k} className="column-aliases">
              <b>{t(KIND_TEXT[k])}</b>
              <ul>
                {Object.entries(COLUMNS[k].aliases).map(([column, names]) => (
                  <li key={column}>
                    <code>{column}</code> — {names.map((n) => `«${n}»`).join(', ')}
                  </li>
                ))}
              </ul>
            </div>
          ))}
          <p className="hint">{t('importRules')}</p>
        </details>
      </section>
      <section className="panel">
        <h2>{t('importHistory')}</h2>
        {imports.isPending && (
          <p className="loading" role="status">
            {t('loading')}
          </p>
        )}
        {imports.isError && (
          <p className="error" role="alert">
            {errorText(t, imports.error)}
          </p>
        )}
        {imports.data && imports.data.runs.length === 0 && <p className="empty">{t('importHistoryEmpty')}</p>}
        {imports.data && imports.data.runs.length > 0 && (
          <>
            <table className="data-table import-runs">
              <thead>
                <tr>
                  <th>{t('importStarted')}</th>
                  <th>{t('importWho')}</th>
                  <th>{t('importFiles')}</th>
                  <th>{t('importStatus')}</th>
                  <th className="num">{t('kindEnterprises')}</th>
                  <th className="num">{t('kindLinks')}</th>
                  <th className="num">{t('kindClusters')}</th>
                  <th className="num">{t('importDuration')}</th>
                </tr>
              </thead>
              <tbody>
                {imports.data.runs.map((r) => (
                  <tr key={r.id} data-run={r.status}>
                    <td>{time(t, r.startedAt)}</td>
                    <td>{r.user ?? '—'}</td>
                    <td>{r.files.join(', ')}</td>
                    <td>
                      {r.status === 'failed' && r.error === 'cancelled' ? (
                        <span className="run-status interrupted">{t('registerRunCancelled')}</span>
                      ) : (
                        <>
                          <span className={`run-status ${r.status}`}>{t(STATUS_TEXT[r.status])}</span>
                          {r.error && <div className="hint">{r.error}</div>}
                        </>
                      )}
                    </td>
                    <td className="num">{count(t, r.enterprises)}</td>
                    <td className="num">{count(t, r.links)}</td>
                    <td className="num">{count(t, r.clusters)}</td>
                    <td className="num">
                      {r.startedAt != null && r.finishedAt != null ? seconds(t, r.finishedAt - r.startedAt) : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ul className="run-legend" aria-label={t('importStatus')}>
              {(Object.keys(STATUS_TEXT) as ImportRun['status'][]).map((s) => (
                <li key={s}>
                  <span className={`run-status ${s}`}>{t(STATUS_TEXT[s])}</span>{' '}
                  {t(`${STATUS_TEXT[s]}Means` as TextKey)}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </main>
  );
}

/** What the server said: the errors by file, row and column, or what was written. */
function Outcome({ outcome }: { outcome: Outcome }) {
  const { t } = useI18n();
  if ('error' in outcome)
    return (
      <p className="error" role="alert" data-import-error>
        {errorText(t, outcome.error)}
      </p>
    );
  const { report } = outcome;
  return (
    <div className="import-outcome" data-import-outcome={report.ok ? 'ok' : 'rejected'}>
      {report.ok && report.dryRun && (
        <p className="ok" role="status">
          {t('importCheckOk')}
        </p>
      )}
      {report.ok && !report.dryRun && (
        <p className="ok" role="status">
          {t('importDone')}: {t('count_enterprises', { count: report.written.enterprises })},{' '}
          {t('count_links', { count: report.written.links })}, {t('count_clusters', { count: report.written.clusters })}{' '}
          ({seconds(t, report.durationMs)})
        </p>
      )}
      {report.aggregate && 'error' in report.aggregate && (
        <p className="note">
          {t('importAggregateFailed')}: {report.aggregate.error}
        </p>
      )}
      {!report.ok && (
        <p className="error" role="alert">
          {t('importRejected', { errors: t('count_errors', { count: report.errorCount }) })}
        </p>
      )}
      {report.files.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th>{t('importFile')}</th>
              <th>{t('importFileKind')}</th>
              <th className="num">{t('importRows')}</th>
              <th>{t('importEncoding')}</th>
            </tr>
          </thead>
          <tbody>
            {report.files.map((f) => (
              <tr key={f.file}>
                <td>{f.file}</td>
                <td>{f.kind ? t(KIND_TEXT[f.kind]) : t('importKindUnknown')}</td>
                <td className="num">{count(t, f.rows)}</td>
                <td>
                  {[
                    f.encoding && (ENCODINGS[f.encoding] ?? f.encoding),
                    f.delimiter && `«${f.delimiter === '\t' ? 'Tab' : f.delimiter}»`,
                  ]
                    .filter(Boolean)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.errors.length > 0 && (
        <table className="data-table import-errors" data-import-errors>
          <thead>
            <tr>
              <th>{t('importFile')}</th>
              <th className="num">{t('importRow')}</th>
              <th>{t('importColumn')}</th>
              <th>{t('importProblem')}</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.map((e, i) => (
              <tr key={i}>
                <td>{e.file}</td>
                <td className="num">{e.row ?? ''}</td>
                <td>{e.column ? <code>{e.column}</code> : ''}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** A load of an FNS archive in the server: its progress with a cancel button, then its report. */
function RegisterJobView({ job, onCancel }: { job: RegisterJob; onCancel: () => void }) {
  const { t } = useI18n();
  if (job.status !== 'running')
    return job.report ? (
      <RegisterOutcome report={job.report} />
    ) : (
      <p className="error" role="alert" data-register-outcome={job.status}>
        {t(`registerStatus_${job.status}`)}
        {job.error && `: ${errorText(t, new ApiError(500, job.error.error, job.error.message))}`}
      </p>
    );
  const p = job.progress;
  const fraction = p && p.totalBytes > 0 ? Math.min(1, p.bytes / p.totalBytes) : 0;
  return (
    <div className="register-progress" role="status" data-register-progress>
      <div className="register-progress-head">
        <b>{t(job.dryRun ? 'registerChecking' : 'registerRunning')}</b> {job.file}
        {p && <span className="hint"> — {t(`registerPhase_${p.phase}`)}</span>}
      </div>
      <progress max={1} value={fraction} aria-label={t(job.dryRun ? 'registerChecking' : 'registerRunning')} />
      {p && (
        <div className="register-figures">
          <span data-register-documents={p.documents}>
            {t('registerDocuments', { count: p.documents })}
            {p.declaredDocuments ? ` / ~${t.num(p.declaredDocuments)}` : ''}
          </span>
          <span>{t('registerParts', { count: p.parts })}</span>
          <span>{t('registerRate', { n: t.num(p.rate) })}</span>
          <span>
            {p.phase !== 'reading'
              ? t(`registerPhase_${p.phase}`)
              : p.etaSeconds === null
                ? t('registerEtaUnknown')
                : t('registerEta', { time: timeLeft(t, p.etaSeconds) })}
          </span>
        </div>
      )}
      {job.cancelRequested ? (
        <p className="hint">{t('registerCancelling')}</p>
      ) : (
        <button type="button" onClick={onCancel} data-register-cancel>
          {t('registerCancel')}
        </button>
      )}
    </div>
  );
}

/** What a load of an FNS archive did: its counts and the documents it set aside. */
function RegisterOutcome({ report }: { report: RegisterReport }) {
  const { t } = useI18n();
  const c = report.counts;
  const rows: [string, number][] =
    report.kind === 'register'
      ? [
          [t('registerDocumentsRead'), c.documents],
          [t('registerFiltered'), c.filtered],
          [t('registerCreated'), c.created],
          [t('registerUpdated'), c.updated],
          [t('registerTies'), c.ties],
          [t('registerCustomers'), c.customers],
          ...(report.status === 'completed' && !report.dryRun
            ? ([[t('registerLeft'), c.leftRegister]] as [string, number][])
            : []),
        ]
      : [
          [t('registerDocumentsRead'), c.documents],
          [t('registerMatched'), c.matched],
          [t('registerUnmatched'), c.unmatched],
          [t('registerFiguresWritten'), c.enterprises],
          [t('registerKept'), c.kept],
        ];
  const ok = report.status === 'completed';
  return (
    <div className="import-outcome register-outcome" data-register-outcome={report.status}>
      <p className={ok ? 'ok' : 'error'} role={ok ? 'status' : 'alert'}>
        {report.dryRun && ok ? t('registerDryRunDone') : t(`registerStatus_${report.status}`)}
        {report.error && `: ${report.error}`} ({seconds(t, report.durationMs)})
      </p>
      <p>
        {report.kind && <b>{t(`registerKind_${report.kind}`)}</b>} · {report.file}
        {report.stateDate && (
          <>
            {' '}
            · {t('registerStateDate')} {report.stateDate}
          </>
        )}
        {report.datasetId && (
          <>
            {' '}
            · {t('registerDataset')} <code>{report.datasetId}</code>
          </>
        )}
      </p>
      <table className="data-table register-counts" data-register-counts>
        <tbody>
          {rows.map(([label, n]) => (
            <tr key={label}>
              <td>{label}</td>
              <td className="num">{t.num(n)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.setAsideCount > 0 && (
        <>
          <h3>
            {t('registerSetAsideTitle')}: {t('registerSetAside', { count: report.setAsideCount })}
            {report.setAside.length < report.setAsideCount && (
              <span className="hint">
                {' '}
                (
                {t('registerSetAsideMore', {
                  shown: t.num(report.setAside.length),
                  total: t.num(report.setAsideCount),
                })}
                )
              </span>
            )}
          </h3>
          <table className="data-table import-errors register-set-aside" data-register-set-aside>
            <thead>
              <tr>
                <th>{t('registerPart')}</th>
                <th className="num">{t('registerDocIndex')}</th>
                <th>{t('registerReason')}</th>
              </tr>
            </thead>
            <tbody>
              {report.setAside.map((s, i) => (
                <tr key={i}>
                  <td className="part-name" title={s.part}>
                    {shortPart(s.part)}
                    {s.docId && (
                      <div className="hint" title={t('registerDocId')}>
                        {s.docId}
                      </div>
                    )}
                  </td>
                  <td className="num">{s.index || ''}</td>
                  <td>{s.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
