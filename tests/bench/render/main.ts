// The page of the rendering benchmark (built by tests/bench/render.ts with Vite, driven by
// Playwright). It runs the explorer's own code (core/graph/model.ts and client/src/explorer/render.ts) and,
// side by side, bare sigma drawing the same graph with the same settings, and exposes the steps the
// driver times as `window.bench`.
//
// "ours": JSON.parse of the API answer + buildStyledGraph + new ExplorerSigma(…, explorerSettings).
// "bare": JSON.parse of a graphology serialisation with the same nodes, edges, x, y, size, colour,
//         label and edge type (made beforehand, as a bare app would receive it) + graph.import +
//         new Sigma(…, the same explorerSettings).
import Graph from 'graphology';
import Sigma from 'sigma';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { SerializedGraph } from 'graphology-types';
import {
  applyAppearance,
  applyEdgeWidths,
  buildGraph,
  buildStyledGraph,
  DEFAULT_APPEARANCE,
  geoLayout,
  indexReference,
} from '../../../core/graph/model';
import { type Subgraph } from '../../../core/schemas.js';
import { ExplorerSigma, explorerSettings } from '../../../client/src/explorer/render';
import type { Reference } from '../../../core/schemas.js';

export type Variant = 'ours' | 'bare';

/** Milliseconds of each step from the JSON string to the frame on screen. */
export interface FirstFrame {
  total: number;
  parse: number;
  build: number;
  sigma: number;
  gpu: number;
  present: number;
}
export interface PanFrames {
  frames: number[];
  renders: number[];
}
export interface LayoutRun {
  /** Longest main-thread task (PerformanceObserver 'longtask', so only tasks over 50 ms are seen; 0 when none). */
  longestTask: number;
  longTasks: number;
  /** `new FA2Layout(…)` + `start()`: graph to typed arrays, worker spawn (synchronous, main thread). */
  start: number;
  /** Longest handling of one worker answer: positions into the graph, with sigma's synchronous graph listeners. */
  longestUpdate: number;
  /** Longest sigma render (the full re-index and draw the new positions cause). */
  longestRender: number;
  iterations: number;
}
export interface CpuSteps {
  parse: number;
  build: number;
  geo: number;
  appearance: number;
  edgeWidths: number;
}

const GRAPH_OPTIONS = { type: 'directed', multi: true, allowSelfLoops: false } as const;

const state: {
  api: string;
  bare: string;
  reference: Reference | undefined;
  graph: Graph | null;
  sigma: Sigma | null;
  container: HTMLDivElement | null;
  renders: number;
  renderLog: [number, number][];
  frameLog: number[];
  recording: boolean;
} = {
  api: '',
  bare: '',
  reference: undefined,
  graph: null,
  sigma: null,
  container: null,
  renders: 0,
  renderLog: [],
  frameLog: [],
  recording: false,
};

// Time the supervisor's handling of each worker answer (the graph update it makes on the main
// thread): the method is bound in the constructor, so wrapping the prototype reaches it.
const updateTimes: number[] = [];
{
  const proto = FA2Layout.prototype as unknown as { handleMessage: (this: unknown, e: MessageEvent) => void };
  const original = proto.handleMessage;
  proto.handleMessage = function (this: unknown, e: MessageEvent) {
    const t = performance.now();
    original.call(this, e);
    updateTimes.push(performance.now() - t);
  };
}

const now = () => performance.now();
const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(now())));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function load(size: number): Promise<{ apiBytes: number; bareBytes: number }> {
  const text = async (path: string) => {
    const res = await fetch(path);
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return res.text();
  };
  [state.api, state.bare] = await Promise.all([text(`/data/${size}/api.json`), text(`/data/${size}/bare.json`)]);
  state.reference = JSON.parse(await text('/data/reference.json')) as Reference;
  return { apiBytes: state.api.length, bareBytes: state.bare.length };
}

function styled(): Graph {
  const sub = JSON.parse(state.api) as Subgraph;
  return buildStyledGraph(sub, indexReference(state.reference), {
    lang: 'ru',
    appearance: DEFAULT_APPEARANCE,
    layout: 'geo',
  }).graph as unknown as Graph;
}
function imported(): Graph {
  const data = JSON.parse(state.bare) as SerializedGraph;
  const graph = new Graph(data.options ?? GRAPH_OPTIONS);
  graph.import(data);
  return graph;
}

/** Makes WebGL finish what the render issued (a one-pixel read waits for the GPU process). */
function flushGpu(sigma: Sigma): void {
  const pixel = new Uint8Array(4);
  for (const canvas of Object.values(sigma.getCanvases())) {
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    gl?.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
  }
}

function dispose(): void {
  state.sigma?.kill();
  state.sigma = null;
  state.container?.remove();
  state.container = null;
  state.graph = null;
}

/**
 * From the JSON string to the first frame on screen. Sigma's constructor processes the graph and
 * renders synchronously ('afterRender' fires inside it); should it only schedule the render, we
 * wait for that. Then the GPU is made to finish (a pixel read) and two animation frames pass: the
 * frame with the drawing has been composited by the second.
 */
