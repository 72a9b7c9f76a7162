import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { zipSync } from 'fflate';
import { completeInn, innIsValid } from '../../core/reference.js';
import {
  FnsFormatError,
  isOkved2,
  openFnsArchive,
  type FnsReadItem,
  type ReadOptions,
  type ReaderLimits,
} from '../../server/register/read.js';
import { LIMIT_SETTINGS } from '../../server/register/zip.js';
import { refusalMessage, registerOptions } from '../../server/register/index.js';
import { loadSettings } from '../../server/config.js';
import type { FnsArchiveInfo, RegisterDocument, UnreadableDocument } from '../../server/register/types.js';
import {
  encodePart,
  partXml,
  registerDocumentXml,
  writeCompanionZip,
  writeRegisterZip,
} from '../../seed/fns/generate.js';
import { EDGE_CUSTOMER, EDGE_INN, subject, writeEdgeCases, type EdgeFiles } from '../fixtures/fns/edge-cases.js';

let dir: string;
let edge: EdgeFiles;
let counter = 0;
const file = (name: string) => join(dir, `${++counter}-${name}`);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'coopgraph-fns-'));
  edge = writeEdgeCases(dir);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function readAll(path: string, opts: ReadOptions = {}): Promise<{ info: FnsArchiveInfo; items: FnsReadItem[] }> {
  const archive = await openFnsArchive(path, opts);
  try {
    const items: FnsReadItem[] = [];
    for await (const item of archive.documents()) items.push(item);
    return { info: archive.info, items };
  } finally {
    await archive.close();
  }
}

const registerDocs = (items: FnsReadItem[]): RegisterDocument[] =>
  items.flatMap((i) => ('kind' in i && i.kind === 'register' ? [i.doc] : []));
const unreadable = (items: FnsReadItem[]): UnreadableDocument[] =>
  items.flatMap((i) => ('unreadable' in i ? [i.unreadable] : []));
const byInn = (docs: RegisterDocument[], inn: string) => {
  const found = docs.filter((d) => d.inn === inn);
  expect(found).toHaveLength(1);
  return found[0];
};

async function refusal(promise: Promise<unknown>): Promise<FnsFormatError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FnsFormatError);
  return error as FnsFormatError;
}

/** A register part holding the given documents' XML. */
function registerPart(docs: string[], opts: { name?: string; declared?: number | null; type?: string } = {}) {
  const name = opts.name ?? `VO_RRMSPSV_0000_9965_20260210_${String(++counter).padStart(8, '0')}.xml`;
  let xml = partXml({
    kind: 'register',
    name,
    version: '4.05',
    declaredDocuments: opts.declared ?? docs.length,
    documents: docs,
  });
  if (opts.type) xml = xml.replace('ТипИнф="РЕЕСТРМСП"', `ТипИнф="${opts.type}"`);
  return { name, bytes: encodePart(xml) };
}

const goodDoc = (inn: string) => registerDocumentXml(subject({ inn }), '4.05', '10.02.2026');
const validInn = (n: number) => completeInn(`11020${String(n).padStart(4, '0')}`);

