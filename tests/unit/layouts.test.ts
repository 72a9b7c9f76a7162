// The explorer's layouts at the zoom the user sees them: the geographic layout spreads a region
// around its projected centre without overlap once sigma fits the graph; the chain layout gives
// each stage a header and each kind of node outside the chains its own lane; the camera's ratio
// keeps every node and its label inside the canvas.
import { describe, expect, it } from 'vitest';
import { loadReference } from '../../server/reference.js';
import {
  CHAIN_HEADER_ROOM_PX,
  DEFAULT_VIEWPORT,
  GEO_CELL_PX,
  MAX_NODE_SIZE,
  buildGraph,
  chainLayout,
  geoLayout,
  indexReference,
} from '../../core/graph/model';
import { Occupancy, extentOf, fittedScale, hexCells, spreadGroups } from '../../core/graph/spread';
import { project } from '../../core/graph/projection';
import { CAMERA_MARGIN, frameToShow, type CameraTarget } from '../../client/src/explorer/camera';
import { abbreviateWord, abbreviations, wrappedLines } from '../../client/src/explorer/abbreviate';
import { labelBox, pickLabels } from '../../client/src/explorer/labels';
import type { ExploreNode, Reference, Subgraph } from '../../core/schemas.js';

const ref = loadReference();
const index = indexReference({ ...ref, okved: [] } as unknown as Reference);

function node(id: string, region: string, extra: Partial<ExploreNode> = {}): ExploreNode {
  const r = ref.regions.find((x) => x.code === region)!;
  return {
    id,
    type: 'enterprise',
    name: id,
    nameEn: null,
    region,
    lat: r.lat,
    lon: r.lon,
    size: 'small',
    employees: 10,
    revenueMlnRub: 1,
    chains: ['timber'],
    stages: ['timber.logging'],
    clusters: [],
    degree: 1,
    synthetic: true,
    ...extra,
  };
}
const regionNode = (code: string) =>
  node(`region:${code}`, code, { type: 'region', size: null, chains: [], stages: [] });

/** Komi with many nodes next to Arkhangelsk with some, Moscow far away with a few. */
function northWest(komi = 60, arkhangelsk = 25): Subgraph {
  const nodes = [regionNode('11'), regionNode('29'), regionNode('77')];
  for (let i = 0; i < komi; i++) nodes.push(node(`enterprise:k${i}`, '11'));
  for (let i = 0; i < arkhangelsk; i++) nodes.push(node(`enterprise:a${i}`, '29'));
  for (let i = 0; i < 4; i++) nodes.push(node(`enterprise:m${i}`, '77'));
  return { nodes, edges: [] };
}