async function firstFrame(variant: Variant): Promise<FirstFrame> {
  dispose();
  const container = document.createElement('div');
  container.className = 'stage';
  document.body.appendChild(container);
  state.container = container;
  await nextFrame();

  const t0 = now();
  let graph: Graph;
  let tParse: number;
  if (variant === 'ours') {
    const sub = JSON.parse(state.api) as Subgraph;
    tParse = now();
    graph = buildStyledGraph(sub, indexReference(state.reference), {
      lang: 'ru',
      appearance: DEFAULT_APPEARANCE,
      layout: 'geo',
    }).graph as unknown as Graph;
  } else {
    const data = JSON.parse(state.bare) as SerializedGraph;
    tParse = now();
    graph = new Graph(data.options ?? GRAPH_OPTIONS);
    graph.import(data);
  }
  const tBuild = now();
  const sigma =
    variant === 'ours'
      ? new ExplorerSigma(graph, container, explorerSettings(graph.size))
      : new Sigma(graph, container, explorerSettings(graph.size));
  if ((sigma as unknown as { renderFrame: number | null }).renderFrame)
    await new Promise<void>((resolve) => sigma.once('afterRender', () => resolve()));
  const tSigma = now();
  flushGpu(sigma);
  const tGpu = now();
  await nextFrame();
  await nextFrame();
  const tEnd = now();

  state.graph = graph;
  state.sigma = sigma;
  sigma.on('beforeRender', () => {
    if (state.recording) state.renderLog.push([now(), NaN]);
  });
  sigma.on('afterRender', () => {
    state.renders++;
    if (state.recording && state.renderLog.length > 0) state.renderLog[state.renderLog.length - 1][1] = now();
  });
  return {
    total: tEnd - t0,
    parse: tParse - t0,
    build: tBuild - tParse,
    sigma: tSigma - tBuild,
    gpu: tGpu - tSigma,
    present: tEnd - tGpu,
  };
}

/** Starts recording animation frames and sigma renders (the driver then drags the mouse). */
function panBegin(): void {
  state.renderLog = [];
  state.frameLog = [];
  state.recording = true;
  const loop = () => {
    if (!state.recording) return;
    state.frameLog.push(now());
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
}

/** Resolves once sigma has rendered more than `count` times in all, and a frame has passed. */
async function waitRender(count: number, timeoutMs = 60_000): Promise<void> {
  const until = now() + timeoutMs;
  while (state.renders <= count) {
    if (now() > until) throw new Error('no render after the mouse move');
    await nextFrame();
  }
}

/**
 * Waits until the camera has settled (no render for 600 ms), stops recording and returns, for each
 * render, the frame it took: from the animation frame it ran in (or the last one before it) to the
 * next animation frame after it, so drawing, compositing and GPU back-pressure all count.
 */
async function panEnd(): Promise<PanFrames> {
  for (;;) {
    const n = state.renders;
    await sleep(600);
    if (state.renders === n && !state.sigma?.getCamera().isAnimated()) break;
  }
  state.recording = false;
  const frames: number[] = [];
  const renders: number[] = [];
  for (const [start, end] of state.renderLog) {
    if (Number.isNaN(end)) continue;
    const before = state.frameLog.filter((t) => t <= start).pop() ?? start;
    const after = state.frameLog.find((t) => t > end);
    if (after === undefined) continue;
    frames.push(after - before);
    renders.push(end - start);
  }
  return { frames, renders };
}

/**
 * ForceAtlas2 in its worker, started as the explorer starts it, for `ms` milliseconds; with sigma
 * drawing the graph (`withSigma`) or with sigma killed (the layout's own main-thread cost).
 */
async function layout(ms: number, withSigma: boolean): Promise<LayoutRun> {
  const graph = state.graph!;
  if (!withSigma) {
    state.sigma?.kill();
    state.sigma = null;
  }
  let longestRender = 0;
  let renderStart = 0;
  const onBefore = () => {
    renderStart = now();
  };
  const onAfter = () => {
    longestRender = Math.max(longestRender, now() - renderStart);
  };
  state.sigma?.on('beforeRender', onBefore);
  state.sigma?.on('afterRender', onAfter);
  let iterations = 0;
  const onUpdate = () => {
    iterations++;
  };
  graph.on('eachNodeAttributesUpdated', onUpdate);
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push(e.duration);
  });
  observer.observe({ entryTypes: ['longtask'] });
  updateTimes.length = 0;
  await nextFrame();

  const t0 = now();
  const fa2 = new FA2Layout(graph, {
    settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 1000 },
  });
  fa2.start();
  const start = now() - t0;
  await sleep(ms);
  fa2.kill();
  await sleep(200);
  for (const e of observer.takeRecords()) tasks.push(e.duration);
  observer.disconnect();
  graph.removeListener('eachNodeAttributesUpdated', onUpdate);
  state.sigma?.removeListener('beforeRender', onBefore);
  state.sigma?.removeListener('afterRender', onAfter);
  return {
    longestTask: Math.max(0, ...tasks),
    longTasks: tasks.length,
    start,
    longestUpdate: Math.max(0, ...updateTimes),
    longestRender,
    iterations,
  };
}

