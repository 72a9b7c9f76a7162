/**
 * Seeded randomness and the sampling primitives built on it. Every phase of the generator draws
 * from its own stream, so a phase may change without shifting the numbers any other phase sees.
 */

function splitmix32(a: number): () => number {
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t = t ^ (t >>> 15);
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

/** sfc32 PRNG returning floats in [0, 1). `stream` selects an independent sequence. */
export function createRng(seed: number, stream = 0): () => number {
  const sm = splitmix32((seed ^ Math.imul(stream + 1, 0x85ebca6b)) | 0);
  let a = sm() | 0;
  let b = sm() | 0;
  let c = sm() | 0;
  let d = 1 | 0;
  const rand = () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) rand();
  return rand;
}

export function randInt(rand: () => number, n: number): number {
  return Math.floor(rand() * n);
}

export function gauss(rand: () => number): number {
  let u = rand();
  if (u < 1e-12) u = 1e-12;
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

export function pick<T>(rand: () => number, arr: readonly T[]): T {
  return arr[Math.floor(rand() * arr.length)];
}

/** Cumulative array for weighted sampling. */
export function cumulative(w: ArrayLike<number>): Float64Array {
  const c = new Float64Array(w.length);
  let s = 0;
  for (let i = 0; i < w.length; i++) {
    s += w[i];
    c[i] = s;
  }
  return c;
}

export function sampleCum(c: Float64Array, rand: () => number): number {
  const total = c[c.length - 1];
  const x = rand() * total;
  let lo = 0;
  let hi = c.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function sampleIndex(weights: number[], rand: () => number): number {
  let s = 0;
  for (const w of weights) s += w;
  let x = rand() * s;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i];
    if (x < 0) return i;
  }
  return weights.length - 1;
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function logUniformInt(rand: () => number, lo: number, hi: number): number {
  const v = Math.floor(Math.exp(Math.log(lo) + rand() * (Math.log(hi + 1) - Math.log(lo))));
  return Math.min(hi, Math.max(lo, v));
}
