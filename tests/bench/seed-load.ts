// Benchmark part seed-load: the seed's online load against the offline import (seed/offline), each
// into an empty database of its own. Filled in below.
export interface SeedLoadOptions {
  enterprises: number;
  log: (line: string) => void;
}

export interface SeedLoadResult {
  enterprises: number;
}

export async function benchSeedLoad(opts: SeedLoadOptions): Promise<SeedLoadResult> {
  return { enterprises: opts.enterprises };
}

export function printSeedLoad(result: SeedLoadResult): string {
  return `enterprises: ${result.enterprises}`;
}
