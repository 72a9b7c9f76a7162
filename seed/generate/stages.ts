/**
 * The generator's view of the reference: regions in code order and one StageInfo per chain stage
 * with the tuning tables below (sizes, productivity, products, name parts) resolved once.
 */
import { csvCell } from './csv.js';
import { NAME_STAGE } from './names.js';
import { deriveStages } from './rules.js';
import type { GenerateOptions, RefChain, RefRegion } from './types.js';

/** Size mix [micro, small, medium, large] by stage. */
export const SIZE_HEAVY = [0.15, 0.25, 0.2, 0.4];
export const SIZE_PIPE = [0.05, 0.1, 0.15, 0.7];
const SIZE_MID = [0.4, 0.35, 0.15, 0.1];
const SIZE_SME = [0.74, 0.21, 0.035, 0.015];
const STAGE_SIZE: Record<string, number[]> = {
  'oilgas.oil-production': SIZE_HEAVY,
  'oilgas.gas-production': SIZE_HEAVY,
  'oilgas.refining': SIZE_HEAVY,
  'oilgas.gas-processing': SIZE_HEAVY,
  'oilgas.petrochemicals': SIZE_HEAVY,
  'timber.pulp': SIZE_HEAVY,
  'timber.paper': SIZE_HEAVY,
  'oilgas.oil-pipeline': SIZE_PIPE,
  'oilgas.gas-pipeline': SIZE_PIPE,
  'timber.panels': SIZE_MID,
  'oilgas.steel-pipes': SIZE_MID,
  'oilgas.storage': SIZE_MID,
  'oilgas.drilling-machinery': SIZE_MID,
  'timber.ppm-machinery': SIZE_MID,
  'oilgas.exploration': SIZE_MID,
  'timber.bioenergy': SIZE_MID,
  'oilgas.pumps-compressors': SIZE_MID,
  'timber.forestry-machinery': SIZE_MID,
};

/** Median revenue per employee, mln RUB. */
const STAGE_PRODUCTIVITY: Record<string, number> = {
  'oilgas.oil-production': 40,
  'oilgas.gas-production': 45,
  'oilgas.refining': 60,
  'oilgas.oil-pipeline': 15,
  'oilgas.gas-pipeline': 15,
  'oilgas.petrochemicals': 20,
  'oilgas.gas-processing': 25,
  'oilgas.fuel-wholesale': 30,
  'timber.wholesale': 8,
  'oilgas.fuel-retail': 6,
  'timber.pulp': 10,
  'timber.paper': 10,
  'timber.panels': 5,
  'timber.sawmilling': 3.5,
  'timber.logging': 3,
  'timber.logging-services': 2,
  'timber.furniture': 2,
  'oilgas.catering': 1.5,
  'oilgas.plastics': 4,
  'oilgas.oilfield-chemicals': 6,
  'timber.process-chemicals': 6,
  'oilgas.steel-pipes': 8,
  'oilgas.oilfield-services': 4,
  'oilgas.storage': 10,
  'timber.bioenergy': 5,
};

