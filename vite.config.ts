// The client's build; the tests' configuration is vitest.config.ts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig, type Plugin } from 'vite';
import type { Topology } from 'topojson-specification';
import { RUSSIA_ID, subsetTopology } from './core/graph/basemap';

/**
 * `virtual:basemap-topology`: Natural Earth's 1:50m countries (world-atlas) cut down at build time
 * to Russia's geometry and the arcs it uses — about a tenth of the world's 750 kB.
 */
function basemapTopology(): Plugin {
  const id = 'virtual:basemap-topology';
  return {
    name: 'coopgraph-basemap-topology',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load(resolved) {
      if (resolved !== `\0${id}`) return null;
      const file = createRequire(import.meta.url).resolve('world-atlas/countries-50m.json');
      const world = JSON.parse(readFileSync(file, 'utf8')) as Topology;
      return `export default ${JSON.stringify(subsetTopology(world, 'countries', [RUSSIA_ID]))};`;
    },
  };
}

export default defineConfig({
  root: 'client',
  plugins: [basemapTopology()],
  build: { outDir: '../dist/client', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
