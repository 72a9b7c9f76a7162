// Messages of one feature, kept apart so that features grow their catalogues independently.
// Each Russian key needs the same key in English (the catalogue's type checks it in en.ts).
//
// Reading the explorer's graph: the counts under the canvas, the hover cards, the path's steps and
// the search fields for its ends.
import type { EnPlural } from '../plural.js';

export const readingRu = {
  // Under the canvas: what passes the filters out of what the view holds. After «из N» the noun
  // takes the genitive: «из 1 узла», «из 2 узлов», «из 5 узлов», «из 21 узла».
  countOf_nodes: {
    one: '{shown} из {count} узла',
    few: '{shown} из {count} узлов',
    many: '{shown} из {count} узлов',
    other: '{shown} из {count} узла',
  },
  countOf_links: {
    one: '{shown} из {count} связи',
    few: '{shown} из {count} связей',
    many: '{shown} из {count} связей',
    other: '{shown} из {count} связи',
  },
  // In grey mode nothing is hidden: the count says how many pass the filters.
  passingFilters: 'Проходят фильтры',

  // The card shown when the pointer rests on a node or a link.
  hoverRegion: 'Регион',
  hoverCategory: 'Категория',
  hoverStages: 'Этапы',
  hoverVolumeIn: 'Закупки на экране',
  hoverVolumeOut: 'Поставки на экране',
  noData: 'нет данных',

  // The path tool.
  pathHintSearch:
    'Найдите начало и конец пути в полях ниже или выберите предприятие на графе: «Путь отсюда», затем у другого — «Путь сюда».',
  pathEndSearch: 'Найти предприятие',
  pathFromSearch: 'Начало пути: поиск предприятия',
  pathToSearch: 'Конец пути: поиск предприятия',
};

export const readingEn: { [K in keyof typeof readingRu]: (typeof readingRu)[K] extends string ? string : EnPlural } = {
  countOf_nodes: { one: '{shown} of {count} node', other: '{shown} of {count} nodes' },
  countOf_links: { one: '{shown} of {count} link', other: '{shown} of {count} links' },
  passingFilters: 'Passing the filters',

  hoverRegion: 'Region',
  hoverCategory: 'Category',
  hoverStages: 'Stages',
  hoverVolumeIn: 'Purchases on screen',
  hoverVolumeOut: 'Supplies on screen',
  noData: 'no data',

  pathHintSearch:
    'Find the start and the end of the path in the fields below, or pick an enterprise on the graph: “Path from here”, then “Path to here” on another.',
  pathEndSearch: 'Find an enterprise',
  pathFromSearch: 'Path start: find an enterprise',
  pathToSearch: 'Path end: find an enterprise',
};
