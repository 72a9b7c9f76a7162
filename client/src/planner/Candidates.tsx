// "Who could fill the gap": beside the chosen stage of the planner, the SMEs that could enter it in
// the region (then in the nearest regions), ranked by GET /api/gaps/candidates with every component
// of the score shown; each opens in the explorer or goes into a what-if scenario as the supplier of
// a contract; the list downloads as XLSX or PDF. The method is the answer's (server/gaps/candidates.ts).
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ApiError, getJson } from '../api';
import type { CandidateBuyer, CandidateReport } from '../../../core/schemas';
import { EMPTY_VIEW, viewHash } from '../../../core/view/url';
import { useI18n, type Translator } from '../i18n';
import './candidates.css';

type Candidate = CandidateReport['candidates'][number];

/** Rows asked for first, and added by "show more". */
const PAGE = 10;

const REFUSALS = {
  'unknown-region': 'candidatesError_unknownRegion',
  'unknown-chain': 'candidatesError_unknownChain',
  'unknown-stage': 'candidatesError_unknownStage',
  'stage-not-in-chain': 'candidatesError_stageNotInChain',
} as const;

/** What went wrong, in the reader's language. */
function candidatesErrorText(t: Translator, error: unknown): string {
  if (error instanceof ApiError) {
    const reason = REFUSALS[error.reason as keyof typeof REFUSALS];
    if (reason) return t(reason);
    if (error.status === 400) return t('candidatesError_badRequest');
    if (error.status === 403) return t('candidatesError_forbidden');
    if (error.status === 503) return t('candidatesError_unavailable');
    if (error.status === 504) return t('candidatesError_timeout');
  }
  return t('candidatesError_other');
}

const candidatesUrl = (path: string, q: { region: string; chain: string; stage: string }, extra = '') =>
  `${path}?region=${q.region}&chain=${encodeURIComponent(q.chain)}&stage=${encodeURIComponent(q.stage)}${extra}`;

/** The explorer with these enterprises on screen, one of them selected. */
const candidatesGraphLink = (ids: string[], selected: string | null = null) =>
  viewHash({
    ...EMPTY_VIEW,
    nodes: ids.map((id) => `enterprise:${id}`),
    selected: selected ? `enterprise:${selected}` : null,
  });

const REL_KEYS = {
  SUPPLIES: 'candidatesRel_SUPPLIES',
  IN_PROGRAMME: 'candidatesRel_IN_PROGRAMME',
  CONTRACT: 'candidatesRel_CONTRACT',
} as const;
const relName = (t: Translator, kind: string) => (kind in REL_KEYS ? t(REL_KEYS[kind as keyof typeof REL_KEYS]) : kind);

/** The symbols of the score's terms, as the method writes them. */
const SYMBOLS = { evidence: 'E', proximity: 'P', capacity: 'K', ties: 'T' } as const;

const num = (t: Translator, v: number, digits = 1) => t.num(v, { maximumFractionDigits: v >= 100 ? 0 : digits });

function Figure({
  label,
  value,
  unit,
  year,
}: {
  label: string;
  value: number | null;
  unit: string;
  year: number | null;
}) {
  const { t } = useI18n();
  return (
    <span className={`figure${value === null ? ' unknown' : ''}`}>
      {label}:{' '}
      {value === null ? (
        t('candidatesUnknown')
      ) : (
        <>
          <b>{num(t, value)}</b> {unit}
          {year !== null && <> {t('candidatesYear', { year: String(year) })}</>}
        </>
      )}
    </span>
  );
}

function Evidence({ c }: { c: Candidate }) {
  const { t } = useI18n();
  const e = c.evidence;
  const code = e.code ? (
    <>
      <code>{e.code}</code>
      {e.codeName && <> {t.pick({ name: e.codeName, nameEn: e.codeNameEn })}</>}
    </>
  ) : (
    <i>{t('candidatesNoCode')}</i>
  );
  return (
    <div className="evidence" title={t(`candidatesEvidenceHelp_${e.kind}`)}>
      <span className={`evidence-kind kind-${e.kind}`}>{t(`candidatesEvidence_${e.kind}`)}</span>{' '}
      {e.kind === 'adjacent' && (
        <>
          {t('candidatesQuoted', { text: t.pick({ name: e.stageName, nameEn: e.stageNameEn }) })}
          {e.direction && <> ({t(`candidatesDirection_${e.direction}`)})</>}:{' '}
        </>
      )}
      {code}
    </div>
  );
}

