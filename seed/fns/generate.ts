// Synthetic FNS open-data ZIPs in the exact layout of the real ones (../../README.md, "Real
// enterprises"): the SME register (`РЕЕСТРМСП`, versions 4.01–4.06) and its companions for the
// same organisations, revenue/expenses (`ОТКРДАННЫЕ5`) and headcount (`ОТКРДАННЫЕ3`). Deterministic
// by seed; streamed part by part, so a register of any size is written without holding it.
// Every firm and person is fictional; INNs and OGRNs carry valid check digits.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import zlib from 'node:zlib';
import { Zip, ZipDeflate, type ZipInputFile } from 'fflate';
import iconv from 'iconv-lite';
import { completeInn } from '../../core/reference.js';
import { createRng, gauss, pick, randInt } from '../generate/rng.js';
import { loadReference } from '../../server/reference.js';

export type RegisterVersion = '4.01' | '4.04' | '4.05' | '4.06';
export type PartEncoding = 'utf-8' | 'windows-1251';

// The model of one register document: what the XML says, field by field. Optional fields are
// left out of the XML when null or undefined.
// ---------------------------------------------------------------------------------------------

export interface OkvedEntry {
  code: string;
  name: string;
  /** `ВерсОКВЭД`; null leaves the attribute out. */
  version: '2014' | '2001' | null;
}

export interface RegisterSubject {
  docId: string;
  /** `ДД.ММ.ГГГГ`; defaults to the part's state date. */
  stateDate?: string;
  enteredAt: string;
  kind: 1 | 2 | 3;
  category: 1 | 2 | 3;
  isNew: 1 | 2;
  social: 1 | 2;
  headcount: number | null;
  inn: string;
  ogrn: string;
  org: { name: string; short: string } | null;
  fio: { surname: string; name: string; patronymic: string | null } | null;
  region: string;
  regionPlace: { type: string; name: string } | null;
  locality: { element: 'Город' | 'НаселПункт'; type: string; name: string } | null;
  okvedMain: OkvedEntry | null;
  okvedExtra: OkvedEntry[];
  licences: { series: string; number: string; date: string; activity: string }[];
  products: { code: string; name: string; innovative: boolean }[];
  programmes: { customerInn: string; customerName: string; number: string; date: string }[];
  /** 4.01 only: 44-FZ (`СвКонтр`) and 223-FZ (`СвДог`) contracts. */
  contracts: {
    law: 44 | 223;
    customerInn: string;
    customerName: string;
    subject: string;
    number: string;
    date: string;
  }[];
}

export interface CompanionDoc {
  docId: string;
  inn: string;
  name: string;
  /** Roubles; revexp only. */
  income?: number;
  expenses?: number;
  /** Headcount only. */
  headcount?: number;
}

// XML -----------------------------------------------------------------------------------------

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]);

function attrs(pairs: [string, string | number | null | undefined][]): string {
  let s = '';
  for (const [k, v] of pairs) if (v !== null && v !== undefined) s += ` ${k}="${escapeXml(String(v))}"`;
  return s;
}

const okvedXml = (tag: string, o: OkvedEntry) =>
  `<${tag}${attrs([
    ['КодОКВЭД', o.code],
    ['НаимОКВЭД', o.name],
    ['ВерсОКВЭД', o.version],
  ])}/>`;

