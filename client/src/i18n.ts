// All user-facing text, Russian first.
export type Lang = 'ru' | 'en';

const TEXT = {
  title: { ru: 'coopgraph — граф межрегиональной кооперации', en: 'coopgraph — inter-regional cooperation graph' },
  searchPlaceholder: { ru: 'Название, ИНН или код ОКВЭД (нажмите /)', en: 'Name, INN or OKVED code (press /)' },
  searching: { ru: 'Поиск…', en: 'Searching…' },
  noHits: { ru: 'Ничего не найдено', en: 'Nothing found' },
  typeToSearch: { ru: 'Начните вводить название предприятия, кластера или региона', en: 'Start typing the name of an enterprise, cluster or region' },
  loading: { ru: 'Загрузка…', en: 'Loading…' },
  dbDown: { ru: 'База данных недоступна', en: 'The database is unavailable' },
  dbUp: { ru: 'Neo4j', en: 'Neo4j' },
  properties: { ru: 'Свойства', en: 'Properties' },
  relationships: { ru: 'Связи', en: 'Relationships' },
  synthetic: { ru: 'Синтетические данные: показатели и связи вымышлены', en: 'Synthetic data: figures and links are invented' },
  syntheticFigures: { ru: 'Организация реальна, но численность, выручка и объёмы поставок вымышлены', en: 'A real organisation, but headcount, revenue and supply volumes are invented' },
  syntheticLinks: { ru: 'Связи поставок этой организации в демонстрационных данных вымышлены', en: 'The supply links of this organisation in the demonstration data are invented' },
  selectHint: { ru: 'Выберите результат поиска, чтобы увидеть подробности', en: 'Choose a search result to see its details' },
  error: { ru: 'Ошибка', en: 'Error' },
  in: { ru: 'входящие', en: 'incoming' },
  out: { ru: 'исходящие', en: 'outgoing' },
  inn: { ru: 'ИНН', en: 'INN' },
  viewSearch: { ru: 'Поиск', en: 'Search' },
  viewOverview: { ru: 'Обзор', en: 'Overview' },
  views: { ru: 'Разделы', en: 'Views' },
  chain: { ru: 'Цепочка', en: 'Chain' },
  overviewGraph: { ru: 'Граф межрегиональной кооперации', en: 'Inter-regional cooperation graph' },
  overviewEmpty: { ru: 'В базе нет предприятий и поставок этой цепочки. Загрузите данные через импорт.', en: 'The database holds no enterprises or supply links of this chain. Load data through the import.' },
  overviewHint: { ru: 'Щёлкните регион, чтобы увидеть его предприятия, МСП и поставки', en: 'Click a region to see its enterprises, SMEs and supplies' },
  overviewError: { ru: 'Не удалось загрузить обзор', en: 'Could not load the overview' },
  legendDistricts: { ru: 'Федеральные округа', en: 'Federal districts' },
  legendNoEnterprises: { ru: 'нет предприятий цепочки', en: 'no enterprises of the chain' },
  legendSize: { ru: 'Размер круга — число предприятий цепочки в регионе', en: 'Circle size: enterprises of the chain in the region' },
  legendFlows: { ru: 'Поставки между регионами, млн руб. (толщина — в логарифмической шкале, стрелка — от поставщика к покупателю)', en: 'Supplies between regions, mln RUB (width on a log scale, arrow from supplier to buyer)' },
  legendNoFlows: { ru: 'Межрегиональных поставок нет', en: 'No supplies between regions' },
  legendSelection: { ru: 'У выбранного региона: оранжевые — его поставки, синие — закупки', en: 'For the selected region: orange — what it supplies, blue — what it buys' },
  totalEnterprises: { ru: 'Предприятий', en: 'Enterprises' },
  totalSmes: { ru: 'из них МСП', en: 'of them SMEs' },
  totalFlows: { ru: 'Межрегиональных потоков', en: 'Inter-regional flows' },
  mlnRub: { ru: 'млн руб.', en: 'mln RUB' },
  links: { ru: 'связей', en: 'links' },
  regionInChain: { ru: 'В выбранной цепочке', en: 'In the selected chain' },
  enterprises: { ru: 'Предприятия', en: 'Enterprises' },
  smes: { ru: 'МСП (микро, малые, средние)', en: 'SMEs (micro, small, medium)' },
  localVolume: { ru: 'Поставки внутри региона', en: 'Supplies within the region' },
  outVolume: { ru: 'Поставки в другие регионы', en: 'Supplies to other regions' },
  inVolume: { ru: 'Закупки из других регионов', en: 'Purchases from other regions' },
  topBuyers: { ru: 'Главные регионы-покупатели', en: 'Main buyer regions' },
  topSuppliers: { ru: 'Главные регионы-поставщики', en: 'Main supplier regions' },
  topRegions: { ru: 'Регионы с наибольшим числом предприятий цепочки', en: 'Regions with the most enterprises of the chain' },
  smesShort: { ru: 'МСП', en: 'SMEs' },
  closeSelection: { ru: 'Снять выбор (Esc)', en: 'Clear the selection (Esc)' },
} as const;