function Components({ c }: { c: Candidate }) {
  const { t } = useI18n();
  const parts = [
    ['evidence', c.components.evidence],
    ['proximity', c.components.proximity],
    ['capacity', c.components.capacity],
    ['ties', c.components.ties],
  ] as const;
  return (
    <div className="components" aria-label={t('candidatesScore')}>
      {parts.map(([key, term]) => (
        <span
          key={key}
          className={`component component-${key}`}
          data-component={key}
          title={`${t(`candidatesComp_${key}`)}: ${t.num(term.normalised, { maximumFractionDigits: 3 })} × ${t.num(100 * term.weight)}`}
        >
          {SYMBOLS[key]} {t.num(term.points, { maximumFractionDigits: 1 })}
          <span className="bar" style={{ width: `${Math.round(100 * term.normalised)}%` }} />
        </span>
      ))}
    </div>
  );
}

function Row({ c, onAdd, busy }: { c: Candidate; onAdd: ((c: Candidate) => void) | null; busy: boolean }) {
  const { t } = useI18n();
  return (
    <li className="candidate" data-candidate={c.id} data-evidence={c.evidence.kind} data-rank={c.rank}>
      <div className="candidate-head">
        <span className="rank">{c.rank}</span>
        <span className="candidate-name">
          <b>{t.pick(c)}</b>
          {c.inn && (
            <span className="inn">
              {' '}
              · {t('candidatesColInn')} {c.inn}
            </span>
          )}
        </span>
        <span className="score" data-score={c.score} title={t('candidatesScore')}>
          {t.num(c.score, { maximumFractionDigits: 1 })}
        </span>
      </div>
      <Evidence c={c} />
      <div className="candidate-figures">
        {c.inRegion ? (
          <span className="in-region">{t('candidatesInRegion')}</span>
        ) : (
          <span className="nearby">
            {t.pick({ name: c.regionName, nameEn: c.regionNameEn })},{' '}
            {t('candidatesDistance', { km: t.num(Math.round(c.distanceKm)) })}
          </span>
        )}
        <span className="category">{t.name('sizeCat', c.size)}</span>
        <Figure label={t('candidatesStaff')} value={c.employees} unit={t('candidatesPeople')} year={c.employeesYear} />
        <Figure label={t('candidatesRevenue')} value={c.revenueMlnRub} unit={t('mlnRub')} year={c.revenueYear} />
      </div>
      <div className="candidate-ties" data-partners={c.ties.partners}>
        {c.ties.partners === 0 ? (
          <span className="unknown">{t('candidatesNoTies')}</span>
        ) : (
          <>
            {t('candidatesTies', { count: c.ties.partners })}:{' '}
            {c.ties.list.map((p) => `${t.pick(p)} (${p.kinds.map((k) => relName(t, k)).join(', ')})`).join('; ')}
          </>
        )}
      </div>
      <div className="candidate-foot">
        <Components c={c} />
        <div className="candidate-actions">
          <a
            className="button small"
            href={candidatesGraphLink([c.id, ...c.ties.list.map((p) => p.id)], c.id)}
            data-action="candidate-graph"
          >
            {t('candidatesOpenGraph')}
          </a>
          {onAdd && (
            <button
              type="button"
              className="button small"
              disabled={busy}
              onClick={() => onAdd(c)}
              data-action="candidate-scenario"
            >
              {t('candidatesAddToScenario')}
            </button>
          )}
        </div>
      </div>
    </li>
  );
}

async function download(url: string): Promise<void> {
  const response = await fetch(url);
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new ApiError(response.status, body.error ?? 'http', body.message ?? response.statusText, body.reason);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? 'candidates');
  const blobUrl = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = blobUrl;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(blobUrl), 10_000);
}

interface CandidatesProps {
  region: string;
  chain: string;
  stage: string;
  /** The stage is a gap of the region (the heading says so). */
  gap: boolean;
  /** Puts the candidate into a what-if scenario as a contract's supplier; null: not offered. */
  onAdd: ((candidate: Candidate, buyer: CandidateBuyer | null) => void) | null;
  busy?: boolean;
}

