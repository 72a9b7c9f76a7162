// The overview: regions placed by their coordinates, sized by the enterprises of the chosen chain,
// coloured by federal district, linked by the supply volume between them (sigma 3 over graphology,
// in one SigmaContainer whose controllers draw the chain's data, highlight the selected region
// through reducers and turn clicks into the selection).
//
// Russia's outline lies under the graph (client/src/basemap/). Only the largest flows are drawn (the
// user picks how many; the selected region's flows always are), the regions can be coloured by a
// measure in classes (a choropleth) instead of their district, and hovering a region or a flow
// shows its figures. The state that makes the map shareable — chain, region, flows, colouring —
// lives in the address (core/view/overview-url.ts), and the back button steps through it.
//
// For tests and debugging, the view publishes `window.__coopgraphOverview = { graph, sigma, chain }`:
// the graphology graph as drawn (nodes are region codes with x, y, size, color, label, enterprises,
// smes, gaps, localVolume; edges are every flow with size, volumeMlnRub, links — the reducers hide
// those beyond the chosen number), the sigma instance, and the chain the graph shows. Its container
// carries `data-state="ready"` and `data-chain` once drawn.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Graph from 'graphology';
import type Sigma from 'sigma';
import type { Settings } from 'sigma/settings';
import { SigmaContainer, useRegisterEvents, useSigma, useSigmaContext } from '@react-sigma/core';
import { createEdgeArrowProgram } from 'sigma/rendering';
import { api, type Overview, type OverviewChain } from './api';
import { type OverviewRegion, type Reference } from '../../core/schemas';
import { NodeDetails, errorText } from './Details';
import { project } from '../../core/graph/projection';
import { DISTRICT_COLORS } from '../../core/graph/model';
import { RAMPS, choroplethScale, type ChoroplethScale } from '../../core/graph/choropleth';
import {
  CHOROPLETHS,
  DEFAULT_OVERVIEW,
  FLOW_LIMITS,
  overviewFromLocation,
  overviewHash,
  type Choropleth,
  type OverviewState,
} from '../../core/view/overview-url';
import { BasemapController } from './basemap/BasemapController';
import { BASEMAP_FILL, BASEMAP_STROKE } from './basemap/style';
import { chainName, shortDistrictName, shortRegionName, type Lang } from '../../core/i18n';
import { useI18n } from './i18n';
import './explorer/sigma.css';

const EMPTY_COLOR = '#c3cad3';
const EDGE_COLOR = 'rgba(44, 62, 80, 0.42)';
const FADED_EDGE = 'rgba(120, 130, 140, 0.10)';
const OUT_COLOR = '#e07b00';
const IN_COLOR = '#2b6cb0';
/** A region whose figure is unknown, in a choropleth: neither a class colour nor the empty grey. */
const NO_DATA_COLOR = '#6f7780';

/** A district colour washed out, for regions not linked to the selected one. */
function fade(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * 0.6);
  return `rgb(${mix(n >> 16)}, ${mix((n >> 8) & 255)}, ${mix(n & 255)})`;
}

interface NodeAttrs {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  enterprises: number;
  smes: number;
  gaps: number | null;
  localVolume: number;
  federalDistrict: string;
}
interface EdgeAttrs {
  size: number;
  color: string;
  volumeMlnRub: number;
  links: number;
}
type OverviewGraph = Graph<NodeAttrs, EdgeAttrs>;

declare global {
  interface Window {
    __coopgraphOverview?: { graph: OverviewGraph; sigma: Sigma<NodeAttrs, EdgeAttrs>; chain: OverviewChain | null };
  }
}

/** The overview's choice beside the reference data's chains: every chain at once. */
const ALL_CHAINS: OverviewChain = 'all';

/** The figure a choropleth shows, and its colour ramp. */
const MEASURES: Record<
  Exclude<Choropleth, 'district'>,
  { of: (r: OverviewRegion) => number | null; ramp: readonly string[] }
