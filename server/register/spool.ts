// Ties of a register dump wait in a temporary file until every subject is written: a customer may
// be listed as a subject further on in the dump, and then it is that subject, not an enterprise
// known only from ties. One JSON line per tie, so memory stays flat however many ties there are.
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { SpooledTie } from './subjects.js';

export class TieSpool {
  private out: WriteStream | null = null;
  private dir: string | null = null;
  count = 0;

  async add(tie: SpooledTie): Promise<void> {
    if (!this.out) {
      this.dir = await mkdtemp(join(tmpdir(), 'coopgraph-ties-'));
      this.out = createWriteStream(join(this.dir, 'ties.ndjson'));
    }
    this.count++;
    if (!this.out.write(JSON.stringify(tie) + '\n')) await once(this.out, 'drain');
  }

  /** The ties in the order they were added, in batches. */
  async *batches(size: number): AsyncGenerator<SpooledTie[]> {
    if (!this.out || !this.dir) return;
    this.out.end();
    await once(this.out, 'finish');
    const lines = createInterface({ input: createReadStream(join(this.dir, 'ties.ndjson')), crlfDelay: Infinity });
    let batch: SpooledTie[] = [];
    for await (const line of lines) {
      if (!line) continue;
      batch.push(JSON.parse(line) as SpooledTie);
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  /** Removes the file, whatever happened. */
  async dispose(): Promise<void> {
    if (this.out && !this.out.closed) {
      this.out.end();
      await once(this.out, 'close').catch(() => undefined);
    }
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
    this.out = null;
    this.dir = null;
  }
}
