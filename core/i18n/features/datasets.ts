// Messages of one feature, kept apart so that features grow their catalogues independently.
// Each Russian key needs the same key in English (the catalogue's type checks it in en.ts).
import type { EnPlural, RuPlural } from '../plural.js';

export const datasetsRu = {} as const satisfies Record<string, string | RuPlural>;

export const datasetsEn: { [K in keyof typeof datasetsRu]: (typeof datasetsRu)[K] extends string ? string : EnPlural } =
  {};
