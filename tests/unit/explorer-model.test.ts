// The explorer's graph model and URL state, run in Node on hand-made subgraphs with the real
// reference data (chains, stages, regions).
import { describe, expect, it } from 'vitest';
import { loadReference } from '../../server/reference.js';
import {
  CHAIN_COLUMN,
  EDGE_COLORS,
  KIND_COLORS,
  NO_FILTERS,
  OTHER_EDGE_COLOR,
  activeFilterCount,
  applyEdgeWidths,
  linkLegend,
  linkTypes,
  SIZE_COLORS,
  applyAppearance,
  buildGraph,
  chainLayout,
  createExplorerGraph,
  edgePasses,
  geoLayout,
  indexReference,
  mergeSubgraph,
  nodePasses,
  primaryStage,
  revertChange,
} from '../../core/graph/model';
import { type ExploreEdge, type ExploreNode, type Subgraph } from '../../core/schemas.js';
import { project } from '../../core/graph/projection';
import { EMPTY_VIEW, decodeView, encodeView, viewFromLocation, viewHash } from '../../core/view/url';
import type { Reference } from '../../core/schemas.js';
import { dataName, datasetName, isoDate, linkLegendLabel } from '../../core/i18n/legend';
import { createT } from '../../core/i18n';

const ref = loadReference();
const reference = {
  federalDistricts: ref.federalDistricts,
  regions: ref.regions.map((r) => ({
    code: r.code,
    name: r.name,
    nameEn: r.nameEn,
    federalDistrict: r.federalDistrict,
  })),
  okved: [],
  chains: ref.chains,
} as unknown as Reference;
const index = indexReference(reference);

function enterprise(
  id: string,
  region: string,
  stages: string[],
  size: string,
  extra: Partial<ExploreNode> = {},
): ExploreNode {
  const r = ref.regions.find((x) => x.code === region)!;
  return {
    id: `enterprise:${id}`,
    type: 'enterprise',
    name: id,
    nameEn: null,
    region,
    lat: r.lat,
    lon: r.lon,
    size,
    employees: 10,
    revenueMlnRub: 1,
    chains: [...new Set(stages.map((s) => s.split('.')[0]))],
    stages,
    clusters: [],
    degree: 1,
    synthetic: true,
    ...extra,
  };
}
function supply(id: string, source: string, target: string, volume: number): ExploreEdge {
  return {
    id,
    source: `enterprise:${source}`,
    target: `enterprise:${target}`,
    type: 'SUPPLIES',
    volumeMlnRub: volume,
    stage: null,
    product: null,
    synthetic: true,
  };
}

const sub: Subgraph = {
  nodes: [
    enterprise('logger', '11', ['timber.logging'], 'small'),
    enterprise('sawmill', '11', ['timber.sawmilling'], 'medium'),
    enterprise('pulp', '29', ['timber.pulp'], 'large'),
    enterprise('furniture', '35', ['timber.furniture', 'timber.joinery'], 'micro'),
    { ...enterprise('komi', '11', [], 'large'), id: 'region:11', type: 'region', name: 'Коми', size: null, chains: [] },
  ],
  edges: [
    supply('e1', 'logger', 'sawmill', 10),
    supply('e2', 'sawmill', 'pulp', 200),
    supply('e3', 'pulp', 'furniture', 5),
  ],
};