/** Products by supplier stage (Russian; no commas). */
const PRODUCTS: Record<string, string[]> = {
  'timber.forest-management': [
    'Лесоустроительные работы',
    'Посадочный материал (сеянцы)',
    'Лесовосстановительные работы',
  ],
  'timber.logging': [
    'Пиловочник хвойный',
    'Балансы хвойные',
    'Балансы лиственные',
    'Фанерный кряж',
    'Дровяная древесина',
  ],
  'timber.logging-services': [
    'Услуги лесозаготовки (валка и трелёвка)',
    'Строительство лесовозных дорог',
    'Раскряжёвка хлыстов',
  ],
  'timber.transport': ['Вывозка круглого леса', 'Перевозка пиломатериалов', 'Железнодорожная перевозка древесины'],
  'timber.wholesale': [
    'Круглый лес (оптовая поставка)',
    'Пиломатериалы (оптовая поставка)',
    'Технологическая щепа (оптовая поставка)',
  ],
  'timber.sawmilling': ['Пиломатериалы хвойные обрезные', 'Брус', 'Технологическая щепа', 'Опилки и кора'],
  'timber.panels': ['Фанера берёзовая', 'Плиты OSB', 'Плиты ДСП', 'Плиты МДФ', 'Шпон лущёный'],
  'timber.joinery': ['Клеёный брус', 'Деревянные окна и двери', 'Домокомплекты', 'Погонажные изделия'],
  'timber.pallets': ['Поддоны деревянные', 'Деревянная тара'],
  'timber.pellets': ['Топливные гранулы (пеллеты)', 'Топливные брикеты'],
  'timber.pulp': ['Целлюлоза сульфатная беленая', 'Целлюлоза небеленая', 'Древесная масса'],
  'timber.paper': ['Бумага офисная', 'Картон для плоских слоёв', 'Бумага для гофрирования', 'Газетная бумага'],
  'timber.packaging': ['Гофрокартон', 'Гофроящики', 'Бумажные мешки'],
  'timber.furniture': ['Корпусная мебель', 'Офисная мебель', 'Мебель для дома'],
  'timber.bioenergy': ['Тепловая энергия', 'Электроэнергия (биотопливо)'],
  'timber.equipment-repair': [
    'Ремонт лесозаготовительной техники',
    'Ремонт деревообрабатывающего оборудования',
    'Сервисное обслуживание оборудования',
  ],
  'timber.forestry-machinery': ['Харвестеры', 'Форвардеры', 'Трелёвочные тракторы', 'Запчасти для лесной техники'],
  'timber.ppm-machinery': ['Оборудование для ЦБП', 'Сукна и сетки для БДМ', 'Запчасти для бумагоделательных машин'],
  'timber.woodworking-machinery': ['Лесопильное оборудование', 'Деревообрабатывающие станки', 'Сушильные камеры'],
  'timber.process-chemicals': [
    'Химикаты для варки целлюлозы',
    'Клеевые смолы',
    'Пероксид водорода',
    'Лакокрасочные материалы',
  ],
  'timber.engineering': ['Проектирование лесоперерабатывающих производств', 'Инжиниринговые услуги'],
  'timber.testing': ['Испытания и сертификация продукции', 'Лабораторный контроль качества'],
  'timber.warehousing': ['Складское хранение лесоматериалов', 'Хранение готовой продукции'],
  'timber.cargo-handling': ['Погрузочно-разгрузочные работы', 'Перевалка лесных грузов'],
  'timber.recovered-paper': ['Макулатура МС-5Б', 'Макулатура МС-8В', 'Вторичное сырьё (бумага и картон)'],
  'oilgas.exploration': [
    'Сейсморазведочные работы',
    'Геологоразведочное бурение',
    'Геофизические исследования скважин',
  ],
  'oilgas.oil-production': ['Нефть сырая', 'Попутный нефтяной газ', 'Газовый конденсат'],
  'oilgas.gas-production': ['Природный газ', 'Газовый конденсат'],
  'oilgas.oilfield-services': [
    'Капитальный ремонт скважин',
    'Бурение эксплуатационных скважин',
    'Гидроразрыв пласта',
    'Цементирование скважин',
    'Подземный ремонт скважин',
  ],
  'oilgas.oil-pipeline': ['Транспортировка нефти по трубопроводу', 'Транспортировка нефтепродуктов по трубопроводу'],
  'oilgas.gas-pipeline': ['Транспортировка газа по трубопроводу'],
  'oilgas.storage': ['Хранение нефти и нефтепродуктов', 'Хранение газа'],
  'oilgas.gas-processing': [
    'Сухой отбензиненный газ',
    'Широкая фракция лёгких углеводородов',
    'Сжиженный углеводородный газ',
    'Сера техническая',
  ],
  'oilgas.refining': [
    'Дизельное топливо',
    'Бензин автомобильный',
    'Мазут',
    'Нафта (прямогонный бензин)',
    'Битум нефтяной',
    'Авиакеросин',
  ],
  'oilgas.petrochemicals': [
    'Полиэтилен',
    'Полипропилен',
    'Синтетический каучук',
    'Метанол',
    'Ароматические углеводороды',
  ],
  'oilgas.plastics': ['Полимерные трубы', 'Полимерная плёнка', 'Пластиковая тара', 'Изделия из пластмасс'],
  'oilgas.fuel-wholesale': ['Дизельное топливо (оптовая поставка)', 'Бензин (оптовая поставка)', 'Котельное топливо'],
  'oilgas.fuel-retail': ['Топливо на АЗС (корпоративные карты)'],
  'oilgas.oilfield-chemicals': ['Ингибиторы коррозии', 'Деэмульгаторы', 'Буровые растворы', 'Реагенты для ГРП'],
  'oilgas.pumps-compressors': ['Установки ЭЦН', 'Компрессорные установки', 'Насосные агрегаты'],
  'oilgas.valves': ['Трубопроводная арматура', 'Задвижки клиновые', 'Фонтанная арматура'],
  'oilgas.drilling-machinery': ['Буровые установки', 'Буровой инструмент', 'Запчасти для бурового оборудования'],
  'oilgas.steel-pipes': ['Трубы нефтегазопроводные', 'Обсадные трубы', 'Насосно-компрессорные трубы'],
  'oilgas.metal-structures': ['Металлоконструкции', 'Резервуары стальные', 'Блочно-модульные здания'],
  'oilgas.repair': ['Ремонт насосного оборудования', 'Ремонт и наладка оборудования', 'Диагностика оборудования'],
  'oilgas.construction': ['Обустройство месторождений', 'Строительство трубопроводов', 'Строительно-монтажные работы'],
  'oilgas.engineering': ['Проектирование обустройства месторождений', 'Инжиниринговые услуги'],
  'oilgas.testing': [
    'Неразрушающий контроль',
    'Лабораторные испытания нефти и газа',
    'Экспертиза промышленной безопасности',
  ],
  'oilgas.trucking': ['Перевозка грузов автотранспортом', 'Перевозка опасных грузов', 'Услуги спецтехники'],
  'oilgas.spill-cleanup': ['Ликвидация разливов нефти', 'Рекультивация нефтезагрязнённых земель'],
  'oilgas.hazardous-waste': ['Утилизация буровых шламов', 'Обращение с опасными отходами'],
  'oilgas.catering': ['Питание вахтового персонала', 'Услуги вахтовых посёлков'],
};

