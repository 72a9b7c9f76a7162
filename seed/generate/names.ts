/** Synthetic identities: INNs, company names by stage and federal district, sole-trader names. */
import { completeInn } from '../../core/reference.js';
import { pick, randInt } from './rng.js';

/**
 * Random valid INN for a region: region code (2 digits) + tax office (2 digits, 01..89) + serial + check digit(s).
 * Offices 90..99 are left free for hand-made seeds (seed/komi uses them) so the two never collide.
 */
export function makeInn(regionCode: string, rand: () => number, kind: 'legal' | 'individual'): string {
  if (!/^\d{2}$/.test(regionCode)) throw new Error(`bad region code ${regionCode}`);
  const office = 1 + Math.floor(rand() * 89);
  let body = regionCode + (office < 10 ? '0' : '') + office;
  const serialLen = kind === 'legal' ? 5 : 6;
  for (let i = 0; i < serialLen; i++) body += Math.floor(rand() * 10);
  return completeInn(body);
}

// Name parts --------------------------------------------------------------------------------

export const NAME_STAGE: Record<string, string[]> = {
  'timber.forest-management': ['Лесхоз', 'Лесовод', 'ЛесПроект'],
  'timber.logging': ['Лес', 'Леспром', 'Лесозаготовка', 'ЛесИнвест'],
  'timber.logging-services': ['ЛесСервис', 'Лесоруб', 'ЛесДорСтрой'],
  'timber.transport': ['Лесовоз', 'ЛесТранс', 'ТрансЛес'],
  'timber.wholesale': ['ЛесТорг', 'ЛесЭкспорт', 'ДревТорг'],
  'timber.sawmilling': ['Пилорама', 'Лесопиление', 'ДОК', 'ЛесПил'],
  'timber.panels': ['Фанера', 'ПлитПром', 'Шпон'],
  'timber.joinery': ['ДомСтрой', 'Брус', 'Столяр', 'ДеревоДом'],
  'timber.pallets': ['Поддон', 'ТараДрев'],
  'timber.pellets': ['Пеллет', 'БиоТопливо', 'Гранула'],
  'timber.pulp': ['Целлюлоза', 'ЦКК'],
  'timber.paper': ['Бумпром', 'Картон', 'БКК'],
  'timber.packaging': ['Гофротара', 'Упак', 'Гофра'],
  'timber.furniture': ['Мебель', 'МебельПром', 'Интерьер'],
  'timber.bioenergy': ['БиоЭнерго', 'ТеплоЛес'],
  'timber.equipment-repair': ['ТехСервис', 'РемМаш', 'ЛесТехРемонт'],
  'timber.forestry-machinery': ['ЛесМаш', 'ЛесТехника'],
  'timber.ppm-machinery': ['БумМаш', 'ЦБП-Маш'],
  'timber.woodworking-machinery': ['СтанкоДрев', 'ДеревоМаш'],
  'timber.process-chemicals': ['Химпром', 'Смолы', 'ХимРеагент'],
  'timber.engineering': ['Инжиниринг', 'ЛесПроект', 'ПромПроект'],
  'timber.testing': ['Лаб', 'ТестЦентр', 'Сертификат'],
  'timber.warehousing': ['Склад', 'Терминал'],
  'timber.cargo-handling': ['Погрузка', 'Перевалка', 'ПортЛес'],
  'timber.recovered-paper': ['Вторсырьё', 'Макулатура', 'ЭкоРесурс'],
  'oilgas.exploration': ['Геофизика', 'ГеоРазведка', 'Сейсмо'],
  'oilgas.oil-production': ['Нефть', 'Нефтегаз', 'НефтеДобыча'],
  'oilgas.gas-production': ['Газ', 'ГазДобыча'],
  'oilgas.oilfield-services': ['НефтеСервис', 'Бурение', 'КРС-Сервис', 'ПромыселСервис'],
  'oilgas.oil-pipeline': ['НефтеПровод', 'ТрансНефть'],
  'oilgas.gas-pipeline': ['ГазТранс', 'ГазПровод'],
  'oilgas.storage': ['Нефтебаза', 'Терминал'],
  'oilgas.gas-processing': ['ГПЗ', 'ГазПереработка'],
  'oilgas.refining': ['НПЗ', 'НефтеПереработка'],
  'oilgas.petrochemicals': ['НефтеХим', 'Полимер', 'ОргСинтез'],
  'oilgas.plastics': ['Пласт', 'ПолимерИзделия', 'Трубопласт', 'ПластПром'],
  'oilgas.fuel-wholesale': ['НефтеПродукт', 'ТопливоТорг'],
  'oilgas.fuel-retail': ['АЗС', 'Топливо'],
  'oilgas.oilfield-chemicals': ['Реагент', 'НефтеХимСервис'],
  'oilgas.pumps-compressors': ['Насос', 'Компрессор', 'ГидроМаш'],
  'oilgas.valves': ['Арматура', 'КлапанПром'],
  'oilgas.drilling-machinery': ['БурМаш', 'БурТехника'],
  'oilgas.steel-pipes': ['Трубный завод', 'ТрубПром'],
  'oilgas.metal-structures': ['МеталлоКонструкция', 'СтальМонтаж', 'Металл'],
  'oilgas.repair': ['РемСервис', 'ЭнергоРемонт', 'НефтеМаш-Ремонт'],
  'oilgas.construction': ['СтройМонтаж', 'ТрубопроводСтрой', 'НефтеГазСтрой'],
  'oilgas.engineering': ['Проект', 'Инжиниринг', 'НИПИ'],
  'oilgas.testing': ['Диагностика', 'КонтрольЛаб', 'Экспертиза'],
  'oilgas.trucking': ['АвтоТранс', 'Логистик', 'СпецТранс'],
  'oilgas.spill-cleanup': ['ЭкоСпас', 'Рекультивация'],
  'oilgas.hazardous-waste': ['ЭкоУтилизация', 'ПромОтходы'],
  'oilgas.catering': ['Питание', 'ВахтаСервис'],
};
const NAME_PREFIX_BY_FD: Record<string, string[]> = {
  northwestern: ['Север', 'Онега', 'Двина', 'Ладога', 'Вычегда', 'Печора', 'Балтика', 'Поморье', 'Карел'],
  central: ['Центр', 'Ока', 'Подмосковье', 'Москва', 'Волга', 'Русь', 'Держава'],
  southern: ['Юг', 'Дон', 'Кубань', 'Каспий', 'Азов', 'Таврида'],
  'north-caucasian': ['Кавказ', 'Терек', 'Эльбрус', 'Машук'],
  volga: ['Волга', 'Кама', 'Вятка', 'Урал', 'Жигули', 'Сура', 'Белая'],
  ural: ['Урал', 'Югра', 'Ямал', 'Тобол', 'Обь', 'Иртыш', 'Сибнефте'],
  siberian: ['Сибирь', 'Енисей', 'Ангара', 'Байкал', 'Томь', 'Обь', 'Саяны'],
  'far-eastern': ['Амур', 'Восток', 'Приморье', 'Саха', 'Охотск', 'ДальЛес', 'Тихоокеан'],
};
const NAME_PREFIX_DEFAULT = ['Регион', 'Альфа', 'Вектор', 'Гарант', 'Прогресс', 'Стандарт', 'Техно', 'Эталон'];
const SURNAMES_M = [
  'Иванов',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Лебедев',
  'Козлов',
  'Новиков',
  'Морозов',
  'Волков',
  'Соловьёв',
  'Васильев',
  'Зайцев',
  'Павлов',
  'Семёнов',
  'Голубев',
  'Виноградов',
  'Богданов',
  'Воробьёв',
  'Фёдоров',
  'Михайлов',
  'Беляев',
  'Тарасов',
  'Белов',
  'Комаров',
  'Орлов',
  'Киселёв',
  'Макаров',
  'Андреев',
  'Ковалёв',
  'Ильин',
  'Гусев',
  'Титов',
  'Кудрявцев',
  'Баранов',
  'Куликов',
  'Алексеев',
  'Степанов',
  'Яковлев',
  'Сорокин',
  'Сергеев',
  'Романов',
  'Захаров',
  'Борисов',
  'Королёв',
  'Герасимов',
  'Пономарёв',
  'Григорьев',
  'Лазарев',
  'Медведев',
  'Ершов',
  'Никитин',
  'Соболев',
  'Рябов',
  'Поляков',
  'Цветков',
  'Данилов',
  'Жуков',
  'Фролов',
  'Журавлёв',
  'Николаев',
  'Канев',
  'Попов',
  'Игнатов',
  'Чупров',
  'Терентьев',
  'Габов',
  'Хабибуллин',
  'Галиев',
  'Сафин',
  'Ахметов',
];
const INITIALS = 'АБВГДЕИКЛМНОПРСТФЮЯ';

