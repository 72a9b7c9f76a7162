// Filters, appearance rules and the legend of the explorer.
import type { Reference } from '../../../core/schemas';
import { useI18n } from '../i18n';
import {
  COLOR_BY,
  LINK_KINDS,
  NO_FILTERS,
  SIZE_BY,
  activeFilterCount,
  linkKind,
  linkLegend,
  type Appearance,
  type ColorEntry,
  type ExplorerGraph,
  type Filters,
  type SizeLegend,
} from '../../../core/graph/model';
import { type NodeKind } from '../../../core/schemas';
import { colorLegend, dataName, legendNames, linkLegendLabel } from '../../../core/i18n/legend';
import { SIZE_CATEGORIES, SME_SIZES } from '../../../core/reference';
import { BASEMAP_FILL, BASEMAP_STROKE } from '../basemap/style';
import { useClusterNames } from './hooks/useNames';

function toggle<T>(list: T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** Values present on screen, most frequent first. */
function present(
  graph: ExplorerGraph,
  values: (a: ReturnType<ExplorerGraph['getNodeAttributes']>, node: string) => string[],
): [string, number][] {
  const counts = new Map<string, number>();
  graph.forEachNode((node, a) => {
    for (const v of values(a, node)) counts.set(v, (counts.get(v) ?? 0) + 1);
  });
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export function FiltersPanel({
  graph,
  filters,
  reference,
  onChange,
}: {
  graph: ExplorerGraph;
  version: number;
  filters: Filters;
  reference: Reference | undefined;
  onChange: (f: Filters) => void;
}) {
  const { t, lang } = useI18n();
  const n = legendNames(reference, lang);
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  const kinds = present(graph, (a) => [a.kind]);
  const stages = present(graph, (a) => a.stages);
  const regions = present(graph, (a) => (a.region ? [a.region] : []));
  const districts = present(graph, (a) =>
    a.region && reference ? [reference.regions.find((r) => r.code === a.region)?.federalDistrict ?? ''] : [],
  );
  const clusters = present(graph, (a, node) => (a.kind === 'cluster' ? [node] : a.clusters));
  const clusterName = useClusterNames(
    graph,
    clusters.map(([c]) => c),
  );
  const linkCounts = new Map<string, number>();
  graph.forEachEdge((_, e) => {
    const k = linkKind(e.rel);
    linkCounts.set(k, (linkCounts.get(k) ?? 0) + 1);
  });
  // The kinds on screen, and those switched off (so that they can be switched on again), in order.
  const linkKinds = [...LINK_KINDS, 'other'].filter((k) => linkCounts.has(k) || filters.linksOff.includes(k));
  const active = activeFilterCount(filters);
  const onlySme = filters.sizes.length === SME_SIZES.length && SME_SIZES.every((s) => filters.sizes.includes(s));

  return (
    <section className="panel-block filters" aria-label={t('filters')}>
      <h3>
        {t('filters')}
        {active > 0 && <span className="count"> ({active})</span>}
        {active > 0 && (
          <button className="link reset" onClick={() => onChange({ ...NO_FILTERS, mode: filters.mode })}>
            {t('reset')}
          </button>
        )}
      </h3>
      <div className="mode" role="radiogroup" aria-label={t('filterMode')}>
        <label>
          <input type="radio" checked={filters.mode === 'hide'} onChange={() => set({ mode: 'hide' })} />
          {t('modeHide')}
        </label>
        <label>
          <input type="radio" checked={filters.mode === 'grey'} onChange={() => set({ mode: 'grey' })} />
          {t('modeGrey')}
        </label>
      </div>
      <label className="field">
        {t('chain')}
        <select
          value={filters.chain ?? ''}
          onChange={(e) => set({ chain: e.target.value || null })}
          data-filter="chain"
        >
          <option value="">{t('any')}</option>
          <option value="timber">{t.name('chain', 'timber')}</option>
          <option value="oilgas">{t.name('chain', 'oilgas')}</option>
        </select>
      </label>
      <fieldset data-filter="size">
        <legend>{t('smeCategory')}</legend>
        <button
          className={`chip${onlySme ? ' on' : ''}`}
          aria-pressed={onlySme}
          onClick={() => set({ sizes: onlySme ? [] : [...SME_SIZES] })}
        >
          {t('onlySme')}
        </button>
        {SIZE_CATEGORIES.map((s) => (
          <label key={s} className="check">
            <input
              type="checkbox"
              checked={filters.sizes.includes(s)}
              onChange={() => set({ sizes: toggle(filters.sizes, s) })}
            />
            {t.name('sizeCat', s)}
          </label>
        ))}
      </fieldset>
      <fieldset data-filter="type">
        <legend>{t('nodeType')}</legend>
        {kinds.length === 0 && <p className="empty small">{t('nothingLoaded')}</p>}
        {kinds.map(([k, c]) => (
          <label key={k} className="check">
            <input
              type="checkbox"
              checked={filters.types.includes(k as NodeKind)}
              onChange={() => set({ types: toggle(filters.types, k as NodeKind) })}
            />
            {t.name('type', k)} <span className="n">{c}</span>
          </label>
        ))}
      </fieldset>
      {stages.length > 0 && (
        <fieldset data-filter="stage" className="scroll">
          <legend>{t('stage')}</legend>
          {stages.map(([s, c]) => (
            <label key={s} className="check">
              <input
                type="checkbox"
                checked={filters.stages.includes(s)}
                onChange={() => set({ stages: toggle(filters.stages, s) })}
              />
              {n.stage.get(s) ?? s} <span className="n">{c}</span>
            </label>
          ))}
        </fieldset>
      )}
      {districts.length > 0 && (
        <fieldset data-filter="district">
          <legend>{t('district')}</legend>
          {districts.map(([d, c]) => (
            <label key={d} className="check">
              <input
                type="checkbox"
                checked={filters.districts.includes(d)}
                onChange={() => set({ districts: toggle(filters.districts, d) })}
              />
              {n.district.get(d) ?? d} <span className="n">{c}</span>
            </label>
          ))}
        </fieldset>
      )}
      {regions.length > 0 && (
        <fieldset data-filter="region" className="scroll">
          <legend>{t('region')}</legend>
          {regions.map(([r, c]) => (
            <label key={r} className="check">
              <input
                type="checkbox"
                checked={filters.regions.includes(r)}
                onChange={() => set({ regions: toggle(filters.regions, r) })}
              />
              {n.region.get(r) ?? r} <span className="n">{c}</span>
            </label>
          ))}
        </fieldset>
      )}
      {clusters.length > 0 && (
        <label className="field">
          {t('clusterFilter')}
          <select
            value={filters.cluster ?? ''}
            onChange={(e) => set({ cluster: e.target.value || null })}
            data-filter="cluster"
          >
            <option value="">{t('any')}</option>
            {clusters.map(([c]) => (
              <option key={c} value={c}>
                {clusterName(c)}
              </option>
            ))}
          </select>
        </label>
      )}
      {linkKinds.length > 0 && (
        <fieldset data-filter="links">
          <legend>{t('tiesLinkKinds')}</legend>
          {linkKinds.map((k) => (
            <label key={k} className="check" data-link={k}>
              <input
                type="checkbox"
                checked={!filters.linksOff.includes(k)}
                onChange={() => set({ linksOff: toggle(filters.linksOff, k) })}
              />
              <LinkSwatch rel={k} /> {dataName(t, 'link', k)} <span className="n">{linkCounts.get(k) ?? 0}</span>
            </label>
          ))}
        </fieldset>
      )}
      <fieldset className="range" data-filter="volume">
        <legend>{t('volumeRange')}</legend>
        <input
          type="number"
          min={0}
          placeholder={t('from')}
          aria-label={t('volumeMin')}
          value={filters.volumeMin ?? ''}
          onChange={(e) => set({ volumeMin: e.target.value === '' ? null : Math.max(0, Number(e.target.value)) })}
        />
        <span>—</span>
        <input
          type="number"
          min={0}
          placeholder={t('to')}
          aria-label={t('volumeMax')}
          value={filters.volumeMax ?? ''}
          onChange={(e) => set({ volumeMax: e.target.value === '' ? null : Math.max(0, Number(e.target.value)) })}
        />
      </fieldset>
    </section>
  );
}

export function AppearancePanel({
  appearance,
  onChange,
}: {
  appearance: Appearance;
  onChange: (a: Appearance) => void;
}) {
  const { t } = useI18n();
  return (
    <section className="panel-block" aria-label={t('appearance')}>
      <h3>{t('appearance')}</h3>
      <label className="field">
        {t('colorBy')}
        <select
          value={appearance.colorBy}
          data-appearance="color"
          onChange={(e) => onChange({ ...appearance, colorBy: e.target.value as Appearance['colorBy'] })}
        >
          {COLOR_BY.map((c) => (
            <option key={c} value={c}>
              {t(`color_${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        {t('sizeBy')}
        <select
          value={appearance.sizeBy}
          data-appearance="size"
          onChange={(e) => onChange({ ...appearance, sizeBy: e.target.value as Appearance['sizeBy'] })}
        >
          {SIZE_BY.map((s) => (
            <option key={s} value={s}>
              {t(`size_${s}`)}
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}

/** A kind of link as the graph draws it (colour and shape), for the legend and the filter. */
function LinkSwatch({ rel }: { rel: string }) {
  const [line] = linkLegend([rel]).filter((l) => l.rel === rel);
  if (!line) return null;
  return <span className={`link-swatch shape-${line.shape}`} style={{ color: line.color }} aria-hidden="true" />;
}

export function Legend({
  legend,
  appearance,
  reference,
  graph,
  greyMode,
  hasPath,
  linksOff,
  basemap,
}: {
  legend: { colors: ColorEntry[]; sizes: SizeLegend; volume: { min: number; max: number }; links: string[] };
  appearance: Appearance;
  linksOff: string[];
  reference: Reference | undefined;
  graph: ExplorerGraph;
  greyMode: boolean;
  hasPath: boolean;
  /** The geographic layout draws Russia's outline under the graph: the legend says what it is. */
  basemap: boolean;
}) {
  const { t, lang } = useI18n();
  const clusterName = useClusterNames(
    graph,
    appearance.colorBy === 'cluster' ? legend.colors.map((c) => c.key).filter((k) => k.startsWith('cluster:')) : [],
  );
  const { lines, others } = colorLegend(legend.colors, appearance.colorBy, lang, reference, clusterName);
  const fmt = (v: number) => v.toLocaleString(lang, { maximumFractionDigits: v >= 100 ? 0 : 1 });
  const s = legend.sizes;
  return (
    // Focusable: the legend scrolls when it is long, and the keyboard must be able to scroll it.
    <aside className="legend explorer-legend" aria-label={t('legend')} tabIndex={0}>
      <div className="group">
        <h4>
          {t('colorBy')}: {t(`color_${appearance.colorBy}`).toLowerCase()}
        </h4>
        {/* Every category, however many: the list scrolls past a few rows, and takes the focus so
            that the keyboard can scroll it too. */}
        <ul data-legend="colors" className="scroll" tabIndex={0} aria-label={t(`color_${appearance.colorBy}`)}>
          {[...lines, ...(others ? [others] : [])].map((c) => (
            <li key={c.key} data-key={c.key} data-color={c.color}>
              <span className="dot" style={{ background: c.color }} />
              <span className="label">
                {c.label} <span className="n">{c.count}</span>
              </span>
            </li>
          ))}
        </ul>
      </div>
      <div className="group">
        <h4>
          {t('sizeBy')}: {t(`size_${appearance.sizeBy}`).toLowerCase()}
        </h4>
        {appearance.sizeBy === 'uniform' ? (
          <p className="legend-note">{t('sizeUniform')}</p>
        ) : (
          <ul data-legend="sizes">
            <li>
              <span className="circle" style={{ width: s.minSize * 2, height: s.minSize * 2 }} />
              {fmt(s.min)}
            </li>
            <li>
              <span className="circle" style={{ width: s.maxSize * 2, height: s.maxSize * 2 }} />
              {fmt(s.max)}
            </li>
            <li className="legend-note">{t('sizeNoValue')}</li>
          </ul>
        )}
      </div>
      <div className="group">
        <h4>{t('legendLinks')}</h4>
        <ul data-legend="edges">
          {linkLegend(legend.links, linksOff).map((l) => (
            <li key={l.rel} data-link={l.rel}>
              <LinkSwatch rel={l.rel} />
              {linkLegendLabel(t, l.rel, legend.volume)}
            </li>
          ))}
          <li>
            <span className="line selected" />
            {t('legendSelectedLinks')}
          </li>
          {hasPath && (
            <li>
              <span className="line path" />
              {t('legendPath')}
            </li>
          )}
          {greyMode && (
            <li>
              <span className="dot" style={{ background: '#dde2e7' }} />
              {t('legendFiltered')}
            </li>
          )}
          {basemap && (
            <li data-legend="basemap">
              <span className="basemap-swatch" style={{ background: BASEMAP_FILL, borderColor: BASEMAP_STROKE }} />
              {t('mapBasemapLegend')}
            </li>
          )}
        </ul>
      </div>
    </aside>
  );
}