describe('FNS reader: recognition from content', () => {
  it('reads the register: kind, parts, declared documents, state date and version from the content', async () => {
    const { info, items } = await readAll(edge.feb2026);
    expect(info).toMatchObject({
      kind: 'register',
      parts: 2,
      declaredDocuments: 6, // КолДок 5 + 1, though the parts hold 8 + 1
      stateDate: '2026-02-10',
      version: '4.05',
    });
    expect(info.totalBytes).toBeGreaterThan(10_000);
    expect(registerDocs(items)).toHaveLength(9);
    expect(unreadable(items)).toEqual([]);
  });

  it('recognises a companion by its ТипИнф whatever the file is called', async () => {
    const misleading = file('data-10022026-structure-10062025.zip');
    copyFileSync(edge.revexp, misleading);
    const revexp = await readAll(misleading);
    expect(revexp.info).toMatchObject({ kind: 'revexp', parts: 1, declaredDocuments: 2, stateDate: '2025-12-31' });
    const docs = revexp.items.map((i) => ('kind' in i && i.kind === 'revexp' ? i.doc : null));
    expect(docs[0]).toMatchObject({
      inn: EDGE_INN.org,
      year: 2025,
      income: 123456789.12,
      expenses: 100000000.5,
      name: 'ООО "ПРОБА"',
    });
    expect(docs[1]).toMatchObject({ inn: EDGE_INN.newOrg, year: 2025, income: 0, expenses: 1500.75 });
    expect(docs[0]!.place).toMatchObject({ index: 1, docId: expect.stringMatching(/^0{8}-/) });

    const headcount = await readAll(edge.headcount);
    expect(headcount.info.kind).toBe('headcount');
    const hc = headcount.items.map((i) => ('kind' in i && i.kind === 'headcount' ? i.doc : null));
    expect(hc.map((d) => [d?.inn, d?.headcount, d?.year])).toEqual([
      [EDGE_INN.org, 12, 2025],
      [EDGE_INN.newOrg, 3, 2025],
    ]);
  });

  it('reads generated companions for exactly the organisations of their register', async () => {
    const opts = { documents: 600, seed: 5, regions: ['11', '86'] };
    const reg = file('reg.zip');
    await writeRegisterZip(reg, opts);
    const orgs = new Set(
      registerDocs((await readAll(reg)).items)
        .filter((d) => d.subject === 'organisation')
        .map((d) => d.inn),
    );
    expect(orgs.size).toBeGreaterThan(50);
    for (const kind of ['revexp', 'headcount'] as const) {
      const path = file(`${kind}.zip`);
      await writeCompanionZip(path, kind, opts);
      const { info, items } = await readAll(path);
      expect(info.kind).toBe(kind);
      const inns = items.map((i) => ('kind' in i && i.kind !== 'register' ? i.doc.inn : null));
      expect(new Set(inns)).toEqual(orgs);
      for (const i of items) {
        if (!('kind' in i)) throw new Error('unreadable companion document');
        if (i.kind === 'revexp') expect(i.doc.income).toBeGreaterThan(0);
        if (i.kind === 'headcount') expect(i.doc.headcount).toBeGreaterThan(0);
      }
    }
  });

  it('finds parts anywhere inside the ZIP and skips other members', async () => {
    const part = registerPart([goodDoc(validInn(1))]);
    const path = file('nested.zip');
    writeFileSync(path, zipSync({ 'readme.txt': new TextEncoder().encode('hello'), [`a/b/${part.name}`]: part.bytes }));
    const { info, items } = await readAll(path);
    expect(info.parts).toBe(1);
    expect(registerDocs(items)[0].place.part).toBe(`a/b/${part.name}`);
  });

  it('refuses a file that is not a ZIP, naming it', async () => {
    const path = file('not-a-zip.zip');
    writeFileSync(path, 'ИНН;Наименование\n1101990010;ООО\n');
    const e = await refusal(openFnsArchive(path));
    expect(e.fnsCode).toBe('not-zip');
    expect(e.message).toContain('not-a-zip.zip');
  });

  it('refuses a ZIP without XML parts and one of another dataset', async () => {
    const empty = file('empty.zip');
    writeFileSync(empty, zipSync({ 'readme.txt': new TextEncoder().encode('hello') }));
    expect((await refusal(openFnsArchive(empty))).fnsCode).toBe('no-parts');

    const other = file('egrul.zip');
    const p = registerPart([goodDoc(validInn(2))], { type: 'ЕГРЮЛ_ОТКР_СВЕД' });
    writeFileSync(other, zipSync({ [p.name]: p.bytes }));
    const e = await refusal(openFnsArchive(other));
    expect(e.fnsCode).toBe('unknown-dataset');
    expect(e.message).toContain('ЕГРЮЛ_ОТКР_СВЕД');
    expect(e.message).toContain('egrul.zip');

    const html = file('html.zip');
    writeFileSync(html, zipSync({ 'page.xml': new TextEncoder().encode('<html><body>no</body></html>') }));
    expect((await refusal(openFnsArchive(html))).fnsCode).toBe('unknown-dataset');
  });
});