/** One `Документ` of the register as the given version writes it. */
export function registerDocumentXml(s: RegisterSubject, version: RegisterVersion, stateDate: string): string {
  const v401 = version === '4.01';
  const v406 = version === '4.06';
  let x = `<Документ${attrs([
    ['ИдДок', s.docId],
    ['ДатаСост', s.stateDate ?? stateDate],
    ['ДатаВклМСП', s.enteredAt],
    ['ВидСубМСП', s.kind],
    ['КатСубМСП', s.category],
    ['ПризНовМСП', s.isNew],
    ['СведСоцПред', v401 ? null : s.social],
    ['ССЧР', v401 || v406 ? null : s.headcount],
  ])}>`;
  if (s.org)
    x += `<ОргВклМСП${attrs([
      ['НаимОрг', s.org.name],
      ['НаимОргСокр', s.org.short],
      ['ИННЮЛ', s.inn],
      ['ОГРН', v401 ? null : s.ogrn],
    ])}/>`;
  else {
    x += `<ИПВклМСП${attrs([
      ['ИННФЛ', s.inn],
      ['ОГРНИП', v401 ? null : s.ogrn],
    ])}>`;
    if (s.fio)
      x += `<ФИОИП${attrs([
        ['Фамилия', s.fio.surname],
        ['Имя', s.fio.name],
        ['Отчество', s.fio.patronymic],
      ])}/>`;
    x += '</ИПВклМСП>';
  }
  x += `<СведМН${attrs([['КодРегион', s.region]])}>`;
  if (s.regionPlace)
    x += `<Регион${attrs([
      ['Тип', s.regionPlace.type],
      ['Наим', s.regionPlace.name],
    ])}/>`;
  if (s.locality)
    x += `<${s.locality.element}${attrs([
      ['Тип', s.locality.type],
      ['Наим', s.locality.name],
    ])}/>`;
  x += '</СведМН>';
  if (s.okvedMain || s.okvedExtra.length > 0) {
    x += '<СвОКВЭД>';
    if (s.okvedMain) x += okvedXml('СвОКВЭДОсн', s.okvedMain);
    for (const o of s.okvedExtra) x += okvedXml('СвОКВЭДДоп', o);
    x += '</СвОКВЭД>';
  }
  for (const l of s.licences)
    x += `<СвЛиценз${attrs([
      ['СерЛиценз', l.series],
      ['НомЛиценз', l.number],
      ['ДатаЛиценз', l.date],
    ])}><НаимЛицВД>${escapeXml(l.activity)}</НаимЛицВД></СвЛиценз>`;
  for (const p of s.products)
    x += `<СвПрод${attrs([
      ['КодПрод', p.code],
      ['НаимПрод', p.name],
      ['ПрОтнПрод', p.innovative ? 1 : 2],
    ])}/>`;
  for (const p of s.programmes)
    x += `<СвПрогПарт${attrs([
      ['НаимЮЛ_ПП', p.customerName],
      ['ИННЮЛ_ПП', p.customerInn],
      ['НомДог', p.number],
      ['ДатаДог', p.date],
    ])}/>`;
  if (v401)
    for (const c of s.contracts)
      x +=
        c.law === 44
          ? `<СвКонтр${attrs([
              ['НаимЮЛ_ЗК', c.customerName],
              ['ИННЮЛ_ЗК', c.customerInn],
              ['ПредмКонтр', c.subject],
              ['НомКонтрРеестр', c.number],
              ['ДатаКонтр', c.date],
            ])}/>`
          : `<СвДог${attrs([
              ['НаимЮЛ_ЗД', c.customerName],
              ['ИННЮЛ_ЗД', c.customerInn],
              ['ПредмДог', c.subject],
              ['НомДогРеестр', c.number],
              ['ДатаДог', c.date],
            ])}/>`;
  if (v406 && s.headcount !== null) x += `<ССЧР${attrs([['ВеличССЧР', s.headcount]])}/>`;
  return x + '</Документ>';
}

export type CompanionKind = 'revexp' | 'headcount';

export function companionDocumentXml(d: CompanionDoc, kind: CompanionKind, year: number, docDate: string): string {
  let x = `<Документ${attrs([
    ['ИдДок', d.docId],
    ['ДатаДок', docDate],
    ['ДатаСост', `31.12.${year}`],
  ])}><СведНП${attrs([
    ['НаимОрг', d.name],
    ['ИННЮЛ', d.inn],
  ])}/>`;
  if (kind === 'revexp')
    x += `<СведДохРасх${attrs([
      ['СумДоход', d.income?.toFixed(2)],
      ['СумРасход', d.expenses?.toFixed(2)],
    ])}/>`;
  else x += `<СведССЧР${attrs([['КолРаб', d.headcount]])}/>`;
  return x + '</Документ>';
}

export const INFO_TYPE = { register: 'РЕЕСТРМСП', revexp: 'ОТКРДАННЫЕ5', headcount: 'ОТКРДАННЫЕ3' } as const;
const PART_PREFIX = {
  register: 'VO_RRMSPSV_0000_9965',
  revexp: 'VO_OTKRDAN5_9965_9965',
  headcount: 'VO_OTKRDAN3_9965_9965',
} as const;

/** A part's file name: `VO_RRMSPSV_0000_9965_YYYYMMDD_<GUID>.xml` and the companions' likewise. */
export function partName(kind: keyof typeof INFO_TYPE, date: string, guid: string): string {
  const [d, m, y] = date.split('.');
  return `${PART_PREFIX[kind]}_${y}${m}${d}_${guid}.xml`;
}

/** A whole part: the declaration, `Файл` with its head, the documents, all on one line. */
export function partXml(opts: {
  kind: keyof typeof INFO_TYPE;
  name: string;
  version: string;
  declaredDocuments: number | null;
  documents: string[];
  encoding?: PartEncoding;
}): string {
  const enc = opts.encoding === 'windows-1251' ? 'windows-1251' : 'UTF-8';
  return (
    `<?xml version="1.0" encoding="${enc}"?>` +
    `<Файл${attrs([
      ['ИдФайл', opts.name.replace(/\.xml$/i, '')],
      ['ВерсФорм', opts.version],
      ['ТипИнф', INFO_TYPE[opts.kind]],
      ['КолДок', opts.declaredDocuments],
    ])}><ИдОтпр><ФИООтв Фамилия="-" Имя="-"/></ИдОтпр>` +
    opts.documents.join('') +
    '</Файл>'
  );
}