> = {
  enterprises: { of: (r) => r.enterprises, ramp: RAMPS.blues },
  smes: { of: (r) => r.smes, ramp: RAMPS.blues },
  gaps: { of: (r) => r.gaps, ramp: RAMPS.oranges },
};

/** Each region's colour in a choropleth, with the scale for the legend; null for the districts' colours. */
function choropleth(
  data: Overview | undefined,
  fill: Choropleth,
): { scale: ChoroplethScale; colors: Map<string, string> } | null {
  if (!data || fill === 'district') return null;
  const m = MEASURES[fill];
  const scale = choroplethScale(data.regions.map(m.of), m.ramp);
  const colors = new Map<string, string>();
  for (const r of data.regions) {
    const c = scale.classOf(m.of(r));
    colors.set(r.code, c === null ? NO_DATA_COLOR : scale.classes[c].color);
  }
  return { scale, colors };
}

/** The keys of the flows drawn: the `limit` largest (the server sends them largest first); all for 0. */
function shownFlows(data: Overview | undefined, limit: number): Set<string> {
  const flows = data?.flows ?? [];
  return new Set((limit === 0 ? flows : flows.slice(0, limit)).map((f) => `${f.source}>${f.target}`));
}

function nodeSize(enterprises: number, max: number): number {
  return enterprises === 0 ? 2.5 : 4 + 16 * Math.sqrt(enterprises / Math.max(max, 1));
}

/** Edge width in pixels on a log scale between the smallest and largest flow, and sample volumes for the legend. */
function widthScale(volumes: number[]): { width: (v: number) => number; samples: number[] } {
  if (volumes.length === 0) return { width: () => 2, samples: [] };
  const lmin = Math.log1p(Math.min(...volumes));
  const lmax = Math.log1p(Math.max(...volumes));
  const width = (v: number) => (lmax - lmin < 1e-9 ? 3 : 1 + 7 * ((Math.log1p(v) - lmin) / (lmax - lmin)));
  const round = (v: number) => Number(v.toPrecision(2));
  const samples =
    lmax - lmin < 1e-9 ? [Math.expm1(lmin)] : [Math.expm1(lmin), Math.expm1((lmin + lmax) / 2), Math.expm1(lmax)];
  return { width, samples: [...new Set(samples.map(round))] };
}

function formatNumber(lang: Lang, v: number): string {
  if (v > 0 && v < 10) return v.toLocaleString(lang, { maximumSignificantDigits: 2 });
  return v.toLocaleString(lang, { maximumFractionDigits: v >= 100 ? 0 : 1 });
}

function fillGraph(graph: OverviewGraph, data: Overview, lang: Lang, width: (v: number) => number) {
  graph.clear();
  const max = Math.max(0, ...data.regions.map((r) => r.enterprises));
  for (const r of data.regions) {
    const { x, y } = project(r.lat, r.lon);
    graph.addNode(r.code, {
      x,
      y,
      size: nodeSize(r.enterprises, max),
      color: r.enterprises > 0 ? (DISTRICT_COLORS[r.federalDistrict] ?? '#555') : EMPTY_COLOR,
      label: shortRegionName(lang === 'en' ? r.nameEn : r.name),
      enterprises: r.enterprises,
      smes: r.smes,
      gaps: r.gaps,
      localVolume: r.local.volumeMlnRub,
      federalDistrict: r.federalDistrict,
    });
  }
  // Largest flows last, so they are drawn on top.
  for (const f of [...data.flows].reverse()) {
    if (!graph.hasNode(f.source) || !graph.hasNode(f.target)) continue;
    graph.addDirectedEdgeWithKey(`${f.source}>${f.target}`, f.source, f.target, {
      size: width(f.volumeMlnRub),
      color: EDGE_COLOR,
      volumeMlnRub: f.volumeMlnRub,
      links: f.links,
    });
  }
}

/** What the pointer is over: a region or a flow, where (viewport pixels). */
type Hover = { kind: 'node' | 'edge'; key: string; x: number; y: number } | null;