describe('FNS reader: the register edge cases', () => {
  let feb: RegisterDocument[];
  beforeAll(async () => {
    feb = registerDocs((await readAll(edge.feb2026)).items);
  });

  it('reads an organisation field by field', () => {
    const d = byInn(feb, EDGE_INN.org);
    expect(d).toMatchObject({
      version: '4.05',
      stateDate: '2026-02-10',
      enteredAt: '2016-08-01',
      subject: 'organisation',
      category: 'micro',
      isNew: false,
      social: false,
      headcount: 12,
      ogrn: '1121100000010',
      name: 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ПРОБА"',
      shortName: 'ООО "ПРОБА"',
      region: '11',
      locality: 'СЫКТЫВКАР',
      okvedMain: { code: '16.10', name: 'Распиловка и строгание древесины' },
      products: [{ code: '16.10.10.110', name: 'Лесоматериалы хвойных пород', innovative: false }],
      ties: [
        {
          kind: 'programme',
          customerInn: EDGE_CUSTOMER.inn,
          customerName: EDGE_CUSTOMER.name,
          number: 'ПП-2024/117',
          date: '2024-03-14',
          subject: null,
        },
      ],
    });
    expect(d.place).toMatchObject({ index: 1, docId: expect.any(String) });
    expect(d.place.part).toMatch(/^VO_RRMSPSV_0000_9965_20260210_.+\.xml$/);
  });

  it('keeps OKVED2 extra codes once, without the main code and without 2001 codes', () => {
    const d = byInn(feb, EDGE_INN.org);
    // 02.20 twice, the main 16.10 repeated, 51.70 of 2001, 46.73 without a version (a 2026 dump)
    expect(d.okvedExtra.map((o) => o.code)).toEqual(['02.20', '46.73']);
    expect(d.okvedOther).toBe(1);
  });

  it('reads 616 extra codes', () => {
    const d = byInn(feb, EDGE_INN.many);
    expect(d.okvedExtra).toHaveLength(616);
    expect(new Set(d.okvedExtra.map((o) => o.code)).size).toBe(616);
    expect(d.okvedOther).toBe(0);
  });

  it('has no main code when СвОКВЭДОсн is absent or of OKVED 2001', () => {
    expect(byInn(feb, EDGE_INN.noMain)).toMatchObject({ okvedMain: null, okvedOther: 0 });
    expect(byInn(feb, EDGE_INN.noMain).okvedExtra.map((o) => o.code)).toEqual(['49.41', '52.24']);
    expect(byInn(feb, EDGE_INN.okved2001)).toMatchObject({ okvedMain: null, okvedExtra: [], okvedOther: 2 });
  });

  it('takes the region from КодРегион, not from the INN', () => {
    const d = byInn(feb, EDGE_INN.otherRegion);
    expect(d.inn!.slice(0, 2)).toBe('11');
    expect(d.region).toBe('29');
    expect(d.locality).toBe('ЯРЕНСК'); // a НаселПункт when there is no Город
  });

  it('passes a bad INN checksum on as written (the writer sets it aside)', () => {
    const d = byInn(feb, EDGE_INN.badChecksum);
    expect(innIsValid(d.inn!)).toBe(false);
  });

  it('names sole traders as the register shows them, with or without a patronymic', () => {
    expect(byInn(feb, EDGE_INN.soleNoPatronymic)).toMatchObject({
      subject: 'sole-trader',
      name: 'ИП ИВАНОВ ПЁТР',
      shortName: null,
      ogrn: '319110100000012',
      headcount: null,
    });
    expect(byInn(feb, EDGE_INN.soleFull)).toMatchObject({ name: 'ИП ЛЫЮРОВ ИВАН ПЕТРОВИЧ' });
    expect(byInn(feb, EDGE_INN.soleFull).place.index).toBe(1); // first of the second part
    expect(byInn(feb, EDGE_INN.farm)).toMatchObject({ subject: 'farm', name: 'ГКФХ ПЕТРОВА АННА СЕРГЕЕВНА' });
  });

  it('yields the same INN from two monthly dumps with each dump’s figures', async () => {
    const mar = registerDocs((await readAll(edge.mar2026)).items);
    const a = byInn(feb, EDGE_INN.org);
    const b = byInn(mar, EDGE_INN.org);
    expect([a.stateDate, a.category, a.headcount]).toEqual(['2026-02-10', 'micro', 12]);
    expect([b.stateDate, b.category, b.headcount]).toEqual(['2026-03-10', 'small', 80]);
    expect(mar.map((d) => d.inn)).not.toContain(EDGE_INN.soleNoPatronymic);
    expect(byInn(mar, EDGE_INN.newOrg).isNew).toBe(true);
  });

  it('reads 4.01: no ОГРН, no social flag or headcount, 44-FZ and 223-FZ contract ties', async () => {
    const { info, items } = await readAll(edge.v401);
    expect(info).toMatchObject({ version: '4.01', stateDate: '2016-12-10' });
    const d = byInn(registerDocs(items), EDGE_INN.org);
    expect(d).toMatchObject({ version: '4.01', ogrn: null, social: null, headcount: null });
    expect(d.ties).toEqual([
      {
        kind: 'contract-44',
        customerInn: EDGE_CUSTOMER.inn,
        customerName: EDGE_CUSTOMER.name,
        number: '0107300000116000123',
        date: '2016-04-05',
        subject: 'Поставка пиломатериалов',
      },
      expect.objectContaining({
        kind: 'contract-223',
        number: '31603456789',
        date: '2016-06-20',
        subject: 'Оказание транспортных услуг',
      }),
    ]);
    // A code without ВерсОКВЭД in a 2016 dump may be of OKVED 2001: not taken.
    expect(d.okvedExtra).toEqual([]);
    expect(d.okvedOther).toBe(1);
  });

  it('reads the 4.06 headcount element ССЧР/@ВеличССЧР', async () => {
    const { items } = await readAll(edge.v406);
    const d = byInn(registerDocs(items), EDGE_INN.org);
    expect(d.version).toBe('4.06');
    expect(d.headcount).toBe(42);
    expect(readFileSync(edge.v406).length).toBeGreaterThan(0);
  });

  it('reads a part declared windows-1251', async () => {
    const docs = registerDocs((await readAll(edge.cp1251)).items);
    expect(byInn(docs, EDGE_INN.org).name).toBe('ООО "ЁЛКИ-ПАЛКИ №1"');
    expect(byInn(docs, EDGE_INN.soleNoPatronymic).name).toBe('ИП ЩУКИНА ЮЛИЯ');
  });

  it('decides OKVED2 by version, then by the state date and the code’s shape', () => {
    expect(isOkved2('16.10', '2014', null)).toBe(true);
    expect(isOkved2('16.10', ' 2014 ', '2016-01-10')).toBe(true);
    expect(isOkved2('20.10', '2001', '2026-02-10')).toBe(false);
    expect(isOkved2('16.10', undefined, '2017-01-10')).toBe(true);
    expect(isOkved2('16.10', undefined, '2016-12-10')).toBe(false);
    expect(isOkved2('16.10', undefined, null)).toBe(false);
    expect(isOkved2('16.10.11', '2014', null)).toBe(true);
    expect(isOkved2('16.10.1.1', '2014', null)).toBe(false);
    expect(isOkved2('ABC', '2014', null)).toBe(false);
  });
});

