// The overview: regions placed by their coordinates, sized by the enterprises of the chosen chain,
// coloured by federal district, linked by the supply volume between them (sigma 3 over graphology,
// in one SigmaContainer whose controllers draw the chain's data, highlight the selected region
// through reducers and turn clicks into the selection).
//
// For tests and debugging, the view publishes `window.__coopgraphOverview = { graph, sigma, chain }`:
// the graphology graph as drawn (nodes are region codes with x, y, size, color, label, enterprises,
// smes, localVolume; edges are flows with size, volumeMlnRub, links), the sigma instance, and the
// chain the graph shows. Its container carries `data-state="ready"` and `data-chain` once drawn.
import { useEffect, useLayoutEffect, useMemo, useState } from 'react';
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
import { chainName, shortDistrictName, shortRegionName, type Lang } from '../../core/i18n';
import { useI18n } from './i18n';
import './explorer/sigma.css';

const EMPTY_COLOR = '#c3cad3';
const EDGE_COLOR = 'rgba(44, 62, 80, 0.42)';
const FADED_EDGE = 'rgba(120, 130, 140, 0.10)';
const OUT_COLOR = '#e07b00';
const IN_COLOR = '#2b6cb0';

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

function GraphCanvas({
  data,
  selected,
  onSelect,
  width,
}: {
  data: Overview | undefined;
  selected: string | null;
  onSelect: (code: string | null) => void;
  width: (v: number) => number;
}) {
  const { t } = useI18n();
  const graph = useMemo(() => new Graph<NodeAttrs, EdgeAttrs>({ type: 'directed', multi: false }), []);
  // Memoised: new settings would make SigmaContainer build a new sigma.
  const settings = useMemo<Partial<Settings<NodeAttrs, EdgeAttrs>>>(
    () => ({
      allowInvalidContainer: true,
      defaultEdgeType: 'arrow',
      edgeProgramClasses: { arrow: createEdgeArrowProgram<NodeAttrs, EdgeAttrs>() },
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
      <OverviewDataController data={data} width={width} label={t('overviewGraph')} />
      <OverviewHighlightController selected={selected} />
      <OverviewEventsController onSelect={onSelect} />
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

/** The selected region with its flows stands out (reducers), the rest fades. */
function OverviewHighlightController({ selected }: { selected: string | null }) {
  const sigma = useSigma<NodeAttrs, EdgeAttrs>();

  useLayoutEffect(() => {
    const graph = sigma.getGraph();
    sigma.setSettings(
      selected === null
        ? { nodeReducer: null, edgeReducer: null }
        : {
            nodeReducer: (node, attrs) => {
              if (node === selected) return { ...attrs, highlighted: true, forceLabel: true, zIndex: 2 };
              const linked = graph.hasEdge(selected, node) || graph.hasEdge(node, selected);
              return linked
                ? { ...attrs, zIndex: 1 }
                : { ...attrs, label: null, color: attrs.enterprises > 0 ? fade(attrs.color) : attrs.color, zIndex: 0 };
            },
            edgeReducer: (edge, attrs) => {
              if (graph.source(edge) === selected) return { ...attrs, color: OUT_COLOR, zIndex: 1 };
              if (graph.target(edge) === selected) return { ...attrs, color: IN_COLOR, zIndex: 1 };
              return { ...attrs, color: FADED_EDGE, zIndex: 0 };
            },
          },
    );
    sigma.refresh({ skipIndexation: true });
  }, [sigma, selected]);

  return null;
}

/** A click on a region selects it, on the stage clears the selection. */
function OverviewEventsController({ onSelect }: { onSelect: (code: string | null) => void }) {
  const { container } = useSigmaContext();
  const registerEvents = useRegisterEvents<NodeAttrs, EdgeAttrs>();

  useEffect(() => {
    registerEvents({
      clickNode: ({ node }) => onSelect(node),
      clickStage: () => onSelect(null),
      enterNode: () => {
        container.style.cursor = 'pointer';
      },
      leaveNode: () => {
        container.style.cursor = '';
      },
    });
  }, [registerEvents, onSelect, container]);

  return null;
}

function Legend({
  reference,
  samples,
  width,
  hasSelection,
}: {
  reference: Reference | undefined;
  samples: number[];
  width: (v: number) => number;
  hasSelection: boolean;
}) {
  const { t, lang } = useI18n();
  const districts =
    reference?.federalDistricts ?? Object.keys(DISTRICT_COLORS).map((id) => ({ id, name: id, nameEn: id }));
  return (
    <aside className="legend" aria-label={t('legendDistricts')}>
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
      </div>
    </aside>
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

function TopRegions({ data, onSelect }: { data: Overview; onSelect: (code: string) => void }) {
  const { t, lang } = useI18n();
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
          </tr>
        </thead>
        <tbody>
          {top.map((r) => (
            <tr key={r.code}>
              <td>
                <span className="region-cell">
                  <span className="dot" style={{ background: DISTRICT_COLORS[r.federalDistrict] }} />
                  <button className="link" onClick={() => onSelect(r.code)}>
                    {lang === 'en' ? r.nameEn : r.name}
                  </button>
                </span>
              </td>
              <td>{r.enterprises.toLocaleString(lang)}</td>
              <td>{r.smes.toLocaleString(lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function OverviewView() {
  const { t, lang } = useI18n();
  const [chain, setChain] = useState<OverviewChain>('timber');
  // `#overview?region=11` (from the graph's "region in the overview") opens with that region selected.
  const [selected, setSelected] = useState<string | null>(() =>
    new URLSearchParams(location.hash.split('?')[1] ?? '').get('region'),
  );
  const overview = useQuery({
    queryKey: ['overview', chain],
    queryFn: ({ signal }) => api.overview(chain, signal),
    placeholderData: keepPreviousData,
  });
  const reference = useQuery({
    queryKey: ['reference'],
    queryFn: ({ signal }) => api.reference(signal),
    staleTime: Infinity,
  });
  const data = overview.data;
  const scale = useMemo(() => widthScale(data?.flows.map((f) => f.volumeMlnRub) ?? []), [data]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setSelected(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

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
            {[...(reference.data?.chains ?? []).map((c) => c.id), ALL_CHAINS].map((c) => (
              <button key={c} role="radio" aria-checked={chain === c} onClick={() => setChain(c)} data-chain={c}>
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
        <div className="canvas-wrap">
          <GraphCanvas data={data} selected={selected} onSelect={setSelected} width={scale.width} />
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
        <Legend reference={reference.data} samples={scale.samples} width={scale.width} hasSelection={!!selected} />
      </section>
      <section className="panel">
        {!selected && <p className="empty">{t('overviewHint')}</p>}
        {!selected && data && <TopRegions data={data} onSelect={setSelected} />}
        {selected && (
          <>
            <button
              className="close"
              onClick={() => setSelected(null)}
              aria-label={t('closeSelection')}
              title={t('closeSelection')}
            >
              ×
            </button>
            {data && <RegionSummary data={data} code={selected} onSelect={setSelected} />}
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