describe('explorer graph model', () => {
  it('merges a subgraph once, keeps kinds out of sigma’s `type`, and reverts exactly what it added', () => {
    const g = createExplorerGraph();
    const first = mergeSubgraph(g, { nodes: sub.nodes.slice(0, 2), edges: sub.edges.slice(0, 1) }, 'ru');
    expect(first.addedNodes).toEqual(['enterprise:logger', 'enterprise:sawmill']);
    const second = mergeSubgraph(g, sub, 'ru', 'enterprise:sawmill');
    expect(second.addedNodes).toEqual(['enterprise:pulp', 'enterprise:furniture', 'region:11']);
    expect(second.addedEdges).toEqual(['e2', 'e3']);
    expect(g.getNodeAttribute('enterprise:pulp', 'kind')).toBe('enterprise');
    expect(g.getNodeAttributes('enterprise:pulp')).not.toHaveProperty('type');
    expect(g.getEdgeAttribute('e2', 'type')).toBe('arrow');
    expect(g.getEdgeAttribute('e2', 'rel')).toBe('SUPPLIES');
    revertChange(g, second);
    expect(g.nodes()).toEqual(['enterprise:logger', 'enterprise:sawmill']);
    expect(g.edges()).toEqual(['e1']);
  });

  it('builds the same graph in one import as by merging', () => {
    const a = buildGraph(sub, 'ru');
    const b = createExplorerGraph();
    mergeSubgraph(b, sub, 'ru');
    expect(a.nodes().sort()).toEqual(b.nodes().sort());
    expect(a.edges().sort()).toEqual(b.edges().sort());
    expect(a.getNodeAttributes('enterprise:pulp')).toEqual(b.getNodeAttributes('enterprise:pulp'));
  });

  it('the SME filter fails large enterprises only; other kinds pass it', () => {
    const g = buildGraph(sub, 'ru');
    const f = { ...NO_FILTERS, sizes: ['micro', 'small', 'medium'] };
    const failing = g.filterNodes((n, a) => !nodePasses(n, a, f, index));
    expect(failing).toEqual(['enterprise:pulp']);
  });

  it('filters by stage, chain, district and volume', () => {
    const g = buildGraph(sub, 'ru');
    const pass = (f: typeof NO_FILTERS) => g.filterNodes((n, a) => nodePasses(n, a, f, index)).sort();
    expect(pass({ ...NO_FILTERS, stages: ['timber.joinery'] })).toEqual(['enterprise:furniture', 'region:11']);
    expect(pass({ ...NO_FILTERS, chain: 'oilgas' })).toEqual(['region:11']);
    // Komi (11) and Arkhangelsk (29) are north-western; Vologda (35) too; so filter on central fails all enterprises.
    expect(pass({ ...NO_FILTERS, districts: ['central'] })).toEqual([]);
    expect(pass({ ...NO_FILTERS, types: ['region'] })).toEqual(['region:11']);
    const vol = { ...NO_FILTERS, volumeMin: 6, volumeMax: 100 };
    expect(g.filterEdges((_, e) => edgePasses(e, vol))).toEqual(['e1']);
  });

  it('the chain layout puts each enterprise in the column of its earliest stage, left to right along the chain', () => {
    const g = buildGraph(sub, 'ru');
    chainLayout(g, index, 'timber');
    const x = (id: string) => g.getNodeAttribute(`enterprise:${id}`, 'x');
    const order = (s: string) => index.stageOrder.get(s)!.order;
    expect(x('logger')).toBe(order('timber.logging') * CHAIN_COLUMN);
    expect(x('sawmill')).toBe(order('timber.sawmilling') * CHAIN_COLUMN);
    expect(x('furniture')).toBe(order('timber.joinery') * CHAIN_COLUMN);
    expect(x('logger')).toBeLessThan(x('sawmill'));
    expect(x('sawmill')).toBeLessThan(x('pulp'));
    expect(x('pulp')).toBeLessThan(x('furniture'));
    // Nodes outside the chains stand in lanes under the stages.
    const y = (id: string) => g.getNodeAttribute(`enterprise:${id}`, 'y');
    expect(g.getNodeAttribute('region:11', 'y')).toBeLessThan(Math.min(y('logger'), y('sawmill'), y('pulp')));
    expect(primaryStage(['timber.furniture', 'timber.joinery'], index)).toBe('timber.joinery');
  });

  it('the geographic layout puts a region at its projected centre and its enterprises around it', () => {
    const g = buildGraph(sub, 'ru');
    geoLayout(g);
    const komi = ref.regions.find((r) => r.code === '11')!;
    const centre = project(komi.lat, komi.lon);
    expect(g.getNodeAttribute('region:11', 'x')).toBeCloseTo(centre.x, 6);
    expect(g.getNodeAttribute('region:11', 'y')).toBeCloseTo(centre.y, 6);
    for (const id of ['enterprise:logger', 'enterprise:sawmill']) {
      const a = g.getNodeAttributes(id);
      const d = Math.hypot(a.x - centre.x, a.y - centre.y);
      expect(d).toBeGreaterThan(0);
      // Within two lattice steps of the centre (a step is GEO_CELL_PX at the fitted zoom).
      expect(d).toBeLessThan(150);
    }
    const pulp = g.getNodeAttributes('enterprise:pulp');
    expect(Math.hypot(pulp.x - centre.x, pulp.y - centre.y)).toBeGreaterThan(100);
  });

  it('colours by kind and SME category with a legend of counts, and sizes by degree', () => {
    const g = buildGraph(sub, 'ru');
    const byKind = applyAppearance(g, { colorBy: 'type', sizeBy: 'degree' }, index);
    expect(byKind.colors).toEqual([
      { key: 'enterprise', color: KIND_COLORS.enterprise, count: 4 },
      { key: 'region', color: KIND_COLORS.region, count: 1 },
    ]);
    expect(byKind.sizes).toMatchObject({ min: 0, max: 2 });
    expect(g.getNodeAttribute('enterprise:sawmill', 'size')).toBeGreaterThan(
      g.getNodeAttribute('enterprise:logger', 'size'),
    );
    const bySize = applyAppearance(g, { colorBy: 'size', sizeBy: 'uniform' }, index);
    expect(bySize.colors.find((c) => c.key === 'large')).toEqual({ key: 'large', color: SIZE_COLORS.large, count: 1 });
    expect(bySize.colors.at(-1)).toMatchObject({ key: '', count: 1 });
    expect(g.getNodeAttribute('enterprise:pulp', 'color')).toBe(SIZE_COLORS.large);
  });
});

