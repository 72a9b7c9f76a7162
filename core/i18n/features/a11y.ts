// Messages of one feature, kept apart so that features grow their catalogues independently.
// Each Russian key needs the same key in English (the catalogue's type checks it in en.ts).
// This one: what keyboard and screen-reader users get — the list of the nodes on screen, which
// stands in for the canvas, and the names of lists and scrolling regions.
import type { EnPlural, RuPlural } from '../plural.js';

export const a11yRu = {
  searchHits: 'Результаты поиска',
  onScreenTitle: 'Узлы на экране',
  onScreenFilter: 'Фильтр по названию',
  onScreenHint: 'Стрелки — выбор узла, Enter — показать его на графе, Shift+F10 — меню узла',
  nodeMenu: 'Меню узла «{name}»',
  onScreenNone: 'На экране нет узлов',
  onScreenNoMatch: 'Нет узлов с таким названием',
  onScreenMore: {
    one: 'ещё {count} узел не в списке — уточните фильтр',
    few: 'ещё {count} узла не в списке — уточните фильтр',
    many: 'ещё {count} узлов не в списке — уточните фильтр',
    other: 'ещё {count} узла не в списке — уточните фильтр',
  },
  heatmapRegion: 'Тепловая карта этапов по регионам (прокручивается)',
} as const satisfies Record<string, string | RuPlural>;

export const a11yEn: {
  [K in keyof typeof a11yRu]: (typeof a11yRu)[K] extends string ? string : EnPlural;
} = {
  searchHits: 'Search results',
  onScreenTitle: 'Nodes on screen',
  onScreenFilter: 'Filter by name',
  onScreenHint: 'Arrows choose a node, Enter shows it in the graph, Shift+F10 opens its menu',
  nodeMenu: 'Menu of “{name}”',
  onScreenNone: 'No nodes on screen',
  onScreenNoMatch: 'No node has that name',
  onScreenMore: {
    one: '{count} more node not listed — narrow the filter',
    other: '{count} more nodes not listed — narrow the filter',
  },
  heatmapRegion: 'Heat map of stages by region (scrolls)',
};
