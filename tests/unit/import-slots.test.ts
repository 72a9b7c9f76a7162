// Imports reading their files at once in one process: never more than the slots, the rest in
// turn, and a wait past its limit refused with the settings named.
import { describe, expect, it } from 'vitest';
import { ReadSlots } from '../../server/import/slots.js';
import { AppError } from '../../server/errors.js';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ReadSlots', () => {
  it('runs at most `size` at once, the others in the order they came', async () => {
    const slots = new ReadSlots(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const work = (i: number) => async () => {
      started.push(i);
      most = Math.max(most, ++running);
      await later(20);
      running--;
      return i;
    };
    const results = await Promise.all([0, 1, 2, 3, 4].map((i) => slots.run(work(i), 10_000)));
    expect(results).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it('refuses (503) a wait past its limit, naming the settings, and keeps its slots', async () => {
    const slots = new ReadSlots(1);
    let release!: () => void;
    const first = slots.run(() => new Promise<string>((resolve) => (release = () => resolve('first'))), 1000);
    const refused = await slots.run(async () => 'second', 30).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(503);
    expect((refused as AppError).message).toMatch(/IMPORT_MAX_PARALLEL, IMPORT_WAIT_MS/);
    release();
    expect(await first).toBe('first');
    // The refused one took no slot: the next runs at once.
    expect(await slots.run(async () => 'third', 30)).toBe('third');
  });

  it('a failing read gives its slot back', async () => {
    const slots = new ReadSlots(1);
    await expect(slots.run(() => Promise.reject(new Error('bad file')), 10)).rejects.toThrow('bad file');
    expect(await slots.run(async () => 'next', 10)).toBe('next');
  });
});