describe('geographic layout', () => {
  for (const viewport of [
    DEFAULT_VIEWPORT,
    { width: 782, height: 597, padding: 40 },
    { width: 1600, height: 500, padding: 40 },
  ])
    it(`no two nodes overlap once sigma fits the graph into ${viewport.width}×${viewport.height}`, () => {
      const g = buildGraph(northWest(), 'ru');
      geoLayout(g, viewport);
      const points = g.mapNodes((_, a) => ({ x: a.x, y: a.y }));
      const scale = fittedScale(extentOf(points), viewport);
      let closest = Infinity;
      for (let i = 0; i < points.length; i++)
        for (let j = i + 1; j < points.length; j++)
          closest = Math.min(closest, Math.hypot(points[i].x - points[j].x, points[i].y - points[j].y) * scale);
      // The largest discs (MAX_NODE_SIZE is a radius) do not touch.
      expect(closest).toBeGreaterThanOrEqual(2 * MAX_NODE_SIZE);
    });

  it('keeps each region on its projected centre, its nodes around it, the larger group wider', () => {
    const g = buildGraph(northWest(), 'ru');
    geoLayout(g);
    const spread = (code: string, prefix: string) => {
      const r = ref.regions.find((x) => x.code === code)!;
      const c = project(r.lat, r.lon);
      const a = g.getNodeAttributes(`region:${code}`);
      expect(a.x).toBeCloseTo(c.x, 6);
      expect(a.y).toBeCloseTo(c.y, 6);
      const members = g.filterNodes((n) => n.startsWith(`enterprise:${prefix}`));
      const far = Math.max(
        ...members.map((n) => Math.hypot(g.getNodeAttribute(n, 'x') - c.x, g.getNodeAttribute(n, 'y') - c.y)),
      );
      // The group stays around its centre: its mean is nearer its own centre than any other region's.
      const mean = {
        x: members.reduce((t, n) => t + g.getNodeAttribute(n, 'x'), 0) / members.length,
        y: members.reduce((t, n) => t + g.getNodeAttribute(n, 'y'), 0) / members.length,
      };
      for (const other of ['11', '29', '77'].filter((x) => x !== code)) {
        const o = ref.regions.find((x) => x.code === other)!;
        const oc = project(o.lat, o.lon);
        expect(Math.hypot(mean.x - c.x, mean.y - c.y)).toBeLessThan(Math.hypot(mean.x - oc.x, mean.y - oc.y) / 2);
      }
      return far;
    };
    expect(spread('11', 'k')).toBeGreaterThan(spread('29', 'a'));
  });

  it('places one region alone on a lattice that fills no more than the canvas', () => {
    const g = buildGraph(northWest(22, 0), 'ru');
    g.dropNode('region:29');
    g.dropNode('region:77');
    for (let i = 0; i < 4; i++) g.dropNode(`enterprise:m${i}`);
    geoLayout(g);
    const points = g.mapNodes((_, a) => ({ x: a.x, y: a.y }));
    const scale = fittedScale(extentOf(points), DEFAULT_VIEWPORT);
    const e = extentOf(points);
    // 23 nodes a lattice step apart: a patch about five steps across, magnified to fit.
    expect((e.maxX - e.minX) * scale).toBeGreaterThan(4 * GEO_CELL_PX);
  });

  it('the lattice yields its cells nearest first, each once, a step apart', () => {
    const cells: { x: number; y: number }[] = [];
    for (const c of hexCells(1)) {
      cells.push(c);
      if (cells.length === 200) break;
    }
    const d = cells.map((c) => Math.hypot(c.x, c.y));
    for (let i = 1; i < d.length; i++) expect(d[i]).toBeGreaterThanOrEqual(d[i - 1] - 1e-9);
    expect(new Set(cells.map((c) => `${c.x.toFixed(6)},${c.y.toFixed(6)}`)).size).toBe(200);
    for (let i = 0; i < 50; i++)
      for (let j = i + 1; j < 50; j++)
        expect(Math.hypot(cells[i].x - cells[j].x, cells[i].y - cells[j].y)).toBeGreaterThan(1 - 1e-9);
  });

  it('groups with close centres share the ground: no two points of either are closer than a step', () => {
    const occupancy = new Occupancy(1);
    const [a, b] = spreadGroups(
      [
        { centre: { x: 0, y: 0 }, count: 30 },
        { centre: { x: 2.5, y: 0 }, count: 30 },
      ],
      occupancy,
    );
    expect(a[0]).toEqual({ x: 0, y: 0 });
    expect(b[0]).toEqual({ x: 2.5, y: 0 });
    const all = [...a, ...b];
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++)
        expect(Math.hypot(all[i].x - all[j].x, all[i].y - all[j].y)).toBeGreaterThan(1 - 1e-6);
    // Each group stays on its own side.
    expect(a.filter((p) => p.x > 1.25).length).toBeLessThan(a.length / 4);
    expect(b.filter((p) => p.x < 1.25).length).toBeLessThan(b.length / 4);
  });
});

