/**
 * Builds the Komi seed (seed/komi/*.csv and organisations.json) from the definitions below.
 * The generated files are committed; re-run with `npx tsx seed/komi/build.ts` after editing this file.
 *
 * Sources: the article "В Сыктывкаре завершилась практическая сессия по развитию
 * промышленных кластеров России" (Комиинформ, 2021) — and well-known public facts about large Komi companies
 * (name, location, main activity). Real organisations: synthetic=false, INN empty, no figures.
 * Everything else (SMEs, figures, supply links, cluster roles of SMEs) is synthetic and flagged so.
 * Synthetic INNs use tax-office digits 90..99, which the dataset generator (seed/generate/) never uses.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadReference } from '../../server/reference.js';
import {
  completeInn,
  classifySize,
  createRng,
  deriveStages,
  innChecksumValid,
  type RefChain,
} from '../generate/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const chains: RefChain[] = loadReference().chains;

const ARTICLE = 'article: practical session Syktyvkar (Komiinform 2021)';
const PUBLIC = 'public company information';
const SYNTH = 'synthetic (Komi seed)';

// ---------------------------------------------------------------------------------------------
// Organisations
// ---------------------------------------------------------------------------------------------

const TIMBER = 'c-11-timber';
const OILGAS = 'c-11-oilgas';
const ALGRAF = 'tp-algraf';

const organisations = {
  technoparks: [
    {
      id: ALGRAF,
      name: 'Промышленный технопарк «Алграф»',
      nameEn: 'Algraf industrial technopark',
      kind: 'industrial-technopark',
      region: '11',
      source: ARTICLE,
      note: 'Посещён участниками сессии вместе с предприятиями деревообрабатывающего кластера (Сыктывкар)',
    },
  ],
  supportOrgs: [
    {
      id: 'so-my-business-komi',
      name: 'Центр развития предпринимательства «Мой бизнес» Республики Коми',
      nameEn: '"My Business" Entrepreneurship Development Centre of the Komi Republic',
      kind: 'my-business-centre',
      region: '11',
      supports: [TIMBER, OILGAS, ALGRAF],
      source: ARTICLE,
      note: 'Организатор практической сессии',
    },
    {
      id: 'so-cluster-centre-komi',
      name: 'Центр кластерного развития Республики Коми (в составе центра «Мой бизнес»)',
      nameEn: 'Komi Republic Cluster Development Centre (part of the "My Business" centre)',
      kind: 'cluster-centre',
      region: '11',
      supports: [TIMBER, OILGAS],
      source: ARTICLE,
      note: 'Региональный центр кластерного развития; в сессии участвовали ЦКР из 40 регионов',
    },
    {
      id: 'so-minpromtorg',
      name: 'Министерство промышленности и торговли Российской Федерации (Минпромторг России)',
      nameEn: 'Ministry of Industry and Trade of the Russian Federation (Minpromtorg)',
      kind: 'ministry',
      region: '77',
      supports: [TIMBER, OILGAS],
      source: ARTICLE,
      note: 'Соорганизатор сессии; ведёт реестр промышленных кластеров; департамент региональной промышленной политики и проектного управления',
    },
    {
      id: 'so-komi-government',
      name: 'Правительство Республики Коми',
      nameEn: 'Government of the Komi Republic',
      kind: 'government',
      region: '11',
      supports: [TIMBER, OILGAS, ALGRAF],
      source: ARTICLE,
      note: 'Соорганизатор сессии; обсуждение создания нефтегазового кластера',
    },
    {
      id: 'so-komi-ministry-economy',
      name: 'Министерство экономического развития и промышленности Республики Коми',
      nameEn: 'Ministry of Economic Development and Industry of the Komi Republic',
      kind: 'ministry',
      region: '11',
      supports: [TIMBER, OILGAS],
      source: ARTICLE,
      note: 'Цель — получить статус промышленного кластера и войти в реестр Минпромторга России',
    },
    {
      id: 'so-akit',
      name: 'Ассоциация кластеров, технопарков и ОЭЗ России',
      nameEn: 'Association of Clusters, Technoparks and SEZ of Russia',
      kind: 'association',
      region: '77',
      supports: [TIMBER, OILGAS, ALGRAF],
      source: ARTICLE,
      note: 'В статье — «Ассоциация кластеров и технопарков России»; поддержка сессии, эксперты комиссии',
    },
    {
      id: 'so-psb',
      name: 'ПАО «Промсвязьбанк»',
      nameEn: 'Promsvyazbank',
      kind: 'bank',
      region: '77',
      supports: [TIMBER],
      source: ARTICLE,
      note: 'Представитель департамента по работе с проектами диверсификации, импортозамещения и инноваций — член экспертной комиссии',
    },
    {
      id: 'so-reu-plekhanov',
      name: 'ФГБОУ ВО «Российский экономический университет им. Г.В. Плеханова»',
      nameEn: 'Plekhanov Russian University of Economics',
      kind: 'university',
      region: '77',
      supports: [TIMBER],
      source: ARTICLE,
      note: 'Кафедра национальной и региональной экономики — член экспертной комиссии',
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Clusters
// ---------------------------------------------------------------------------------------------

const clusters = [
  {
    id: TIMBER,
    name: 'Деревообрабатывающий промышленный кластер Республики Коми',
    kind: 'industrial',
    status: 'applicant',
    chain: 'timber',
    regions: '11',
    synthetic: 'false',
  },
  {
    id: OILGAS,
    name: 'Нефтегазовый кластер Республики Коми',
    kind: 'industrial',
    status: 'forming',
    chain: 'oilgas',
    regions: '11',
    synthetic: 'false',
  },
];

// ---------------------------------------------------------------------------------------------
// Enterprises
// ---------------------------------------------------------------------------------------------

interface Ent {
  id: string;
  name: string;
  okved: string;
  emp?: number;
  rev?: number;
  cluster?: string;
  role?: 'anchor' | 'participant' | 'coordinator';
  tp?: string;
  priority?: boolean;
  real?: boolean;
  size?: string;
  source?: string;
  individual?: boolean;
}

const real: Ent[] = [
  {
    id: 'mondi-syktyvkar',
    name: 'АО «Монди Сыктывкарский ЛПК»',
    okved: '17.12;17.11',
    cluster: TIMBER,
    role: 'anchor',
    real: true,
    size: 'large',
    source: `${ARTICLE}; name as of 2021`,
  },
  {
    id: 'luzales',
    name: 'АО «Лузалес»',
    okved: '02.20;16.10',
    cluster: TIMBER,
    role: 'anchor',
    real: true,
    size: 'large',
    source: ARTICLE,
  },
  { id: 'lukoil-komi', name: 'ООО «ЛУКОЙЛ-Коми»', okved: '06.10', real: true, size: 'large', source: PUBLIC },
  {
    id: 'lukoil-ukhta-refinery',
    name: 'ООО «ЛУКОЙЛ-Ухтанефтепереработка»',
    okved: '19.20',
    real: true,
    size: 'large',
    source: PUBLIC,
  },
  {
    id: 'rn-severnaya-neft',
    name: 'ООО «РН-Северная нефть»',
    okved: '06.10',
    real: true,
    size: 'large',
    source: PUBLIC,
  },
  {
    id: 'transneft-sever',
    name: 'АО «Транснефть – Север»',
    okved: '49.50.1',
    real: true,
    size: 'large',
    source: PUBLIC,
  },
  {
    id: 'gazprom-transgaz-ukhta',
    name: 'ООО «Газпром трансгаз Ухта»',
    okved: '49.50.2',
    real: true,
    size: 'large',
    source: PUBLIC,
  },
  {
    id: 'sosnogorsk-gpz',
    name: 'Сосногорский ГПЗ (филиал ООО «Газпром переработка»)',
    okved: '19.20.2',
    real: true,
    size: 'large',
    source: PUBLIC,
  },
];

const s = (n: number) => `s-11-${String(n).padStart(4, '0')}`;
const synthetic: Ent[] = [
  // timber cluster participants
  {
    id: s(1),
    name: 'ООО «Вычегда-ЛесСервис-12»',
    okved: '02.40',
    emp: 45,
    rev: 160,
    cluster: TIMBER,
    role: 'participant',
    priority: true,
  },
  { id: s(2), name: 'ООО «Сысола-Лесовоз-7»', okved: '49.41', emp: 12, rev: 48, cluster: TIMBER, role: 'participant' },
  {
    id: s(3),
    name: 'ООО «Эжва-Пиломатериалы-3»',
    okved: '16.10',
    emp: 80,
    rev: 420,
    cluster: TIMBER,
    role: 'participant',
  },
  { id: s(4), name: 'ООО «Пармалес-21»', okved: '02.20', emp: 90, rev: 610, cluster: TIMBER, role: 'participant' },
  {
    id: s(5),
    name: 'ООО «Коми-Пеллет-5»',
    okved: '16.29',
    emp: 14,
    rev: 95,
    cluster: TIMBER,
    role: 'participant',
    tp: ALGRAF,
  },
  {
    id: s(6),
    name: 'ООО «Северный Брус-9»',
    okved: '16.23',
    emp: 60,
    rev: 280,
    cluster: TIMBER,
    role: 'participant',
    tp: ALGRAF,
  },
  {
    id: s(7),
    name: 'ООО «ЛесТехРемонт-Коми-4»',
    okved: '33.12',
    emp: 11,
    rev: 36,
    cluster: TIMBER,
    role: 'participant',
    tp: ALGRAF,
  },
  {
    id: s(8),
    name: 'ООО «Гофротара-Север-2»',
    okved: '17.21',
    emp: 70,
    rev: 520,
    cluster: TIMBER,
    role: 'participant',
  },
  {
    id: s(9),
    name: 'ООО «Парма-Мебель-15»',
    okved: '31.09',
    emp: 15,
    rev: 60,
    cluster: TIMBER,
    role: 'participant',
    tp: ALGRAF,
  },
  {
    id: s(10),
    name: 'ООО «ЭкоВторРесурс-Коми-6»',
    okved: '38.32.52',
    emp: 9,
    rev: 40,
    cluster: TIMBER,
    role: 'participant',
  },
  {
    id: s(11),
    name: 'ООО «Вычегодский ЛесПроект-8»',
    okved: '71.12',
    emp: 28,
    rev: 120,
    cluster: TIMBER,
    role: 'participant',
  },
  {
    id: s(12),
    name: 'ООО «Печора-Поддон-11»',
    okved: '16.24',
    emp: 8,
    rev: 22,
    cluster: TIMBER,
    role: 'participant',
    priority: true,
  },
  { id: s(13), name: '', okved: '02.40', emp: 3, rev: 8.5, cluster: TIMBER, role: 'participant', individual: true },
  // other Komi timber SMEs
  { id: s(14), name: 'ООО «Удора-Лес-17»', okved: '02.20', emp: 40, rev: 190 },
  { id: s(15), name: 'ООО «Усть-Кулом-Пилорама-5»', okved: '16.10', emp: 13, rev: 55 },
  { id: s(16), name: '', okved: '16.10', emp: 5, rev: 14, individual: true },
  { id: s(17), name: 'ООО «Жешарт-Шпон-3»', okved: '16.21', emp: 65, rev: 330 },
  { id: s(18), name: 'ООО «ТеплоЛес-Коми-2»', okved: '35.30.14', emp: 38, rev: 150, priority: true },
  { id: s(19), name: 'ООО «Княжпогост-Склад-4»', okved: '52.10', emp: 7, rev: 18 },
  { id: s(20), name: 'ООО «Микунь-Перевалка-6»', okved: '52.24', emp: 16, rev: 45 },
  { id: s(21), name: 'ООО «Коми-ЛесТорг-10»', okved: '46.73.2', emp: 6, rev: 110 },
  { id: s(22), name: 'ООО «ЛесТест-Коми-1»', okved: '71.20', emp: 9, rev: 24 },
  // oil and gas (forming cluster members first)
  {
    id: s(23),
    name: 'ООО «Усинск-НефтеСервис-14»',
    okved: '09.10',
    emp: 95,
    rev: 380,
    cluster: OILGAS,
    role: 'participant',
  },
  {
    id: s(24),
    name: 'ООО «Ухта-КРС-Сервис-3»',
    okved: '09.10',
    emp: 180,
    rev: 950,
    cluster: OILGAS,
    role: 'participant',
  },
  {
    id: s(25),
    name: 'ООО «Печора-СпецТранс-8»',
    okved: '49.41',
    emp: 40,
    rev: 150,
    cluster: OILGAS,
    role: 'participant',
  },
  { id: s(26), name: 'ООО «Тиман-Реагент-2»', okved: '20.59', emp: 12, rev: 85, cluster: OILGAS, role: 'participant' },
  {
    id: s(27),
    name: 'ООО «Ухта-МеталлоКонструкция-5»',
    okved: '25.11',
    emp: 55,
    rev: 240,
    cluster: OILGAS,
    role: 'participant',
  },
  {
    id: s(28),
    name: 'ООО «Северный РемСервис-7»',
    okved: '33.11',
    emp: 35,
    rev: 130,
    cluster: OILGAS,
    role: 'participant',
  },
  {
    id: s(30),
    name: 'ООО «ЭкоСпас-Печора-4»',
    okved: '39.00',
    emp: 28,
    rev: 110,
    cluster: OILGAS,
    role: 'participant',
    priority: true,
  },
  {
    id: s(32),
    name: 'ООО «Тиман-Геофизика-11»',
    okved: '71.12.3',
    emp: 85,
    rev: 420,
    cluster: OILGAS,
    role: 'participant',
  },
  {
    id: s(33),
    name: 'ООО «Ухта-НефтеПроект-9»',
    okved: '71.12',
    emp: 60,
    rev: 200,
    cluster: OILGAS,
    role: 'coordinator',
  },
  { id: s(29), name: 'ООО «Вуктыл-ВахтаСервис-1»', okved: '56.29', emp: 14, rev: 30, priority: true },
  { id: s(31), name: 'ООО «Усинск-ЭкоУтилизация-6»', okved: '38.22', emp: 13, rev: 70 },
  { id: s(34), name: 'ООО «Коми-ПластПром-5»', okved: '22.21', emp: 15, rev: 70, tp: ALGRAF },
  { id: s(35), name: 'ООО «Ухта-НефтеПродукт-3»', okved: '46.71', emp: 20, rev: 700 },
  { id: s(36), name: 'ООО «Сыктывкар-АЗС-2»', okved: '47.30', emp: 10, rev: 110 },
  { id: s(37), name: 'ООО «Усинск-СтройМонтаж-12»', okved: '42.21', emp: 90, rev: 500 },
  { id: s(38), name: 'ООО «Тиман-Лаб-4»', okved: '71.20', emp: 10, rev: 25 },
  { id: s(39), name: '', okved: '49.41', emp: 3, rev: 9, individual: true },
];
const IP_NAMES: Record<string, string> = {
  [s(13)]: 'ИП Канев А.В.',
  [s(16)]: 'ИП Попова С.Н.',
  [s(39)]: 'ИП Габов Д.С.',
};

// deterministic synthetic INNs: 11 + office 90..99 + serial
const rand = createRng(1104, 7);
const innUsed = new Set<string>();
function komiInn(individual: boolean): string {
  for (;;) {
    let body = '11' + (90 + Math.floor(rand() * 10));
    const n = individual ? 6 : 5;
    for (let i = 0; i < n; i++) body += Math.floor(rand() * 10);
    const inn = completeInn(body);
    if (!innUsed.has(inn)) {
      innUsed.add(inn);
      return inn;
    }
  }
}

function cell(v: string | number | undefined): string {
  const t = v === undefined ? '' : String(v);
  return /[",\n\r]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
}

const entHeader =
  'id,inn,name,region,okved,employees,revenue_mln_rub,cluster,cluster_role,technopark,priority_territory,size,stages,synthetic,synthetic_figures,source';
const entRows: string[] = [entHeader];
const byId = new Map<string, Ent>();
synthetic.sort((a, b) => a.id.localeCompare(b.id));
for (const e of [...real, ...synthetic]) {
  if (byId.has(e.id)) throw new Error('duplicate id ' + e.id);
  byId.set(e.id, e);
  const stages = deriveStages(e.okved.split(';'), chains);
  if (stages.length === 0) throw new Error(`no stage for ${e.id} ${e.okved}`);
  const inn = e.real ? '' : komiInn(!!e.individual);
  if (inn && !innChecksumValid(inn)) throw new Error('bad inn');
  const name = e.individual ? IP_NAMES[e.id] : e.name;
  const size = e.real ? e.size! : classifySize(e.emp!, e.rev!);
  entRows.push(
    [
      e.id,
      inn,
      name,
      '11',
      e.okved,
      e.emp,
      e.rev,
      e.cluster,
      e.role,
      e.tp,
      e.priority ? 'true' : 'false',
      size,
      stages.join(';'),
      e.real ? 'false' : 'true',
      e.real ? 'false' : 'true',
      e.source ?? SYNTH,
    ]
      .map(cell)
      .join(','),
  );
}

// ---------------------------------------------------------------------------------------------
// Links (all synthetic; never between two real organisations)
// ---------------------------------------------------------------------------------------------

type L = [supplier: string, buyer: string, product: string, volume: number, since: number];
const links: L[] = [
  // timber cluster (intra)
  [s(1), 'luzales', 'Услуги лесозаготовки (валка и трелёвка)', 38, 2018],
  [s(1), s(4), 'Раскряжёвка хлыстов', 12, 2020],
  [s(4), 'mondi-syktyvkar', 'Балансы хвойные', 95, 2016],
  [s(4), s(3), 'Пиловочник хвойный', 48, 2019],
  [s(2), 'mondi-syktyvkar', 'Вывозка круглого леса', 11, 2019],
  [s(2), s(3), 'Вывозка круглого леса', 5, 2020],
  [s(3), 'mondi-syktyvkar', 'Технологическая щепа', 22, 2017],
  [s(3), s(6), 'Пиломатериалы хвойные обрезные', 30, 2020],
  [s(3), s(5), 'Опилки и кора', 3.5, 2021],
  [s(3), s(9), 'Пиломатериалы хвойные обрезные', 6, 2021],
  [s(7), 'luzales', 'Ремонт лесозаготовительной техники', 6, 2019],
  [s(7), 'mondi-syktyvkar', 'Сервисное обслуживание оборудования', 5, 2020],
  [s(7), s(3), 'Ремонт деревообрабатывающего оборудования', 2.5, 2021],
  ['mondi-syktyvkar', s(8), 'Бумага для гофрирования', 85, 2015],
  ['mondi-syktyvkar', s(8), 'Картон для плоских слоёв', 60, 2015],
  [s(10), 'mondi-syktyvkar', 'Макулатура МС-5Б', 9, 2018],
  [s(11), 'mondi-syktyvkar', 'Инжиниринговые услуги', 14, 2020],
  [s(11), s(3), 'Проектирование лесоперерабатывающих производств', 3, 2021],
  // timber, outside the cluster
  [s(14), s(15), 'Пиловочник хвойный', 21, 2018],
  [s(14), 'luzales', 'Балансы лиственные', 17, 2019],
  [s(13), s(14), 'Услуги лесозаготовки (валка и трелёвка)', 3, 2021],
  [s(15), s(12), 'Пиломатериалы хвойные обрезные', 4, 2020],
  [s(16), s(12), 'Пиломатериалы хвойные обрезные', 2, 2022],
  [s(5), s(18), 'Топливные гранулы (пеллеты)', 14, 2019],
  [s(3), s(18), 'Опилки и кора', 4, 2019],
  [s(21), s(6), 'Пиломатериалы (оптовая поставка)', 9, 2020],
  [s(19), s(21), 'Складское хранение лесоматериалов', 2, 2021],
  [s(20), s(21), 'Погрузочно-разгрузочные работы', 3, 2020],
  [s(20), 'mondi-syktyvkar', 'Перевалка лесных грузов', 8, 2018],
  [s(22), s(6), 'Испытания и сертификация продукции', 1.2, 2022],
  [s(14), s(17), 'Фанерный кряж', 26, 2019],
  [s(17), s(9), 'Фанера берёзовая', 7, 2021],
  [s(17), s(6), 'Фанера берёзовая', 11, 2020],
  // oil and gas
  [s(23), 'lukoil-komi', 'Капитальный ремонт скважин', 120, 2016],
  [s(23), 'rn-severnaya-neft', 'Подземный ремонт скважин', 80, 2018],
  [s(24), 'lukoil-komi', 'Бурение эксплуатационных скважин', 300, 2014],
  [s(25), s(23), 'Перевозка грузов автотранспортом', 20, 2019],
  [s(25), 'lukoil-komi', 'Услуги спецтехники', 35, 2017],
  [s(26), s(23), 'Реагенты для ГРП', 25, 2020],
  [s(26), 'lukoil-komi', 'Деэмульгаторы', 30, 2019],
  [s(27), 'lukoil-komi', 'Блочно-модульные здания', 60, 2018],
  [s(27), s(37), 'Металлоконструкции', 40, 2020],
  [s(28), 'lukoil-ukhta-refinery', 'Ремонт и наладка оборудования', 40, 2017],
  [s(28), s(24), 'Ремонт насосного оборудования', 10, 2021],
  [s(28), 'gazprom-transgaz-ukhta', 'Диагностика оборудования', 15, 2019],
  [s(29), s(23), 'Питание вахтового персонала', 8, 2020],
  [s(29), s(24), 'Питание вахтового персонала', 12, 2019],
  [s(30), 'lukoil-komi', 'Рекультивация нефтезагрязнённых земель', 40, 2018],
  [s(30), 'transneft-sever', 'Ликвидация разливов нефти', 25, 2020],
  [s(31), 'lukoil-komi', 'Утилизация буровых шламов', 30, 2019],
  [s(31), s(24), 'Обращение с опасными отходами', 10, 2021],
  [s(32), 'lukoil-komi', 'Геофизические исследования скважин', 150, 2015],
  [s(33), 'lukoil-ukhta-refinery', 'Инжиниринговые услуги', 30, 2019],
  [s(33), s(32), 'Инжиниринговые услуги', 12, 2021],
  [s(37), 'lukoil-komi', 'Обустройство месторождений', 200, 2016],
  [s(37), 'gazprom-transgaz-ukhta', 'Строительство трубопроводов', 90, 2018],
  [s(38), 'lukoil-ukhta-refinery', 'Лабораторные испытания нефти и газа', 6, 2020],
  [s(38), 'sosnogorsk-gpz', 'Лабораторные испытания нефти и газа', 4, 2021],
  [s(39), s(35), 'Перевозка грузов автотранспортом', 4, 2022],
  ['lukoil-ukhta-refinery', s(35), 'Дизельное топливо', 400, 2015],
  [s(35), s(36), 'Дизельное топливо (оптовая поставка)', 60, 2018],
];

const linkRows: string[] = ['supplier,buyer,product,okved,volume_mln_rub,since,synthetic'];
const keys = new Set<string>();
for (const [sup, buy, product, vol, since] of links) {
  const a = byId.get(sup);
  const b = byId.get(buy);
  if (!a || !b) throw new Error(`unknown endpoint ${sup} -> ${buy}`);
  if (sup === buy) throw new Error('self link');
  if (a.real && b.real) throw new Error(`invented link between two real organisations ${sup} -> ${buy}`);
  const k = `${sup}|${buy}|${product}`;
  if (keys.has(k)) throw new Error('duplicate ' + k);
  keys.add(k);
  linkRows.push([sup, buy, product, a.okved.split(';')[0], vol, since, 'true'].map(cell).join(','));
}

const clusterRows = [
  'id,name,kind,status,chain,regions,synthetic',
  ...clusters.map((c) => [c.id, c.name, c.kind, c.status, c.chain, c.regions, c.synthetic].map(cell).join(',')),
];

writeFileSync(join(here, 'organisations.json'), JSON.stringify(organisations, null, 2) + '\n');
writeFileSync(join(here, 'clusters.csv'), clusterRows.join('\n') + '\n');
writeFileSync(join(here, 'enterprises.csv'), entRows.join('\n') + '\n');
writeFileSync(join(here, 'links.csv'), linkRows.join('\n') + '\n');

// report cluster figures (functional dependence over members with figures)
for (const c of clusters) {
  const members = [...byId.values()].filter((e) => e.cluster === c.id);
  const ids = new Set(members.map((e) => e.id));
  const rev = members.reduce((acc, e) => acc + (e.rev ?? 0), 0);
  let intra = 0;
  const touched = new Set<string>();
  for (const [sup, buy, , vol] of links) {
    if (ids.has(sup) && ids.has(buy)) {
      intra += vol;
      touched.add(sup);
      touched.add(buy);
    }
  }
  console.log(
    `${c.id}: ${members.length} members, intra volume ${intra}, synthetic revenue ${rev}, FD ${(intra / rev).toFixed(3)}, without contract: ${
      members
        .filter((m) => !touched.has(m.id))
        .map((m) => m.id)
        .join(' ') || '-'
    }`,
  );
}
console.log(`enterprises ${entRows.length - 1}, links ${linkRows.length - 1}`);
