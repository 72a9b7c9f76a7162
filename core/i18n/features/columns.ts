// Messages of one feature, kept apart so that features grow their catalogues independently.
// Each Russian key needs the same key in English (the catalogue's type checks it in en.ts).
import type { EnPlural, RuPlural } from '../plural.js';

export const columnsRu = {} as const satisfies Record<string, string | RuPlural>;

export const columnsEn: { [K in keyof typeof columnsRu]: (typeof columnsRu)[K] extends string ? string : EnPlural } =
  {};
