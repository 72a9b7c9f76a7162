// What-if scenarios in the planner's view: choose or create a named scenario, add hypothetical
// enterprises and contracts to it, and see the chain's figures beside today's; contract
// suggestions for a cluster go into the scenario with one click. Scenarios are stored by the
// server apart from the real data (server/scenarios.ts); every figure here comes from the API
// with `?scenario=<id>`. A scenario is its author's: private, or shared with the team, who read it
// and may copy it; only its author (or an admin) changes it. A contract can replace what its
// buyer now buys from a supplier (imports first), so that demand stays and imports fall.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, getJson, sendJson } from '../api';
import type {
  ContractSuggestions,
  GapReport,
  GapRule,
  HypotheticalEnterprise,
  HypotheticalLink,
  Purchases,
  Readiness,
  Reference,
  Scenario,
  ScenarioItem,
  ScenarioSummary,
  WithScenario,
} from '../../../core/schemas';
import { errorText } from '../Details';
import { useI18n, type Translator } from '../i18n';
import { SIZE_CATEGORIES } from '../../../core/reference';

export type { Scenario };

export const scenarioApi = {
  list: (signal?: AbortSignal) => getJson<{ scenarios: ScenarioSummary[] }>('/api/scenarios', signal),
  get: (id: string, signal?: AbortSignal) => getJson<Scenario>(`/api/scenarios/${id}`, signal),
  create: (name: string, items: ScenarioItem[] = [], description = '') =>
    sendJson<Scenario>('POST', '/api/scenarios', { name, description, items }),
  save: (s: Scenario, items: ScenarioItem[], shared?: boolean) =>
    sendJson<Scenario>('PUT', `/api/scenarios/${s.id}`, {
      name: s.name,
      description: s.description,
      items,
      version: s.version,
      ...(shared === undefined ? {} : { shared }),
    }),
  remove: (id: string) => sendJson<null>('DELETE', `/api/scenarios/${id}`),
  purchases: (buyer: string, stage: string, signal?: AbortSignal) =>
    getJson<Purchases>(
      `/api/scenarios/purchases?buyer=${encodeURIComponent(buyer)}&stage=${encodeURIComponent(stage)}`,
      signal,
    ),
};

/** Query-string suffix of the answers with a scenario applied. */
export const scenarioQuery = (s: Scenario | undefined) => (s ? `&scenario=${s.id}` : '');

const fmt = (t: Translator, v: number | null | undefined, digits = 1) =>
  v === null || v === undefined ? '—' : t.num(v, { maximumFractionDigits: v >= 100 ? 0 : digits });
