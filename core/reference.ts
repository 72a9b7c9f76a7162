// Rules of the reference data that both sides apply: taxpayer numbers, SME categories (209-FZ),
// and the OKVED2 → chain stage mapping. The chains themselves come from seed/reference.
import type { ChainRef } from './schemas.js';

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_1 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_2 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function checkDigit(digits: number[], weights: number[]): number {
  return (weights.reduce((sum, w, i) => sum + w * digits[i], 0) % 11) % 10;
}

/**
 * Appends the check digit(s) to an INN body: 9 digits give a 10-digit legal-entity INN,
 * 10 digits a 12-digit individual's INN.
 */
export function completeInn(body: string): string {
  const d = [...body].map(Number);
  if (/^\d{9}$/.test(body)) return body + checkDigit(d, INN10_WEIGHTS);
  if (/^\d{10}$/.test(body)) {
    const eleventh = checkDigit(d, INN12_WEIGHTS_1);
    return body + eleventh + checkDigit([...d, eleventh], INN12_WEIGHTS_2);
  }
  throw new Error(`an INN body has 9 or 10 digits, got "${body}"`);
}

/** Check digits of a Russian taxpayer number: 10 digits (legal entity) or 12 (individual). */
export function innIsValid(inn: string): boolean {
  if (!/^(\d{10}|\d{12})$/.test(inn)) return false;
  const d = [...inn].map(Number);
  if (inn.length === 10) return checkDigit(d, INN10_WEIGHTS) === d[9];
  return checkDigit(d, INN12_WEIGHTS_1) === d[10] && checkDigit(d, INN12_WEIGHTS_2) === d[11];
}

/** Size categories, smallest first; the first three are small and medium enterprises (SMEs). */
export const SIZE_CATEGORIES = ['micro', 'small', 'medium', 'large'] as const;
export type SizeCategory = (typeof SIZE_CATEGORIES)[number];
export const SME_SIZES: readonly SizeCategory[] = SIZE_CATEGORIES.slice(0, 3);

export interface SmeLimits {
  /** Upper bounds (inclusive) per 209-FZ and Government Decree 265 of 2016. */
  microEmployees: number;
  microRevenueMlnRub: number;
  smallEmployees: number;
  smallRevenueMlnRub: number;
  mediumEmployees: number;
  mediumRevenueMlnRub: number;
}

export const DEFAULT_SME_LIMITS: SmeLimits = {
  microEmployees: 15,
  microRevenueMlnRub: 120,
  smallEmployees: 100,
  smallRevenueMlnRub: 800,
  mediumEmployees: 250,
  mediumRevenueMlnRub: 2_000,
};

/**
 * 209-FZ category from headcount and revenue: the enterprise falls into the smallest category
 * whose limits it meets on every known criterion. Null when both are unknown.
 */
export function smeCategory(
  employees: number | null,
  revenueMlnRub: number | null,
  limits: SmeLimits,
): SizeCategory | null {
  if (employees === null && revenueMlnRub === null) return null;
  const within = (maxEmployees: number, maxRevenue: number) =>
    (employees === null || employees <= maxEmployees) && (revenueMlnRub === null || revenueMlnRub <= maxRevenue);
  if (within(limits.microEmployees, limits.microRevenueMlnRub)) return 'micro';
  if (within(limits.smallEmployees, limits.smallRevenueMlnRub)) return 'small';
  if (within(limits.mediumEmployees, limits.mediumRevenueMlnRub)) return 'medium';
  return 'large';
}

/**
 * True when `code` equals `stageCode` or lies below it in the OKVED2 hierarchy. Levels alternate
 * between a new dotted group and a second digit in it: 16 → 16.1 → 16.10 → 16.10.1 → 16.10.11.
 * So 16.10.1 refines 16.10, 52.10.21 refines 52.10.2, but 16.100 does not refine 16.10.
 */
export function okvedMatches(code: string, stageCode: string): boolean {
  if (code === stageCode) return true;
  if (!code.startsWith(stageCode)) return false;
  const rest = code.slice(stageCode.length);
  return rest.startsWith('.') || (/\.\d$/.test(stageCode) && /^\d(\.|$)/.test(rest));
}

export interface StageMatcher {
  /** Stage ids of an OKVED code: the stages whose code is the longest matching prefix. */
  stagesFor(code: string): string[];
  /** Stages of several codes (an enterprise's main and extra OKVED codes), without repeats. */
  stagesForAll(codes: string[]): string[];
  chainOf(stageId: string): string | undefined;
  has(stageId: string): boolean;
}

export function stageMatcher(chains: Pick<ChainRef, 'id' | 'stages'>[]): StageMatcher {
  const entries: { code: string; stage: string }[] = [];
  const chainByStage = new Map<string, string>();
  for (const chain of chains) {
    for (const stage of chain.stages) {
      chainByStage.set(stage.id, chain.id);
      for (const code of stage.okved) entries.push({ code, stage: stage.id });
    }
  }
  const memo = new Map<string, string[]>();
  const stagesFor = (code: string): string[] => {
    let hit = memo.get(code);
    if (hit) return hit;
    let best = -1;
    hit = [];
    for (const e of entries) {
      if (!okvedMatches(code, e.code)) continue;
      if (e.code.length > best) {
        best = e.code.length;
        hit = [e.stage];
      } else if (e.code.length === best && !hit.includes(e.stage)) hit.push(e.stage);
    }
    memo.set(code, hit);
    return hit;
  };
  return {
    stagesFor,
    stagesForAll: (codes) => [...new Set(codes.flatMap(stagesFor))],
    chainOf: (id) => chainByStage.get(id),
    has: (id) => chainByStage.has(id),
  };
}