export function encodePart(xml: string, encoding: PartEncoding = 'utf-8'): Uint8Array {
  return encoding === 'windows-1251' ? iconv.encode(xml, 'win1251') : new TextEncoder().encode(xml);
}

// Streaming ZIP writer ------------------------------------------------------------------------

/** Writes a ZIP member by member (fflate's streaming container), waiting on the file's backpressure. */
export class ZipWriter {
  private readonly out: WriteStream;
  private readonly zip: Zip;
  private error: Error | null = null;
  private done: Promise<void>;
  bytes = 0;

  constructor(
    path: string,
    private readonly level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 6,
    /** Modification time of every member: fixed, so the same input writes the same bytes. */
    private readonly mtime = new Date(Date.UTC(2026, 1, 10)),
  ) {
    this.out = createWriteStream(path);
    this.out.on('error', (e) => (this.error = e));
    this.done = once(this.out, 'finish').then(() => undefined);
    this.zip = new Zip((err, data, final) => {
      if (err) {
        this.error = err;
        return;
      }
      this.bytes += data.length;
      this.out.write(data);
      if (final) this.out.end();
    });
  }

  async add(name: string, data: Uint8Array): Promise<void> {
    if (this.error) throw this.error;
    if (typeof zlib.crc32 === 'function') {
      // Native deflate (about four times fflate's speed), handed to fflate's container as a ready member.
      const file: ZipInputFile = {
        filename: name,
        size: data.length,
        crc: zlib.crc32(data),
        compression: 8,
        mtime: this.mtime,
      };
      this.zip.add(file);
      file.ondata!(null, zlib.deflateRawSync(data, { level: this.level }), true);
    } else {
      const f = new ZipDeflate(name, { level: this.level });
      f.mtime = this.mtime;
      this.zip.add(f);
      f.push(data, true);
    }
    if (this.out.writableNeedDrain) await once(this.out, 'drain');
    if (this.error) throw this.error;
  }

  async close(): Promise<void> {
    this.zip.end();
    await this.done;
    if (this.error) throw this.error;
  }
}

// Identifiers ---------------------------------------------------------------------------------