const pct = (t: Translator, v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${t.num(100 * v, { maximumFractionDigits: 1 })} %`;

/** The scenario chooser of the toolbar: today's data, or one of the user's or the team's scenarios; create, share, copy and delete. */
export function ScenarioBar({
  scenarioId,
  scenario,
  onChange,
}: {
  scenarioId: string | null;
  /** The chosen scenario, once read. */
  scenario: Scenario | undefined;
  onChange: (id: string | null) => void;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['scenarios'], queryFn: ({ signal }) => scenarioApi.list(signal) });
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const created = (s: Scenario) => {
    client.setQueryData(['scenario', s.id], s);
    client.invalidateQueries({ queryKey: ['scenarios'] });
    onChange(s.id);
  };
  const create = useMutation({
    mutationFn: (n: string) => scenarioApi.create(n),
    onSuccess: (s) => {
      setNaming(false);
      setName('');
      created(s);
    },
  });
  const copy = useMutation({
    mutationFn: (s: Scenario) => scenarioApi.create(t('whatIfCopyName', { name: s.name }), s.items, s.description),
    onSuccess: created,
  });
  const share = useMutation({
    mutationFn: ({ s, shared }: { s: Scenario; shared: boolean }) => scenarioApi.save(s, s.items, shared),
    onSuccess: (s) => {
      client.setQueryData(['scenario', s.id], s);
      client.invalidateQueries({ queryKey: ['scenarios'] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => scenarioApi.remove(id),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['scenarios'] });
      onChange(null);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) create.mutate(name.trim());
  };
  const all = list.data?.scenarios ?? [];
  const option = (s: ScenarioSummary) => (
    <option key={s.id} value={s.id}>
      {s.name} ({s.enterprises + s.links}){s.mine ? '' : ` — ${s.owner ?? t('whatIfOwnerUnknown')}`}
    </option>
  );
  const error = create.error ?? copy.error ?? share.error ?? remove.error ?? list.error;
  return (
    <div className="scenario-bar" data-scenario-bar>
      <label className="field-inline">
        {t('scenario')}
        <select value={scenarioId ?? ''} onChange={(e) => onChange(e.target.value || null)} data-planner="scenario">
          <option value="">{t('scenarioToday')}</option>
          {all.some((s) => s.mine) && (
            <optgroup label={t('whatIfGroupMine')}>{all.filter((s) => s.mine).map(option)}</optgroup>
          )}
          {all.some((s) => !s.mine) && (
            <optgroup label={t('whatIfGroupTeam')}>{all.filter((s) => !s.mine).map(option)}</optgroup>
          )}
        </select>
      </label>
      {scenario && (
        <span className="legend-note" data-scenario-access={scenario.shared ? 'shared' : 'private'}>
          {scenario.shared ? t('whatIfShared') : t('whatIfPrivate')}
          {!scenario.mine &&
            `, ${scenario.owner ? t('whatIfOwner', { owner: scenario.owner }) : t('whatIfOwnerUnknown')}`}
        </span>
      )}
      {naming ? (
        <form onSubmit={submit} className="inline-form">
          <input
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t('scenarioName')}
            aria-label={t('scenarioName')}
            maxLength={200}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setNaming(false);
            }}
            data-scenario-name
          />
          <button type="submit" disabled={!name.trim() || create.isPending}>
            {t('create')}
          </button>
          <button type="button" onClick={() => setNaming(false)}>
            {t('cancel')}
          </button>
        </form>
      ) : (
        <button onClick={() => setNaming(true)} data-scenario-new>
          {t('scenarioNew')}
        </button>
      )}
      {scenario?.mine && scenario.owner !== null && (
        <button
          disabled={share.isPending}
          onClick={() => share.mutate({ s: scenario, shared: !scenario.shared })}
          data-scenario-share={scenario.shared ? 'unshare' : 'share'}
        >
          {scenario.shared ? t('whatIfUnshare') : t('whatIfShare')}
        </button>
      )}
      {scenario && (
        <button disabled={copy.isPending} onClick={() => copy.mutate(scenario)} data-scenario-copy>
          {t('whatIfCopy')}
        </button>
      )}
      {scenario?.canChange && (
        <button
          className="danger"
          disabled={remove.isPending}
          onClick={() => {
            if (confirm(t('scenarioDeleteConfirm'))) remove.mutate(scenario.id);
          }}
        >
          {t('scenarioDelete')}
        </button>
      )}
      {error && (
        <span className="error" role="alert">
          {errorText(t, error)}
        </span>
      )}
    </div>
  );
}

/** Saves a scenario's new item list; a 409 (saved elsewhere first) reloads it and says so. */
function useScenarioSave(scenario: Scenario | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (items: ScenarioItem[]) => scenarioApi.save(scenario!, items),
    onSuccess: (s) => {
      client.setQueryData(['scenario', s.id], s);
      client.invalidateQueries({ queryKey: ['scenarios'] });
    },
    onError: () => client.invalidateQueries({ queryKey: ['scenario', scenario?.id] }),
  });
}

/**
 * A contract to offer in the form, from outside the cluster: a candidate entrant of a gap as the
 * supplier (./Candidates.tsx), a buyer at the stage if there is one; the volume is the user's.
 * A new `nonce` fills the form anew.
 */
export interface ContractPrefill {
  nonce: number;
  stage: string;
  /** The candidate's own name, for the form's note. */
  candidate: string;
  supplier: { key: string; name: string };
  buyer: { key: string; name: string } | null;
}

function ruleText(t: Translator, rules: GapRule[]) {
  return rules.length === 0 ? t('noGap') : rules.map((r) => t(`rule_${r}`)).join(', ');
}

interface EditorProps {
  scenario: Scenario;
  reference: Reference | undefined;
  region: string;
  chain: string;
  stage: string | null;
  cluster: { id: string; name: string } | null;
  participants: Readiness['participants'];
  today: GapReport | undefined;
  what: WithScenario<GapReport> | undefined;
  /** A contract to offer in the contract form (a candidate as its supplier). */
  prefill?: ContractPrefill | null;
}

/** The scenario's items, forms to add to them, and the chain's figures that change, beside today's. */
export function ScenarioEditor({
  scenario,
  reference,
  region,
  chain,
  stage,
  cluster,
  participants,
  today,
  what,
  prefill = null,
}: EditorProps) {
  const { t } = useI18n();
  const save = useScenarioSave(scenario);
  // A colleague's scenario is read (and copied), not changed: the server refuses it anyway.
  const readOnly = !scenario.canChange;
  const stages = reference?.chains.find((c) => c.id === chain)?.stages ?? [];
  const stageName = (id: string) => {
    const s = reference?.chains.flatMap((c) => c.stages).find((x) => x.id === id);
    return s ? t.pick(s) : id;
  };
  const hypothetical = scenario.items.filter((i): i is HypotheticalEnterprise => i.kind === 'enterprise');
  const parties = [
    ...participants.filter((p) => !p.hypothetical).map((p) => ({ key: `enterprise:${p.id}`, name: p.name })),
    ...hypothetical.map((h) => ({ key: h.id, name: `${h.name} (${t('hypotheticalShort')})` })),
  ];
  // A candidate and the buyer offered with it come from outside the cluster.
  for (const extra of [prefill?.supplier, prefill?.buyer])
    if (extra && !parties.some((p) => p.key === extra.key)) parties.push(extra);
  // Enterprises the contracts name from outside the cluster (the suppliers they replace, candidates
  // added from a gap) have their names looked up.
  const replacedIds = [
    ...new Set(
      scenario.items.flatMap((i) =>
        i.kind === 'link'
          ? [i.supplier, i.buyer, i.replaces].filter(
              (k): k is string => !!k && k.startsWith('enterprise:') && !parties.some((p) => p.key === k),
            )
          : [],
      ),
    ),
  ];
  const replaced = useQuery({
    queryKey: ['node-names', replacedIds],
    queryFn: ({ signal }) => api.nodes(replacedIds, signal),
    enabled: replacedIds.length > 0,
    staleTime: Infinity,
  });
  const partyName = (key: string) => {
    const node = replaced.data?.nodes.find((n) => n.id === key);
    if (node) return `${t.pick(node)}${node.region ? ` (${regionName(node.region)})` : ''}`;
    return parties.find((p) => p.key === key)?.name ?? key.replace(/^enterprise:/, '');
  };
  const regionName = (code: string) => {
    const r = reference?.regions.find((x) => x.code === code);
    return r ? t.pick(r) : code;
  };
  // What a contract instead of a supplier takes over, as the figures counted it.
  const replacedText = (i: number, key: string) => {
    const taken = what?.scenario?.replaced.find((r) => r.item === i + 1);
    return taken
      ? t('whatIfTakenOver', { supplier: partyName(key), volume: fmt(t, taken.volumeMlnRub) })
      : `${t('insteadOf')} ${partyName(key)}`;
  };

  const [sme, setSme] = useState({
    name: '',
    region,
    stage: stage ?? stages[0]?.id ?? '',
    size: 'small',
    revenue: '',
    joins: true,
    priority: false,
  });
  const addSme = (e: FormEvent) => {
    e.preventDefault();
    const n = Math.max(0, ...hypothetical.map((h) => Number(h.id.split('-').pop()) || 0)) + 1;
    const item: HypotheticalEnterprise = {
      kind: 'enterprise',
      id: `hypothetical:h-${n}`,
      name: sme.name.trim(),
      region: sme.region,
      stages: [sme.stage],
      size: sme.size as HypotheticalEnterprise['size'],
      revenueMlnRub: sme.revenue === '' ? null : Number(sme.revenue),
      employees: null,
      clusters: sme.joins && cluster ? [cluster.id] : [],
      priorityTerritory: sme.priority,
    };
    save.mutate([...scenario.items, item], { onSuccess: () => setSme({ ...sme, name: '', revenue: '' }) });
  };
  const addDeal = (item: HypotheticalLink, done: () => void) =>
    save.mutate([...scenario.items, item], { onSuccess: done });
  const removeAt = (i: number) => {
    const item = scenario.items[i];
    // Removing an enterprise removes the contracts that name it.
    const next = scenario.items.filter(
      (x, j) =>
        j !== i &&
        !(item.kind === 'enterprise' && x.kind === 'link' && (x.supplier === item.id || x.buyer === item.id)),
    );
    save.mutate(next);
  };

  const changed =
    today && what
      ? today.stages
          .map((s, i) => ({ today: s, what: what.stages[i] }))
          .filter(
            ({ today: a, what: b }) =>
              b &&
              (a.demandMlnRub !== b.demandMlnRub ||
                a.localMlnRub !== b.localMlnRub ||
                a.enterprises !== b.enterprises ||
                a.rules.join() !== b.rules.join()),
          )
      : [];
  const gapsToday = today?.stages.filter((s) => s.gap).length;
  const gapsWhat = what?.stages.filter((s) => s.gap).length;

  return (
    <div className="scenario-editor" data-scenario={scenario.id}>
      <p className="legend-note">{t('scenarioApart')}</p>
      {readOnly && (
        <p className="legend-note" data-scenario-readonly>
          {t('whatIfReadOnly')}
        </p>
      )}
      {what?.scenario && what.scenario.skipped.length > 0 && (
        <p className="error" role="alert">
          {t('scenarioSkipped')}:{' '}
          {what.scenario.skipped
            .map((s) => t('scenarioSkippedItem', { item: s.item, enterprise: s.enterprise }))
            .join('; ')}
        </p>
      )}
      <div className="planner-columns">
        <div>
          <h3>
            {t('scenarioItems')} <span className="n">{scenario.items.length}</span>
          </h3>
          {scenario.items.length === 0 && <p className="empty small">{t('scenarioEmpty')}</p>}
          <ol className="scenario-items">
            {scenario.items.map((it, i) => (
              <li key={i} data-item={it.kind}>
                {it.kind === 'enterprise' ? (
                  <>
                    {t('hypotheticalEnterprise')}: <b>{it.name}</b> — {regionName(it.region)},{' '}
                    {it.stages.map(stageName).join(', ')}, {t.name('sizeCat', it.size)}
                    {it.revenueMlnRub !== null ? `, ${fmt(t, it.revenueMlnRub)} ${t('mlnRub')}` : ''}
                    {it.clusters.length > 0 ? `, ${t('joinsCluster')}` : ''}
                  </>
                ) : (
                  <>
                    {t('contract')}: <b>{partyName(it.supplier)}</b> → <b>{partyName(it.buyer)}</b>,{' '}
                    {stageName(it.stage)}, {fmt(t, it.volumeMlnRub)} {t('mlnRub')}
                    {it.replaces ? ` (${replacedText(i, it.replaces)})` : ''}
                  </>
                )}
                {!readOnly && (
                  <button
                    className="link"
                    aria-label={t('remove')}
                    title={t('remove')}
                    disabled={save.isPending}
                    onClick={() => removeAt(i)}
                  >
                    ×
                  </button>
                )}
              </li>
            ))}
          </ol>
          {save.error && (
            <p className="error" role="alert">
              {errorText(t, save.error)}
            </p>
          )}
          {save.isPending && (
            <p className="loading" role="status">
              {t('saving')}
            </p>
          )}
        </div>
        {!readOnly && (
          <div>
            <form className="scenario-form" onSubmit={addSme} data-form="enterprise">
              <h3>{t('addSme')}</h3>
              <input
                required
                maxLength={300}
                value={sme.name}
                onChange={(e) => setSme({ ...sme, name: e.target.value })}
                placeholder={t('enterpriseName')}
                aria-label={t('enterpriseName')}
              />
              <select
                value={sme.region}
                onChange={(e) => setSme({ ...sme, region: e.target.value })}
                aria-label={t('region')}
              >
                {(reference?.regions ?? []).map((r) => (
                  <option key={r.code} value={r.code}>
                    {t.pick(r)}
                  </option>
                ))}
              </select>
              <select
                value={sme.stage}
                onChange={(e) => setSme({ ...sme, stage: e.target.value })}
                aria-label={t('stage')}
              >
                {stages.map((s) => (
                  <option key={s.id} value={s.id}>
                    {t.pick(s)}
                  </option>
                ))}
              </select>
              <select
                value={sme.size}
                onChange={(e) => setSme({ ...sme, size: e.target.value })}
                aria-label={t('sizeCategory')}
              >
                {SIZE_CATEGORIES.map((s) => (
                  <option key={s} value={s}>
                    {t.name('sizeCat', s)}
                  </option>
                ))}
              </select>
              <input
                type="number"
                min={0}
                step="any"
                value={sme.revenue}
                onChange={(e) => setSme({ ...sme, revenue: e.target.value })}
                placeholder={`${t('revenue')}, ${t('mlnRub')}`}
                aria-label={t('revenue')}
              />
              {cluster && (
                <label className="check">
                  <input
                    type="checkbox"
                    checked={sme.joins}
                    onChange={(e) => setSme({ ...sme, joins: e.target.checked })}
                  />{' '}
                  {t('joins')} «{cluster.name}»
                </label>
              )}
              <label className="check">
                <input
                  type="checkbox"
                  checked={sme.priority}
                  onChange={(e) => setSme({ ...sme, priority: e.target.checked })}
                />{' '}
                {t('priorityTerritoryShort')}
              </label>
              <button type="submit" disabled={save.isPending || !sme.name.trim()}>
                {t('add')}
              </button>
            </form>
            <ContractForm
              key={prefill?.nonce ?? 'none'}
              parties={parties}
              stages={stages}
              stage={stage}
              prefill={prefill}
              busy={save.isPending}
              onAdd={addDeal}
              regionName={regionName}
              items={scenario.items}
              replaced={what?.scenario?.replaced}
            />
          </div>
        )}
      </div>
      <h3>
        {t('scenarioCompare')} — {regionName(region)}
      </h3>
      {gapsToday !== undefined && gapsWhat !== undefined && (
        <p data-gap-count={`${gapsToday}|${gapsWhat}`}>
          {t('gapsCount')}: <b>{gapsToday}</b> {t('today')} → <b>{gapsWhat}</b> {t('inScenario')}
        </p>
      )}
      {today && what && changed.length === 0 && <p className="empty small">{t('scenarioNoChange')}</p>}
      {changed.length > 0 && (
        <table className="data-table scenario-compare">
          <thead>
            <tr>
              <th rowSpan={2}>{t('stage')}</th>
              <th colSpan={4}>{t('today')}</th>
              <th colSpan={4}>{t('inScenario')}</th>
            </tr>
            <tr>
              <th title={t('defDemand')}>D</th>
              <th title={t('defImported')}>{t('imported')}</th>
              <th title={t('defLsr')}>LSR</th>
              <th>{t('gapWord')}</th>
              <th title={t('defDemand')}>D</th>
              <th title={t('defImported')}>{t('imported')}</th>
              <th title={t('defLsr')}>LSR</th>
              <th>{t('gapWord')}</th>
            </tr>
          </thead>
          <tbody>
            {changed.map(({ today: a, what: b }) => (
              <tr key={a.stage} data-compare={a.stage}>
                <td>{t.pick(a)}</td>
                <td className="num">{fmt(t, a.demandMlnRub)}</td>
                <td className="num">{fmt(t, a.importedMlnRub)}</td>
                <td className="num">{pct(t, a.lsr)}</td>
                <td>{ruleText(t, a.rules)}</td>
                <td className="num" data-field="demand">
                  {fmt(t, b.demandMlnRub)}
                </td>
                <td className="num" data-field="imported">
                  {fmt(t, b.importedMlnRub)}
                </td>
                <td className="num" data-field="lsr">
                  {pct(t, b.lsr)}
                </td>
                <td data-field="rules" className={b.gap ? 'worse' : a.gap ? 'better' : ''}>
                  {ruleText(t, b.rules)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/**
 * The form of a hypothetical contract between two parties; a prefill offers its supplier and
 * buyer. With a real buyer, the contract may replace one of its purchases at the stage (imports
 * first, the largest chosen unless the planner says otherwise): demand then stays, imports fall.
 */
function ContractForm({
  parties,
  stages,
  stage,
  prefill,
  busy,
  onAdd,
  regionName,
  items,
  replaced,
}: {
  parties: { key: string; name: string }[];
  stages: Reference['chains'][number]['stages'];
  stage: string | null;
  prefill: ContractPrefill | null;
  busy: boolean;
  onAdd: (item: HypotheticalLink, done: () => void) => void;
  regionName: (code: string) => string;
  /** The scenario's items, and what its replacing contracts take over (the scenario's answer). */
  items: ScenarioItem[];
  replaced: { item: number; volumeMlnRub: number }[] | undefined;
}) {
  const { t } = useI18n();
  const [deal, setDeal] = useState({
    supplier: prefill?.supplier.key ?? '',
    buyer: prefill?.buyer?.key ?? '',
    stage: prefill?.stage ?? stage ?? stages[0]?.id ?? '',
    volume: '',
  });
  // The purchase replaced: null until the planner chooses (then the largest import), '' for none.
  const [instead, setInstead] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const volume = useRef<HTMLInputElement>(null);
  // A contract offered from a gap's candidates: bring the form into view, the volume to type.
  useEffect(() => {
    if (!prefill) return;
    form.current?.scrollIntoView({ block: 'center' });
    volume.current?.focus({ preventScroll: true });
  }, [prefill]);
  const realBuyer = deal.buyer.startsWith('enterprise:') ? deal.buyer.slice('enterprise:'.length) : null;
  const bought = useQuery({
    queryKey: ['purchases', realBuyer, deal.stage],
    queryFn: ({ signal }) => scenarioApi.purchases(realBuyer!, deal.stage, signal),
    enabled: !!realBuyer && !!deal.stage,
  });
  // What the scenario's contracts already take over of each purchase is not offered again.
  const takenBefore = (supplier: string) =>
    items.reduce(
      (sum, it, i) =>
        it.kind === 'link' && it.replaces === supplier && it.buyer === deal.buyer && it.stage === deal.stage
          ? sum + (replaced?.find((r) => r.item === i + 1)?.volumeMlnRub ?? 0)
          : sum,
      0,
    );
  const options = (bought.data?.purchases ?? [])
    .filter((p) => `enterprise:${p.supplier.id}` !== deal.supplier)
    .map((p) => ({ ...p, volumeMlnRub: Math.max(0, p.volumeMlnRub - takenBefore(`enterprise:${p.supplier.id}`)) }))
    .filter((p) => p.volumeMlnRub > 1e-9);
  const largestImport = options.find((p) => p.imported);
  const replaces = instead ?? (largestImport ? `enterprise:${largestImport.supplier.id}` : '');
  const chosen = options.find((p) => `enterprise:${p.supplier.id}` === replaces);
  const change = (patch: Partial<typeof deal>) => {
    if (patch.buyer !== undefined || patch.stage !== undefined || patch.supplier !== undefined) setInstead(null);
    setDeal({ ...deal, ...patch });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onAdd(
      {
        kind: 'link',
        supplier: deal.supplier,
        buyer: deal.buyer,
        stage: deal.stage,
        volumeMlnRub: Number(deal.volume),
        replaces: chosen ? replaces : null,
      },
      () => {
        setDeal({ ...deal, volume: '' });
        setInstead(null);
      },
    );
  };
  const purchaseOption = (p: Purchases['purchases'][number]) => (
    <option key={p.supplier.id} value={`enterprise:${p.supplier.id}`}>
      {t('whatIfPurchaseOption', {
        supplier: t.pick(p.supplier),
        region: regionName(p.supplier.region),
        volume: fmt(t, p.volumeMlnRub),
      })}
    </option>
  );
  return (
    <form ref={form} className="scenario-form" onSubmit={submit} data-form="link" data-prefill={prefill?.supplier.key}>
      <h3>{t('addContract')}</h3>
      {prefill && <p className="legend-note prefill-note">{t('candidatesPrefilled', { name: prefill.candidate })}</p>}
      {parties.length < 2 ? (
        <p className="empty small">{t('contractNeedsParties')}</p>
      ) : (
        <>
          <select
            required
            value={deal.supplier}
            onChange={(e) => change({ supplier: e.target.value })}
            aria-label={t('supplierOne')}
          >
            <option value="">{t('supplierOne')}…</option>
            {parties.map((p) => (
              <option key={p.key} value={p.key}>
                {p.name}
              </option>
            ))}
          </select>
          <select
            required
            value={deal.buyer}
            onChange={(e) => change({ buyer: e.target.value })}
            aria-label={t('buyer')}
          >
            <option value="">{t('buyer')}…</option>
            {parties
              .filter((p) => p.key !== deal.supplier)
              .map((p) => (
                <option key={p.key} value={p.key}>
                  {p.name}
                </option>
              ))}
          </select>
          <select value={deal.stage} onChange={(e) => change({ stage: e.target.value })} aria-label={t('stage')}>
            {stages.map((s) => (
              <option key={s.id} value={s.id}>
                {t.pick(s)}
              </option>
            ))}
          </select>
          {realBuyer && bought.isPending && (
            <p className="loading small" role="status">
              {t('whatIfPurchasesLoading')}
            </p>
          )}
          {realBuyer && bought.isError && (
            <p className="error" role="alert">
              {errorText(t, bought.error)}
            </p>
          )}
          {realBuyer && bought.data && options.length === 0 && (
            <p className="legend-note" data-purchases="0">
              {t('whatIfNoPurchases')}
            </p>
          )}
          {options.length > 0 && (
            <label className="field-block">
              {t('whatIfInstead')}
              <select
                value={replaces}
                onChange={(e) => setInstead(e.target.value)}
                aria-label={t('whatIfInstead')}
                data-field="replaces"
              >
                <option value="">{t('whatIfNewPurchase')}</option>
                {options.some((p) => p.imported) && (
                  <optgroup label={t('whatIfImports')}>
                    {options.filter((p) => p.imported).map(purchaseOption)}
                  </optgroup>
                )}
                {options.some((p) => !p.imported) && (
                  <optgroup label={t('whatIfLocal')}>{options.filter((p) => !p.imported).map(purchaseOption)}</optgroup>
                )}
              </select>
            </label>
          )}
          <input
            ref={volume}
            required
            type="number"
            min={0.001}
            step="any"
            value={deal.volume}
            onChange={(e) => setDeal({ ...deal, volume: e.target.value })}
            placeholder={`${t('volume')}, ${t('mlnRub')}`}
            aria-label={t('volume')}
          />
          {chosen ? (
            <p className="legend-note" data-replaces-note>
              {t('whatIfInsteadNote', { volume: fmt(t, chosen.volumeMlnRub) })}
              {Number(deal.volume) > chosen.volumeMlnRub &&
                ` ${t('whatIfExcessNote', { volume: fmt(t, chosen.volumeMlnRub) })}`}
            </p>
          ) : (
            options.length > 0 && <p className="legend-note">{t('whatIfNewDemandNote')}</p>
          )}
          <button type="submit" disabled={busy || !deal.supplier || !deal.buyer || !(Number(deal.volume) > 0)}>
            {t('add')}
          </button>
        </>
      )}
    </form>
  );
}

/** Contracts that would lift a cluster's functional dependence, with "add to the scenario". */
export function Suggestions({
  clusterId,
  scenario,
  onScenario,
}: {
  clusterId: string;
  scenario: Scenario | undefined;
  onScenario: (id: string) => void;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const reference = useQuery({
    queryKey: ['reference'],
    queryFn: ({ signal }) => api.reference(signal),
    staleTime: Infinity,
  });
  const regionName = (code: string) => {
    const r = reference.data?.regions.find((x) => x.code === code);
    return r ? t.pick(r) : code;
  };
  const query = useQuery({
    queryKey: ['suggestions', clusterId, scenario?.id ?? null, scenario?.version ?? 0],
    queryFn: ({ signal }) =>
      getJson<ContractSuggestions>(
        `/api/clusters/${encodeURIComponent(clusterId)}/contract-suggestions?limit=10${scenarioQuery(scenario)}`,
        signal,
      ),
  });
  const save = useScenarioSave(scenario);
  const create = useMutation({
    mutationFn: ({ name, items }: { name: string; items: ScenarioItem[] }) => scenarioApi.create(name, items),
    onSuccess: (s) => {
      client.setQueryData(['scenario', s.id], s);
      client.invalidateQueries({ queryKey: ['scenarios'] });
      onScenario(s.id);
    },
  });
  const toItem = (c: ContractSuggestions['suggestions'][number]): HypotheticalLink => ({
    kind: 'link',
    supplier: c.supplier.hypothetical ? c.supplier.id : `enterprise:${c.supplier.id}`,
    buyer: `enterprise:${c.buyer.id}`,
    stage: c.stage,
    volumeMlnRub: c.volumeMlnRub,
    replaces: `enterprise:${c.replaces.id}`,
  });
  const add = (items: HypotheticalLink[]) => {
    if (scenario?.canChange) save.mutate([...scenario.items, ...items]);
    else if (scenario)
      create.mutate({ name: t('whatIfCopyName', { name: scenario.name }), items: [...scenario.items, ...items] });
    else if (query.data) create.mutate({ name: `${query.data.cluster.name}: ${t('contractsWord')}`, items });
  };
  if (query.isError)
    return (
      <p className="error" role="alert">
        {errorText(t, query.error)}
      </p>
    );
  if (!query.data)
    return (
      <p className="loading" role="status">
        {t('loading')}
      </p>
    );
  const d = query.data;
  // A colleague's scenario is not changed: the contracts go into a new scenario of one's own.
  const busy = save.isPending || create.isPending;
  return (
    <div className="suggestions" data-suggestions={d.total}>
      <h3>{t('suggestionsTitle')}</h3>
      <p className="legend-note" title={d.method}>
        {t('suggestionsNote')}
      </p>
      <p>
        {t('checkDependence')}:{' '}
        <b>{d.dependence.value === null ? t('verdict_undetermined') : pct(t, d.dependence.value)}</b> ({t('atLeast')}{' '}
        {pct(t, d.dependence.threshold)})
        {d.dependence.neededMlnRub !== null && d.dependence.neededMlnRub > 0 && (
          <>
            {' '}
            — {t('missingVolume')} {fmt(t, d.dependence.neededMlnRub)} {t('mlnRub')}
          </>
        )}
      </p>
      {d.suggestions.length === 0 ? (
        <p className="empty small">{t('noSuggestions')}</p>
      ) : (
        <>
          {d.plan.contracts > 0 && (
            <p data-plan={d.plan.contracts}>
              {d.plan.reaches
                ? t('planReaches')
                : d.dependence.value === null &&
                    d.plan.dependenceAfter !== null &&
                    d.plan.dependenceAfter >= d.dependence.threshold
                  ? t('planUndetermined')
                  : t('planFallsShort')}
              : <b>{t('count_contracts', { count: d.plan.contracts })}</b>, {fmt(t, d.plan.volumeMlnRub)} {t('mlnRub')}{' '}
              → <b>{pct(t, d.plan.dependenceAfter)}</b>{' '}
              <button
                disabled={busy}
                onClick={() => add(d.plan.indices.map((i) => toItem(d.suggestions[i])))}
                data-add-plan
              >
                {t('addPlan')}
              </button>
            </p>
          )}
          <table className="data-table">
            <thead>
              <tr>
                <th>{t('supplierOne')}</th>
                <th>{t('buyer')}</th>
                <th>{t('volume')}</th>
                <th>{t('insteadOf')}</th>
                <th>{t('dependenceAfter')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {d.suggestions.map((c, i) => (
                <tr
                  key={`${c.buyer.id}|${c.replaces.id}|${c.stage}`}
                  className={d.plan.indices.includes(i) ? 'selected' : ''}
                  data-suggestion={i}
                >
                  <td>{c.supplier.name}</td>
                  <td>{c.buyer.name}</td>
                  <td className="num">{fmt(t, c.volumeMlnRub)}</td>
                  <td>
                    {c.replaces.name} ({regionName(c.replaces.region)})
                  </td>
                  <td className="num">{pct(t, c.dependenceAfter)}</td>
                  <td>
                    <button disabled={busy} onClick={() => add([toItem(c)])}>
                      {t('addToScenario')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {(save.error || create.error) && (
        <p className="error" role="alert">
          {errorText(t, save.error ?? create.error)}
        </p>
      )}
    </div>
  );
}