describe('FNS reader: unreadable documents and parts', () => {
  it('sets a document with broken XML aside and reads the ones after it', async () => {
    const broken = goodDoc(validInn(11)).replace('</СведМН>', '</СвОКВЭД>'); // a mismatched end tag
    const badAttr = goodDoc(validInn(12)).replace('КодРегион="11"', 'КодРегион="1<1"');
    const p = registerPart([goodDoc(validInn(10)), broken, badAttr, goodDoc(validInn(13))]);
    const path = file('broken-doc.zip');
    writeFileSync(path, zipSync({ [p.name]: p.bytes }));
    const { items } = await readAll(path);
    expect(registerDocs(items).map((d) => d.inn)).toEqual([validInn(10), validInn(13)]);
    const bad = unreadable(items);
    expect(bad.map((u) => [u.place.part, u.place.index, u.scope])).toEqual([
      [p.name, 2, 'document'],
      [p.name, 3, 'document'],
    ]);
    expect(bad[0].place.docId).toMatch(/^0{8}-/);
    expect(bad[0].reason).toMatch(/broken XML/);
    // Reasons never carry the document's content (a sole trader's name or INN).
    for (const u of bad) expect(u.reason).not.toContain(validInn(11).slice(0, 6));
  });

  it('sets aside a document not closed before the next, one without an INN, and one cut by the end of its part', async () => {
    const unclosed = goodDoc(validInn(21)).replace('</Документ>', '');
    const noInn = registerDocumentXml(subject({ inn: '' }), '4.05', '10.02.2026');
    const p = registerPart([goodDoc(validInn(20)), unclosed, noInn, goodDoc(validInn(22))]);
    const xml = new TextDecoder().decode(p.bytes);
    const cut = new TextEncoder().encode(xml + goodDoc(validInn(23)).slice(0, 200)); // a truncated last document
    const path = file('unclosed.zip');
    writeFileSync(path, zipSync({ [p.name]: cut }));
    const { items } = await readAll(path);
    expect(registerDocs(items).map((d) => d.inn)).toEqual([validInn(20), validInn(22)]);
    expect(unreadable(items).map((u) => [u.place.index, u.reason])).toEqual([
      [2, 'the document is not closed before the next one starts'],
      [3, 'no INN (ИННЮЛ or ИННФЛ)'],
      [5, 'the part ends inside the document'],
    ]);
  });

  it('reports a part that is not XML, one of another dataset and one with broken deflate data, and reads the rest', async () => {
    const good1 = registerPart([goodDoc(validInn(30))]);
    const garbage = {
      name: 'VO_RRMSPSV_garbage.xml',
      bytes: new TextEncoder().encode('\u0000\u0001 this is not XML at all'),
    };
    const other = registerPart([goodDoc(validInn(31))], { type: 'ОТКРДАННЫЕ5' });
    const big = registerPart(Array.from({ length: 300 }, (_, i) => goodDoc(validInn(100 + i))));
    const good2 = registerPart([goodDoc(validInn(32))]);
    const zip = Buffer.from(
      zipSync({
        [garbage.name]: garbage.bytes,
        [good1.name]: good1.bytes,
        [other.name]: other.bytes,
        [big.name]: big.bytes,
        [good2.name]: good2.bytes,
      }),
    );
    // Corrupt the deflate stream of the big part in its middle.
    const at = zip.indexOf(Buffer.from(big.name));
    const dataStart = at + big.name.length + zip.readUInt16LE(at - 30 + 28);
    for (let i = 0; i < 64; i++) zip[dataStart + 2000 + i] ^= 0x5a;
    const path = file('bad-parts.zip');
    writeFileSync(path, zip);

    const { info, items } = await readAll(path);
    expect(info.kind).toBe('register'); // recognised from the first readable part
    const docs = registerDocs(items);
    expect(docs.map((d) => d.inn)).toContain(validInn(30));
    expect(docs.map((d) => d.inn)).toContain(validInn(32));
    expect(docs.map((d) => d.inn)).not.toContain(validInn(31));
    const parts = unreadable(items).filter((u) => u.scope === 'part');
    expect(parts.map((u) => u.place.part)).toEqual([garbage.name, other.name, big.name]);
    expect(parts.every((u) => u.place.index === 0)).toBe(true);
    expect(parts[1].reason).toContain('ОТКРДАННЫЕ5');
    expect(parts[2].reason).toMatch(/unreadable data/);
  });
});

