// The feature catalogues, merged into ru.ts and en.ts.
import { datasetsEn, datasetsRu } from './datasets.js';
import { registerEn, registerRu } from './register.js';
import { candidatesEn, candidatesRu } from './candidates.js';
import { tiesEn, tiesRu } from './ties.js';
import { columnsEn, columnsRu } from './columns.js';
import { scenariosEn, scenariosRu } from './scenarios.js';
import { picturesEn, picturesRu } from './pictures.js';
import { verdictsEn, verdictsRu } from './verdicts.js';
import { exportsEn, exportsRu } from './exports.js';
import { a11yEn, a11yRu } from './a11y.js';
import { readingEn, readingRu } from './reading.js';
import { overviewMapEn, overviewMapRu } from './overview-map.js';

export const FEATURES_RU = {
  ...datasetsRu,
  ...registerRu,
  ...candidatesRu,
  ...tiesRu,
  ...columnsRu,
  ...scenariosRu,
  ...picturesRu,
  ...verdictsRu,
  ...exportsRu,
  ...a11yRu,
  ...readingRu,
  ...overviewMapRu,
} as const;
export const FEATURES_EN = {
  ...datasetsEn,
  ...registerEn,
  ...candidatesEn,
  ...tiesEn,
  ...columnsEn,
  ...scenariosEn,
  ...picturesEn,
  ...verdictsEn,
  ...exportsEn,
  ...a11yEn,
  ...readingEn,
  ...overviewMapEn,
};