function GraphCanvas({
  data,
  selected,
  onSelect,
  onHover,
  width,
  shown,
  colors,
  basemap,
}: {
  data: Overview | undefined;
  selected: string | null;
  onSelect: (code: string | null) => void;
  onHover: (hover: Hover) => void;
  width: (v: number) => number;
  shown: Set<string>;
  colors: Map<string, string> | null;
  basemap: boolean;
}) {
  const { t } = useI18n();
  const graph = useMemo(() => new Graph<NodeAttrs, EdgeAttrs>({ type: 'directed', multi: false }), []);
  // Memoised: new settings would make SigmaContainer build a new sigma.
  const settings = useMemo<Partial<Settings<NodeAttrs, EdgeAttrs>>>(
    () => ({
      allowInvalidContainer: true,
      defaultEdgeType: 'arrow',
      edgeProgramClasses: { arrow: createEdgeArrowProgram<NodeAttrs, EdgeAttrs>() },
      // For the flows' hover cards.
      enableEdgeEvents: true,
      labelFont: 'system-ui, "Segoe UI", Roboto, sans-serif',
      labelSize: 12,
      labelColor: { color: '#1d2733' },
      labelRenderedSizeThreshold: 8,
      stagePadding: 30,
      zIndex: true,
      minCameraRatio: 0.08,
      maxCameraRatio: 2,
    }),
    [],
  );
  return (
    <SigmaContainer<NodeAttrs, EdgeAttrs> graph={graph} settings={settings} className="sigma">
      <BasemapController enabled={basemap} />
      <OverviewDataController data={data} width={width} label={t('overviewGraph')} />
      <OverviewAppearanceController selected={selected} shown={shown} colors={colors} />
      <OverviewEventsController onSelect={onSelect} onHover={onHover} />
    </SigmaContainer>
  );
}

/** Draws the chain's regions and flows; publishes `data-state`, `data-chain` and `window.__coopgraphOverview`. */
function OverviewDataController({
  data,
  width,
  label,
}: {
  data: Overview | undefined;
  width: (v: number) => number;
  label: string;
}) {
  const { sigma, container } = useSigmaContext<NodeAttrs, EdgeAttrs>();
  const { lang } = useI18n();

  useEffect(() => {
    container.setAttribute('role', 'img');
    container.setAttribute('aria-label', label);
  }, [container, label]);

  useEffect(() => {
    window.__coopgraphOverview = { graph: sigma.getGraph(), sigma, chain: null };
    return () => {
      delete window.__coopgraphOverview;
    };
  }, [sigma]);

  useEffect(() => {
    const graph = sigma.getGraph();
    if (!data) {
      // Nothing to show (first load, or the chain failed to load): no stale graph of another chain.
      graph.clear();
      container.dataset.state = 'loading';
      delete container.dataset.chain;
      if (window.__coopgraphOverview) window.__coopgraphOverview.chain = null;
      return;
    }
    fillGraph(graph, data, lang, width);
    sigma.refresh();
    container.dataset.state = 'ready';
    container.dataset.chain = data.chain;
    if (window.__coopgraphOverview) window.__coopgraphOverview.chain = data.chain;
  }, [sigma, container, data, lang, width]);

  return null;
}

/**
 * Reducers: regions in their choropleth colour (else their district's), only the flows chosen
 * (`shown`) and the selected region's own; the selected region with its flows stands out, the rest
 * fades.
 */