describe('explorer URL state', () => {
  it('round-trips a full view', () => {
    const view = {
      nodes: ['enterprise:mondi-syktyvkar', 'region:11'],
      selected: 'region:11',
      filters: {
        ...NO_FILTERS,
        chain: 'timber',
        sizes: ['micro', 'small'],
        types: ['enterprise' as const],
        volumeMin: 5,
        linksOff: ['CONTRACT', 'other'],
        mode: 'grey' as const,
      },
      appearance: { colorBy: 'stage' as const, sizeBy: 'volume' as const },
      layout: 'chain' as const,
      camera: { x: 0.5, y: 0.25, ratio: 0.75 },
      path: { from: 'enterprise:a', to: 'enterprise:b', directed: false },
    };
    expect(decodeView(encodeView(view))).toEqual(view);
    expect(viewFromLocation(viewHash(view))).toEqual(view);
  });

  it('reads junk as defaults and the bare hash as an empty view', () => {
    expect(viewFromLocation('#explore')).toEqual(EMPTY_VIEW);
    expect(viewFromLocation('#overview')).toBeNull();
    const v = decodeView(
      'layout=spiral&color=rainbow&cam=1,2&type=alien,enterprise&vmin=abc&nolink=LIKES,CONTRACT,CONTRACT',
    );
    expect(v.filters.linksOff).toEqual(['CONTRACT']);
    expect(v.layout).toBe('geo');
    expect(v.appearance.colorBy).toBe('type');
    expect(v.camera).toBeNull();
    expect(v.filters.types).toEqual(['enterprise']);
    expect(v.filters.volumeMin).toBeNull();
  });
});

// Ties of the SME register: an SME in a customer's partnership programme, two contracts with the
// same customer, a stage by an extra OKVED code; and the other kinds of link around them.
function tie(id: string, type: string, source: string, target: string, fields: Partial<ExploreEdge> = {}): ExploreEdge {
  return { id, source, target, type, volumeMlnRub: null, stage: null, product: null, synthetic: false, ...fields };
}
const tiesSub: Subgraph = {
  nodes: [
    enterprise('sme', '11', ['timber.logging'], 'small', { synthetic: false }),
    enterprise('customer', '11', [], 'large', { synthetic: false }),
    {
      ...enterprise('x', '11', [], 'large'),
      id: 'stage:timber.sawmilling',
      type: 'stage',
      stages: ['timber.sawmilling'],
    },
    { ...enterprise('komi', '11', [], 'large'), id: 'region:11', type: 'region', name: 'Коми', size: null, chains: [] },
  ],
  edges: [
    supply('s1', 'sme', 'customer', 12),
    tie('p1', 'IN_PROGRAMME', 'enterprise:sme', 'enterprise:customer', { number: 'П-17', date: '2024-03-01' }),
    tie('c1', 'CONTRACT', 'enterprise:sme', 'enterprise:customer', {
      law: '44-FZ',
      subject: 'Поставка пиломатериалов',
      number: '0107300000124000001',
      date: '2023-11-20',
    }),
    tie('c2', 'CONTRACT', 'enterprise:sme', 'enterprise:customer', { law: '223-FZ', date: '2022-05-04' }),
    tie('k1', 'CAPABLE_OF', 'enterprise:sme', 'stage:timber.sawmilling'),
    tie('l1', 'LOCATED_IN', 'enterprise:sme', 'region:11'),
  ],
};

