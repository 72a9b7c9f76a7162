// Small helpers for benchmarks: timing and percentiles. Benchmarks print figures; they assert nothing.
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Runs `task` for each input one after another and reports latency in milliseconds. */
export async function measure<T>(inputs: T[], task: (input: T) => Promise<unknown>): Promise<Latency> {
  const times: number[] = [];
  for (const input of inputs) {
    const start = performance.now();
    await task(input);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    n: times.length,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times[times.length - 1],
  };
}

export function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

export function table(rows: (string | number)[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ')).join('\n');
}

/** Signs a bench account of the admin role in (server/auth.ts): the headers its HTTP requests carry. */
export async function benchHeaders(
  app: import('fastify').FastifyInstance,
  db: import('../../server/db.js').Db,
): Promise<Record<string, string>> {
  const { signIn, asSession } = await import('../helpers.js');
  return asSession(await signIn(app, db, 'admin'));
}

/** Benchmarks measure latency, not the per-session request budget (COOPGRAPH_RATE_PER_MINUTE): lifted for them. */
export const UNTHROTTLED = { rateLimitPerMinute: 1_000_000 } as const;