function OverviewAppearanceController({
  selected,
  shown,
  colors,
}: {
  selected: string | null;
  shown: Set<string>;
  colors: Map<string, string> | null;
}) {
  const sigma = useSigma<NodeAttrs, EdgeAttrs>();

  useLayoutEffect(() => {
    const graph = sigma.getGraph();
    const base = (node: string, attrs: NodeAttrs) => colors?.get(node) ?? attrs.color;
    const hidden = (edge: string) => !shown.has(edge);
    sigma.setSettings(
      selected === null || !graph.hasNode(selected)
        ? {
            nodeReducer: colors ? (node, attrs) => ({ ...attrs, color: base(node, attrs) }) : null,
            edgeReducer: (edge, attrs) => (hidden(edge) ? { ...attrs, hidden: true } : attrs),
          }
        : {
            nodeReducer: (node, attrs) => {
              const color = base(node, attrs);
              if (node === selected) return { ...attrs, color, highlighted: true, forceLabel: true, zIndex: 2 };
              const linked = graph.hasEdge(selected, node) || graph.hasEdge(node, selected);
              return linked
                ? { ...attrs, color, zIndex: 1 }
                : {
                    ...attrs,
                    label: null,
                    color: attrs.enterprises > 0 || colors ? fade(color) : color,
                    zIndex: 0,
                  };
            },
            edgeReducer: (edge, attrs) => {
              if (graph.source(edge) === selected) return { ...attrs, color: OUT_COLOR, zIndex: 1 };
              if (graph.target(edge) === selected) return { ...attrs, color: IN_COLOR, zIndex: 1 };
              return hidden(edge) ? { ...attrs, hidden: true } : { ...attrs, color: FADED_EDGE, zIndex: 0 };
            },
          },
    );
    sigma.refresh({ skipIndexation: true });
  }, [sigma, selected, shown, colors]);

  return null;
}

/** A click on a region selects it, on the stage clears the selection; hovering reports what is under the pointer. */
function OverviewEventsController({
  onSelect,
  onHover,
}: {
  onSelect: (code: string | null) => void;
  onHover: (hover: Hover) => void;
}) {
  const { container } = useSigmaContext();
  const registerEvents = useRegisterEvents<NodeAttrs, EdgeAttrs>();

  useEffect(() => {
    registerEvents({
      clickNode: ({ node }) => onSelect(node),
      clickStage: () => onSelect(null),
      enterNode: ({ node, event }) => {
        container.style.cursor = 'pointer';
        onHover({ kind: 'node', key: node, x: event.x, y: event.y });
      },
      leaveNode: () => {
        container.style.cursor = '';
        onHover(null);
      },
      enterEdge: ({ edge, event }) => onHover({ kind: 'edge', key: edge, x: event.x, y: event.y }),
      leaveEdge: () => onHover(null),
      // The card would point at a place that has moved.
      wheelStage: () => onHover(null),
      downStage: () => onHover(null),
    });
  }, [registerEvents, onSelect, onHover, container]);

  return null;
}