describe('ties of the SME register in the explorer', () => {
  it('draws each kind of tie with its own colour and shape, keeps several ties of one pair, and carries their fields', () => {
    const g = buildGraph(tiesSub, 'ru');
    expect(g.edges('enterprise:sme', 'enterprise:customer').sort()).toEqual(['c1', 'c2', 'p1', 's1']);
    expect(g.getEdgeAttributes('p1')).toMatchObject({
      rel: 'IN_PROGRAMME',
      type: 'triangle',
      color: EDGE_COLORS.IN_PROGRAMME,
      number: 'П-17',
      date: '2024-03-01',
      law: null,
      subject: null,
    });
    expect(g.getEdgeAttributes('c1')).toMatchObject({
      rel: 'CONTRACT',
      type: 'arrow',
      color: EDGE_COLORS.CONTRACT,
      law: '44-FZ',
      subject: 'Поставка пиломатериалов',
      number: '0107300000124000001',
    });
    expect(g.getEdgeAttributes('k1')).toMatchObject({ rel: 'CAPABLE_OF', type: 'line', color: EDGE_COLORS.CAPABLE_OF });
    expect(g.getEdgeAttributes('l1')).toMatchObject({ type: 'line', color: OTHER_EDGE_COLOR });
    expect(g.getEdgeAttributes('s1')).toMatchObject({ law: null, number: null, date: null });
    // Five kinds, five colours.
    const colours = new Set(g.mapEdges((_, e) => e.color));
    expect(colours.size).toBe(5);
    // A wedge needs width to read as one; a supply link keeps its volume's width.
    applyEdgeWidths(g);
    expect(g.getEdgeAttribute('p1', 'size')).toBeGreaterThan(g.getEdgeAttribute('l1', 'size'));
    expect(g.getEdgeAttribute('l1', 'size')).toBe(1);
  });

  it('legends every colour drawn, in a fixed order, and leaves out the kinds switched off', () => {
    const g = buildGraph(tiesSub, 'ru');
    const legend = linkLegend(linkTypes(g));
    expect(legend.map((l) => l.rel)).toEqual(['SUPPLIES', 'IN_PROGRAMME', 'CONTRACT', 'CAPABLE_OF', 'other']);
    const legended = new Set(legend.map((l) => l.color));
    g.forEachEdge((e, a) => expect(legended.has(a.color), e).toBe(true));
    expect(legend.find((l) => l.rel === 'IN_PROGRAMME')).toEqual({
      rel: 'IN_PROGRAMME',
      color: EDGE_COLORS.IN_PROGRAMME,
      shape: 'triangle',
    });
    // Supply is always there (its line reads the volume scale); ties only when on screen.
    expect(linkLegend(['LOCATED_IN']).map((l) => l.rel)).toEqual(['SUPPLIES', 'other']);
    expect(linkLegend(linkTypes(g), ['CONTRACT', 'other']).map((l) => l.rel)).toEqual([
      'SUPPLIES',
      'IN_PROGRAMME',
      'CAPABLE_OF',
    ]);
  });

  it('switches kinds of link off: the ties fail, the rest pass, nodes stay', () => {
    const g = buildGraph(tiesSub, 'ru');
    const f = { ...NO_FILTERS, linksOff: ['IN_PROGRAMME', 'CONTRACT'] };
    expect(activeFilterCount(f)).toBe(1);
    expect(g.filterEdges((_, e) => !edgePasses(e, f)).sort()).toEqual(['c1', 'c2', 'p1']);
    expect(g.filterNodes((n, a) => nodePasses(n, a, f, index))).toHaveLength(4);
    const other = { ...NO_FILTERS, linksOff: ['other'] };
    expect(g.filterEdges((_, e) => !edgePasses(e, other))).toEqual(['l1']);
  });

  it('names the ties and their fields in both languages', () => {
    const ru = createT('ru');
    const en = createT('en');
    expect(dataName(ru, 'rel', 'IN_PROGRAMME')).toBe('программа партнёрства');
    expect(dataName(en, 'rel', 'CONTRACT')).toBe('contract');
    expect(dataName(ru, 'rel', 'SUPPLIES')).toBe('поставки'); // the main catalogue's
    expect(dataName(ru, 'law', '44-FZ')).toMatch(/^44-ФЗ/);
    expect(dataName(en, 'law', '223-FZ')).toMatch(/^223-FZ/);
    expect(dataName(ru, 'law', '99-FZ')).toBe('99-FZ');
    expect(dataName(ru, 'col', 'number')).toBe('Номер договора');
    expect(dataName(ru, 'prop', 'ogrn')).toBe('ОГРН');
    expect(dataName(ru, 'prop', 'inn')).toBe('ИНН');
    expect(dataName(ru, 'subject', 'sole-trader')).toBe('индивидуальный предприниматель');
    expect(linkLegendLabel(ru, 'IN_PROGRAMME')).toBe('программа партнёрства МСП, клин к заказчику');
    expect(linkLegendLabel(en, 'SUPPLIES', { min: 1, max: 250 })).toContain('(1–250 mln RUB)');
    expect(isoDate(ru, '2024-03-01')).toBe('1 марта 2024 г.');
    expect(isoDate(en, '2024-03-01')).toBe('1 March 2024');
    expect(datasetName(ru, 'fns-rsmp:2025-06-10')).toBe('реестр МСП на 10 июня 2025 г.');
    expect(datasetName(en, 'fns-sshr:2024')).toBe('headcount for 2024');
    expect(datasetName(ru, 'seed')).toBe('демонстрационные данные');
    expect(datasetName(ru, 'mystery')).toBe('mystery');
  });
});