/** The chains of the overview selector, in its order. */
export const CHAIN_NAMES = {
  timber: { ru: 'Лесопромышленный комплекс', en: 'Timber and wood processing' },
  oilgas: { ru: 'Нефтегазовый комплекс', en: 'Oil and gas' },
  all: { ru: 'Все цепочки', en: 'All chains' },
} as const;

/** Short region names for labels on the map: «Республика Коми» → «Коми», «Архангельская область» → «Архангельская обл.». */
export function shortRegionName(name: string): string {
  return name
    .replace(/\s*\(.*\)$/, '')
    .replace(/\s+[—–]\s+.*$/, '')
    .replace(/^Республика\s+/, '')
    .replace(/\s+Республика$/, '')
    .replace(/^Republic of\s+/, '')
    .replace(/\s+Republic$/, '')
    .replace(/автономный округ/, 'АО')
    .replace(/автономная область/, 'АОбл')
    .replace(/область$/, 'обл.')
    .replace(/Autonomous Okrug/, 'AO');
}

/** Federal district names without the words «федеральный округ». */
export function shortDistrictName(name: string): string {
  return name.replace(/\s*федеральный округ$/i, '').replace(/\s*Federal District$/i, '');
}

export type TextKey = keyof typeof TEXT;
export function t(lang: Lang, key: TextKey): string {
  return TEXT[key][lang];
}

export const TYPE_NAMES: Record<string, { ru: string; en: string }> = {
  region: { ru: 'Регион', en: 'Region' },
  enterprise: { ru: 'Предприятие', en: 'Enterprise' },
  cluster: { ru: 'Кластер', en: 'Cluster' },
  technopark: { ru: 'Технопарк', en: 'Technopark' },
  supportorg: { ru: 'Организация поддержки', en: 'Support organisation' },
  chain: { ru: 'Цепочка', en: 'Chain' },
  stage: { ru: 'Этап цепочки', en: 'Chain stage' },
  industry: { ru: 'ОКВЭД', en: 'OKVED' },
  Region: { ru: 'Регионы', en: 'Regions' },
  Enterprise: { ru: 'Предприятия', en: 'Enterprises' },
  Cluster: { ru: 'Кластеры', en: 'Clusters' },
  Technopark: { ru: 'Технопарки', en: 'Technoparks' },
  SupportOrg: { ru: 'Организации поддержки', en: 'Support organisations' },
  Chain: { ru: 'Цепочки', en: 'Chains' },
  Stage: { ru: 'Этапы', en: 'Stages' },
  Industry: { ru: 'Коды ОКВЭД', en: 'OKVED codes' },
  SUPPLIES: { ru: 'Поставки', en: 'Supply links' },
};

export const SIZE_NAMES: Record<string, { ru: string; en: string }> = {
  micro: { ru: 'микропредприятие', en: 'micro' },
  small: { ru: 'малое', en: 'small' },
  medium: { ru: 'среднее', en: 'medium' },
  large: { ru: 'крупное', en: 'large' },
};