function Legend({
  reference,
  samples,
  width,
  hasSelection,
  fill,
  scale,
  basemap,
  flows,
}: {
  reference: Reference | undefined;
  samples: number[];
  width: (v: number) => number;
  hasSelection: boolean;
  fill: Choropleth;
  scale: ChoroplethScale | null;
  basemap: boolean;
  flows: { shown: number; total: number };
}) {
  const { t, lang } = useI18n();
  const districts =
    reference?.federalDistricts ?? Object.keys(DISTRICT_COLORS).map((id) => ({ id, name: id, nameEn: id }));
  const range = (min: number, max: number) =>
    min === max ? min.toLocaleString(lang) : `${min.toLocaleString(lang)}–${max.toLocaleString(lang)}`;
  return (
    <aside className="legend" aria-label={t('legendDistricts')}>
      {fill === 'district' || !scale ? (
        <div className="group">
          <h4>{t('legendDistricts')}</h4>
          <ul className="districts">
            {districts.map((d) => (
              <li key={d.id}>
                <span className="dot" style={{ background: DISTRICT_COLORS[d.id] }} />
                {shortDistrictName(lang === 'en' ? d.nameEn : d.name)}
              </li>
            ))}
            <li>
              <span className="dot small" style={{ background: EMPTY_COLOR }} />
              {t('legendNoEnterprises')}
            </li>
          </ul>
          <p className="legend-note">{t('legendSize')}</p>
        </div>
      ) : (
        <div className="group" data-legend="choropleth" data-measure={fill}>
          <h4>{t(`mapFillLegend_${fill}`)}</h4>
          <ul className="classes">
            {scale.classes.map((c) => (
              <li key={c.min} data-min={c.min} data-max={c.max}>
                <span className="dot swatch" style={{ background: c.color }} />
                {range(c.min, c.max)}
              </li>
            ))}
            {scale.unknown > 0 && (
              <li data-class="none">
                <span className="dot swatch" style={{ background: NO_DATA_COLOR }} />
                {t('mapNoData')}
              </li>
            )}
          </ul>
          <p className="legend-note">{t('legendSize')}</p>
        </div>
      )}
      <div className="group">
        <h4>{samples.length > 0 ? t('legendFlows') : t('legendNoFlows')}</h4>
        <ul className="widths">
          {samples.map((v) => (
            <li key={v}>
              <span className="line" style={{ height: `${width(v)}px` }} />
              {formatNumber(lang, v)} {t('mlnRub')}
            </li>
          ))}
        </ul>
        {hasSelection && <p className="legend-note selection">{t('legendSelection')}</p>}
        <p className="legend-note">
          {flows.total > 0 && (
            <span data-legend="flows-shown">{t('mapFlowsShown', { shown: flows.shown, total: flows.total })}</span>
          )}
          {flows.total > 0 && basemap && ' · '}
          {basemap && (
            <span data-legend="basemap">
              <span className="basemap-swatch" style={{ background: BASEMAP_FILL, borderColor: BASEMAP_STROKE }} />
              {t('mapBasemapLegend')}
            </span>
          )}
        </p>
      </div>
    </aside>
  );
}

/** The figures of the region or flow under the pointer. */
function HoverCard({ data, hover, box }: { data: Overview; hover: NonNullable<Hover>; box: DOMRect | undefined }) {
  const { t, lang } = useI18n();
  const region = (code: string) => data.regions.find((r) => r.code === code);
  const name = (r: OverviewRegion | undefined) => (r ? (lang === 'en' ? r.nameEn : r.name) : '?');
  const money = (v: number) => `${formatNumber(lang, v)} ${t('mlnRub')}`;
  // Kept inside the canvas: left of the pointer in the canvas's right half, above it in the lower half.
  const right = !!box && hover.x > box.width / 2;
  const below = !box || hover.y < box.height / 2;
  const style = {
    left: right ? undefined : hover.x + 14,
    right: right ? box!.width - hover.x + 14 : undefined,
    top: below ? hover.y + 14 : undefined,
    bottom: below ? undefined : box!.height - hover.y + 14,
  };
  if (hover.kind === 'node') {
    const r = region(hover.key);
    if (!r) return null;
    const sum = (fs: typeof data.flows) => fs.reduce((s, f) => s + f.volumeMlnRub, 0);
    return (
      <div className="hover-card" role="tooltip" data-kind="region" data-key={r.code} style={style}>
        <b>{name(r)}</b>
        <table>
          <tbody>
            <tr>
              <th>{t('enterprises')}</th>
              <td data-field="enterprises">{r.enterprises.toLocaleString(lang)}</td>
            </tr>
            <tr>
              <th>{t('smesShort')}</th>
              <td data-field="smes">{r.smes.toLocaleString(lang)}</td>
            </tr>
            <tr>
              <th>{t('mapCardGaps')}</th>
              <td data-field="gaps">{r.gaps === null ? t('mapNoData') : r.gaps.toLocaleString(lang)}</td>
            </tr>
            <tr>
              <th>{t('mapCardIn')}</th>
              <td data-field="in">{money(sum(data.flows.filter((f) => f.target === r.code)))}</td>
            </tr>
            <tr>
              <th>{t('mapCardOut')}</th>
              <td data-field="out">{money(sum(data.flows.filter((f) => f.source === r.code)))}</td>
            </tr>
          </tbody>
        </table>
      </div>
    );
  }
  const [source, target] = hover.key.split('>');
  const flow = data.flows.find((f) => f.source === source && f.target === target);
  if (!flow) return null;
  return (
    <div className="hover-card" role="tooltip" data-kind="flow" data-key={hover.key} style={style}>
      <b>
        {name(region(source))} → {name(region(target))}
      </b>
      <div data-field="volume">
        {t('mapCardVolume')}: {money(flow.volumeMlnRub)} · {t('count_links', { count: flow.links })}
      </div>
    </div>
  );
}

