// Messages of one feature, kept apart so that features grow their catalogues independently.
// Each Russian key needs the same key in English (the catalogue's type checks it in en.ts).
//
// The overview map: its basemap, the control of how many flows are drawn, the choropleth of the
// regions and the cards shown on hover.
import type { EnPlural, RuPlural } from '../plural.js';

export const overviewMapRu = {
  mapBasemap: 'Карта России',
  mapBasemapLegend: 'Россия (Natural Earth, 1:50 млн)',
  mapFlows: 'Потоки на карте',
  mapFlowsTop: {
    one: '{count} крупнейший',
    few: '{count} крупнейших',
    many: '{count} крупнейших',
    other: '{count} крупнейших',
  },
  mapFlowsAll: 'все',
  mapFlowsShown: 'Показано потоков: {shown} из {total}',
  mapFill: 'Цвет регионов',
  mapFill_district: 'федеральный округ',
  mapFill_enterprises: 'предприятия цепочки',
  mapFill_smes: 'МСП цепочки',
  mapFill_gaps: 'разрывы цепочки',
  mapGapsShort: 'Разрывы',
  mapFillLegend_enterprises: 'Предприятия цепочки в регионе',
  mapFillLegend_smes: 'МСП цепочки в регионе',
  mapFillLegend_gaps: 'Разрывы: этапы цепочки с разрывом в регионе',
  mapNoData: 'нет данных',
  mapCardGaps: 'Разрывы',
  mapCardIn: 'Ввоз из других регионов',
  mapCardOut: 'Вывоз в другие регионы',
  mapCardVolume: 'Объём поставок',
} as const satisfies Record<string, string | RuPlural>;

export const overviewMapEn: {
  [K in keyof typeof overviewMapRu]: (typeof overviewMapRu)[K] extends string ? string : EnPlural;
} = {
  mapBasemap: 'Map of Russia',
  mapBasemapLegend: 'Russia (Natural Earth, 1:50m)',
  mapFlows: 'Flows on the map',
  mapFlowsTop: { one: 'the largest {count}', other: 'the largest {count}' },
  mapFlowsAll: 'all',
  mapFlowsShown: 'Flows shown: {shown} of {total}',
  mapFill: 'Colour regions by',
  mapFill_district: 'federal district',
  mapFill_enterprises: 'enterprises of the chain',
  mapFill_smes: 'SMEs of the chain',
  mapFill_gaps: 'gaps of the chain',
  mapGapsShort: 'Gaps',
  mapFillLegend_enterprises: 'Enterprises of the chain in the region',
  mapFillLegend_smes: 'SMEs of the chain in the region',
  mapFillLegend_gaps: 'Gaps: stages of the chain with a gap in the region',
  mapNoData: 'no data',
  mapCardGaps: 'Gaps',
  mapCardIn: 'Inflow from other regions',
  mapCardOut: 'Outflow to other regions',
  mapCardVolume: 'Supply volume',
};
