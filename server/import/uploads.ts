// Uploaded files wait in folders of the system's temp folder while an import reads them, and are
// removed when it ends. A process that dies mid-import (killed, out of memory) cannot remove its
// folder, so each folder carries its process id, and a server starting up removes the folders of
// processes that no longer run.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAlive } from './lock.js';

const PREFIX = 'coopgraph-upload-';

/** A new folder for one request's uploads: `coopgraph-upload-<kind>-<pid>-XXXXXX`. */
export function uploadDir(kind: 'import' | 'register'): Promise<string> {
  return mkdtemp(join(tmpdir(), `${PREFIX}${kind}-${process.pid}-`));
}

/** Removes the upload folders left by processes that are gone; answers how many it removed. */
export async function sweepUploads(dir = tmpdir()): Promise<number> {
  let removed = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const m = /^coopgraph-upload-(?:import|register)-(\d+)-/.exec(name);
    if (!m || processAlive(Number(m[1]))) continue;
    await rm(join(dir, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}