/** The CPU path alone: JSON string to a styled graphology graph (no sigma). */
function cpuPath(variant: Variant): number {
  const t0 = now();
  const graph = variant === 'ours' ? styled() : imported();
  const t = now() - t0;
  if (graph.order === 0) throw new Error('empty graph');
  return t;
}

/** buildStyledGraph step by step (the same calls in the same order), to see what costs what. */
function cpuSteps(): CpuSteps {
  const t0 = now();
  const sub = JSON.parse(state.api) as Subgraph;
  const t1 = now();
  const graph = buildGraph(sub, 'ru');
  const t2 = now();
  geoLayout(graph);
  const t3 = now();
  applyAppearance(graph, DEFAULT_APPEARANCE, indexReference(state.reference));
  const t4 = now();
  applyEdgeWidths(graph);
  const t5 = now();
  return { parse: t1 - t0, build: t2 - t1, geo: t3 - t2, appearance: t4 - t3, edgeWidths: t5 - t4 };
}

/** Milliseconds of sigma's constructor (graph indexed, first render issued), on the graphs named. */
export interface SigmaSetup {
  /** ExplorerSigma on the explorer's graph (what the app runs). */
  ours: number;
  /** Plain Sigma on the explorer's graph: it copies every attribute of every node and edge. */
  plain: number;
  /** Plain Sigma on a copy holding only what sigma draws (x, y, size, colour, label; size, colour, type). */
  display: number;
  /** Building that copy (graph.import of the drawn attributes): what a separate visual graph would cost. */
  displayBuild: number;
  /** Plain Sigma on the bare graph (graph.import of the serialisation). */
  bare: number;
}

/** `new Sigma` (or ExplorerSigma) alone on a graph, in a fresh container, then disposed of. */
async function timeSigma(graph: Graph, explorer = false): Promise<number> {
  const container = document.createElement('div');
  container.className = 'stage';
  document.body.appendChild(container);
  await nextFrame();
  const t0 = now();
  const settings = explorerSettings(graph.size);
  const sigma = explorer ? new ExplorerSigma(graph, container, settings) : new Sigma(graph, container, settings);
  if ((sigma as unknown as { renderFrame: number | null }).renderFrame)
    await new Promise<void>((resolve) => sigma.once('afterRender', () => resolve()));
  const t = now() - t0;
  sigma.kill();
  container.remove();
  return t;
}

export type SetupKind = 'ours' | 'plain' | 'display' | 'bare';
let setupGraph: { graph: Graph; explorer: boolean } | null = null;

/**
 * What sigma's set-up costs on the explorer's graph beyond the bare one, in two steps so that the
 * driver can collect garbage in between (the graph just built leaves plenty): builds the graph of
 * `kind` and returns the milliseconds of building the drawn-only copy (0 for the others), then
 * `timeSetup` times sigma on it. Plain sigma copies every attribute of every node and edge
 * (Object.assign) before reducing and indexing them, so the same graph with only the drawn
 * attributes tells the copying apart from everything else; ExplorerSigma reads only the drawn
 * attributes (client/src/explorer/render.ts).
 */
function prepareSetup(kind: SetupKind): number {
  if (kind === 'bare') {
    setupGraph = { graph: imported(), explorer: false };
    return 0;
  }
  const ours = styled();
  if (kind !== 'display') {
    setupGraph = { graph: ours, explorer: kind === 'ours' };
    return 0;
  }
  const t0 = now();
  const nodes: { key: string; attributes: Record<string, unknown> }[] = [];
  const edges: { key: string; source: string; target: string; attributes: Record<string, unknown> }[] = [];
  ours.forEachNode((key, a) =>
    nodes.push({ key, attributes: { x: a.x, y: a.y, size: a.size, color: a.color, label: a.label } }),
  );
  ours.forEachEdge((key, a, source, target) =>
    edges.push({ key, source, target, attributes: { size: a.size, color: a.color, type: a.type } }),
  );
  const display = new Graph(GRAPH_OPTIONS);
  display.import({ nodes, edges });
  const build = now() - t0;
  setupGraph = { graph: display, explorer: false };
  return build;
}
async function timeSetup(): Promise<number> {
  const { graph, explorer } = setupGraph!;
  setupGraph = null;
  return timeSigma(graph, explorer);
}

/** The bare path step by step: JSON.parse, then graph.import. */
function bareSteps(): { parse: number; import: number } {
  const t0 = now();
  const data = JSON.parse(state.bare) as SerializedGraph;
  const t1 = now();
  new Graph(data.options ?? GRAPH_OPTIONS).import(data);
  return { parse: t1 - t0, import: now() - t1 };
}

const bench = {
  load,
  firstFrame,
  panBegin,
  waitRender,
  panEnd,
  layout,
  cpuPath,
  cpuSteps,
  bareSteps,
  prepareSetup,
  timeSetup,
  dispose,
  renders: () => state.renders,
};
export type RenderBench = typeof bench;
declare global {
  interface Window {
    bench: RenderBench;
  }
}
window.bench = bench;
