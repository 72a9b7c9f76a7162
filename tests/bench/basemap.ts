// Basemap benchmark: what drawing Russia's outline under the graph costs while the camera moves.
// The explorer's graph in the geographic layout (tests/bench/subgraph.ts, 200 to 20,000 nodes), in
// headless Chromium as the end-to-end tests run it, moved by camera animations with the basemap and
// without it, alternating, a fresh sigma each time: frame times (between animation frames) and
// render times (sigma's render plus the basemap's draw). Figures only; it asserts nothing.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { buildPage, servePage } from './page.js';
import { loadReference } from '../../server/reference.js';
import { launchBrowser } from '../e2e/chromium.js';
import { syntheticSubgraph } from './subgraph.js';
import { fmt, percentile, table } from './lib.js';

const pct = (xs: number[], p: number) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    p,
  );
import type { BasemapBench } from './basemap/main.js';

declare global {
  interface Window {
    basemapBench: BasemapBench;
  }
}

const PAGE_ROOT = fileURLToPath(new URL('./basemap/', import.meta.url));

export interface BasemapOptions {
  sizes: number[];
  runs: number;
  animations: number;
  durationMs: number;
  log: (s: string) => void;
}
export interface BasemapResult {
  sizes: {
    nodes: number;
    with: { frames: number[]; renders: number[] };
    without: { frames: number[]; renders: number[] };
  }[];
  points: number;
  chromium: string;
}

export async function benchBasemap(opts: BasemapOptions): Promise<BasemapResult> {
  const outDir = mkdtempSync(join(tmpdir(), 'coopgraph-basemap-bench-'));
  await buildPage(PAGE_ROOT, outDir);
  const reference = loadReference();
  const data = new Map<string, string>([['/data/reference.json', JSON.stringify(reference)]]);
  for (const n of opts.sizes) data.set(`/data/${n}.json`, JSON.stringify(syntheticSubgraph(n, reference)));
  const { base, server } = await servePage(outDir, data);
  const browser = await launchBrowser();
  try {
    const sizes: BasemapResult['sizes'] = [];
    let points = 0;
    for (const nodes of opts.sizes) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error(`[bench] page error: ${e.message}`));
      await page.goto(base + '/');
      await page.waitForFunction(() => typeof window.basemapBench === 'object');
      await page.evaluate((n) => window.basemapBench.load(n), nodes);
      points = await page.evaluate(() => window.basemapBench.points());
      const r = {
        nodes,
        with: { frames: [] as number[], renders: [] as number[] },
        without: { frames: [] as number[], renders: [] as number[] },
      };
      // A warm-up of each, then alternating order.
      for (let run = -1; run < opts.runs; run++) {
        for (const on of run % 2 === 0 ? [true, false] : [false, true]) {
          await page.evaluate((b) => window.basemapBench.setup(b), on);
          const m = await page.evaluate(([k, d]) => window.basemapBench.animate(k, d), [
            opts.animations,
            opts.durationMs,
          ] as const);
          if (run < 0) continue;
          const side = on ? r.with : r.without;
          side.frames.push(...m.frames);
          side.renders.push(...m.renders);
          opts.log(
            `${nodes}: run ${run + 1} ${on ? 'with' : 'without'} basemap: frame p50 ${fmt(pct(m.frames, 50))} ms, ` +
              `render p50 ${fmt(pct(m.renders, 50))} ms (${m.renders.length} renders)`,
          );
        }
      }
      sizes.push(r);
      await context.close();
    }
    return { sizes, points, chromium: browser.version() };
  } finally {
    await browser.close();
    server.close();
  }
}

export function printBasemap(res: BasemapResult): string {
  const rows: (string | number)[][] = [['nodes', 'metric, ms', 'without basemap', 'with basemap', 'with/without']];
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');
  for (const s of res.sizes) {
    for (const [name, key, p] of [
      ['frame p50', 'frames', 50],
      ['frame p95', 'frames', 95],
      ['render p50', 'renders', 50],
      ['render p95', 'renders', 95],
    ] as const) {
      const a = pct(s.without[key], p);
      const b = pct(s.with[key], p);
      rows.push([s.nodes.toLocaleString('en'), name, fmt(a), fmt(b), ratio(b, a)]);
    }
  }
  return (
    `Basemap (Russia, Natural Earth 1:50m, ${res.points.toLocaleString('en')} vertices) under the explorer's geographic layout, ` +
    `camera animations in headless Chromium ${res.chromium} (SwiftShader)\n` +
    table(rows)
  );
}