describe('geographic layout on a view too big for the canvas', () => {
  // 3,000 nodes over three regions cannot stand GEO_CELL_PX apart in 800×600: the patches
  // outgrow the map, and the layout stops at a quarter of the map's own scale.
  const big = () => {
    const sub = northWest(2000, 900);
    for (let i = 0; i < 100; i++) sub.nodes.push(node(`enterprise:mm${i}`, '77'));
    return buildGraph(sub, 'ru');
  };

  it('keeps the lattice at the floor scale, so the map is not swamped by ever larger patches', () => {
    const g = big();
    geoLayout(g);
    const centres = ['11', '29', '77'].map((code) => {
      const r = ref.regions.find((x) => x.code === code)!;
      return project(r.lat, r.lon);
    });
    const floorStep = GEO_CELL_PX / (fittedScale(extentOf(centres), DEFAULT_VIEWPORT) / 4);
    // The step the layout used: the distance from Moscow's region node (on its centre) to its
    // nearest neighbour on its own lattice.
    const m = g.getNodeAttributes('region:77');
    const nearest = Math.min(
      ...g
        .filterNodes((n) => n.startsWith('enterprise:m'))
        .map((n) => Math.hypot(g.getNodeAttribute(n, 'x') - m.x, g.getNodeAttribute(n, 'y') - m.y)),
    );
    expect(nearest).toBeCloseTo(floorStep, 6);
    // Each region still lies on its own side of the map: Moscow's nodes nearer Moscow than Komi.
    const mean = (prefix: string) => {
      const ns = g.filterNodes((n) => n.startsWith(prefix));
      return {
        x: ns.reduce((t, n) => t + g.getNodeAttribute(n, 'x'), 0) / ns.length,
        y: ns.reduce((t, n) => t + g.getNodeAttribute(n, 'y'), 0) / ns.length,
      };
    };
    const mm = mean('enterprise:mm');
    expect(Math.hypot(mm.x - centres[2].x, mm.y - centres[2].y)).toBeLessThan(
      Math.hypot(mm.x - centres[0].x, mm.y - centres[0].y),
    );
  });

  it('never puts two nodes closer than a lattice step', () => {
    const g = big();
    geoLayout(g);
    const points = g.mapNodes((_, a) => ({ x: a.x, y: a.y }));
    const centres = ['11', '29', '77'].map((code) => {
      const r = ref.regions.find((x) => x.code === code)!;
      return project(r.lat, r.lon);
    });
    const step = GEO_CELL_PX / (fittedScale(extentOf(centres), DEFAULT_VIEWPORT) / 4);
    const occupancy = new Occupancy(step);
    for (const p of points) {
      expect(occupancy.isFree(p)).toBe(true);
      occupancy.take(p);
    }
  });
});

describe('occupancy', () => {
  it('answers as a brute-force distance check does, past its tables’ growth', () => {
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 48271) >>> 0) % 2147483647) / 2147483647;
    const occupancy = new Occupancy(1);
    const taken: { x: number; y: number }[] = [];
    for (let i = 0; i < 5000; i++) {
      // Negative and positive coordinates, several buckets wide.
      const p = { x: (random() - 0.5) * 120, y: (random() - 0.5) * 80 };
      const free = taken.every((q) => Math.hypot(q.x - p.x, q.y - p.y) >= 1 - 1e-6);
      expect(occupancy.isFree(p)).toBe(free);
      if (free) {
        occupancy.take(p);
        taken.push(p);
      }
    }
    expect(taken.length).toBeGreaterThan(1000);
    // takeNear lands on a free spot a step from everything taken.
    const q = occupancy.takeNear({ x: 0, y: 0 });
    expect(taken.every((t) => Math.hypot(t.x - q.x, t.y - q.y) >= 1 - 1e-6)).toBe(true);
  });
});

describe('chain layout', () => {
  it('returns a header per stage column and a lane per kind of node outside the chains', () => {
    const nodes = [
      node('enterprise:l', '11', { stages: ['timber.logging'] }),
      node('enterprise:s', '11', { stages: ['timber.sawmilling'] }),
      node('cluster:c', '11', { type: 'cluster', stages: [], chains: [] }),
      node('supportorg:f', '11', { type: 'supportorg', stages: [], chains: [] }),
      node('technopark:t', '11', { type: 'technopark', stages: [], chains: [] }),
      regionNode('11'),
    ];
    const g = buildGraph({ nodes, edges: [] }, 'ru');
    const guides = chainLayout(g, index, 'timber');
    expect(guides.columns.flatMap((c) => c.stages).sort()).toEqual(['timber.logging', 'timber.sawmilling']);
    for (const c of guides.columns) {
      const column = g.filterNodes((n, a) => a.stages.some((st) => c.stages.includes(st)));
      for (const n of column) {
        expect(g.getNodeAttribute(n, 'x')).toBe(c.x);
        expect(g.getNodeAttribute(n, 'y')).toBeLessThanOrEqual(c.top);
      }
    }
    expect(guides.lanes.map((l) => l.lane)).toEqual(['cluster', 'region', 'support']);
    const lowestStage = Math.min(...['enterprise:l', 'enterprise:s'].map((n) => g.getNodeAttribute(n, 'y')));
    const laneY = Object.fromEntries(guides.lanes.map((l) => [l.lane, l.y]));
    expect(laneY.cluster).toBeLessThan(lowestStage);
    expect(g.getNodeAttribute('cluster:c', 'y')).toBe(laneY.cluster);
    expect(g.getNodeAttribute('region:11', 'y')).toBe(laneY.region);
    expect(g.getNodeAttribute('supportorg:f', 'y')).toBeLessThanOrEqual(laneY.support);
    expect(g.getNodeAttribute('technopark:t', 'y')).toBeLessThanOrEqual(laneY.support);
    expect(laneY.region).toBeLessThan(laneY.cluster);
  });

  it('wraps a long column so that the drawing keeps the canvas’s proportions', () => {
    const nodes = [node('enterprise:s', '11', { stages: ['timber.sawmilling'] })];
    for (let i = 0; i < 120; i++) nodes.push(node(`enterprise:l${i}`, '11', { stages: ['timber.logging'] }));
    const g = buildGraph({ nodes, edges: [] }, 'ru');
    chainLayout(g, index, 'timber');
    const e = extentOf(g.mapNodes((_, a) => ({ x: a.x, y: a.y })));
    expect(e.maxY - e.minY).toBeLessThan((e.maxX - e.minX) * 1.5);
  });
});

