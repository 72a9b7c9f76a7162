// Whether the built client (dist/client) is older than what it is built from: a fresh clone, a
// pull or an edit since the last build. `npm start` and `npm test` rebuild it then, and only then.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './neo4j.js';

function newestMtime(paths: string[]): number {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const e of readdirSync(path, { withFileTypes: true, recursive: true })) {
        if (e.isFile()) newest = Math.max(newest, statSync(join(e.parentPath, e.name)).mtimeMs);
      }
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  }
  return newest;
}

/** dist/client is older than what it is built from (a fresh clone, or an edit since the last build). */
export function clientIsStale(): boolean {
  const built = join(REPO_ROOT, 'dist', 'client', 'index.html');
  if (!existsSync(built)) return true;
  const sources = ['client', 'core', 'vite.config.ts', 'package-lock.json', 'tsconfig.json'].map((p) =>
    join(REPO_ROOT, p),
  );
  return newestMtime(sources) > statSync(built).mtimeMs;
}