/** OGRN (13 digits, check = first 12 mod 11 mod 10) or OGRNIP (15, first 14 mod 13 mod 10). */
export function completeOgrn(body: string): string {
  const mod = body.length === 12 ? 11 : body.length === 14 ? 13 : 0;
  if (!mod || !/^\d+$/.test(body)) throw new Error(`an OGRN body has 12 or 14 digits, got "${body}"`);
  let r = 0;
  for (const ch of body) r = (r * 10 + Number(ch)) % mod;
  return body + String(r % 10);
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/**
 * A unique INN for the i-th subject: region prefix, tax office and serial encode i (scrambled),
 * so no two subjects of one generation share an INN. Office 89 is kept for the large customers,
 * 90–99 for the hand-made seeds (seed/komi).
 */
export function subjectInn(region: string, i: number, individual: boolean, salt: number): string {
  const block = individual ? 1_000_000 : 100_000;
  const office = 1 + Math.floor(i / block);
  if (office > 88) throw new Error('the generator numbers at most 88 blocks of subjects');
  const serial = ((i % block) * 7919 + salt) % block;
  return completeInn(region + pad(office, 2) + pad(serial, individual ? 6 : 5));
}

export function guid(rand: () => number): string {
  let h = '';
  for (let i = 0; i < 32; i++) h += '0123456789abcdef'[randInt(rand, 16)];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[randInt(rand, 4)]}${h.slice(17, 20)}-${h.slice(20)}`;
}

// Reference pools -----------------------------------------------------------------------------

interface RegionRef {
  code: string;
  name: string;
  center: string;
}
const REFERENCE = loadReference();
const REGIONS: RegionRef[] = REFERENCE.regions;
const OKVED_NAMES = new Map(REFERENCE.okved.map((o) => [o.code, o.name]));

/** Frequent OKVED2 codes of small firms outside the chains (names as in the classifier, abridged). */
const COMMON_OKVED: [string, string][] = [
  ['47.11', 'Торговля розничная преимущественно пищевыми продуктами в неспециализированных магазинах'],
  ['47.19', 'Торговля розничная прочая в неспециализированных магазинах'],
  ['47.71', 'Торговля розничная одеждой в специализированных магазинах'],
  ['47.91', 'Торговля розничная по почте или по информационно-коммуникационной сети Интернет'],
  ['46.90', 'Торговля оптовая неспециализированная'],
  ['46.19', 'Деятельность агентов по оптовой торговле универсальным ассортиментом товаров'],
  ['45.20', 'Техническое обслуживание и ремонт автотранспортных средств'],
  ['49.32', 'Деятельность легкового такси и арендованных легковых автомобилей с водителем'],
  ['49.41', 'Деятельность автомобильного грузового транспорта'],
  ['52.29', 'Деятельность вспомогательная прочая, связанная с перевозками'],
  ['41.20', 'Строительство жилых и нежилых зданий'],
  ['43.21', 'Производство электромонтажных работ'],
  ['43.31', 'Производство штукатурных работ'],
  ['43.39', 'Производство прочих отделочных и завершающих работ'],
  ['56.10', 'Деятельность ресторанов и услуги по доставке продуктов питания'],
  ['62.01', 'Разработка компьютерного программного обеспечения'],
  ['63.11', 'Деятельность по обработке данных, предоставление услуг по размещению информации'],
  ['68.20', 'Аренда и управление собственным или арендованным недвижимым имуществом'],
  ['69.10', 'Деятельность в области права'],
  ['69.20', 'Деятельность по оказанию услуг в области бухгалтерского учета'],
  ['70.22', 'Консультирование по вопросам коммерческой деятельности и управления'],
  ['73.11', 'Деятельность рекламных агентств'],
  ['74.20', 'Деятельность в области фотографии'],
  ['77.11', 'Аренда и лизинг легковых автомобилей и легких автотранспортных средств'],
  ['81.21', 'Деятельность по общей уборке зданий'],
  ['85.41', 'Образование дополнительное детей и взрослых'],
  ['86.23', 'Стоматологическая практика'],
  ['93.13', 'Деятельность фитнес-центров'],
  ['95.11', 'Ремонт компьютеров и периферийного компьютерного оборудования'],
  ['96.02', 'Предоставление услуг парикмахерскими и салонами красоты'],
  ['01.11', 'Выращивание зерновых культур'],
  ['01.41', 'Разведение молочного крупного рогатого скота, производство сырого молока'],
  ['01.47', 'Разведение сельскохозяйственной птицы'],
  ['10.71', 'Производство хлеба и мучных кондитерских изделий'],
  ['25.62', 'Обработка металлических изделий механическая'],
];

interface StagePool {
  chain: string;
  codes: [string, string][];
  neighbours: number[];
}

function stagePools(): StagePool[] {
  const pools: StagePool[] = [];
  const byId = new Map<string, number>();
  const chains = REFERENCE.chains;
  for (const c of chains)
    for (const s of c.stages) {
      byId.set(s.id, pools.length);
      pools.push({
        chain: c.id,
        codes: s.okved.map((code) => [code, OKVED_NAMES.get(code) ?? `Деятельность по коду ОКВЭД2 ${code}`]),
        neighbours: [],
      });
    }
  let i = 0;
  for (const c of chains)
    for (const s of c.stages) {
      const own = pools[i++];
      for (const f of s.feeds) {
        const j = byId.get(f);
        if (j !== undefined) {
          own.neighbours.push(j);
          pools[j].neighbours.push(i - 1);
        }
      }
    }
  return pools;
}

const SURNAMES = [
  'ИВАНОВ',
  'СМИРНОВ',
  'КУЗНЕЦОВ',
  'ПОПОВ',
  'ВАСИЛЬЕВ',
  'ПЕТРОВ',
  'СОКОЛОВ',
  'МИХАЙЛОВ',
  'НОВИКОВ',
  'ФЁДОРОВ',
  'МОРОЗОВ',
  'ВОЛКОВ',
  'АЛЕКСЕЕВ',
  'ЛЕБЕДЕВ',
  'СЕМЁНОВ',
  'ЕГОРОВ',
  'ПАВЛОВ',
  'КОЗЛОВ',
  'СТЕПАНОВ',
  'НИКОЛАЕВ',
  'ОРЛОВ',
  'АНДРЕЕВ',
  'МАКАРОВ',
  'НИКИТИН',
  'ЗАХАРОВ',
  'ЗАЙЦЕВ',
  'СОЛОВЬЁВ',
  'БОРИСОВ',
  'ЯКОВЛЕВ',
  'ГРИГОРЬЕВ',
  'РОМАНОВ',
  'ВОРОБЬЁВ',
  'СЕРГЕЕВ',
  'КАНЕВ',
  'ПОПОВЦЕВ',
  'ТУРЬЕВ',
  'ЛЫЮРОВ',
  'ШАХОВ',
  'ЧУПРОВ',
  'ИСТОМИН',
];
const NAMES_M = ['АЛЕКСАНДР', 'СЕРГЕЙ', 'ДМИТРИЙ', 'АНДРЕЙ', 'АЛЕКСЕЙ', 'ПЁТР', 'ИВАН', 'НИКОЛАЙ', 'ВЛАДИМИР', 'ЮРИЙ'];
const NAMES_F = ['ЕЛЕНА', 'ОЛЬГА', 'НАТАЛЬЯ', 'ТАТЬЯНА', 'ИРИНА', 'СВЕТЛАНА', 'МАРИЯ', 'АННА', 'ГАЛИНА', 'ЛЮДМИЛА'];
const PATRONYMICS_M = [
  'АЛЕКСАНДРОВИЧ',
  'СЕРГЕЕВИЧ',
  'ДМИТРИЕВИЧ',
  'АНДРЕЕВИЧ',
  'НИКОЛАЕВИЧ',
  'ИВАНОВИЧ',
  'ПЕТРОВИЧ',
  'ЮРЬЕВИЧ',
];
const PATRONYMICS_F = [
  'АЛЕКСАНДРОВНА',
  'СЕРГЕЕВНА',
  'ДМИТРИЕВНА',
  'АНДРЕЕВНА',
  'НИКОЛАЕВНА',
  'ИВАНОВНА',
  'ПЕТРОВНА',
  'ЮРЬЕВНА',
];
const WORDS = [
  'СЕВЕР',
  'ВЕКТОР',
  'ГАРАНТ',
  'ПРОГРЕСС',
  'СТАНДАРТ',
  'ТЕХНО',
  'ЭТАЛОН',
  'ЛЕСПРОМ',
  'СТРОЙ',
  'ТРАНС',
  'СЕРВИС',
  'ИНВЕСТ',
  'РЕСУРС',
  'АЛЬЯНС',
  'ПАРТНЁР',
  'МАСТЕР',
  'ДОМ',
  'ЛЕС',
  'НЕФТЕ',
  'ГАЗ',
  'МОНТАЖ',
  'ТОРГ',
  'ПРОФ',
  'ЭКО',
  'ВЫЧЕГДА',
  'ПЕЧОРА',
  'ЮГРА',
  'УРАЛ',
  'БАЙКАЛ',
  'ОКА',
];
const VILLAGES = ['ЗАРЕЧНЫЙ', 'СОСНОВКА', 'БЕРЁЗОВКА', 'ЛЕСНОЙ', 'ЯСНЫЙ', 'ПОДГОРНЫЙ', 'НОВОСЁЛКИ', 'ВЫЛЬГОРТ'];
const CONTRACT_SUBJECTS = [
  'Поставка пиломатериалов',
  'Оказание транспортных услуг',
  'Ремонт оборудования',
  'Поставка запасных частей',
  'Выполнение строительно-монтажных работ',
];

function regionPlace(r: RegionRef): { type: string; name: string } {
  const n = r.name.replace(/\s*\(.*\)\s*/, '').trim();
  const up = (s: string) => s.toUpperCase();
  if (/^Республика /.test(n)) return { type: 'РЕСПУБЛИКА', name: up(n.slice('Республика '.length)) };
  if (/ Республика$/.test(n)) return { type: 'РЕСПУБЛИКА', name: up(n.slice(0, -' Республика'.length)) };
  if (/ край$/.test(n)) return { type: 'КРАЙ', name: up(n.slice(0, -' край'.length)) };
  if (/ автономный округ/.test(n)) return { type: 'АВТОНОМНЫЙ ОКРУГ', name: up(n.replace(/ автономный округ.*$/, '')) };
  if (/ автономная область$/.test(n))
    return { type: 'АВТОНОМНАЯ ОБЛАСТЬ', name: up(n.replace(/ автономная область$/, '')) };
  if (/ область$/.test(n)) return { type: 'ОБЛАСТЬ', name: up(n.slice(0, -' область'.length)) };
  return { type: 'ГОРОД', name: up(n) };
}

// The register ---------------------------------------------------------------------------------

export interface RegisterOptions {
  /** Number of documents (subjects). */
  documents: number;
  seed?: number;
  version?: RegisterVersion;
  /** FNS region codes (seed/reference/regions.json); all by default. */
  regions?: string[];
  /** State date `YYYY-MM-DD` (the 10th of a month); default 2026-02-10. */
  stateDate?: string;
  /** Documents per part; default 900. */
  perPart?: number;
  encoding?: PartEncoding;
  /** Deflate level; default 6. */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  /** Called after each part is written. */
  onPart?: (done: { parts: number; documents: number }) => void;
}

/** The large customers whose SME programmes (or contracts, in 4.01) the generated subjects join. */
export function largeCustomers(seed = 1): { inn: string; name: string }[] {
  const rand = createRng(seed, 77);
  const names = [
    'ПАО "СЕВЕРНАЯ ЛЕСНАЯ КОМПАНИЯ"',
    'АО "ПЕЧОРСКАЯ НЕФТЕГАЗОВАЯ КОМПАНИЯ"',
    'ПАО "ЮГОРСКИЙ ТРУБНЫЙ ЗАВОД"',
    'АО "ВЫЧЕГОДСКИЙ ЦЕЛЛЮЛОЗНО-БУМАЖНЫЙ КОМБИНАТ"',
    'ПАО "УРАЛЬСКАЯ ЭНЕРГОСЕТЬ"',
    'АО "ОБСКАЯ ГАЗОВАЯ ХИМИЯ"',
  ];
  const regions = ['77', '78', '11', '86', '89', '66'];
  return names.map((name, i) => ({
    name,
    inn: completeInn(regions[i] + '89' + pad(10_000 + randInt(rand, 89_999), 5)),
  }));
}

interface Plan {
  version: RegisterVersion;
  stateDate: string; // ДД.ММ.ГГГГ
  year: number;
  regions: RegionRef[];
  counts: number[];
}

function plan(opts: RegisterOptions): Plan {
  const version = opts.version ?? '4.05';
  const iso = opts.stateDate ?? '2026-02-10';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`stateDate is YYYY-MM-DD, got "${iso}"`);
  const codes = opts.regions ?? REGIONS.map((r) => r.code);
  const regions = codes.map((c) => {
    const r = REGIONS.find((x) => x.code === c);
    if (!r) throw new Error(`unknown FNS region code ${c}`);
    return r;
  });
  if (!Number.isInteger(opts.documents) || opts.documents < 0) throw new Error('documents: a whole number ≥ 0');
  if (opts.documents > 8_000_000) throw new Error('documents: at most 8,000,000');
  // Split the documents over the regions by fixed weights (deterministic by seed).
  const rand = createRng(opts.seed ?? 1, 1);
  const w = regions.map(() => 0.3 + rand());
  const sum = w.reduce((a, b) => a + b, 0);
  const counts = w.map((x) => Math.floor((opts.documents * x) / sum));
  let left = opts.documents - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % counts.length, left--) counts[i]++;
  const [y, m, d] = iso.split('-');
  return { version, stateDate: `${d}.${m}.${y}`, year: Number(y), regions, counts };
}

/** `ДД.ММ.ГГГГ` → a Date at noon UTC (a ZIP member's time). */
function isoToDate(ru: string): Date {
  const [d, m, y] = ru.split('.').map(Number);
  return new Date(Date.UTC(y, m - 1, d, 12));
}

function ruDate(y: number, m: number, d: number): string {
  return `${pad(d, 2)}.${pad(m, 2)}.${y}`;
}

/**
 * The subjects of a register in the order of its parts (grouped by the INN's region prefix).
 * Deterministic: the same options give the same subjects, so the companions can be generated
 * for the register's organisations by walking it again.
 */
export function* registerSubjects(opts: RegisterOptions): Generator<RegisterSubject> {
  const p = plan(opts);
  const seed = opts.seed ?? 1;
  const rand = createRng(seed, 2);
  const pools = stagePools();
  const customers = largeCustomers(seed);
  const salt = 1 + (seed % 997);
  const v401 = p.version === '4.01';
  let i = 0;
  for (let r = 0; r < p.regions.length; r++) {
    const home = p.regions[r];
    for (let k = 0; k < p.counts[r]; k++, i++) {
      const u = rand();
      const kind: 1 | 2 | 3 = u < 0.76 ? 2 : u < 0.77 ? 3 : 1;
      const c = rand();
      const category: 1 | 2 | 3 = c < 0.98 ? 1 : c < 0.997 ? 2 : 3;
      const individual = kind !== 1;
      const inn = subjectInn(home.code, i, individual, salt);
      // 6–12 % of the real documents are located outside the region of their INN prefix.
      const located = rand() < 0.09 ? pick(rand, p.regions.length > 1 ? p.regions : REGIONS) : home;
      const regYear = 2002 + randInt(rand, Math.max(1, p.year - 2002));
      const ogrn = individual
        ? completeOgrn(`3${pad(regYear % 100, 2)}${home.code}${pad(randInt(rand, 1e9), 9)}`)
        : completeOgrn(`1${pad(regYear % 100, 2)}${home.code}${pad(randInt(rand, 1e7), 7)}`);
      const initial = rand() < 0.4;
      const enteredYear = initial ? 2016 : 2016 + randInt(rand, Math.max(1, p.year - 2016 + 1));
      const enteredAt = initial
        ? '01.08.2016'
        : ruDate(enteredYear, enteredYear === 2016 ? 8 + randInt(rand, 5) : 1 + randInt(rand, 12), 10);
      const headcount =
        category === 1
          ? individual && rand() < 0.6
            ? 0
            : 1 + randInt(rand, 15)
          : category === 2
            ? 16 + randInt(rand, 85)
            : 101 + randInt(rand, 150);

      // OKVED: 30 % of the subjects have a chain stage as their main activity; extra codes come
      // from that stage's neighbours and from the frequent codes. Median about 4 extra codes.
      let stage = -1;
      let main: [string, string];
      if (rand() < 0.3) {
        stage = randInt(rand, pools.length);
        main = pick(rand, pools[stage].codes);
      } else main = pick(rand, COMMON_OKVED);
      const nExtra =
        rand() < 0.12 ? 0 : Math.min(60, Math.max(1, Math.round(Math.exp(Math.log(4.5) + 0.8 * gauss(rand)))));
      const extra: OkvedEntry[] = [];
      const seen = new Set([main[0]]);
      for (let e = 0, tries = 0; e < nExtra && tries < nExtra * 4; tries++) {
        let o: [string, string];
        if (stage >= 0 && rand() < 0.5) {
          const nb = pools[stage].neighbours;
          o = pick(rand, pools[nb.length > 0 && rand() < 0.7 ? pick(rand, nb) : stage].codes);
        } else if (rand() < 0.15) o = pick(rand, pick(rand, pools).codes);
        else o = pick(rand, COMMON_OKVED);
        if (seen.has(o[0])) continue;
        seen.add(o[0]);
        extra.push({ code: o[0], name: o[1], version: '2014' });
        e++;
      }

      let org: RegisterSubject['org'] = null;
      let fio: RegisterSubject['fio'] = null;
      if (individual) {
        const female = rand() < 0.4;
        const sur = pick(rand, SURNAMES);
        fio = {
          surname: female && /(ОВ|ЁВ|ЕВ|ИН)$/.test(sur) ? sur + 'А' : sur,
          name: pick(rand, female ? NAMES_F : NAMES_M),
          patronymic: rand() < 0.05 ? null : pick(rand, female ? PATRONYMICS_F : PATRONYMICS_M),
        };
      } else {
        const word = `${pick(rand, WORDS)}${pick(rand, WORDS)}${rand() < 0.3 ? `-${1 + randInt(rand, 99)}` : ''}`;
        org = { name: `ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "${word}"`, short: `ООО "${word}"` };
      }
      const inCentre = rand() < 0.6;
      const locality: RegisterSubject['locality'] = inCentre
        ? { element: 'Город', type: 'ГОРОД', name: located.center.toUpperCase() }
        : { element: 'НаселПункт', type: rand() < 0.5 ? 'СЕЛО' : 'ПОСЕЛОК', name: pick(rand, VILLAGES) };

      const products: RegisterSubject['products'] =
        rand() < 0.001 ? [{ code: `${main[0]}.11.000`.slice(0, 12), name: main[1], innovative: rand() < 0.1 }] : [];
      const licences: RegisterSubject['licences'] =
        rand() < 0.04
          ? [
              {
                series: '',
                number: `Л0${pad(randInt(rand, 1e6), 6)}`,
                date: ruDate(2010 + randInt(rand, 10), 1 + randInt(rand, 12), 1 + randInt(rand, 28)),
                activity: 'Деятельность по перевозкам пассажиров и иных лиц автобусами',
              },
            ]
          : [];
      const programmes: RegisterSubject['programmes'] = [];
      const contracts: RegisterSubject['contracts'] = [];
      const tieP = kind === 1 ? 0.03 : 0.002;
      if (!v401 && rand() < tieP) {
        const cu = pick(rand, customers);
        programmes.push({
          customerInn: cu.inn,
          customerName: cu.name,
          number: `ПП-${p.year - 1 - randInt(rand, 3)}/${1 + randInt(rand, 999)}`,
          date: ruDate(p.year - 1 - randInt(rand, 3), 1 + randInt(rand, 12), 1 + randInt(rand, 28)),
        });
      }
      if (v401 && rand() < tieP) {
        const cu = pick(rand, customers);
        const law = rand() < 0.5 ? 44 : 223;
        contracts.push({
          law,
          customerInn: cu.inn,
          customerName: cu.name,
          subject: pick(rand, CONTRACT_SUBJECTS),
          number: pad(randInt(rand, 1e9), 19),
          date: ruDate(p.year - 1, 1 + randInt(rand, 12), 1 + randInt(rand, 28)),
        });
      }
      yield {
        docId: guid(rand),
        enteredAt,
        kind,
        category,
        isNew: rand() < 0.1 ? 1 : 2,
        social: rand() < 0.005 ? 1 : 2,
        headcount: rand() < 0.15 ? null : headcount,
        inn,
        ogrn,
        org,
        fio,
        region: located.code,
        regionPlace: regionPlace(located),
        locality,
        okvedMain: { code: main[0], name: main[1], version: '2014' },
        okvedExtra: extra,
        licences,
        products,
        programmes,
        contracts,
      };
    }
  }
}

export interface WrittenArchive {
  file: string;
  parts: number;
  documents: number;
  organisations: number;
  soleTraders: number;
  farms: number;
  bytes: number;
  stateDate: string;
  version: string;
}

/** Writes a register ZIP: parts of `perPart` documents (not crossing an INN-prefix group), one line each. */
export async function writeRegisterZip(file: string, opts: RegisterOptions): Promise<WrittenArchive> {
  const p = plan(opts);
  const perPart = opts.perPart ?? 900;
  const names = createRng(opts.seed ?? 1, 3);
  const zip = new ZipWriter(file, opts.level ?? 6, isoToDate(p.stateDate));
  const counts = { parts: 0, documents: 0, organisations: 0, soleTraders: 0, farms: 0 };
  let docs: string[] = [];
  let prefix = '';
  const flush = async () => {
    if (docs.length === 0) return;
    const name = partName('register', p.stateDate, guid(names));
    const xml = partXml({
      kind: 'register',
      name,
      version: p.version,
      declaredDocuments: docs.length,
      documents: docs,
      encoding: opts.encoding,
    });
    docs = [];
    await zip.add(name, encodePart(xml, opts.encoding));
    counts.parts++;
    opts.onPart?.({ parts: counts.parts, documents: counts.documents });
  };
  for (const s of registerSubjects(opts)) {
    const pre = s.inn.slice(0, 2);
    if (docs.length >= perPart || (pre !== prefix && docs.length > 0)) await flush();
    prefix = pre;
    docs.push(registerDocumentXml(s, p.version, p.stateDate));
    counts.documents++;
    if (s.kind === 1) counts.organisations++;
    else if (s.kind === 2) counts.soleTraders++;
    else counts.farms++;
  }
  await flush();
  await zip.close();
  return { file, ...counts, bytes: zip.bytes, stateDate: p.stateDate, version: p.version };
}

/**
 * Writes a companion ZIP (revenue/expenses or headcount) for the organisations of the register
 * the same options generate, for the year before the register's state date.
 */
export async function writeCompanionZip(
  file: string,
  kind: CompanionKind,
  opts: RegisterOptions & { year?: number },
): Promise<WrittenArchive> {
  const p = plan(opts);
  const year = opts.year ?? p.year - 1;
  const perPart = opts.perPart ?? 900;
  const rand = createRng(opts.seed ?? 1, kind === 'revexp' ? 5 : 6);
  const docDate = ruDate(year + 1, 7, 25);
  const zip = new ZipWriter(file, opts.level ?? 6, isoToDate(docDate));
  let docs: string[] = [];
  let parts = 0;
  let documents = 0;
  const flush = async () => {
    if (docs.length === 0) return;
    const name = partName(kind, docDate, guid(rand));
    const xml = partXml({
      kind,
      name,
      version: '4.01',
      declaredDocuments: docs.length,
      documents: docs,
      encoding: opts.encoding,
    });
    docs = [];
    await zip.add(name, encodePart(xml, opts.encoding));
    parts++;
    opts.onPart?.({ parts, documents });
  };
  for (const s of registerSubjects(opts)) {
    if (s.kind !== 1 || !s.org) continue;
    const staff = s.headcount ?? 1 + randInt(rand, 10);
    const d: CompanionDoc = { docId: guid(rand), inn: s.inn, name: s.org.short };
    if (kind === 'revexp') {
      const income = Math.round(staff * (1 + rand() * 4) * 1e6 * 100 + randInt(rand, 100)) / 100;
      d.income = income;
      d.expenses = Math.round(income * (0.8 + rand() * 0.25) * 100) / 100;
    } else d.headcount = staff;
    docs.push(companionDocumentXml(d, kind, year, docDate));
    documents++;
    if (docs.length >= perPart) await flush();
  }
  await flush();
  await zip.close();
  return {
    file,
    parts,
    documents,
    organisations: documents,
    soleTraders: 0,
    farms: 0,
    bytes: zip.bytes,
    stateDate: `31.12.${year}`,
    version: '4.01',
  };
}