describe('chain layout: room for the second chain’s headers', () => {
  // Both chains, a long timber column: the oil-and-gas block's headers must fit between the blocks.
  const nodes = [
    node('enterprise:og1', '11', { chains: ['oilgas'], stages: ['oilgas.production'] }),
    node('enterprise:og2', '11', { chains: ['oilgas'], stages: ['oilgas.refining'] }),
    node('enterprise:s', '11', { stages: ['timber.sawmilling'] }),
  ];
  for (let i = 0; i < 40; i++) nodes.push(node(`enterprise:l${i}`, '11', { stages: ['timber.logging'] }));

  for (const viewport of [
    { width: 622, height: 380, padding: 40 },
    { width: 1260, height: 720, padding: 40 },
  ])
    it(`leaves ${CHAIN_HEADER_ROOM_PX} px above the oil-and-gas block at the fitted zoom (${viewport.width}×${viewport.height})`, () => {
      const g = buildGraph({ nodes, edges: [] }, 'ru');
      const guides = chainLayout(g, index, 'timber', viewport);
      const scale = fittedScale(extentOf(g.mapNodes((_, a) => ({ x: a.x, y: a.y }))), viewport);
      const timber = guides.columns.filter((c) => c.chain === 'timber');
      const oil = guides.columns.filter((c) => c.chain === 'oilgas');
      expect(timber.length).toBeGreaterThan(0);
      expect(oil.length).toBeGreaterThan(0);
      const timberBottom = Math.min(...timber.map((c) => c.bottom));
      const oilTop = Math.max(...oil.map((c) => c.top));
      // Every timber node is at or above its block's bottom, and the block ends above the next one.
      for (const n of g.filterNodes((_, a) => a.chains.includes('timber')))
        expect(g.getNodeAttribute(n, 'y')).toBeGreaterThanOrEqual(timberBottom - 1e-9);
      expect((timberBottom - oilTop) * scale).toBeGreaterThanOrEqual(CHAIN_HEADER_ROOM_PX - 1e-6);
    });
});

describe('column headers: abbreviations', () => {
  it('cuts long words after a consonant, keeps short words and punctuation, and gets shorter', () => {
    expect(abbreviateWord('Лесозаготовка', 7)).toBe('Лесозаг.');
    expect(abbreviateWord('Геологоразведка', 3)).toBe('Геол.');
    expect(abbreviateWord('Биоэнергетика:', 7)).toBe('Биоэнер.:');
    expect(abbreviateWord('газа', 3)).toBe('газа');
    expect(abbreviateWord('(АЗС)', 3)).toBe('(АЗС)');
    expect(abbreviateWord('Погрузочно-разгрузочные', 4)).toBe('Погр.-разг.');
    for (const name of ['Строительство промысловых объектов и трубопроводов', 'Оптовая торговля топливом']) {
      const forms = abbreviations(name);
      expect(forms[0]).toBe(name);
      for (let i = 1; i < forms.length; i++) expect(forms[i].length).toBeLessThan(forms[i - 1].length);
      // Same number of words: every word is still there, whole or cut.
      for (const f of forms) expect(f.split(' ')).toHaveLength(name.split(' ').length);
    }
  });

  it('wraps between words only', () => {
    const measure = (s: string) => s.length * 6;
    expect(wrappedLines('Оптовая торговля топливом', 90, measure)).toBe(3);
    expect(wrappedLines('Опт. торг. топл.', 66, measure)).toBe(2);
    expect(wrappedLines('Геологоразведка', 60, measure)).toBe(Infinity);
  });
});

