// The planner's view: for a chain and a region, the chain stage by stage with its gaps, the SME
// opportunities with their score components, partner regions on a map, the stages × regions heat
// map, a cluster's registry readiness and the structural risks. Definitions are the README's
// "Gap analysis" section; every figure here says what it is.
//
// The URL (`#planner?chain=timber&region=11&stage=…&cluster=…&scenario=…`) keeps the choice; with a
// what-if scenario chosen, its figures are shown beside today's (./Scenarios.tsx). Beside the chosen
// stage, the SMEs that could enter it (./Candidates.tsx); one goes into a scenario as a supplier.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, getJson } from '../api';
import type {
  GapMatrix,
  GapReport,
  GapRule,
  OpportunityReport,
  PartnerReport,
  Readiness,
  Reference,
  RiskReport,
  Verdict,
  WithScenario,
} from '../../../core/schemas';
import { errorText } from '../Details';
import { chainName } from '../../../core/i18n';
import { useI18n, type Translator } from '../i18n';
import { RegionMap } from './RegionMap';
import {
  ScenarioBar,
  ScenarioEditor,
  Suggestions,
  scenarioApi,
  scenarioQuery,
  type ContractPrefill,
} from './Scenarios';
import { Candidates } from './Candidates';
import { PlannerExportButton } from '../export/PlannerExport';

/** A chain id of the reference data; the planner opens on the timber chain. */
type Chain = string;
const DEFAULT_CHAIN: Chain = 'timber';
interface PlannerState {
  chain: Chain;
  region: string;
  stage: string | null;
  cluster: string | null;
  scenario: string | null;
}

function stateFromHash(): PlannerState {
  const p = new URLSearchParams(location.hash.split('?')[1] ?? '');
  return {
    chain: p.get('chain') || DEFAULT_CHAIN,
    region: p.get('region') ?? '11',
    stage: p.get('stage'),
    cluster: p.get('cluster'),
    scenario: p.get('scenario'),
  };
}
function hashOf(s: PlannerState): string {
  const p = new URLSearchParams({ chain: s.chain, region: s.region });
  if (s.stage) p.set('stage', s.stage);
  if (s.cluster) p.set('cluster', s.cluster);
  if (s.scenario) p.set('scenario', s.scenario);
  return `#planner?${p.toString().replace(/%3A/g, ':')}`;
}

const fmt = (t: Translator, v: number | null | undefined, digits = 1) =>
  v === null || v === undefined ? '—' : t.num(v, { maximumFractionDigits: v >= 100 ? 0 : digits });