/** Rewrites every member's declared inflated size (central directory and local headers) in a ZIP. */
function lieAboutSizes(zip: Buffer, size: number): Buffer {
  for (let i = zip.indexOf('PK\u0001\u0002'); i >= 0; i = zip.indexOf('PK\u0001\u0002', i + 4))
    zip.writeUInt32LE(size, i + 24);
  for (let i = zip.indexOf('PK\u0003\u0004'); i >= 0; i = zip.indexOf('PK\u0003\u0004', i + 4))
    zip.writeUInt32LE(size, i + 22);
  return zip;
}

describe('FNS reader: ceilings', () => {
  const expectLimit = (e: FnsFormatError, name: keyof ReaderLimits, value: number, fileName: string) => {
    expect(e.fnsCode).toBe('limit');
    const { setting, unit } = LIMIT_SETTINGS[name];
    expect(e.limit).toMatchObject({ name, value, setting });
    // The refusal names the setting to change, with its value in the setting's unit.
    expect(e.limit!.settingValue).toBeCloseTo(value / unit, 3);
    expect(e.message).toContain(`${setting} = ${e.limit!.settingValue}`);
    expect(e.message).toContain(fileName);
  };

  it('refuses more members than maxEntries', async () => {
    const e = await refusal(openFnsArchive(edge.feb2026, { maxEntries: 1 }));
    expectLimit(e, 'maxEntries', 1, 'data-10022026-structure-10062025.zip');
  });

  it('refuses a member past maxEntryBytes, from its header and, when the header lies, while inflating', async () => {
    expectLimit(
      await refusal(openFnsArchive(edge.feb2026, { maxEntryBytes: 5000 })),
      'maxEntryBytes',
      5000,
      'data-10022026',
    );
    const path = file('lying.zip');
    writeFileSync(path, lieAboutSizes(readFileSync(edge.feb2026), 100));
    const e = await refusal(readAll(path, { maxEntryBytes: 5000 }));
    expectLimit(e, 'maxEntryBytes', 5000, 'lying.zip');
    expect(e.reason).toMatch(/inflates past/);
  });

  it('refuses a zip bomb by its compression ratio, from its header and while inflating', async () => {
    const huge = registerDocumentXml(
      subject({ inn: validInn(40), org: { name: 'А'.repeat(3_000_000), short: 'А' } }),
      '4.05',
      '10.02.2026',
    );
    const p = registerPart([goodDoc(validInn(41)), huge]);
    const path = file('bomb.zip');
    writeFileSync(path, zipSync({ [p.name]: p.bytes }, { level: 9 }));
    expectLimit(await refusal(openFnsArchive(path)), 'maxCompressionRatio', 200, 'bomb.zip');
    const lying = file('bomb-lying.zip');
    writeFileSync(lying, lieAboutSizes(readFileSync(path), 2000));
    const e = await refusal(readAll(lying));
    expectLimit(e, 'maxCompressionRatio', 200, 'bomb-lying.zip');
    expect(e.reason).toMatch(/inflates more than 200 times/);
  });

  it("takes its ceilings from the REGISTER_MAX_* settings, and says which one in the user's language", async () => {
    const settings = loadSettings({ REGISTER_MAX_ENTRY_MB: '1', REGISTER_MAX_RATIO: '50', REGISTER_MAX_ENTRIES: '7' });
    const limits = registerOptions(settings).limits!;
    expect(limits).toEqual({
      maxEntries: 7,
      maxEntryBytes: 1024 ** 2,
      maxCompressionRatio: 50,
      maxDocumentBytes: 16 * 1024 ** 2,
    });
    expect(() => loadSettings({ REGISTER_MAX_RATIO: '0' })).toThrow(/REGISTER_MAX_RATIO/);
    const p = registerPart([goodDoc(validInn(42)), goodDoc(validInn(43))]);
    const path = file('one-part.zip');
    writeFileSync(path, zipSync({ [p.name]: p.bytes }, { level: 9 }));
    const e = await refusal(openFnsArchive(path, { ...limits, maxEntryBytes: 1000 }));
    expect(refusalMessage(e, 'ru', 'реестр.zip')).toBe(
      `архив «реестр.zip» отклонён: его часть ${p.name} распаковывается в слишком большой объём (предел REGISTER_MAX_ENTRY_MB = 0.001)`,
    );
    expect(refusalMessage(e, 'en')).toBe(
      `the archive "${basename(path)}" is refused: its part ${p.name} inflates to too much (limit REGISTER_MAX_ENTRY_MB = 0.001)`,
    );
  });

  it('refuses a document past maxDocumentBytes', async () => {
    const e = await refusal(readAll(edge.feb2026, { maxDocumentBytes: 20_000 }));
    expectLimit(e, 'maxDocumentBytes', 20_000, 'data-10022026');
    // With the default the 616-code document (about 70 KB) passes.
    expect(registerDocs((await readAll(edge.feb2026)).items)).toHaveLength(9);
  });
});

