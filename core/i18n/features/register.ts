// Messages of one feature, kept apart so that features grow their catalogues independently.
// Each Russian key needs the same key in English (the catalogue's type checks it in en.ts).
import type { EnPlural, RuPlural } from '../plural.js';

export const registerRu = {} as const satisfies Record<string, string | RuPlural>;

export const registerEn: { [K in keyof typeof registerRu]: (typeof registerRu)[K] extends string ? string : EnPlural } =
  {};
