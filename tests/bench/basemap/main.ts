// The page of the basemap benchmark (built by tests/bench/basemap.ts with Vite, driven by
// Playwright): the explorer's graph in the geographic layout (core/graph/model.ts, the explorer's
// sigma settings), with or without the basemap layer the app draws (client/src/basemap/), moved by
// camera animations while frame and render times are recorded. Exposed as `window.basemapBench`.
import type Graph from 'graphology';
import Sigma from 'sigma';
import type { Topology } from 'topojson-specification';
import countries from 'world-atlas/countries-50m.json';
import { buildStyledGraph, DEFAULT_APPEARANCE, indexReference } from '../../../core/graph/model';
import { basemapOf, subsetTopology, RUSSIA_ID } from '../../../core/graph/basemap';
import type { Reference, Subgraph } from '../../../core/schemas';
import { explorerSettings } from '../../../client/src/explorer/render';
import { attachBasemap } from '../../../client/src/basemap/layer';

const basemap = basemapOf(subsetTopology(countries as unknown as Topology, 'countries', [RUSSIA_ID]));
const now = () => performance.now();
const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(r));

const state: { graph: Graph | null; sigma: Sigma | null; container: HTMLElement | null } = {
  graph: null,
  sigma: null,
  container: null,
};

async function load(nodes: number): Promise<number> {
  const [sub, reference] = await Promise.all([
    fetch(`/data/${nodes}.json`).then((r) => r.json() as Promise<Subgraph>),
    fetch('/data/reference.json').then((r) => r.json() as Promise<Reference>),
  ]);
  state.graph = buildStyledGraph(sub, indexReference(reference), {
    lang: 'ru',
    appearance: DEFAULT_APPEARANCE,
    layout: 'geo',
  }).graph as unknown as Graph;
  return state.graph.order;
}

/** A sigma over the loaded graph, with the basemap under it or not. */
async function setup(withBasemap: boolean): Promise<void> {
  state.sigma?.kill();
  state.container?.remove();
  const container = document.createElement('div');
  container.className = 'stage';
  document.body.appendChild(container);
  state.container = container;
  const sigma = new Sigma(state.graph!, container, explorerSettings(state.graph!.size));
  if (withBasemap) attachBasemap(sigma, basemap);
  state.sigma = sigma;
  await nextFrame();
  await nextFrame();
}

/**
 * `count` camera animations (pans and zooms around the map), each `duration` ms: the time between
 * animation frames while they run, and each render's time from sigma's 'beforeRender' to the last
 * 'afterRender' listener (the basemap draws in one).
 */
async function animate(count: number, duration: number): Promise<{ frames: number[]; renders: number[] }> {
  const sigma = state.sigma!;
  const renders: number[] = [];
  let start = 0;
  const before = () => (start = now());
  const after = () => renders.push(now() - start);
  sigma.on('beforeRender', before);
  sigma.on('afterRender', after); // registered after the basemap's: it times the basemap's draw too
  const frames: number[] = [];
  let recording = true;
  let last = await nextFrame();
  const loop = (t: number) => {
    if (!recording) return;
    frames.push(t - last);
    last = t;
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  const camera = sigma.getCamera();
  for (let i = 0; i < count; i++) {
    const angle = (i * 2 * Math.PI) / count;
    await camera.animate(
      { x: 0.5 + 0.25 * Math.cos(angle), y: 0.5 + 0.25 * Math.sin(angle), ratio: i % 2 === 0 ? 0.5 : 1 },
      { duration },
    );
  }
  recording = false;
  sigma.off('beforeRender', before);
  sigma.off('afterRender', after);
  return { frames, renders };
}

const bench = { load, setup, animate, points: () => basemap.points };
export type BasemapBench = typeof bench;
declare global {
  interface Window {
    basemapBench: BasemapBench;
  }
}
window.basemapBench = bench;