export interface StageInfo {
  id: string;
  chain: string;
  kind: string;
  okved: string[];
  feeds: number[];
  products: string[]; // already CSV-escaped
  sizeMix: number[];
  productivity: number;
  geo: Float64Array; // normalised weight per region (after presence mask); filled by placeStages
  nameParts: string[];
}

export interface Model {
  regions: RefRegion[];
  R: number;
  codes: string[];
  regionIndex: Map<string, number>;
  chains: RefChain[];
  stages: StageInfo[];
  stageIndex: Map<string, number>;
  S: number;
  /** Derived stage indices and the `stages` column of an OKVED list ("a;b"), cached by the list. */
  derive: (okvedStr: string) => { idx: number[]; str: string };
}

export function buildModel(reference: GenerateOptions['reference']): Model {
  const regions = [...reference.regions]
    .filter((r) => /^\d{2}$/.test(r.code))
    .sort((a, b) => a.code.localeCompare(b.code));
  const R = regions.length;
  if (R === 0) throw new Error('no regions');
  const codes = regions.map((r) => r.code);
  const regionIndex = new Map(codes.map((c, i) => [c, i]));
  const chains = reference.chains;

  const stages: StageInfo[] = [];
  const stageIndex = new Map<string, number>();
  for (const ch of chains) {
    for (const st of ch.stages) {
      stageIndex.set(st.id, stages.length);
      stages.push({
        id: st.id,
        chain: ch.id,
        kind: st.kind,
        okved: st.okved,
        feeds: [],
        products: (PRODUCTS[st.id] ?? [st.name ?? st.id]).map(csvCell),
        sizeMix: STAGE_SIZE[st.id] ?? SIZE_SME,
        productivity: STAGE_PRODUCTIVITY[st.id] ?? 3,
        geo: new Float64Array(R),
        nameParts: NAME_STAGE[st.id] ?? [st.nameEn?.split(' ')[0] ?? 'Пром'],
      });
    }
  }
  for (const ch of chains) {
    for (const st of ch.stages) {
      const si = stages[stageIndex.get(st.id)!];
      si.feeds = st.feeds.map((f) => stageIndex.get(f)).filter((x): x is number => x !== undefined);
    }
  }
  const S = stages.length;
  if (S === 0) throw new Error('no stages');

  // OKVED -> derived stage indices, cached by okved string
  const deriveCache = new Map<string, { idx: number[]; str: string }>();
  const derive = (okvedStr: string) => {
    let d = deriveCache.get(okvedStr);
    if (!d) {
      const ids = deriveStages(okvedStr.split(';'), chains);
      d = { idx: ids.map((id) => stageIndex.get(id)!).filter((x) => x !== undefined), str: ids.join(';') };
      deriveCache.set(okvedStr, d);
    }
    return d;
  };

  return { regions, R, codes, regionIndex, chains, stages, stageIndex, S, derive };
}
