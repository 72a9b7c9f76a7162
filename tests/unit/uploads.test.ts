// Upload folders left by a server that died mid-import are removed by the next one to start;
// those of running processes stay.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sweepUploads, uploadDir } from '../../server/import/uploads.js';

describe('sweepUploads', () => {
  it('removes the folders of processes that are gone and keeps the others', async () => {
    const root = mkdtempSync(join(tmpdir(), 'coopgraph-sweep-'));
    try {
      // A process id that has just ended.
      const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
      const gone = join(root, `coopgraph-upload-import-${dead}-abc123`);
      const goneRegister = join(root, `coopgraph-upload-register-${dead}-def456`);
      const mine = join(root, `coopgraph-upload-import-${process.pid}-ghi789`);
      const other = join(root, 'someone-elses-folder-1');
      for (const d of [gone, goneRegister, mine, other]) {
        mkdirSync(d);
        writeFileSync(join(d, '0'), 'upload');
      }
      expect(await sweepUploads(root)).toBe(2);
      expect(readdirSync(root).sort()).toEqual([
        `coopgraph-upload-import-${process.pid}-ghi789`,
        'someone-elses-folder-1',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('names a new folder by kind and process', async () => {
    const dir = await uploadDir('register');
    try {
      expect(dir).toMatch(new RegExp(`coopgraph-upload-register-${process.pid}-`));
      expect(existsSync(dir)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
