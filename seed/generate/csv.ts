/**
 * Streaming CSV output: rows are buffered into ~1 MB chunks and written with backpressure, so
 * a million enterprises and their links are never held in memory as strings.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const CHUNK = 1 << 20;

export class CsvSink {
  private buf = '';
  private stream: WriteStream;
  private error: Error | null = null;
  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.on('error', (e) => {
      this.error = e;
    });
  }
  /** Appends a finished line (with trailing newline); call `maybeFlush` afterwards. */
  add(line: string): void {
    this.buf += line;
  }
  get pending(): boolean {
    return this.buf.length >= CHUNK;
  }
  async flush(): Promise<void> {
    if (this.error) throw this.error;
    if (this.buf.length === 0) return;
    const ok = this.stream.write(this.buf);
    this.buf = '';
    if (!ok) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    await this.flush();
    const done = once(this.stream, 'finish');
    this.stream.end();
    await done;
    if (this.error) throw this.error;
  }
}

export function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}