function RegionSummary({
  data,
  code,
  onSelect,
}: {
  data: Overview;
  code: string;
  onSelect: (code: string | null) => void;
}) {
  const { t, lang } = useI18n();
  const regions = useMemo(() => new Map(data.regions.map((r) => [r.code, r])), [data]);
  const region = regions.get(code);
  if (!region) return null;
  const out = data.flows.filter((f) => f.source === code);
  const into = data.flows.filter((f) => f.target === code);
  const sum = (fs: typeof out) => fs.reduce((s, f) => s + f.volumeMlnRub, 0);
  const name = (r: OverviewRegion | undefined) => (r ? (lang === 'en' ? r.nameEn : r.name) : '?');
  const vol = (v: number, links: number) =>
    `${formatNumber(lang, v)} ${t('mlnRub')} · ${t('count_links', { count: links })}`;
  const partners = (fs: typeof out, other: (f: (typeof out)[number]) => string) => (
    <ol className="partners">
      {fs.slice(0, 5).map((f) => (
        <li key={other(f)}>
          <button className="link" onClick={() => onSelect(other(f))}>
            {name(regions.get(other(f)))}
          </button>{' '}
          — {formatNumber(lang, f.volumeMlnRub)} {t('mlnRub')}
        </li>
      ))}
    </ol>
  );
  return (
    <section className="region-summary" aria-label={t('regionInChain')} data-region={code}>
      <div className="kind">
        {t.name('type', 'region')} · {region.code}
      </div>
      <h2>{name(region)}</h2>
      <h3>
        {t('regionInChain')}: {t.name('chain', data.chain)}
      </h3>
      <table>
        <tbody>
          <tr>
            <th>{t('enterprises')}</th>
            <td data-field="enterprises">{region.enterprises.toLocaleString(lang)}</td>
          </tr>
          <tr>
            <th>{t('smes')}</th>
            <td data-field="smes">{region.smes.toLocaleString(lang)}</td>
          </tr>
          <tr>
            <th>{t('localVolume')}</th>
            <td data-field="local">{vol(region.local.volumeMlnRub, region.local.links)}</td>
          </tr>
          <tr>
            <th>{t('outVolume')}</th>
            <td>
              {vol(
                sum(out),
                out.reduce((s, f) => s + f.links, 0),
              )}
            </td>
          </tr>
          <tr>
            <th>{t('inVolume')}</th>
            <td>
              {vol(
                sum(into),
                into.reduce((s, f) => s + f.links, 0),
              )}
            </td>
          </tr>
        </tbody>
      </table>
      {out.length > 0 && (
        <>
          <h3>{t('topBuyers')}</h3>
          {partners(out, (f) => f.target)}
        </>
      )}
      {into.length > 0 && (
        <>
          <h3>{t('topSuppliers')}</h3>
          {partners(into, (f) => f.source)}
        </>
      )}
    </section>
  );
}

/**
 * The ten regions with most of the chain's enterprises. Each region's mark is the colour the map
 * gives it — its federal district, or its class when the map is a choropleth (so the mark, the map
 * and the legend agree) — and a choropleth of gaps adds their count, which the table lacks.
 */