describe('FNS reader: cancel and memory on a generated register', () => {
  let big: string;
  let bigDocs: number;
  beforeAll(async () => {
    big = file('big.zip');
    bigDocs = (await writeRegisterZip(big, { documents: 50_000, seed: 3, level: 1 })).documents;
  });

  const openFds = (path: string) =>
    readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === path;
      } catch {
        return false;
      }
    }).length;

  it('stops promptly on abort and releases the file', async () => {
    const controller = new AbortController();
    const archive = await openFnsArchive(big, { signal: controller.signal });
    expect(openFds(big)).toBe(1);
    let seen = 0;
    let stoppedAfterAbort = 0;
    const error = await (async () => {
      for await (const item of archive.documents()) {
        expect('kind' in item).toBe(true);
        if (controller.signal.aborted) stoppedAfterAbort++;
        if (++seen === 1000) controller.abort();
      }
    })().then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as Error)?.name).toBe('AbortError');
    expect(seen).toBe(1000); // not one document after the abort
    expect(stoppedAfterAbort).toBe(0);
    await new Promise((r) => setTimeout(r, 50));
    expect(openFds(big)).toBe(0);
    await archive.close();
  });

  it('refuses to open with an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(openFnsArchive(big, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(openFds(big)).toBe(0);
  });

  it('reads 50,000 documents with a flat heap', async () => {
    const archive = await openFnsArchive(big);
    expect(archive.info.declaredDocuments).toBe(bigDocs);
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    let peakFirstHalf = 0;
    let n = 0;
    for await (const item of archive.documents()) {
      if (!('kind' in item)) throw new Error('unreadable document in a generated register');
      if (++n % 1000 === 0) {
        const used = process.memoryUsage().heapUsed - base;
        peak = Math.max(peak, used);
        if (n <= bigDocs / 2) peakFirstHalf = peak;
      }
    }
    await archive.close();
    expect(n).toBe(bigDocs);
    const xmlMb = archive.info.totalBytes / 1e6;
    expect(xmlMb).toBeGreaterThan(90); // about 2 KB of XML a document
    // The heap holds a chunk, a document and the garbage not yet collected (about 25 MB here). A
    // reader that kept its records or a part's tree would hold several KB per document: over
    // 150 MB for these 50,000, and growing through the read rather than level.
    expect(peak / 1e6).toBeLessThan(96);
    expect(peak - peakFirstHalf).toBeLessThan(48e6);
  });

  it('reports progress by parts, documents and inflated bytes', async () => {
    const seen: { parts: number; documents: number; bytes: number }[] = [];
    const { info, items } = await readAll(big, { onProgress: (p) => seen.push(p) });
    const last = seen[seen.length - 1];
    expect(last).toEqual({ parts: info.parts, documents: items.length, bytes: info.totalBytes });
    for (let i = 1; i < seen.length; i++) expect(seen[i].bytes).toBeGreaterThanOrEqual(seen[i - 1].bytes);
  });
});
