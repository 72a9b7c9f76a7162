// Messages of one feature, kept apart so that features grow their catalogues independently.
// Each Russian key needs the same key in English (the catalogue's type checks it in en.ts).
//
// What-if scenarios: their owners and sharing, a contract instead of an outside supplier, the
// planner's figures under a scenario, and the planner's report with today and the scenario side
// by side (server/export.ts).
import type { EnPlural, RuPlural } from '../plural.js';

export const scenariosRu = {
  // Owners and sharing
  whatIfGroupMine: 'Мои сценарии',
  whatIfGroupTeam: 'Общие сценарии команды',
  whatIfShared: 'общий для команды',
  whatIfPrivate: 'личный',
  whatIfShare: 'Открыть команде',
  whatIfUnshare: 'Сделать личным',
  whatIfOwner: 'автор: {owner}',
  whatIfOwnerUnknown: 'автор неизвестен',
  whatIfReadOnly:
    'Сценарий коллеги: менять и удалять его может только автор или администратор. Сделайте копию, чтобы работать с ним.',
  whatIfCopy: 'Сделать копию',
  whatIfCopyName: '{name} (копия)',

  // A contract instead of an outside supplier
  whatIfInstead: 'Замещает закупку',
  whatIfNewPurchase: '— новая закупка (спрос растёт) —',
  whatIfImports: 'Ввоз из других регионов',
  whatIfLocal: 'Из своего региона',
  whatIfPurchaseOption: '{supplier} ({region}): {volume} млн руб.',
  whatIfInsteadNote:
    'Контракт заменяет эту закупку: спрос не меняется, ввоз падает на замещённый объём (не больше {volume} млн руб.), местные поставки растут.',
  whatIfExcessNote: 'Сверх {volume} млн руб. этой закупки контракт — новая закупка и добавляет спрос.',
  whatIfNewDemandNote:
    'Новая закупка добавляет спрос, и пробел может остаться. Если контракт заменяет нынешнюю закупку покупателя, выберите её выше.',
  whatIfNoPurchases: 'Покупатель сейчас ничего не покупает на этом этапе: контракт добавит спрос.',
  whatIfPurchasesLoading: 'Смотрим, у кого покупатель покупает сейчас…',
  whatIfTakenOver: 'вместо {supplier}, замещено {volume} млн руб.',

  // The planner under a scenario
  whatIfFiguresNote: 'Цифры блока — в сценарии «{name}».',
  whatIfRisksNote:
    'Риски считаются по сети поставок со сценарием: его контракты добавлены, замещённые поставки убраны.',

  // The planner's report (table titles are also XLSX sheet names: at most 31 characters, none of []:*?/\\)
  whatIfReport_title: '{title} — сценарий «{scenario}»',
  whatIfReport_today: '{figure}: сегодня',
  whatIfReport_inScenario: '{figure}: в сценарии',
  whatIfReport_gaps: 'Пробелы — сегодня и в сценарии',
  whatIfReport_imports: 'Ввоз и присутствие — сравнение',
  whatIfReport_demand: 'Спрос D, млн руб.',
  whatIfReport_local: 'Местные поставки L, млн руб.',
  whatIfReport_share: 'Доля местных поставок',
  whatIfReport_imported: 'Ввоз, млн руб.',
  whatIfReport_distance: 'Среднее расстояние ввоза, км',
  whatIfReport_enterprises: 'Предприятий',
  whatIfReport_smes: 'Из них МСП',
  whatIfReport_gap: 'Пробел',
  whatIfReport_noGap: 'нет',
  whatIfReport_gapsDefinitions:
    'D — сумма объёмов поставок этапа покупателям региона; L — её часть от поставщиков того же региона; доля местных поставок = L / D (нет значения при D = 0); ввоз = D − L; расстояние ввоза — среднее по объёму ввоза расстояние между центрами регионов поставщика и покупателя (по дуге большого круга).',
  whatIfReport_gapRules:
    'Пробел: «нет местных предприятий» — D > 0, а предприятий этапа в регионе нет; «мало местных поставок» — предприятия есть, но доля местных поставок ниже {threshold}; «нет звена цепочки» — предприятий этапа нет, но есть предприятия этапов, которые он снабжает.',
  whatIfReport_opportunities: 'Возможности для МСП в сценарии',
  whatIfReport_rankToday: 'Место сегодня',
  whatIfReport_scoreToday: 'Балл сегодня',
  whatIfReport_opportunityFormula:
    'Балл = 100 × (0,4·V + 0,2·Δ + 0,2·σ + 0,2·ω); V = логарифм (1 + ввоз) / логарифм (1 + наибольший ввоз цепочки); Δ = среднее расстояние ввоза / 3000 км, но не больше 1; σ — доля МСП среди предприятий этапа по стране; ω — плотность связанности отраслей региона с этапом (Идальго и др., 2007). Баллы составляющей = 100 × вес × нормированное значение.',
  whatIfReport_partners: 'Регионы-партнёры в сценарии',
  whatIfReport_partnerFormula:
    'Для этапа «{stage}». Рейтинг = мощность (выручка предприятий этапа в регионе, млн руб.) / расстояние между центрами регионов, км (не меньше 50); при равном рейтинге — ближе.',
  whatIfReport_suppliesToday: 'Уже поставляет сегодня, млн руб.',
  whatIfReport_suppliesScenario: 'Уже поставляет в сценарии, млн руб.',
  whatIfReport_readiness: 'Готовность к реестру, сравнение',
  whatIfReport_failingScenario: 'Не проходят в сценарии',
  whatIfReport_readinessNote:
    'Кластер «{cluster}». Постановление Правительства РФ № 779 от 31.07.2015: не менее {minParticipants} участников; без кооперационных связей не более {maxWithoutLinks}; функциональная зависимость = объём поставок между участниками / выручка участников, не менее {minDependence} ({minDependencePriority}, если на приоритетных территориях работают не менее {priorityShare} участников).',
  whatIfReport_participants: 'Участники кластера в сценарии',
  whatIfReport_hypothetical: '{name} (гипотетическое)',
  whatIfReport_suppliedToday: 'Поставляет участникам сегодня, млн руб.',
  whatIfReport_suppliedScenario: 'Поставляет участникам в сценарии, млн руб.',
  whatIfReport_items: 'Что в сценарии',
  whatIfReport_itemKind: 'Что',
  whatIfReport_itemEnterprise: 'гипотетическое предприятие',
  whatIfReport_itemContract: 'контракт',
  whatIfReport_itemParty: 'Предприятие или поставщик',
  whatIfReport_itemBuyer: 'Покупатель',
  whatIfReport_itemStages: 'Этап',
  whatIfReport_itemVolume: 'Объём или выручка, млн руб.',
  whatIfReport_itemInstead: 'Вместо поставщика',
  whatIfReport_itemTakenOver: 'Замещено, млн руб.',
  whatIfReport_itemsNote:
    'Сценарий не меняет базу: цифры «в сценарии» посчитаны на копии. Контракт вместо поставщика замещает его поставки покупателю на этапе (не больше их объёма): спрос не меняется, ввоз падает, местные поставки растут; сверх замещённого объёма контракт — новая закупка. Контракт без замены добавляет спрос.',
  whatIfReport_skipped: 'Не применены (предприятия больше нет в данных): пункты {items}.',
} as const satisfies Record<string, string | RuPlural>;