describe('chain layout labels', () => {
  const box = (key: string, x: number, y: number, w: number, size: number, forced = false) => ({
    ...labelBox(key, { x, y, size }, w, 12),
    size,
    forced,
  });
  it('keeps the larger node’s label where two would overlap, and forced labels always', () => {
    const kept = pickLabels([box('small', 0, 0, 150, 3), box('big', 40, 4, 150, 10), box('far', 0, 100, 150, 3)]);
    expect(kept.map((k) => k.key).sort()).toEqual(['big', 'far']);
    const forced = pickLabels([box('big', 40, 4, 150, 10), box('chosen', 0, 0, 150, 3, true)]);
    expect(forced.map((k) => k.key)).toEqual(['chosen']);
    // Past the canvas's right edge: left out, not cut.
    expect(pickLabels([box('edge', 500, 0, 150, 3)], { width: 600 })).toEqual([]);
    expect(pickLabels([box('inside', 400, 0, 150, 3)], { width: 600 })).toHaveLength(1);
  });
});

describe('camera frame', () => {
  // Where each target's disc, label and margins reach on a width × height canvas at the frame.
  const placed = (targets: CameraTarget[], width: number, height: number, top: number) => {
    const f = frameToShow(targets, width, height, top);
    return {
      f,
      boxes: targets.map((t) => {
        const x = width / 2 + t.dx / f.ratio - f.dx;
        const y = height / 2 + t.dy / f.ratio - f.dy;
        const r = t.size / Math.sqrt(f.ratio);
        return {
          left: x - r - CAMERA_MARGIN,
          right: x + r + (t.label ? 3 + t.label : 0) + CAMERA_MARGIN,
          top: y - Math.max(r, 8) - CAMERA_MARGIN,
          bottom: y + Math.max(r, 8) + CAMERA_MARGIN,
        };
      }),
    };
  };
  const inside = (b: { left: number; right: number; top: number; bottom: number }, w: number, h: number, top: number) =>
    b.left >= -1e-3 && b.right <= w + 1e-3 && b.top >= top - 1e-3 && b.bottom <= h + 1e-3;

  it('zooms out just enough that discs, labels and margins fit, using the room left of the nodes', () => {
    const targets = [
      { dx: -300, dy: 0, size: 10, label: 0 },
      { dx: 300, dy: 0, size: 10, label: 100 },
    ];
    const { f, boxes } = placed(targets, 800, 600, 0);
    for (const b of boxes) expect(inside(b, 800, 600, 0), JSON.stringify(b)).toBe(true);
    // tight: the reach spans the canvas's width
    expect(Math.max(...boxes.map((b) => b.right)) - Math.min(...boxes.map((b) => b.left))).toBeGreaterThan(799);
    // closer than centring on the nodes, which asks the label's room on the left as well
    expect(f.ratio).toBeLessThan(ratioToShowCentred(targets, 800));
  });

  it('zooms in on a small group, and keeps the room on top for headers free', () => {
    const small = frameToShow([{ dx: 10, dy: 10, size: 5, label: 0 }], 800, 600);
    expect(small.ratio).toBeLessThan(0.2);
    const targets = [
      { dx: 0, dy: -200, size: 5, label: 0 },
      { dx: 0, dy: 200, size: 5, label: 0 },
    ];
    const { boxes } = placed(targets, 800, 600, 44);
    for (const b of boxes) expect(inside(b, 800, 600, 44), JSON.stringify(b)).toBe(true);
    expect(Math.min(...boxes.map((b) => b.top))).toBeLessThan(44 + 1);
    expect(Math.max(...boxes.map((b) => b.bottom))).toBeGreaterThan(599);
  });
});

/** The ratio when the camera is centred on the nodes: each side needs the widest side's room. */
function ratioToShowCentred(targets: CameraTarget[], width: number): number {
  let ratio = 1;
  for (let step = 0; step < 40; step++) {
    const r = 1 / Math.sqrt(ratio);
    ratio = Math.max(
      ...targets.map((t) => Math.abs(t.dx) / (width / 2 - (t.size * r + (t.label ? 3 + t.label : 0) + CAMERA_MARGIN))),
    );
  }
  return ratio;
}