function TopRegions({
  data,
  onSelect,
  fill,
  colors,
}: {
  data: Overview;
  onSelect: (code: string) => void;
  fill: Choropleth;
  colors: Map<string, string> | null;
}) {
  const { t, lang } = useI18n();
  const gaps = fill === 'gaps' && colors !== null;
  const top = data.regions
    .filter((r) => r.enterprises > 0)
    .sort((a, b) => b.enterprises - a.enterprises || a.code.localeCompare(b.code))
    .slice(0, 10);
  if (top.length === 0) return null;
  return (
    <section className="top-regions">
      <h3>{t('topRegions')}</h3>
      <table>
        <thead>
          <tr>
            <th />
            <th>{t('enterprises')}</th>
            <th>{t('smesShort')}</th>
            {gaps && <th>{t('mapGapsShort')}</th>}
          </tr>
        </thead>
        <tbody>
          {top.map((r) => (
            <tr key={r.code}>
              <td>
                <span className="region-cell">
                  <span
                    className="dot"
                    data-mark={colors ? fill : 'district'}
                    style={{ background: colors?.get(r.code) ?? DISTRICT_COLORS[r.federalDistrict] }}
                  />
                  <button className="link" onClick={() => onSelect(r.code)}>
                    {lang === 'en' ? r.nameEn : r.name}
                  </button>
                </span>
              </td>
              <td>{r.enterprises.toLocaleString(lang)}</td>
              <td>{r.smes.toLocaleString(lang)}</td>
              {gaps && <td data-field="gaps">{r.gaps === null ? '—' : r.gaps.toLocaleString(lang)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Is a location the overview's (the landing view included)? */
const isOverviewHash = (hash: string) =>
  hash === '' || hash === '#' || hash === '#overview' || hash.startsWith('#overview?');

export function OverviewView() {
  const { t, lang } = useI18n();
  // The state lives in the address: a reload or a link restores it, the back button steps through it.
  const [state, setState] = useState<OverviewState>(() => overviewFromLocation(location.hash));
  const stateRef = useRef(state);
  stateRef.current = state;
  const change = useCallback((patch: Partial<OverviewState>) => {
    const next = { ...stateRef.current, ...patch };
    stateRef.current = next;
    setState(next);
    const hash = overviewHash(next);
    if (hash !== location.hash) history.pushState(null, '', hash);
  }, []);
  useEffect(() => {
    const onPop = () => {
      if (isOverviewHash(location.hash)) setState(overviewFromLocation(location.hash));
    };
    window.addEventListener('popstate', onPop);
    window.addEventListener('hashchange', onPop);
    return () => {
      window.removeEventListener('popstate', onPop);
      window.removeEventListener('hashchange', onPop);
    };
  }, []);
  const [basemap, setBasemap] = useState(true);
  const [hover, setHover] = useState<Hover>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const reference = useQuery({
    queryKey: ['reference'],
    queryFn: ({ signal }) => api.reference(signal),
    staleTime: Infinity,
  });
  const chainIds = [...(reference.data?.chains ?? []).map((c) => c.id), ALL_CHAINS];
  // A chain the address names but the reference data does not know: the default one.
  const chain: OverviewChain = reference.data && !chainIds.includes(state.chain) ? DEFAULT_OVERVIEW.chain : state.chain;
  const selected = state.region;
  const onSelect = useCallback((region: string | null) => change({ region }), [change]);
  const overview = useQuery({
    queryKey: ['overview', chain],
    queryFn: ({ signal }) => api.overview(chain, signal),
    placeholderData: keepPreviousData,
  });
  const data = overview.data;
  const scale = useMemo(() => widthScale(data?.flows.map((f) => f.volumeMlnRub) ?? []), [data]);
  const shown = useMemo(() => shownFlows(data, state.flows), [data, state.flows]);
  const fill = useMemo(() => choropleth(data, state.fill), [data, state.fill]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && stateRef.current.region !== null) change({ region: null });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [change]);

  const totals = data && {
    enterprises: data.regions.reduce((s, r) => s + r.enterprises, 0),
    smes: data.regions.reduce((s, r) => s + r.smes, 0),
    flows: data.flows.length,
    volume: data.flows.reduce((s, f) => s + f.volumeMlnRub, 0),
  };
  const empty =
    !!data && totals!.enterprises === 0 && data.flows.length === 0 && data.regions.every((r) => r.local.links === 0);

  return (
    <main className="overview">
      <section className="map">
        <div className="toolbar">
          <div className="chains" role="radiogroup" aria-label={t('chain')}>
            {chainIds.map((c) => (
              <button
                key={c}
                role="radio"
                aria-checked={chain === c}
                onClick={() => change({ chain: c })}
                data-chain={c}
              >
                {c === ALL_CHAINS ? t.name('chain', c) : chainName(t, c, reference.data?.chains)}
              </button>
            ))}
          </div>
          {totals && (
            <span className="totals">
              {t('totalEnterprises')}: <b>{totals.enterprises.toLocaleString(lang)}</b>, {t('totalSmes')}:{' '}
              <b>{totals.smes.toLocaleString(lang)}</b>
              {' · '}
              {t('totalFlows')}: <b>{totals.flows.toLocaleString(lang)}</b> ({formatNumber(lang, totals.volume)}{' '}
              {t('mlnRub')})
            </span>
          )}
        </div>
        <div className="toolbar map-controls">
          <label className="field-inline">
            {t('mapFlows')}
            <select
              value={state.flows}
              onChange={(e) => change({ flows: Number(e.target.value) })}
              data-control="flows"
            >
              {FLOW_LIMITS.map((n) => (
                <option key={n} value={n}>
                  {n === 0 ? t('mapFlowsAll') : t('mapFlowsTop', { count: n })}
                </option>
              ))}
            </select>
          </label>
          <label className="field-inline">
            {t('mapFill')}
            <select
              value={state.fill}
              onChange={(e) => change({ fill: e.target.value as Choropleth })}
              data-control="fill"
            >
              {CHOROPLETHS.map((c) => (
                <option key={c} value={c}>
                  {t(`mapFill_${c}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field-inline">
            <input
              type="checkbox"
              checked={basemap}
              onChange={(e) => setBasemap(e.target.checked)}
              data-control="basemap"
            />
            {t('mapBasemap')}
          </label>
        </div>
        <div className="canvas-wrap" ref={wrap}>
          <GraphCanvas
            data={data}
            selected={selected}
            onSelect={onSelect}
            onHover={setHover}
            width={scale.width}
            shown={shown}
            colors={fill?.colors ?? null}
            basemap={basemap}
          />
          {data && hover && <HoverCard data={data} hover={hover} box={wrap.current?.getBoundingClientRect()} />}
          {overview.isFetching && (
            <p className="overlay loading" role="status">
              {t('loading')}
            </p>
          )}
          {overview.isError && (
            <p className="overlay error" role="alert">
              {t('overviewError')}: {errorText(t, overview.error)}
            </p>
          )}
          {empty && !overview.isFetching && <p className="overlay empty">{t('overviewEmpty')}</p>}
        </div>
        <Legend
          reference={reference.data}
          samples={scale.samples}
          width={scale.width}
          hasSelection={!!selected}
          fill={state.fill}
          scale={fill?.scale ?? null}
          basemap={basemap}
          flows={{ shown: shown.size, total: data?.flows.length ?? 0 }}
        />
      </section>
      <section className="panel">
        {!selected && <p className="empty">{t('overviewHint')}</p>}
        {!selected && data && (
          <TopRegions data={data} onSelect={onSelect} fill={state.fill} colors={fill?.colors ?? null} />
        )}
        {selected && (
          <>
            <button
              className="close"
              onClick={() => onSelect(null)}
              aria-label={t('closeSelection')}
              title={t('closeSelection')}
            >
              ×
            </button>
            {data && <RegionSummary data={data} code={selected} onSelect={onSelect} />}
            <a
              className="button open-graph"
              href={`#explore?x=region:${encodeURIComponent(selected)}`}
              data-action="open-in-graph"
            >
              {t('openInGraph')}
            </a>
            <NodeDetails id={`region:${selected}`} heading={!data} />
          </>
        )}
      </section>
    </main>
  );
}
