/**
 * The data rules are the import's (core/reference.ts): generating by the same rules keeps the
 * generated rows valid under the import, and lets seed/komi share them.
 */
import {
  DEFAULT_SME_LIMITS,
  SIZE_CATEGORIES,
  smeCategory,
  stageMatcher,
  type SizeCategory,
  type StageMatcher,
} from '../../core/reference.js';
import { type ChainRef } from '../../core/schemas.js';
import type { RefChain } from './types.js';

export { innIsValid as innChecksumValid, completeInn, type SizeCategory } from '../../core/reference.js';
export const SIZES: readonly SizeCategory[] = SIZE_CATEGORIES;
/** 209-FZ staff limits and Decree 265 (2016) revenue limits, mln RUB (the defaults of the settings). */
export const SIZE_LIMITS = {
  micro: { employees: DEFAULT_SME_LIMITS.microEmployees, revenue: DEFAULT_SME_LIMITS.microRevenueMlnRub },
  small: { employees: DEFAULT_SME_LIMITS.smallEmployees, revenue: DEFAULT_SME_LIMITS.smallRevenueMlnRub },
  medium: { employees: DEFAULT_SME_LIMITS.mediumEmployees, revenue: DEFAULT_SME_LIMITS.mediumRevenueMlnRub },
} as const;

export function classifySize(employees: number, revenueMlnRub: number): SizeCategory {
  return smeCategory(employees, revenueMlnRub, DEFAULT_SME_LIMITS)!;
}

const matchers = new WeakMap<RefChain[], StageMatcher>();
/** Stage ids of an enterprise's OKVED codes, by the import's longest-prefix rule. */
export function deriveStages(codes: string[], chains: RefChain[]): string[] {
  let matcher = matchers.get(chains);
  if (!matcher) {
    matcher = stageMatcher(chains as unknown as ChainRef[]);
    matchers.set(chains, matcher);
  }
  return matcher.stagesForAll(codes);
}
