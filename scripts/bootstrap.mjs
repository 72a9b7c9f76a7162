// Installs npm dependencies when they are missing or were installed from another lock file.
// Plain Node (no dependencies) so it can run on a fresh clone before `npm ci`.
//
// The install is recorded as the SHA-256 of package-lock.json (node_modules/.coopgraph-lock), so
// a fresh checkout (whose files are all new) does not reinstall an up-to-date node_modules, and a
// changed lock file does. Two commands started together (`npm start` and `npm test` on a fresh
// clone) do not run `npm ci` at once: the first takes a lock folder, the other waits for it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const lockFile = join(root, 'package-lock.json');
const marker = join(root, 'node_modules', '.coopgraph-lock');
const installing = join(root, '.npm-install.lock');
/** A lock folder older than this is left from a killed install, and taken over. */
const STALE_MS = 20 * 60_000;

const wanted = () => createHash('sha256').update(readFileSync(lockFile)).digest('hex');
const current = () => existsSync(marker) && readFileSync(marker, 'utf8').trim() === wanted();
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function takeLock() {
  let told = false;
  for (;;) {
    try {
      mkdirSync(installing);
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let age = 0;
      try {
        age = Date.now() - statSync(installing).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      if (age > STALE_MS) {
        console.log('[coopgraph] taking over an install lock left by a stopped run');
        rmSync(installing, { recursive: true, force: true });
        continue;
      }
      if (!told) console.log('[coopgraph] another command is installing npm dependencies; waiting…');
      told = true;
      sleep(2000);
    }
  }
}

if (!current()) {
  takeLock();
  try {
    // The other command may have installed them while this one waited.
    if (!current()) {
      console.log('[coopgraph] installing npm dependencies (npm ci)…');
      const hash = wanted();
      execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
      writeFileSync(marker, `${hash}\n`);
    }
  } finally {
    rmSync(installing, { recursive: true, force: true });
  }
}
