// Rendering benchmark: the explorer's path from an API answer to pixels, in headless Chromium
// (Debian's package, WebGL in SwiftShader, as the end-to-end tests run it), side by side in the
// same run with bare sigma drawing the same graph with the same settings. For views of 5,000,
// 20,000 and 50,000 nodes with 5 × as many edges (tests/bench/subgraph.ts):
//
//   1. first frame: from the API's JSON string in the page to the first frame on screen;
//   2. camera pan: frame times while the mouse drags the stage, as a user pans;
//   3. CPU path: JSON string to a styled graphology graph (no sigma);
//   4. ForceAtlas2 in its web worker: the longest main-thread task while it runs, with sigma
//      drawing (ours and bare) and with sigma killed (what the layout itself adds).
//
// The page (tests/bench/render/) is built with Vite from the client's own modules; a fresh page
// runs each measurement, ours and bare alternate their order from run to run. Figures only: the
// benchmark asserts nothing about speed.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildPage, servePage } from './page.js';
import { loadReference } from '../../server/reference.js';
import { REPO_ROOT } from '../../scripts/neo4j.js';
import { buildStyledGraph, DEFAULT_APPEARANCE, indexReference } from '../../core/graph/model.js';
import { launchBrowser } from '../e2e/chromium.js';
import { syntheticSubgraph } from './subgraph.js';
import { fmt, percentile, table } from './lib.js';
import type { CpuSteps, FirstFrame, LayoutRun, SetupKind, SigmaSetup, Variant } from './render/main.js';

const PAGE_ROOT = fileURLToPath(new URL('./render/', import.meta.url));
const VIEWPORT = { width: 1280, height: 800 };
const VARIANTS: Variant[] = ['ours', 'bare'];
const SETUP_KINDS: SetupKind[] = ['ours', 'plain', 'display', 'bare'];

export interface RenderOptions {
  sizes: number[];
  /** Runs per size and side (first frame and pan; the layout is measured in the first); medians over them. */
  runs: (nodes: number) => number;
  /** How long ForceAtlas2 runs in each layout measurement. */
  layoutMs: number;
  /** Mouse moves of one pan. */
  panSteps: number;
  log: (s: string) => void;
}

interface Side {
  firstFrame: FirstFrame[];
  panFrames: number[];
  panRenders: number[];
  layout: LayoutRun[];
  layoutAlone: LayoutRun[];
  cpu: number[];
  steps: CpuSteps[];
  bareSteps: { parse: number; import: number }[];
  sigmaSetup: SigmaSetup[];
}
export interface SizeResult {
  nodes: number;
  edges: number;
  runs: number;
  apiMB: number;
  bareMB: number;
  ours: Side;
  bare: Side;
}
export interface RenderResult {
  sizes: SizeResult[];
  layoutMs: number;
  seconds: number;
  chromium: string;
}

const emptySide = (): Side => ({
  firstFrame: [],
  panFrames: [],
  panRenders: [],
  layout: [],
  layoutAlone: [],
  cpu: [],
  steps: [],
  bareSteps: [],
  sigmaSetup: [],
});

/** The API answer and, made from it outside any timing, what a bare sigma app would be sent. */
function datasets(
  size: number,
  reference: ReturnType<typeof loadReference>,
): { api: string; bare: string; edges: number } {
  const sub = syntheticSubgraph(size, reference);
  const api = JSON.stringify(sub);
  const { graph } = buildStyledGraph(sub, indexReference(reference), {
    lang: 'ru',
    appearance: DEFAULT_APPEARANCE,
    layout: 'geo',
  });
  const nodes: unknown[] = [];
  const edges: unknown[] = [];
  graph.forEachNode((key, a) =>
    nodes.push({ key, attributes: { x: a.x, y: a.y, size: a.size, color: a.color, label: a.label } }),
  );
  graph.forEachEdge((key, a, source, target) =>
    edges.push({ key, source, target, attributes: { size: a.size, color: a.color, type: a.type } }),
  );
  const bare = JSON.stringify({
    options: { type: 'directed', multi: true, allowSelfLoops: false },
    attributes: {},
    nodes,
    edges,
  });
  return { api, bare, edges: graph.size };
}

