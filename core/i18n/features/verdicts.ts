// Messages of one feature, kept apart so that features grow their catalogues independently.
// Each Russian key needs the same key in English (the catalogue's type checks it in en.ts).
//
// Verdicts in three states (passed, failed, undetermined) — the registry readiness checks of
// Decree 779 with what an undetermined one lacks and how to supply it — and the structural gaps
// the opportunity ranking lists apart.
import type { EnPlural, RuPlural } from '../plural.js';

export const verdictsRu = {
  // A verdict, as a cell of a table or the title of a check mark
  verdict_passed: 'выполнено',
  verdict_failed: 'не выполнено',
  verdict_undetermined: 'не определено',
  // The readiness as a whole
  verdictReady_passed: 'соответствует требованиям реестра',
  verdictReady_failed: 'пока не соответствует требованиям реестра',
  verdictReady_undetermined: 'соответствие не определено: не хватает данных',

  // The checks: one definition each, the same wording in the planner and in the exports
  readinessParticipants: 'Участников — предприятий, входящих в кластер',
  readinessCooperation: 'Участников без кооперационных связей (ни поставок другим участникам, ни закупок у них)',
  readinessNoSales: 'Ничего не поставляют другим участникам ({count}), в числитель зависимости не входят',
  readinessVolumes: 'поставки между участниками {internal} / известная выручка участников {revenue} млн руб.',
  readinessUpperBound: 'не больше {value} по известной выручке',
  readinessValueBound: 'не определено (не больше {value})',
  readinessFailsAnyway:
    'Выручка части участников неизвестна, но порог не достигнут и по известной: их выручка может долю только уменьшить.',
  readinessNoRevenue: 'Выручка участников в сумме равна 0 — долю не из чего считать.',
  planUndetermined: 'По известной выручке порог достигнут, но выручка части участников неизвестна — итог не определён',

  // What an undetermined verdict lacks, and how to supply it
  readinessMissingTitle: 'Чего не хватает для вердикта',
  readinessMissing_revenueMlnRub: 'Неизвестна выручка (млн руб. за год)',
  readinessHow_revenueMlnRub:
    'Как указать: загрузите файл предприятий со столбцом «Выручка, млн руб.» (раздел «Данные», импорт) или набор ФНС «Сведения о доходах и расходах» (ОТКРДАННЫЕ5) — выручка заполнится по ИНН.',
  readinessPassesIf:
    'Критерий будет выполнен, если их выручка в сумме не больше {limit} млн руб., и не выполнен, если больше.',

  // Opportunities: gaps without evidence, listed apart
  structuralTitle: 'Пробелы без спроса — не ранжируются',
  structuralSheet: 'Пробелы без спроса',
  structuralNote:
    'Покупок этого этапа в регионе не зафиксировано (D = 0): балл считать не из чего. Это пробел, потому что в регионе есть предприятия этапов, которые он снабжает.',
  structuralFeeds: 'снабжает этапы, которые в регионе есть',
  structuralCount: {
    one: '{count} пробел без спроса',
    few: '{count} пробела без спроса',
    many: '{count} пробелов без спроса',
    other: '{count} пробела без спроса',
  },
  opportunitiesNoneRanked: 'Пробелов со спросом в регионе нет — ранжировать нечего.',
} as const satisfies Record<string, string | RuPlural>;

export const verdictsEn: {
  [K in keyof typeof verdictsRu]: (typeof verdictsRu)[K] extends string ? string : EnPlural;
} = {
  verdict_passed: 'passed',
  verdict_failed: 'failed',
  verdict_undetermined: 'undetermined',
  verdictReady_passed: 'meets the registry requirements',
  verdictReady_failed: 'does not meet the registry requirements yet',
  verdictReady_undetermined: 'undetermined: data is missing',

  readinessParticipants: 'Participants — enterprises that are members of the cluster',
  readinessCooperation:
    'Participants without cooperation links (neither supplying another participant nor buying from one)',
  readinessNoSales: 'Supply nothing to other participants ({count}), add nothing to the dependence',
  readinessVolumes: "supply between participants {internal} / participants' known revenue {revenue} mln RUB",
  readinessUpperBound: 'at most {value} on the known revenue',
  readinessValueBound: 'undetermined (at most {value})',
  readinessFailsAnyway:
    "Some participants' revenue is unknown, but the threshold is missed even on the known revenue: theirs can only lower the share.",
  readinessNoRevenue: "The participants' revenue sums to 0: there is no share to compute.",
  planUndetermined:
    "The known revenue puts it at the threshold, but some participants' revenue is unknown: undetermined",

  readinessMissingTitle: 'What the verdict lacks',
  readinessMissing_revenueMlnRub: 'Revenue unknown (mln RUB a year)',
  readinessHow_revenueMlnRub:
    'How to supply it: import an enterprises file with a revenue_mln_rub column (the Data view) or the FNS revenue and expenses dataset (ОТКРДАННЫЕ5) — revenue is filled in by INN.',
  readinessPassesIf:
    'The check will pass if their revenues sum to at most {limit} mln RUB, and fail if they sum to more.',

  structuralTitle: 'Gaps without demand — not ranked',
  structuralSheet: 'Gaps without demand',
  structuralNote:
    'No purchases at this stage are recorded in the region (D = 0): there is nothing to score. It is a gap because the region has enterprises at stages it feeds.',
  structuralFeeds: 'feeds stages the region has',
  structuralCount: { one: '{count} gap without demand', other: '{count} gaps without demand' },
  opportunitiesNoneRanked: 'The region has no gaps with demand: nothing to rank.',
};