/** Values of enumerated properties (kind, status, role) in plain language. */
export const VALUE_NAMES: Record<string, { ru: string; en: string }> = {
  industrial: { ru: 'промышленный', en: 'industrial' },
  innovative: { ru: 'инновационный', en: 'innovative' },
  'regional-initiative': { ru: 'региональная инициатива', en: 'regional initiative' },
  registered: { ru: 'в реестре Минпромторга', en: 'in the Minpromtorg registry' },
  applicant: { ru: 'подал заявку в реестр', en: 'applied to the registry' },
  forming: { ru: 'создаётся', en: 'forming' },
  anchor: { ru: 'якорный участник', en: 'anchor' },
  participant: { ru: 'участник', en: 'participant' },
  coordinator: { ru: 'координатор', en: 'coordinator' },
  core: { ru: 'основной этап', en: 'core stage' },
  supplier: { ru: 'поставщики', en: 'suppliers' },
  service: { ru: 'услуги', en: 'services' },
  'industrial-technopark': { ru: 'промышленный технопарк', en: 'industrial technopark' },
  'industrial-park': { ru: 'индустриальный парк', en: 'industrial park' },
  'cluster-centre': { ru: 'центр кластерного развития', en: 'cluster development centre' },
  'my-business-centre': { ru: 'центр «Мой бизнес»', en: '"My Business" centre' },
  ministry: { ru: 'министерство', en: 'ministry' },
  government: { ru: 'правительство', en: 'government' },
  association: { ru: 'ассоциация', en: 'association' },
  bank: { ru: 'банк', en: 'bank' },
  university: { ru: 'университет', en: 'university' },
  fund: { ru: 'фонд', en: 'fund' },
};

export const PROPERTY_NAMES: Record<string, { ru: string; en: string }> = {
  name: { ru: 'Название', en: 'Name' },
  nameEn: { ru: 'Название (англ.)', en: 'English name' },
  inn: { ru: 'ИНН', en: 'INN' },
  okved: { ru: 'ОКВЭД', en: 'OKVED' },
  okvedAll: { ru: 'Все коды ОКВЭД', en: 'All OKVED codes' },
  region: { ru: 'Регион', en: 'Region' },
  employees: { ru: 'Численность', en: 'Employees' },
  revenueMlnRub: { ru: 'Выручка, млн руб.', en: 'Revenue, mln RUB' },
  size: { ru: 'Категория', en: 'Size' },
  stages: { ru: 'Этапы цепочек', en: 'Chain stages' },
  chains: { ru: 'Цепочки', en: 'Chains' },
  priorityTerritory: { ru: 'Приоритетная территория', en: 'Priority territory' },
  source: { ru: 'Источник', en: 'Source' },
  code: { ru: 'Код', en: 'Code' },
  iso: { ru: 'Код ISO', en: 'ISO code' },
  center: { ru: 'Административный центр', en: 'Administrative centre' },
  federalDistrictName: { ru: 'Федеральный округ', en: 'Federal district' },
  kind: { ru: 'Вид', en: 'Kind' },
  status: { ru: 'Статус', en: 'Status' },
  chain: { ru: 'Цепочка', en: 'Chain' },
  order: { ru: 'Порядок', en: 'Order' },
};

export const RELATIONSHIP_NAMES: Record<string, { ru: string; en: string }> = {
  SUPPLIES: { ru: 'поставки', en: 'supplies' },
  LOCATED_IN: { ru: 'расположение', en: 'located in' },
  MEMBER_OF: { ru: 'участие в кластере', en: 'cluster membership' },
  BASED_IN: { ru: 'регион кластера', en: 'based in' },
  RESIDENT_OF: { ru: 'резидент технопарка', en: 'technopark resident' },
  SUPPORTS: { ru: 'поддержка', en: 'supports' },
  OPERATES_AT: { ru: 'этап цепочки', en: 'operates at' },
  FEEDS: { ru: 'следующий этап', en: 'feeds' },
  PART_OF: { ru: 'часть цепочки', en: 'part of' },
  CLASSIFIED_AS: { ru: 'код ОКВЭД', en: 'classified as' },
};