async function openPage(
  browser: Browser,
  base: string,
  size: number,
): Promise<{ context: BrowserContext; page: Page; gc: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'ru-RU' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[bench] page error: ${e.message}`));
  await page.goto(base + '/');
  await page.waitForFunction(() => typeof window.bench === 'object');
  await page.evaluate((n) => window.bench.load(n), size);
  const cdp = await context.newCDPSession(page);
  return {
    context,
    page,
    gc: async () => {
      await cdp.send('HeapProfiler.collectGarbage');
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The middle value; with an even count, the mean of the two middle ones. */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export async function benchRender(opts: RenderOptions): Promise<RenderResult> {
  const { log } = opts;
  const started = performance.now();
  const reference = loadReference();
  const data = new Map<string, Buffer>([['/data/reference.json', Buffer.from(JSON.stringify(reference))]]);
  const results: SizeResult[] = [];
  for (const size of opts.sizes) {
    const { api, bare, edges } = datasets(size, reference);
    data.set(`/data/${size}/api.json`, Buffer.from(api));
    data.set(`/data/${size}/bare.json`, Buffer.from(bare));
    results.push({
      nodes: size,
      edges,
      runs: opts.runs(size),
      apiMB: Buffer.byteLength(api) / 1e6,
      bareMB: Buffer.byteLength(bare) / 1e6,
      ours: emptySide(),
      bare: emptySide(),
    });
    log(
      `view of ${size.toLocaleString('en')} nodes, ${edges.toLocaleString('en')} edges: API answer ${(Buffer.byteLength(api) / 1e6).toFixed(1)} MB, bare serialisation ${(Buffer.byteLength(bare) / 1e6).toFixed(1)} MB`,
    );
  }
  const outDir = join(REPO_ROOT, '.data', 'bench-render');
  log('building the bench page (Vite)…');
  await buildPage(PAGE_ROOT, outDir);
  const { base, server } = await servePage(outDir, data);
  const browser = await launchBrowser();
  try {
    // Warm-up (not measured): the first page of a browser pays for caches and shader set-up.
    {
      const { context, page } = await openPage(browser, base, results[0].nodes);
      for (const v of VARIANTS) await page.evaluate((x) => window.bench.firstFrame(x), v);
      await context.close();
      await sleep(1000);
    }
    for (const r of results) {
      const size = r.nodes;
      // 3. CPU path: one fresh page, a warm-up of each, then alternating runs with a GC before each.
      log(`${size}: CPU path…`);
      {
        const { context, page, gc } = await openPage(browser, base, size);
        for (const v of VARIANTS) await page.evaluate((x) => window.bench.cpuPath(x), v);
        for (let i = 0; i < r.runs; i++) {
          for (const v of i % 2 === 0 ? VARIANTS : [...VARIANTS].reverse()) {
            await gc();
            r[v].cpu.push(await page.evaluate((x) => window.bench.cpuPath(x), v));
          }
          await gc();
          r.ours.steps.push(await page.evaluate(() => window.bench.cpuSteps()));
          await gc();
          r.bare.bareSteps.push(await page.evaluate(() => window.bench.bareSteps()));
          // Each graph built, garbage collected, then sigma timed; the order turns from run to run.
          const setup = { ours: 0, plain: 0, display: 0, displayBuild: 0, bare: 0 };
          for (let k = 0; k < SETUP_KINDS.length; k++) {
            const kind = SETUP_KINDS[(k + i) % SETUP_KINDS.length];
            await gc();
            const build = await page.evaluate((x) => window.bench.prepareSetup(x), kind);
            if (kind === 'display') setup.displayBuild = build;
            await gc();
            setup[kind] = await page.evaluate(() => window.bench.timeSetup());
          }
          r.ours.sigmaSetup.push(setup);
        }
        await context.close();
      }
      // 1, 2, 4: a fresh page per variant and run; the order alternates.
      for (let run = 0; run < r.runs; run++) {
        for (const v of run % 2 === 0 ? VARIANTS : [...VARIANTS].reverse()) {
          const { context, page, gc } = await openPage(browser, base, size);
          await gc();
          const ff = await page.evaluate((x) => window.bench.firstFrame(x), v);
          r[v].firstFrame.push(ff);
          await page.waitForTimeout(500);

          // A drag from the middle of the stage, one rendered frame per mouse move.
          const x0 = VIEWPORT.width / 2;
          const y0 = VIEWPORT.height / 2;
          await page.mouse.move(x0, y0);
          await page.evaluate(() => window.bench.panEnd()); // settle whatever the hover drew
          await page.evaluate(() => window.bench.panBegin());
          await page.mouse.down();
          for (let i = 1; i <= opts.panSteps; i++) {
            const count = await page.evaluate(() => window.bench.renders());
            await page.mouse.move(x0 - 25 * i, y0 - 12 * i);
            await page.evaluate((n) => window.bench.waitRender(n), count);
          }
          await page.mouse.up();
          const pan = await page.evaluate(() => window.bench.panEnd());
          r[v].panFrames.push(...pan.frames);
          r[v].panRenders.push(...pan.renders);

          // ForceAtlas2 once per size and side (its longest task is a single re-render of seconds).
          let fa2 = '';
          if (run === 0) {
            const withSigma = await page.evaluate((ms) => window.bench.layout(ms, true), opts.layoutMs);
            const alone = await page.evaluate((ms) => window.bench.layout(ms, false), opts.layoutMs);
            r[v].layout.push(withSigma);
            r[v].layoutAlone.push(alone);
            fa2 = `; FA2 longest task ${fmt(withSigma.longestTask)} ms with sigma, ${fmt(alone.longestTask)} ms alone`;
          }
          log(
            `${size}: run ${run + 1} ${v}: first frame ${fmt(ff.total)} ms (main thread ${fmt(ff.parse + ff.build + ff.sigma)}), ` +
              `pan frames ${pan.frames.map((f) => fmt(f)).join(' ')} ms${fa2}`,
          );
          await context.close();
          await sleep(1000); // let the GPU process finish the closed page's frames
        }
      }
    }
    return {
      sizes: results,
      layoutMs: opts.layoutMs,
      seconds: (performance.now() - started) / 1000,
      chromium: browser.version(),
    };
  } finally {
    await browser.close();
    server.close();
  }
}

const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');
const n = (x: number) => x.toLocaleString('en');

export function printRender(res: RenderResult): string {
  const rows: (string | number)[][] = [['metric, ms', 'nodes', 'edges', 'ours', 'bare', 'ours/bare', 'target']];
  const detail: (string | number)[][] = [
    ['first frame, ms (median)', 'nodes', 'JSON.parse', 'build graph', 'sigma', 'GPU finish', '2 frames', 'total'],
  ];
  const cpu: (string | number)[][] = [
    [
      'CPU path, ms (median)',
      'nodes',
      'JSON.parse',
      'buildGraph',
      'geoLayout',
      'applyAppearance',
      'applyEdgeWidths',
      'import',
      'total',
    ],
  ];
  const fa2: (string | number)[][] = [
    [
      'ForceAtlas2, ms (one run)',
      'nodes',
      'longest task',
      'long tasks',
      'FA2 start',
      'longest update',
      'longest render',
      'iterations',
    ],
  ];
  const setup: (string | number)[][] = [
    [
      'new Sigma, ms (median)',
      'nodes',
      'ours',
      'plain Sigma, our graph',
      'plain, drawn attributes only',
      'building that copy',
      'bare',
      'ours/bare',
      'plain/bare',
      'drawn only/bare',
    ],
  ];
  for (const s of res.sizes) {
    const o = s.ours;
    const b = s.bare;
    if (o.sigmaSetup.length > 0) {
      const m = (k: keyof SigmaSetup) => median(o.sigmaSetup.map((x) => x[k]));
      setup.push([
        '',
        n(s.nodes),
        fmt(m('ours')),
        fmt(m('plain')),
        fmt(m('display')),
        fmt(m('displayBuild')),
        fmt(m('bare')),
        ratio(m('ours'), m('bare')),
        ratio(m('plain'), m('bare')),
        ratio(m('display'), m('bare')),
      ]);
    }
    const ffO = median(o.firstFrame.map((f) => f.total));
    const ffB = median(b.firstFrame.map((f) => f.total));
    const mainThread = (f: FirstFrame) => f.parse + f.build + f.sigma;
    const mtO = median(o.firstFrame.map(mainThread));
    const mtB = median(b.firstFrame.map(mainThread));
    const pf = (xs: number[], p: number) =>
      percentile(
        [...xs].sort((x, y) => x - y),
        p,
      );
    const worst = (runs: LayoutRun[], k: keyof LayoutRun) => Math.max(0, ...runs.map((l) => l[k]));
    const task = (x: number) => (x > 0 ? fmt(x) : '<50');
    rows.push(
      ['first frame (on screen)', n(s.nodes), n(s.edges), fmt(ffO), fmt(ffB), ratio(ffO, ffB), '≤ 1.25×'],
      ['first frame, main thread only', n(s.nodes), n(s.edges), fmt(mtO), fmt(mtB), ratio(mtO, mtB), '≤ 1.25×'],
      [
        'pan frame p50',
        n(s.nodes),
        n(s.edges),
        fmt(pf(o.panFrames, 50)),
        fmt(pf(b.panFrames, 50)),
        ratio(pf(o.panFrames, 50), pf(b.panFrames, 50)),
        '≤ 1.25×',
      ],
      [
        'pan frame p95',
        n(s.nodes),
        n(s.edges),
        fmt(pf(o.panFrames, 95)),
        fmt(pf(b.panFrames, 95)),
        ratio(pf(o.panFrames, 95), pf(b.panFrames, 95)),
        '≤ 1.25×',
      ],
      [
        'pan frame max',
        n(s.nodes),
        n(s.edges),
        fmt(pf(o.panFrames, 100)),
        fmt(pf(b.panFrames, 100)),
        ratio(pf(o.panFrames, 100), pf(b.panFrames, 100)),
        '≤ 1.25×',
      ],
      [
        'CPU path (JSON → styled graph)',
        n(s.nodes),
        n(s.edges),
        fmt(median(o.cpu)),
        fmt(median(b.cpu)),
        ratio(median(o.cpu), median(b.cpu)),
        '≤ 1.5×',
      ],
      [
        'longest task, FA2 + sigma',
        n(s.nodes),
        n(s.edges),
        task(worst(o.layout, 'longestTask')),
        task(worst(b.layout, 'longestTask')),
        ratio(worst(o.layout, 'longestTask'), worst(b.layout, 'longestTask')),
        '',
      ],
      [
        'longest task, FA2 alone',
        n(s.nodes),
        n(s.edges),
        task(worst(o.layoutAlone, 'longestTask')),
        task(worst(b.layoutAlone, 'longestTask')),
        '',
        '≤ 50 ms',
      ],
    );
    for (const [name, side] of [
      ['ours', o],
      ['bare', b],
    ] as const) {
      const m = (k: keyof FirstFrame) => fmt(median(side.firstFrame.map((f) => f[k])));
      detail.push([name, n(s.nodes), m('parse'), m('build'), m('sigma'), m('gpu'), m('present'), m('total')]);
    }
    const st = (k: keyof CpuSteps) => median(o.steps.map((x) => x[k]));
    const stTotal = median(o.steps.map((x) => x.parse + x.build + x.geo + x.appearance + x.edgeWidths));
    cpu.push([
      'ours',
      n(s.nodes),
      fmt(st('parse')),
      fmt(st('build')),
      fmt(st('geo')),
      fmt(st('appearance')),
      fmt(st('edgeWidths')),
      '',
      fmt(stTotal),
    ]);
    cpu.push([
      'bare',
      n(s.nodes),
      fmt(median(b.bareSteps.map((x) => x.parse))),
      '',
      '',
      '',
      '',
      fmt(median(b.bareSteps.map((x) => x.import))),
      fmt(median(b.bareSteps.map((x) => x.parse + x.import))),
    ]);
    for (const [name, runs] of [
      ['ours + sigma', o.layout],
      ['bare + sigma', b.layout],
      ['ours, sigma killed', o.layoutAlone],
      ['bare, sigma killed', b.layoutAlone],
    ] as const) {
      fa2.push([
        name,
        n(s.nodes),
        task(worst(runs, 'longestTask')),
        worst(runs, 'longTasks'),
        fmt(worst(runs, 'start')),
        fmt(worst(runs, 'longestUpdate')),
        runs.some((l) => l.longestRender > 0) ? fmt(worst(runs, 'longestRender')) : '',
        Math.min(...runs.map((l) => l.iterations)),
      ]);
    }
  }
  return [
    `Chromium ${res.chromium}, headless, WebGL in SwiftShader; viewport ${VIEWPORT.width}×${VIEWPORT.height}; runs per size and side: ` +
      `${res.sizes.map((s) => `${n(s.nodes)}: ${s.runs}`).join(', ')} (a fresh page each, ours and bare alternating); ForceAtlas2 once per ` +
      `size and side, ${res.layoutMs / 1000} s; ${Math.round(res.seconds)} s in all.`,
    table(rows),
    table(detail),
    table(cpu),
    table(setup),
    table(fa2),
    "First frame: from the JSON string in the page to the second animation frame after sigma's render, with the GPU made\n" +
      'to finish the drawing in between (a one-pixel readPixels per WebGL canvas); "main thread only" stops when sigma\'s\n' +
      'render returns (JSON.parse + graph + sigma: what a hardware GPU would not change).\n' +
      'Pan frames: every frame sigma drew from mouse-down until the camera settled, pooled over the runs. Longest task: the\n' +
      'PerformanceObserver \'longtask\' entries (over 50 ms) while ForceAtlas2 ran; "alone" kills sigma first. FA2 start:\n' +
      'new FA2Layout + start() (graph to arrays, worker spawn); longest update: the supervisor handling one worker answer\n' +
      "(positions into the graph, including sigma's synchronous graph listeners); longest render: sigma's re-index and draw.\n" +
      "new Sigma: the constructor alone (graph indexed, first render issued): ours is ExplorerSigma on the explorer's graph\n" +
      "(client/src/explorer/render.ts: sigma's per-item set-up reads only the drawn attributes); plain Sigma on the same graph\n" +
      'copies every attribute of every node and edge first; then plain Sigma on a copy holding only the drawn attributes,\n' +
      'the time to build that copy (graph.import: what a separate visual graph would add), and plain Sigma on the bare graph.',
  ].join('\n\n');
}
