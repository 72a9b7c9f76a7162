// The pages the browser benchmarks drive (tests/bench/render/, tests/bench/basemap/): built with
// Vite from their folder, then served on loopback with their data sets kept in memory.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'vite';

/** Builds the page whose index.html is in `root` into `outDir`. */
export async function buildPage(root: string, outDir: string): Promise<void> {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 5000 },
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

/** Serves the built page in `dir` and the data sets (path → body) on loopback. */
export async function servePage(
  dir: string,
  data: Map<string, string | Buffer>,
): Promise<{ base: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const ext = path.slice(path.lastIndexOf('.'));
    try {
      const body =
        data.get(path) ??
        (await readFile(join(dir, normalize(path === '/' ? '/index.html' : path).replace(/^(\.\.[/\\])+/, ''))));
      res.writeHead(200, {
        'content-type': TYPES[ext] ?? (path === '/' ? 'text/html' : 'application/octet-stream'),
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
