// Messages of one feature, kept apart so that features grow their catalogues independently.
// Each Russian key needs the same key in English (the catalogue's type checks it in en.ts).
//
// The ties of the SME register in the explorer and the export, and the register's fields in a
// node's details. Names of data values follow the main catalogue's tables with the feature's
// prefix (`tiesRel_CONTRACT` beside `rel_SUPPLIES`); core/i18n/legend.ts `dataName` looks here
// first.
import type { EnPlural, RuPlural } from '../plural.js';

export const tiesRu = {
  // Relationship types
  tiesRel_IN_PROGRAMME: 'программа партнёрства',
  tiesRel_CONTRACT: 'контракт',
  tiesRel_CAPABLE_OF: 'этап по доп. ОКВЭД',

  // The filter's kinds of link, and the legend's lines of the ties
  tiesLink_SUPPLIES: 'Поставки',
  tiesLink_IN_PROGRAMME: 'Программы партнёрства МСП',
  tiesLink_CONTRACT: 'Контракты (44-ФЗ, 223-ФЗ)',
  tiesLink_CAPABLE_OF: 'Этапы по доп. ОКВЭД',
  tiesLink_other: 'Прочие связи',
  tiesLegend_IN_PROGRAMME: 'программа партнёрства МСП, клин к заказчику',
  tiesLegend_CONTRACT: 'контракт 44-ФЗ или 223-ФЗ, стрелка к заказчику',
  tiesLegend_CAPABLE_OF: 'этап по доп. коду ОКВЭД',
  tiesLinkKinds: 'Виды связей',
  tiesFilterLinksOff: 'Скрыты связи',

  // A tie's fields
  tiesLaw: 'Закон',
  'tiesLaw_44-FZ': '44-ФЗ (закупки для государственных нужд)',
  'tiesLaw_223-FZ': '223-ФЗ (закупки отдельных видов юрлиц)',
  tiesNumber: 'Номер',
  tiesDate: 'Дата',
  tiesSubject: 'Предмет',
  tiesFromRegister: 'Связь из реестра МСП ФНС',
  tiesExpand: 'Раскрыть связи по реестру МСП',
  tiesCol_law: 'Закон',
  tiesCol_subject: 'Предмет контракта',
  tiesCol_number: 'Номер договора',
  tiesCol_date: 'Дата',
  tiesReportTitle: 'Связи по реестру МСП',
  tiesReportSme: 'МСП',
  tiesReportCustomer: 'Заказчик',
  tiesReportKind: 'Вид связи',
  tiesReportShown: 'Показаны {shown} из {count}, сначала самые поздние.',

  // A node's register fields
  tiesProp_ogrn: 'ОГРН',
  tiesProp_subject: 'Вид субъекта',
  tiesProp_registeredAt: 'В реестре МСП с',
  tiesProp_registerState: 'Сведения реестра на',
  tiesProp_leftRegisterAt: 'Исключено из реестра МСП',
  tiesProp_products: 'Продукция',
  tiesProp_datasets: 'Наборы данных',
  tiesSubject_organisation: 'юридическое лицо',
  'tiesSubject_sole-trader': 'индивидуальный предприниматель',
  tiesSubject_farm: 'глава крестьянского (фермерского) хозяйства',
  'tiesValue_fns-rsmp': 'реестр МСП ФНС',
  tiesSizeByRegister: '{size} (по реестру МСП)',
  tiesFigureYear: '{value} (за {year} г.)',
  tiesOnlyNote: 'Известно только по связям: заказчик из сведений реестра МСП о его поставщиках',
  tiesLeftNote: 'Исключено из реестра МСП {date}',
  tiesDataset_seed: 'демонстрационные данные',
  tiesDatasetRegister: 'реестр МСП на {date}',
  tiesDatasetRevexp: 'доходы и расходы за {year} г.',
  tiesDatasetHeadcount: 'численность за {year} г.',
  tiesDatasetFile: 'файл пользователя {id}',
} as const satisfies Record<string, string | RuPlural>;

export const tiesEn: { [K in keyof typeof tiesRu]: (typeof tiesRu)[K] extends string ? string : EnPlural } = {
  tiesRel_IN_PROGRAMME: 'partnership programme',
  tiesRel_CONTRACT: 'contract',
  tiesRel_CAPABLE_OF: 'stage by an extra OKVED code',

  tiesLink_SUPPLIES: 'Supply',
  tiesLink_IN_PROGRAMME: 'SME partnership programmes',
  tiesLink_CONTRACT: 'Contracts (44-FZ, 223-FZ)',
  tiesLink_CAPABLE_OF: 'Stages by extra OKVED codes',
  tiesLink_other: 'Other links',
  tiesLegend_IN_PROGRAMME: 'SME partnership programme, wedge to the customer',
  tiesLegend_CONTRACT: 'contract under 44-FZ or 223-FZ, arrow to the customer',
  tiesLegend_CAPABLE_OF: 'stage by an extra OKVED code',
  tiesLinkKinds: 'Kinds of link',
  tiesFilterLinksOff: 'Links hidden',

  tiesLaw: 'Law',
  'tiesLaw_44-FZ': '44-FZ (state procurement)',
  'tiesLaw_223-FZ': '223-FZ (procurement by certain legal entities)',
  tiesNumber: 'Number',
  tiesDate: 'Date',
  tiesSubject: 'Subject',
  tiesFromRegister: 'A tie from the FNS SME register',
  tiesExpand: 'Expand the SME register ties',
  tiesCol_law: 'Law',
  tiesCol_subject: 'Contract subject',
  tiesCol_number: 'Contract number',
  tiesCol_date: 'Date',
  tiesReportTitle: 'Ties from the SME register',
  tiesReportSme: 'SME',
  tiesReportCustomer: 'Customer',
  tiesReportKind: 'Kind of tie',
  tiesReportShown: '{shown} of {count} shown, latest first.',

  tiesProp_ogrn: 'OGRN',
  tiesProp_subject: 'Kind of subject',
  tiesProp_registeredAt: 'In the SME register since',
  tiesProp_registerState: 'Register data as of',
  tiesProp_leftRegisterAt: 'Left the SME register on',
  tiesProp_products: 'Products',
  tiesProp_datasets: 'Datasets',
  tiesSubject_organisation: 'organisation',
  'tiesSubject_sole-trader': 'sole trader',
  tiesSubject_farm: 'head of a peasant farm',
  'tiesValue_fns-rsmp': 'FNS SME register',
  tiesSizeByRegister: '{size} (per the SME register)',
  tiesFigureYear: '{value} (for {year})',
  tiesOnlyNote: 'Known only from ties: a customer named in the SME register by its suppliers',
  tiesLeftNote: 'Left the SME register on {date}',
  tiesDataset_seed: 'demo data',
  tiesDatasetRegister: 'SME register as of {date}',
  tiesDatasetRevexp: 'revenue and expenses for {year}',
  tiesDatasetHeadcount: 'headcount for {year}',
  tiesDatasetFile: "user's file {id}",
};
