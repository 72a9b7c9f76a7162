// How many imports (dry runs included) read their files at the same time in this process. A file
// read holds memory up to its ceilings (an XLSX's shared strings: about 490 MB at the defaults),
// and dry runs take no lease, so without a bound a handful of hostile workbooks sent at once would
// add up past the heap. The rest wait their turn, or are refused once they have waited too long.
import { AppError } from '../errors.js';

export class ReadSlots {
  private busy = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(readonly size: number) {}

  /** Runs `work` in a free slot; waits at most `waitMs` for one, then refuses (503). */
  async run<T>(work: () => Promise<T>, waitMs: number): Promise<T> {
    if (this.busy >= this.size) await this.wait(waitMs);
    else this.busy++;
    try {
      return await work();
    } finally {
      // The slot goes straight to the next in line, if any.
      const next = this.waiting.shift();
      if (next) next();
      else this.busy--;
    }
  }

  private wait(waitMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const turn = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(turn), 1);
        reject(
          new AppError(
            503,
            'import_busy',
            `${this.size} imports are reading their files in this server; none finished within ${waitMs} ms (IMPORT_MAX_PARALLEL, IMPORT_WAIT_MS)`,
          ),
        );
      }, waitMs);
      this.waiting.push(turn);
    });
  }
}