export function ipName(rand: () => number): string {
  const m = pick(rand, SURNAMES_M);
  const female = rand() < 0.35;
  const surname = female
    ? m.endsWith('ин') || m.endsWith('ов') || m.endsWith('ёв') || m.endsWith('ев')
      ? m + 'а'
      : m
    : m;
  return `ИП ${surname} ${INITIALS[randInt(rand, INITIALS.length)]}.${INITIALS[randInt(rand, INITIALS.length)]}.`;
}

/**
 * Company name of a legal entity, e.g. ООО «ДвинаЛесопиление-17»: a regional prefix, a stage word
 * and a number. Large enterprises are joint-stock companies, the rest mostly LLCs.
 */
export function companyName(rand: () => number, federalDistrict: string, nameParts: string[], large: boolean): string {
  const prefix = pick(rand, NAME_PREFIX_BY_FD[federalDistrict] ?? NAME_PREFIX_DEFAULT);
  const part = pick(rand, nameParts);
  const form = large ? (rand() < 0.2 ? 'ПАО' : 'АО') : rand() < 0.85 ? 'ООО' : 'АО';
  // abbreviations read as separate words; compound words are glued to the prefix
  const glue =
    part.startsWith('ДОК') ||
    part.startsWith('НПЗ') ||
    part.startsWith('ГПЗ') ||
    part.startsWith('АЗС') ||
    part.startsWith('НИПИ')
      ? ' '
      : '';
  return `${form} «${prefix}${glue}${part}-${1 + randInt(rand, 999)}»`;
}