const pct = (t: Translator, v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${t.num(100 * v, { maximumFractionDigits: 1 })} %`;
// A scenario's hypothetical enterprises are not in the graph: links open the real ones only.
const graphLink = (ids: string[]) => `#explore?n=${ids.filter((id) => !id.includes('hypothetical:')).join(',')}`;

function Block({ title, note, children, id }: { title: string; note?: string; children: ReactNode; id: string }) {
  return (
    <section className="planner-block" aria-labelledby={`${id}-title`} data-block={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {note && <p className="legend-note">{note}</p>}
      {children}
    </section>
  );
}

function Status<T>({
  query,
  empty,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined; fetchStatus: string };
  empty?: (d: T) => boolean;
  children: (d: T) => ReactNode;
}) {
  const { t } = useI18n();
  if (query.isError)
    return (
      <p className="error" role="alert">
        {errorText(t, query.error)}
      </p>
    );
  if (query.isPending && query.fetchStatus !== 'idle')
    return (
      <p className="loading" role="status">
        {t('loading')}
      </p>
    );
  if (!query.data) return null;
  if (empty?.(query.data)) return <p className="empty">{t('nothingHere')}</p>;
  return <>{children(query.data)}</>;
}

function RuleBadges({ rules }: { rules: GapRule[] }) {
  const { t } = useI18n();
  return (
    <>
      {rules.map((r) => (
        <span key={r} className={`rule rule-${r}`} title={t(`ruleHelp_${r}`)}>
          {t(`rule_${r}`)}
        </span>
      ))}
    </>
  );
}

function ChainStrip({
  report,
  selected,
  onSelect,
}: {
  report: GapReport;
  selected: string | null;
  onSelect: (s: string) => void;
}) {
  const { t } = useI18n();
  const columns = new Map<number, GapReport['stages']>();
  for (const s of report.stages) columns.set(s.order, [...(columns.get(s.order) ?? []), s]);
  const name = (s: { name: string; nameEn: string }) => t.pick(s);
  return (
    <div className="chain-strip" role="list">
      {[...columns]
        .sort((a, b) => a[0] - b[0])
        .map(([order, stages]) => (
          <div key={order} className="chain-column">
            <div className="column-head">
              {t('stageColumn')} {order}
            </div>
            {stages.map((s) => (
              <button
                key={s.stage}
                role="listitem"
                data-stage={s.stage}
                data-gap={s.gap ? s.rules.join(' ') : 'none'}
                className={`stage-card ${s.gap ? 'gap' : s.demandMlnRub > 0 ? 'ok' : 'idle'} kind-${s.kind}${selected === s.stage ? ' selected' : ''}`}
                onClick={() => onSelect(s.stage)}
              >
                <span className="stage-name">{name(s)}</span>
                <span className="figures">
                  {t('demandShort')} {fmt(t, s.demandMlnRub)} · LSR {s.lsr === null ? '—' : pct(t, s.lsr)}
                </span>
                <span className="figures">
                  {t('presenceShort')}: {s.enterprises} ({t('smesShort')} {s.smes})
                </span>
                {s.gap && (
                  <span className="badges">
                    <RuleBadges rules={s.rules} />
                  </span>
                )}
              </button>
            ))}
          </div>
        ))}
    </div>
  );
}

function StageDetails({ report, stage }: { report: GapReport; stage: string }) {
  const { t } = useI18n();
  const s = report.stages.find((x) => x.stage === stage);
  if (!s) return null;
  return (
    <table className="figures-table" data-stage-details={stage}>
      <tbody>
        <tr>
          <th title={t('defDemand')}>{t('demand')}</th>
          <td data-field="demand">
            {fmt(t, s.demandMlnRub)} {t('mlnRub')} ({t('count_links', { count: s.links })})
          </td>
        </tr>
        <tr>
          <th title={t('defLocal')}>{t('localSupply')}</th>
          <td data-field="local">
            {fmt(t, s.localMlnRub)} {t('mlnRub')}
          </td>
        </tr>
        <tr>
          <th title={t('defLsr')}>LSR</th>
          <td data-field="lsr">
            {pct(t, s.lsr)} ({t('threshold')} {pct(t, report.lsrThreshold)})
          </td>
        </tr>
        <tr>
          <th title={t('defImported')}>{t('imported')}</th>
          <td data-field="imported">
            {fmt(t, s.importedMlnRub)} {t('mlnRub')}
          </td>
        </tr>
        <tr>
          <th title={t('defDistance')}>{t('importDistance')}</th>
          <td data-field="distance">
            {fmt(t, s.importDistanceKm, 0)} {s.importDistanceKm === null ? '' : t('km')}
          </td>
        </tr>
        <tr>
          <th>{t('presence')}</th>
          <td data-field="presence">
            {s.enterprises} ({t('smesShort')} {s.smes})
          </td>
        </tr>
        <tr>
          <th>{t('gapWord')}</th>
          <td data-field="gap">{s.gap ? <RuleBadges rules={s.rules} /> : t('noGap')}</td>
        </tr>
      </tbody>
    </table>
  );
}

function Opportunities({
  report,
  onSelect,
  selected,
  stageName,
}: {
  report: OpportunityReport;
  onSelect: (stage: string) => void;
  selected: string | null;
  stageName: (id: string) => string;
}) {
  const { t } = useI18n();
  const name = (o: { stageName: string; stageNameEn: string }) => t.pick({ name: o.stageName, nameEn: o.stageNameEn });
  return (
    <>
      <p className="legend-note formula" title={report.formula}>
        {t('opportunityFormula')}
      </p>
      {report.opportunities.length === 0 && <p className="empty">{t('opportunitiesNoneRanked')}</p>}
      {report.opportunities.length > 0 && <OpportunityTable report={report} onSelect={onSelect} selected={selected} />}
      {report.structural.length > 0 && (
        <div className="structural-gaps" data-structural={report.structuralTotal}>
          <h3>
            {t('structuralTitle')} <span className="n">{t('structuralCount', { count: report.structuralTotal })}</span>
          </h3>
          <p className="legend-note">{t('structuralNote')}</p>
          <ul>
            {report.structural.map((g) => (
              <li key={`${g.region}|${g.stage}`} data-structural-gap={g.stage}>
                <button className={`link${selected === g.stage ? ' selected' : ''}`} onClick={() => onSelect(g.stage)}>
                  {name(g)}
                </button>{' '}
                <span className="legend-note">
                  — {t('structuralFeeds')}: {g.feedsPresent.map(stageName).join(', ')}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

function OpportunityTable({
  report,
  onSelect,
  selected,
}: {
  report: OpportunityReport;
  onSelect: (stage: string) => void;
  selected: string | null;
}) {
  const { t } = useI18n();
  const name = (o: { stageName: string; stageNameEn: string }) => t.pick({ name: o.stageName, nameEn: o.stageNameEn });
  return (
    <>
      <table className="data-table opportunities">
        <thead>
          <tr>
            <th>№</th>
            <th>{t('stage')}</th>
            <th>{t('score')}</th>
            <th title={t('compImportedHelp')}>V</th>
            <th title={t('compDistanceHelp')}>Δ</th>
            <th title={t('compSmeHelp')}>σ</th>
            <th title={t('compRelatedHelp')}>ω</th>
            <th>{t('gapWord')}</th>
          </tr>
        </thead>
        <tbody>
          {report.opportunities.map((o) => (
            <tr
              key={o.stage}
              data-opportunity={o.stage}
              className={selected === o.stage ? 'selected' : ''}
              onClick={() => onSelect(o.stage)}
            >
              <td>{o.rank}</td>
              <td>
                <button className="link">{name(o)}</button>
              </td>
              <td className="num">
                <b>{fmt(t, o.score)}</b>
              </td>
              <td className="num" title={`${fmt(t, o.components.imported.value)} ${t('mlnRub')}`}>
                {fmt(t, o.components.imported.points)}
              </td>
              <td className="num" title={`${fmt(t, o.components.distance.value, 0)} ${t('km')}`}>
                {fmt(t, o.components.distance.points)}
              </td>
              <td
                className="num"
                title={`${o.components.smeSuitability.smes} / ${o.components.smeSuitability.enterprises}`}
              >
                {fmt(t, o.components.smeSuitability.points)}
              </td>
              <td className="num" title={o.components.relatedness.related.map((r) => r.stage).join(', ')}>
                {fmt(t, o.components.relatedness.points)}
              </td>
              <td>
                <RuleBadges rules={o.rules} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Partners({
  report,
  reference,
  onPickRegion,
}: {
  report: PartnerReport;
  reference: Reference | undefined;
  onPickRegion: (r: string) => void;
}) {
  const { t } = useI18n();
  const smeIds = report.partners.flatMap((p) =>
    p.smeList.filter((s) => !s.hypothetical).map((s) => `enterprise:${s.id}`),
  );
  return (
    <>
      <RegionMap
        reference={reference}
        target={report.region.code}
        onPick={onPickRegion}
        partners={report.partners.map((p) => ({
          region: p.region,
          rank: p.rank,
          label: `${fmt(t, p.distanceKm, 0)} ${t('km')}`,
        }))}
      />
      <p className="legend-note" title={report.formula}>
        {t('partnerFormula')}
      </p>
      {report.partners.length === 0 && <p className="empty">{t('noPartners')}</p>}
      <table className="data-table partners-table">
        <thead>
          <tr>
            <th>№</th>
            <th>{t('region')}</th>
            <th>{t('distance')}</th>
            <th>{t('capacity')}</th>
            <th>{t('smesShort')}</th>
          </tr>
        </thead>
        <tbody>
          {report.partners.map((p) => (
            <tr key={p.region} data-partner={p.region}>
              <td>{p.rank}</td>
              <td>{t.pick(p)}</td>
              <td className="num">
                {fmt(t, p.distanceKm, 0)} {t('km')}
              </td>
              <td className="num">
                {fmt(t, p.capacityMlnRub)} {t('mlnRub')}
              </td>
              <td>
                {p.smeList
                  .map(
                    (s) =>
                      `${t.pick(s)} (${t.name('sizeCat', s.size)}${s.hypothetical ? `, ${t('hypotheticalShort')}` : ''})`,
                  )
                  .join('; ') || '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {smeIds.length > 0 && (
        <a className="button" href={graphLink(smeIds)}>
          {t('showOnGraph')}
        </a>
      )}
    </>
  );
}

/** Colour of a heat-map cell: gaps in warm colours, well-supplied stages green, no demand grey. */
function cellColor(gap: number, lsr: number | null, demand: number): string {
  if (demand <= 0 && gap === 0) return '#f1f3f5';
  if (gap !== 0) return lsr === null || lsr === 0 ? '#d9534f' : '#f0ad4e';
  const v = lsr ?? 0;
  return `rgb(${Math.round(200 - 120 * v)}, ${Math.round(225 - 40 * v)}, ${Math.round(190 - 110 * v)})`;
}

function HeatMap({
  matrix,
  region,
  stage,
  onPick,
}: {
  matrix: GapMatrix;
  region: string;
  stage: string | null;
  onPick: (region: string, stage: string) => void;
}) {
  const { t } = useI18n();
  // Regions with any demand or presence in the chain, most demand first; the rest add nothing.
  const columns = useMemo(() => {
    const score = matrix.regions.map((_, j) =>
      matrix.stages.reduce((s, _st, i) => s + matrix.demandMlnRub[i][j] + matrix.enterprises[i][j], 0),
    );
    return matrix.regions
      .map((r, j) => ({ r, j, score: score[j] }))
      .filter((c) => c.score > 0 || c.r.code === region)
      .sort((a, b) => b.score - a.score || a.r.code.localeCompare(b.r.code));
  }, [matrix, region]);
  return (
    <>
      <div className="heatmap-legend legend-note">
        <span className="swatch" style={{ background: '#d9534f' }} />
        {t('heatNoLocal')}
        <span className="swatch" style={{ background: '#f0ad4e' }} />
        {t('heatLowLsr')}
        <span className="swatch" style={{ background: cellColor(0, 1, 1) }} />
        {t('heatSupplied')}
        <span className="swatch" style={{ background: '#f1f3f5' }} />
        {t('heatNoDemand')}
      </div>
      {/* Scrolls both ways and holds nothing focusable: keyboard users scroll it once it has focus. */}
      <div className="heatmap-scroll" tabIndex={0} role="region" aria-label={t('heatmapRegion')}>
        <table className="heatmap">
          <thead>
            <tr>
              <th />
              {columns.map(({ r }) => (
                <th key={r.code} className={r.code === region ? 'current' : ''} title={t.pick(r)}>
                  <span>{t.pick(r)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.stages.map((s, i) => (
              <tr key={s.id} className={s.id === stage ? 'current' : ''}>
                <th title={s.id}>{t.pick(s)}</th>
                {columns.map(({ r, j }) => (
                  <td
                    key={r.code}
                    data-cell={`${s.id}|${r.code}`}
                    style={{ background: cellColor(matrix.gap[i][j], matrix.lsr[i][j], matrix.demandMlnRub[i][j]) }}
                    title={`${t.pick(r)} · ${t.pick(s)}\n${t('demand')}: ${fmt(t, matrix.demandMlnRub[i][j])} ${t('mlnRub')}\nLSR: ${pct(t, matrix.lsr[i][j])}\n${t('presence')}: ${matrix.enterprises[i][j]}`}
                    onClick={() => onPick(r.code, s.id)}
                  />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

const MARK: Record<Verdict, string> = { passed: '✓', failed: '✗', undetermined: '?' };

/** A check's verdict as a mark: ✓ passed, ✗ failed, ? undetermined (some figure it needs is unknown). */
function VerdictMark({ status }: { status: Verdict }) {
  const { t } = useI18n();
  return (
    <span className={`check-mark ${status}`} title={t(`verdict_${status}`)} data-verdict={status}>
      {MARK[status]}
    </span>
  );
}

function ReadinessChecklist({ r }: { r: Readiness }) {
  const { t } = useI18n();
  const c = r.checks;
  const dep = c.dependence;
  const names = (list: { id: string; name: string }[]) => list.map((p) => p.name).join('; ');
  const missingRevenue = r.missing.filter((m) => m.figure === 'revenueMlnRub');
  return (
    <div className="readiness" data-ready={r.ready} data-status={r.status}>
      <p>
        <b>{t.pick(r.cluster)}</b> — <span className={`verdict ${r.status}`}>{t(`verdictReady_${r.status}`)}</span>
      </p>
      <ul className="checklist">
        <li data-check="participants" data-status={c.participants.status}>
          <VerdictMark status={c.participants.status} /> {t('readinessParticipants')}: <b>{c.participants.value}</b> (
          {t('atLeast')} {c.participants.threshold})
        </li>
        <li data-check="cooperation" data-status={c.cooperation.status}>
          <VerdictMark status={c.cooperation.status} /> {t('readinessCooperation')}: <b>{c.cooperation.value}</b> (
          {t('atMost')} {c.cooperation.threshold})
          {c.cooperation.failing.length > 0 && <div className="failing">{names(c.cooperation.failing)}</div>}
        </li>
        <li data-check="dependence" data-status={dep.status}>
          <VerdictMark status={dep.status} /> {t('checkDependence')}:{' '}
          <b>{dep.value !== null ? pct(t, dep.value) : t('verdict_undetermined')}</b> ({t('atLeast')}{' '}
          {pct(t, dep.threshold)}
          {dep.priorityThreshold ? `, ${t('priorityApplies')} ${pct(t, dep.priorityShare)}` : ''})
          {dep.value === null && dep.upperBound !== null && (
            <div className="legend-note" data-field="upper-bound">
              {t('readinessUpperBound', { value: pct(t, dep.upperBound) })}
            </div>
          )}
          <div className="legend-note">
            {t('readinessVolumes', { internal: fmt(t, dep.internalVolumeMlnRub), revenue: fmt(t, dep.revenueMlnRub) })}
          </div>
          {dep.status === 'failed' && dep.revenueUnknown.length > 0 && (
            <div className="legend-note">{t('readinessFailsAnyway')}</div>
          )}
          {dep.status === 'undetermined' && dep.revenueUnknown.length === 0 && (
            <div className="legend-note">{t('readinessNoRevenue')}</div>
          )}
          {dep.failing.length > 0 && (
            <div className="failing">
              {t('readinessNoSales', { count: dep.failing.length })}: {names(dep.failing)}
            </div>
          )}
          {dep.status !== 'undetermined' && dep.revenueUnknown.length > 0 && (
            <div className="legend-note" data-field="revenue-unknown">
              {t('readinessMissing_revenueMlnRub')}: {names(dep.revenueUnknown)}
            </div>
          )}
        </li>
      </ul>
      {missingRevenue.length > 0 && (
        <div className="missing" data-missing="revenueMlnRub">
          <b>{t('readinessMissingTitle')}</b>
          <p>
            {t('readinessMissing_revenueMlnRub')}: <span data-field="missing-names">{names(missingRevenue)}</span>
          </p>
          {dep.unknownRevenueLimitMlnRub !== null && (
            <p>{t('readinessPassesIf', { limit: fmt(t, dep.unknownRevenueLimitMlnRub) })}</p>
          )}
          <p className="legend-note">{t('readinessHow_revenueMlnRub')}</p>
        </div>
      )}
      <a
        className="button"
        href={graphLink([
          `cluster:${r.cluster.id}`,
          ...r.participants.filter((p) => !p.hypothetical).map((p) => `enterprise:${p.id}`),
        ])}
      >
        {t('showOnGraph')}
      </a>
    </div>
  );
}

function Risks({ report }: { report: RiskReport }) {
  const { t } = useI18n();
  const n = (e: { name: string; nameEn: string | null }) => t.pick(e);
  return (
    <div className="risks">
      <h3>
        {t('singleSupplier')} <span className="n">{report.singleSupplier.total}</span>
      </h3>
      {report.singleSupplier.rows.length === 0 ? (
        <p className="empty small">{t('nothingHere')}</p>
      ) : (
        <ul>
          {report.singleSupplier.rows.map((r) => (
            <li key={`${r.buyer.id}|${r.stage}`}>
              <a href={graphLink([`enterprise:${r.buyer.id}`, `enterprise:${r.supplier.id}`])}>{n(r.buyer)}</a> ←{' '}
              {n(r.supplier)} ({fmt(t, r.volumeMlnRub)} {t('mlnRub')})
            </li>
          ))}
        </ul>
      )}
      <h3>{t('brokers')}</h3>
      {report.brokers.length === 0 ? (
        <p className="empty small">{t('nothingHere')}</p>
      ) : (
        <ol>
          {report.brokers.map((b) => (
            <li key={b.id}>
              {n(b)} — {fmt(t, b.betweenness, 3)}
            </li>
          ))}
        </ol>
      )}
      <h3>{t('suggestedLinks')}</h3>
      {report.suggestedLinks.length === 0 ? (
        <p className="empty small">{t('nothingHere')}</p>
      ) : (
        <ol>
          {report.suggestedLinks.map((l) => (
            <li key={`${l.supplier.id}|${l.buyer.id}`}>
              <a href={graphLink([`enterprise:${l.supplier.id}`, `enterprise:${l.buyer.id}`])}>
                {n(l.supplier)} → {n(l.buyer)}
              </a>{' '}
              (Adamic–Adar {fmt(t, l.adamicAdar, 2)})
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

export function Planner() {
  const { t } = useI18n();
  const [state, setState] = useState<PlannerState>(stateFromHash);
  const set = (patch: Partial<PlannerState>) => {
    const next = { ...state, ...patch };
    setState(next);
    history.replaceState(null, '', hashOf(next));
  };
  useEffect(() => {
    if (!location.hash.startsWith('#planner?')) history.replaceState(null, '', hashOf(state));
  });
  const { region, stage, cluster, scenario: scenarioId } = state;
  const scenarioDoc = useQuery({
    queryKey: ['scenario', scenarioId],
    queryFn: ({ signal }) => scenarioApi.get(scenarioId!, signal),
    enabled: !!scenarioId,
  });
  const scenario = scenarioId ? scenarioDoc.data : undefined;
  const sv = scenario ? [scenario.id, scenario.version] : [null, 0];
  const reference = useQuery({
    queryKey: ['reference'],
    queryFn: ({ signal }) => api.reference(signal),
    staleTime: Infinity,
  });
  const chainIds = (reference.data?.chains ?? []).map((c) => c.id);
  // A chain the reference data does not know (an old or mistyped link) opens the first one.
  const chain = chainIds.length > 0 && !chainIds.includes(state.chain) ? chainIds[0] : state.chain;
  const gaps = useQuery({
    queryKey: ['gaps', chain, region],
    queryFn: ({ signal }) => getJson<GapReport>(`/api/gaps?chain=${chain}&region=${region}`, signal),
  });
  const gapsWhat = useQuery({
    queryKey: ['gaps', chain, region, ...sv],
    queryFn: ({ signal }) =>
      getJson<WithScenario<GapReport>>(`/api/gaps?chain=${chain}&region=${region}${scenarioQuery(scenario)}`, signal),
    enabled: !!scenario,
  });
  const opportunities = useQuery({
    queryKey: ['opportunities', chain, region, ...sv],
    queryFn: ({ signal }) =>
      getJson<OpportunityReport>(
        `/api/opportunities?chain=${chain}&region=${region}&limit=15${scenarioQuery(scenario)}`,
        signal,
      ),
    enabled: !scenarioId || !!scenario,
  });
  const matrix = useQuery({
    queryKey: ['matrix', chain, ...sv],
    queryFn: ({ signal }) =>
      getJson<WithScenario<GapMatrix>>(`/api/gaps/matrix?chain=${chain}${scenarioQuery(scenario)}`, signal),
    enabled: !scenarioId || !!scenario,
  });
  const risks = useQuery({
    queryKey: ['risks', chain, region, ...sv],
    queryFn: ({ signal }) =>
      getJson<WithScenario<RiskReport>>(
        `/api/risks?chain=${chain}&region=${region}&limit=8${scenarioQuery(scenario)}`,
        signal,
      ),
    enabled: !scenarioId || !!scenario,
  });
  const chosenStage = stage ?? opportunities.data?.opportunities[0]?.stage ?? null;
  const partners = useQuery({
    queryKey: ['partners', chosenStage, region, ...sv],
    queryFn: ({ signal }) =>
      getJson<WithScenario<PartnerReport>>(
        `/api/partners?stage=${chosenStage}&region=${region}&limit=10${scenarioQuery(scenario)}`,
        signal,
      ),
    enabled: !!chosenStage && (!scenarioId || !!scenario),
  });
  const clusters = useQuery({
    queryKey: ['region-clusters', region],
    queryFn: ({ signal }) =>
      api.expand({ id: `region:${region}`, rel: ['BASED_IN'], dir: 'in', types: ['cluster'], limit: 50 }, signal),
  });
  const clusterList = (clusters.data?.nodes ?? []).filter((n) => n.type === 'cluster');
  const chosenCluster = cluster ?? clusterList.find((c) => c.chains.includes(chain))?.id ?? clusterList[0]?.id ?? null;
  const clusterId = chosenCluster?.replace(/^cluster:/, '') ?? null;
  const readiness = useQuery({
    queryKey: ['readiness', chosenCluster],
    queryFn: ({ signal }) => getJson<Readiness>(`/api/clusters/${encodeURIComponent(clusterId!)}/readiness`, signal),
    enabled: !!chosenCluster,
  });
  const readinessWhat = useQuery({
    queryKey: ['readiness', chosenCluster, ...sv],
    queryFn: ({ signal }) =>
      getJson<Readiness>(
        `/api/clusters/${encodeURIComponent(clusterId!)}/readiness${scenarioQuery(scenario).replace('&', '?')}`,
        signal,
      ),
    enabled: !!chosenCluster && !!scenario,
  });
  const regions = [...(reference.data?.regions ?? [])].sort((a, b) => t.pick(a).localeCompare(t.pick(b), t.locale));
  const stageName = (id: string | null) => {
    const s = reference.data?.chains.flatMap((c) => c.stages).find((x) => x.id === id);
    return s ? t.pick(s) : (id ?? '');
  };
  const regionName = (code: string) => {
    const r = reference.data?.regions.find((x) => x.code === code);
    return r ? t.pick(r) : code;
  };
  // A candidate entrant goes into the chosen scenario (a new one when none is chosen) as the
  // supplier of a contract at the stage; the form asks for the volume.
  const queryClient = useQueryClient();
  const [prefill, setPrefill] = useState<ContractPrefill | null>(null);
  const newScenario = useMutation({
    mutationFn: (name: string) => scenarioApi.create(name),
    onSuccess: (s) => {
      queryClient.setQueryData(['scenario', s.id], s);
      queryClient.invalidateQueries({ queryKey: ['scenarios'] });
      set({ scenario: s.id });
    },
  });
  const addCandidate: Parameters<typeof Candidates>[0]['onAdd'] = (c, buyer) => {
    if (!chosenStage) return;
    setPrefill({
      nonce: Date.now(),
      stage: chosenStage,
      candidate: t.pick(c),
      supplier: {
        key: `enterprise:${c.id}`,
        name: `${t.pick(c)} (${t('candidatesCandidateMark')}, ${t.pick({ name: c.regionName, nameEn: c.regionNameEn })})`,
      },
      buyer: buyer ? { key: `enterprise:${buyer.id}`, name: `${t.pick(buyer)} (${t('candidatesBuyerMark')})` } : null,
    });
    if (!scenarioId) newScenario.mutate(t('candidatesScenarioName', { stage: stageName(chosenStage) }));
  };

  return (
    <main className="planner">
      <div className="planner-toolbar">
        <div className="chains" role="radiogroup" aria-label={t('chain')}>
          {chainIds.map((c) => (
            <button
              key={c}
              role="radio"
              aria-checked={chain === c}
              onClick={() => set({ chain: c, stage: null, cluster: null })}
            >
              {chainName(t, c, reference.data?.chains)}
            </button>
          ))}
        </div>
        <label className="field-inline">
          {t('region')}
          <select
            value={region}
            onChange={(e) => set({ region: e.target.value, stage: null, cluster: null })}
            data-planner="region"
          >
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {t.pick(r)}
              </option>
            ))}
          </select>
        </label>
        <ScenarioBar scenarioId={scenarioId} scenario={scenario} onChange={(id) => set({ scenario: id })} />
        {gaps.data && (
          <span className="legend-note">{t(gaps.data.source === 'aggregate' ? 'sourceAggregate' : 'sourceLive')}</span>
        )}
        <PlannerExportButton
          chain={chain}
          region={region}
          regionName={regionName(region)}
          cluster={chosenCluster}
          clusterName={clusterList.find((c) => c.id === chosenCluster)?.name ?? null}
          scenario={scenario ? { id: scenario.id, name: scenario.name } : null}
        />
      </div>

      {scenarioId && (
        <Block
          id="scenario"
          title={`${t('scenarioTitle')}${scenario ? `: «${scenario.name}»` : ''}`}
          note={t('scenarioNote')}
        >
          <Status query={scenarioDoc}>
            {(doc) => (
              <ScenarioEditor
                scenario={doc}
                reference={reference.data}
                region={region}
                chain={chain}
                stage={chosenStage}
                cluster={
                  readiness.data ? { id: readiness.data.cluster.id, name: t.pick(readiness.data.cluster) } : null
                }
                participants={readiness.data?.participants ?? []}
                today={gaps.data}
                what={gapsWhat.data}
                prefill={prefill}
              />
            )}
          </Status>
        </Block>
      )}

      <Block
        id="chain"
        title={`${chainName(t, chain, reference.data?.chains)}: ${t('chainByStage')} — ${regionName(region)}${scenario ? ` (${t('inScenario')})` : ''}`}
        note={
          scenario ? `${t('chainStripNote')} ${t('whatIfFiguresNote', { name: scenario.name })}` : t('chainStripNote')
        }
      >
        <Status query={scenarioId ? gapsWhat : gaps}>
          {(d) => (
            <>
              <ChainStrip report={d} selected={chosenStage} onSelect={(s) => set({ stage: s })} />
              {chosenStage && (
                <div className="stage-panel">
                  <div>
                    <h3>{stageName(chosenStage)}</h3>
                    <StageDetails report={d} stage={chosenStage} />
                  </div>
                  <div>
                    <Candidates
                      region={region}
                      chain={chain}
                      stage={chosenStage}
                      gap={!!d.stages.find((x) => x.stage === chosenStage)?.gap}
                      onAdd={addCandidate}
                      busy={newScenario.isPending}
                    />
                    {newScenario.isPending && (
                      <p className="loading" role="status">
                        {t('candidatesAdding')}
                      </p>
                    )}
                    {newScenario.isError && (
                      <p className="error" role="alert">
                        {errorText(t, newScenario.error)}
                      </p>
                    )}
                  </div>
                </div>
              )}
            </>
          )}
        </Status>
      </Block>

      <div className="planner-columns">
        <Block
          id="opportunities"
          title={`${t('opportunitiesTitle')}${scenario ? ` (${t('inScenario')})` : ''}`}
          note={t('opportunitiesNote')}
        >
          <Status query={opportunities} empty={(d) => d.opportunities.length === 0 && d.structural.length === 0}>
            {(d) => (
              <Opportunities
                report={d}
                selected={chosenStage}
                onSelect={(s) => set({ stage: s })}
                stageName={stageName}
              />
            )}
          </Status>
        </Block>
        <Block
          id="partners"
          title={`${t('partnersTitle')}: ${stageName(chosenStage)}${scenario ? ` (${t('inScenario')})` : ''}`}
          note={t('partnersNote')}
        >
          {!chosenStage && <p className="empty">{t('pickStage')}</p>}
          <Status query={partners}>
            {(d) => (
              <Partners
                report={d}
                reference={reference.data}
                onPickRegion={(r) => set({ region: r, stage: chosenStage })}
              />
            )}
          </Status>
        </Block>
      </div>

      <Block
        id="matrix"
        title={`${t('matrixTitle')}${scenario ? ` (${t('inScenario')})` : ''}`}
        note={scenario ? `${t('matrixNote')} ${t('whatIfFiguresNote', { name: scenario.name })}` : t('matrixNote')}
      >
        <Status query={matrix}>
          {(d) => (
            <HeatMap matrix={d} region={region} stage={chosenStage} onPick={(r, s) => set({ region: r, stage: s })} />
          )}
        </Status>
      </Block>

      <div className="planner-columns">
        <Block id="readiness" title={t('readinessTitle')} note={t('readinessNote')}>
          {clusterList.length > 0 && (
            <label className="field-inline">
              {t('clusterFilter')}
              <select
                value={chosenCluster ?? ''}
                onChange={(e) => set({ cluster: e.target.value })}
                data-planner="cluster"
              >
                {clusterList.map((c) => (
                  <option key={c.id} value={c.id}>
                    {t.pick(c)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {clusters.data && clusterList.length === 0 && <p className="empty">{t('noClusters')}</p>}
          {scenario ? (
            <div className="side-by-side">
              <div>
                <h3>{t('readinessToday')}</h3>
                <Status query={readiness}>{(d) => <ReadinessChecklist r={d} />}</Status>
              </div>
              <div data-readiness="scenario">
                <h3>{t('readinessScenario')}</h3>
                <Status query={readinessWhat}>{(d) => <ReadinessChecklist r={d} />}</Status>
              </div>
            </div>
          ) : (
            <Status query={readiness}>{(d) => <ReadinessChecklist r={d} />}</Status>
          )}
          {clusterId && (
            <Suggestions clusterId={clusterId} scenario={scenario} onScenario={(id) => set({ scenario: id })} />
          )}
        </Block>
        <Block
          id="risks"
          title={`${t('risksTitle')}${scenario ? ` (${t('inScenario')})` : ''}`}
          note={scenario ? `${t('risksNote')} ${t('whatIfRisksNote')}` : t('risksNote')}
        >
          <Status query={risks}>{(d) => <Risks report={d} />}</Status>
        </Block>
      </div>
    </main>
  );
}