export const scenariosEn: {
  [K in keyof typeof scenariosRu]: (typeof scenariosRu)[K] extends string ? string : EnPlural;
} = {
  whatIfGroupMine: 'My scenarios',
  whatIfGroupTeam: "The team's shared scenarios",
  whatIfShared: 'shared with the team',
  whatIfPrivate: 'private',
  whatIfShare: 'Share with the team',
  whatIfUnshare: 'Make private',
  whatIfOwner: 'author: {owner}',
  whatIfOwnerUnknown: 'author unknown',
  whatIfReadOnly:
    "A colleague's scenario: only its author or an admin may change or delete it. Make a copy to work with it.",
  whatIfCopy: 'Make a copy',
  whatIfCopyName: '{name} (copy)',

  whatIfInstead: 'Replaces the purchase',
  whatIfNewPurchase: '— a new purchase (demand grows) —',
  whatIfImports: 'Imports from other regions',
  whatIfLocal: 'From the same region',
  whatIfPurchaseOption: '{supplier} ({region}): {volume} mln RUB',
  whatIfInsteadNote:
    'The contract replaces this purchase: demand stays, imports fall by the volume replaced (at most {volume} mln RUB), local supply rises.',
  whatIfExcessNote: 'Beyond the {volume} mln RUB of this purchase, the contract is a new purchase and adds demand.',
  whatIfNewDemandNote:
    "A new purchase adds demand, and the gap may stay open. If the contract replaces one of the buyer's purchases, choose it above.",
  whatIfNoPurchases: 'The buyer buys nothing at this stage now: the contract adds demand.',
  whatIfPurchasesLoading: 'Looking up whom the buyer buys from now…',
  whatIfTakenOver: 'instead of {supplier}, {volume} mln RUB replaced',

  whatIfFiguresNote: 'The figures of this block are those of the scenario «{name}».',
  whatIfRisksNote:
    'Risks are computed on the supply network with the scenario: its contracts added, the supplies they replace removed.',

  whatIfReport_title: '{title} — scenario "{scenario}"',
  whatIfReport_today: '{figure}: today',
  whatIfReport_inScenario: '{figure}: in the scenario',
  whatIfReport_gaps: 'Gaps, today and in the scenario',
  whatIfReport_imports: 'Imports and presence compared',
  whatIfReport_demand: 'Demand D, mln RUB',
  whatIfReport_local: 'Local supply L, mln RUB',
  whatIfReport_share: 'Local sourcing ratio',
  whatIfReport_imported: 'Imported, mln RUB',
  whatIfReport_distance: 'Mean import distance, km',
  whatIfReport_enterprises: 'Enterprises',
  whatIfReport_smes: 'SMEs among them',
  whatIfReport_gap: 'Gap',
  whatIfReport_noGap: 'no',
  whatIfReport_gapsDefinitions:
    "D: summed volume of the stage's supply links whose buyer is in the region; L: the part of D whose supplier is in the region too; local sourcing ratio = L / D (none when D = 0); imported = D − L; import distance: the import-volume-weighted mean great-circle distance between the supplier's and the buyer's region centres.",
  whatIfReport_gapRules:
    'Gap: "no local enterprise" — D > 0 and no enterprise of the stage in the region; "low local sourcing" — some, but the local sourcing ratio is below {threshold}; "missing chain link" — none at the stage, but some at a stage it feeds.',
  whatIfReport_opportunities: 'SME opportunities, scenario',
  whatIfReport_rankToday: 'Rank today',
  whatIfReport_scoreToday: 'Score today',
  whatIfReport_opportunityFormula:
    "Score = 100 × (0.4·V + 0.2·Δ + 0.2·σ + 0.2·ω); V = ln(1 + imported) / ln(1 + the chain's largest imported); Δ = min(1, mean import distance / 3000 km); σ: SME share of the stage's enterprises nationwide; ω: relatedness density of the region's industries to the stage (Hidalgo et al. 2007). A component's points = 100 × weight × normalised value.",
  whatIfReport_partners: 'Partner regions in the scenario',
  whatIfReport_partnerFormula:
    'For the stage "{stage}". Score = capacity (revenue of the region\'s enterprises at the stage, mln RUB) / max(distance between region centres in km, 50); ties: nearer first.',
  whatIfReport_suppliesToday: 'Supplies today, mln RUB',
  whatIfReport_suppliesScenario: 'Supplies in the scenario, mln RUB',
  whatIfReport_readiness: 'Registry readiness compared',
  whatIfReport_failingScenario: 'Failing in the scenario',
  whatIfReport_readinessNote:
    'Cluster "{cluster}". Government Decree 779 of 31.07.2015: at least {minParticipants} participants; at most {maxWithoutLinks} without cooperation links; functional dependence = supply between participants / participants\' revenue, at least {minDependence} ({minDependencePriority} when at least {priorityShare} of participants work in priority territories).',
  whatIfReport_participants: 'Participants in the scenario',
  whatIfReport_hypothetical: '{name} (hypothetical)',
  whatIfReport_suppliedToday: 'Supplies participants today, mln RUB',
  whatIfReport_suppliedScenario: 'Supplies participants in the scenario, mln RUB',
  whatIfReport_items: 'What the scenario holds',
  whatIfReport_itemKind: 'What',
  whatIfReport_itemEnterprise: 'hypothetical enterprise',
  whatIfReport_itemContract: 'contract',
  whatIfReport_itemParty: 'Enterprise or supplier',
  whatIfReport_itemBuyer: 'Buyer',
  whatIfReport_itemStages: 'Stage',
  whatIfReport_itemVolume: 'Volume or revenue, mln RUB',
  whatIfReport_itemInstead: 'Instead of the supplier',
  whatIfReport_itemTakenOver: 'Replaced, mln RUB',
  whatIfReport_itemsNote:
    'A scenario does not change the database: the figures "in the scenario" are computed on a copy. A contract instead of a supplier replaces its supply to the buyer at the stage (at most its volume): demand stays, imports fall, local supply rises; beyond the volume replaced, the contract is a new purchase. A contract without a replacement adds demand.',
  whatIfReport_skipped: 'Not applied (the enterprise is no longer in the data): items {items}.',
};