/** The ranked candidates of a (region, chain, stage), with their components and actions. */
export function Candidates({ region, chain, stage, gap, onAdd, busy = false }: CandidatesProps) {
  const { t } = useI18n();
  const [shown, setShown] = useState({ key: '', limit: PAGE });
  const key = `${region}|${chain}|${stage}`;
  const limit = shown.key === key ? shown.limit : PAGE;
  const q = { region, chain, stage };
  const query = useQuery({
    queryKey: ['candidates', region, chain, stage, limit],
    queryFn: ({ signal }) =>
      getJson<CandidateReport>(candidatesUrl('/api/gaps/candidates', q, `&limit=${limit}`), signal),
    placeholderData: (previous) =>
      previous && previous.stage.id === stage && previous.region.code === region ? previous : undefined,
  });
  const [exporting, setExporting] = useState<string | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const exportAs = (format: 'xlsx' | 'pdf') => {
    setExporting(format);
    setExportError(null);
    download(candidatesUrl('/api/gaps/candidates/export', q, `&format=${format}&lang=${t.lang}`))
      .catch(setExportError)
      .finally(() => setExporting(null));
  };
  const d = query.data;
  const inRegion = d ? (d.regions[0]?.candidates ?? 0) : 0;
  return (
    <section className="candidates" data-candidates={stage} aria-labelledby={`candidates-${stage}`}>
      <h3 id={`candidates-${stage}`}>{t(gap ? 'candidatesTitle' : 'candidatesTitleStage')}</h3>
      <p className="legend-note">{t('candidatesNote')}</p>
      {query.isError && (
        <p className="error" role="alert" data-candidates-error>
          {candidatesErrorText(t, query.error)}
        </p>
      )}
      {!d && query.isPending && (
        <p className="loading" role="status">
          {t('candidatesLoading')}
        </p>
      )}
      {d && d.total === 0 && (
        <p className="empty" data-candidates-empty>
          {t('candidatesEmpty', { neighbours: d.neighbours, radius: d.radiusKm })}
        </p>
      )}
      {d && d.total > 0 && (
        <>
          <p className="candidates-summary" data-total={d.total}>
            <b>{t('candidatesCount', { count: d.total })}</b>: {t('candidatesInRegionCount', { count: inRegion })},{' '}
            {t('candidatesNearbyCount', { count: d.total - inRegion })}
            {d.candidates.length < d.total && (
              <span className="legend-note"> ({t('candidatesShown', { from: 1, to: d.candidates.length })})</span>
            )}
            {query.isFetching && (
              <span className="loading" role="status">
                {' '}
                {t('candidatesLoading')}
              </span>
            )}
          </p>
          <ol className="candidates-list">
            {d.candidates.map((c) => (
              <Row
                key={c.id}
                c={c}
                busy={busy}
                onAdd={onAdd ? (x) => onAdd(x, d.buyers.find((b) => b.id !== x.id) ?? null) : null}
              />
            ))}
          </ol>
          <div className="candidates-actions">
            {d.candidates.length < d.total && (
              <button
                type="button"
                className="button"
                disabled={query.isFetching}
                onClick={() => setShown({ key, limit: Math.min(500, limit + PAGE * 2) })}
                data-action="candidates-more"
              >
                {t('candidatesMore')}
              </button>
            )}
            <a
              className="button"
              href={candidatesGraphLink(d.candidates.map((c) => c.id))}
              data-action="candidates-graph"
            >
              {t('candidatesOpenAll')}
            </a>
            {(['xlsx', 'pdf'] as const).map((f) => (
              <button
                key={f}
                type="button"
                className="button"
                disabled={exporting !== null}
                onClick={() => exportAs(f)}
                data-action={`candidates-${f}`}
              >
                {t('candidatesDownload')} {f.toUpperCase()}
              </button>
            ))}
          </div>
          {exportError !== null && (
            <p className="error" role="alert">
              {candidatesErrorText(t, exportError)}
            </p>
          )}
        </>
      )}
      {d && (
        <details className="candidates-method">
          <summary>{t('candidatesMethodTitle')}</summary>
          <p data-method>
            {t('candidatesMethod', {
              radius: d.radiusKm,
              neighbours: d.neighbours,
              staff: d.capacityScale.employees,
              revenue: d.capacityScale.revenueMlnRub,
              tiesFull: d.tiesFull,
            })}
          </p>
        </details>
      )}
    </section>
  );
}
