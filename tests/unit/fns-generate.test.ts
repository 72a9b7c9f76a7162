import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { innIsValid } from '../../core/reference.js';
import {
  completeOgrn,
  largeCustomers,
  writeCompanionZip,
  writeRegisterZip,
  type RegisterOptions,
} from '../../seed/fns/generate.js';

let dir: string;
let counter = 0;
const file = (name: string) => join(dir, `${++counter}-${name}`);
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'coopgraph-fns-gen-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Part {
  name: string;
  text: string;
  root: Element;
  docs: Element[];
}

/** Every part of a ZIP parsed by an independent DOM parser (xmldom), failing on any XML error. */
function readParts(path: string, encoding = 'utf-8'): Part[] {
  const entries = unzipSync(readFileSync(path));
  return Object.entries(entries).map(([name, bytes]) => {
    const text = encoding === 'utf-8' ? new TextDecoder().decode(bytes) : iconv.decode(Buffer.from(bytes), encoding);
    const doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(`${name}: ${message}`);
      },
    }).parseFromString(text, 'text/xml');
    const root = doc.documentElement!;
    const docs = Array.from(root.childNodes).filter((n): n is Element => n.nodeType === 1 && n.nodeName === 'Документ');
    return { name, text, root, docs };
  });
}

const child = (e: Element, name: string): Element | undefined =>
  Array.from(e.childNodes).find((n): n is Element => n.nodeType === 1 && n.nodeName === name);
const children = (e: Element, name: string): Element[] => Array.from(e.getElementsByTagName(name));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('FNS generator: the register', () => {
  const opts: RegisterOptions = { documents: 4000, seed: 7, regions: ['11', '29', '86'], version: '4.05' };
  let parts: Part[];
  let written: Awaited<ReturnType<typeof writeRegisterZip>>;
  let path: string;
  beforeAll(async () => {
    path = file('register.zip');
    written = await writeRegisterZip(path, opts);
    parts = readParts(path);
  });

  it('writes parts in the FNS layout, one line each, ~900 documents, with a true КолДок', () => {
    expect(parts.length).toBe(written.parts);
    expect(written.parts).toBeGreaterThanOrEqual(5); // 4000 over 3 INN prefixes, at most 900 a part
    let total = 0;
    for (const p of parts) {
      expect(p.name).toMatch(
        /^VO_RRMSPSV_0000_9965_20260210_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.xml$/,
      );
      expect(p.text.startsWith('<?xml version="1.0" encoding="UTF-8"?><Файл ')).toBe(true);
      expect(p.text).not.toContain('\n');
      expect(p.root.nodeName).toBe('Файл');
      expect(p.root.getAttribute('ИдФайл')).toBe(p.name.replace('.xml', ''));
      expect(p.root.getAttribute('ТипИнф')).toBe('РЕЕСТРМСП');
      expect(p.root.getAttribute('ВерсФорм')).toBe('4.05');
      expect(Number(p.root.getAttribute('КолДок'))).toBe(p.docs.length);
      expect(p.docs.length).toBeLessThanOrEqual(900);
      // A part holds one INN prefix (the real parts are grouped by the INN's first two digits).
      const prefixes = new Set(
        p.docs.map((d) =>
          (child(d, 'ОргВклМСП') ?? child(d, 'ИПВклМСП'))!
            .getAttribute(child(d, 'ОргВклМСП') ? 'ИННЮЛ' : 'ИННФЛ')!
            .slice(0, 2),
        ),
      );
      expect(prefixes.size).toBe(1);
      total += p.docs.length;
    }
    expect(total).toBe(opts.documents);
    expect(written.documents).toBe(opts.documents);
  });

  it('writes checksum-valid, unique INNs and OGRNs, and the claimed mix', () => {
    const docs = parts.flatMap((p) => p.docs);
    const inns = new Set<string>();
    let sole = 0;
    let micro = 0;
    let elsewhere = 0;
    let withProgramme = 0;
    const extra: number[] = [];
    const customers = new Set(largeCustomers(7).map((c) => c.inn));
    for (const d of docs) {
      const org = child(d, 'ОргВклМСП');
      const ip = child(d, 'ИПВклМСП');
      const inn = org ? org.getAttribute('ИННЮЛ')! : ip!.getAttribute('ИННФЛ')!;
      const ogrn = org ? org.getAttribute('ОГРН')! : ip!.getAttribute('ОГРНИП')!;
      expect(innIsValid(inn)).toBe(true);
      expect(inn).toHaveLength(org ? 10 : 12);
      expect(ogrn).toHaveLength(org ? 13 : 15);
      expect(completeOgrn(ogrn.slice(0, -1))).toBe(ogrn);
      inns.add(inn);
      if (d.getAttribute('ВидСубМСП') === '2') sole++;
      if (d.getAttribute('КатСубМСП') === '1') micro++;
      const region = child(d, 'СведМН')!.getAttribute('КодРегион')!;
      expect(opts.regions).toContain(region);
      if (region !== inn.slice(0, 2)) elsewhere++;
      expect(child(d, 'СвОКВЭД') ? child(child(d, 'СвОКВЭД')!, 'СвОКВЭДОсн') : undefined).toBeDefined();
      extra.push(children(d, 'СвОКВЭДДоп').length);
      for (const o of children(d, 'СвОКВЭДДоп')) expect(o.getAttribute('ВерсОКВЭД')).toBe('2014');
      for (const pp of children(d, 'СвПрогПарт')) {
        withProgramme++;
        expect(customers.has(pp.getAttribute('ИННЮЛ_ПП')!)).toBe(true);
        expect(innIsValid(pp.getAttribute('ИННЮЛ_ПП')!)).toBe(true);
      }
      expect(d.getAttribute('СведСоцПред')).toMatch(/^[12]$/);
      expect(children(d, 'СвКонтр')).toHaveLength(0);
    }
    expect(inns.size).toBe(docs.length);
    expect(sole / docs.length).toBeGreaterThan(0.72);
    expect(sole / docs.length).toBeLessThan(0.8);
    expect(micro / docs.length).toBeGreaterThan(0.96);
    expect(elsewhere / docs.length).toBeGreaterThan(0.05);
    expect(elsewhere / docs.length).toBeLessThan(0.13);
    expect(median(extra)).toBeGreaterThanOrEqual(3);
    expect(median(extra)).toBeLessThanOrEqual(5);
    expect(withProgramme).toBeGreaterThan(0);
    expect(written.organisations + written.soleTraders + written.farms).toBe(docs.length);
    expect(written.soleTraders).toBe(sole);
  });

  it('draws extra codes from the chains’ stages', () => {
    const codes = new Set(
      parts.flatMap((p) => p.docs.flatMap((d) => children(d, 'СвОКВЭДДоп').map((o) => o.getAttribute('КодОКВЭД')))),
    );
    for (const chainCode of ['02.20', '16.10', '06.10', '49.50.1']) expect(codes).toContain(chainCode);
  });

  it('is deterministic by seed', async () => {
    const again = file('again.zip');
    await writeRegisterZip(again, opts);
    expect(readFileSync(again).equals(readFileSync(path))).toBe(true);
    const other = file('other.zip');
    await writeRegisterZip(other, { ...opts, seed: 8 });
    expect(readFileSync(other).equals(readFileSync(path))).toBe(false);
  });
});

describe('FNS generator: versions, encodings and companions', () => {
  it('writes 4.01 without ОГРН, social flag or headcount, with 44-FZ and 223-FZ contracts', async () => {
    const path = file('v401.zip');
    await writeRegisterZip(path, {
      documents: 3000,
      seed: 2,
      version: '4.01',
      regions: ['11'],
      stateDate: '2018-08-10',
    });
    const docs = readParts(path).flatMap((p) => {
      expect(p.root.getAttribute('ВерсФорм')).toBe('4.01');
      return p.docs;
    });
    let contracts = 0;
    for (const d of docs) {
      expect(d.getAttribute('ДатаСост')).toBe('10.08.2018');
      expect(d.hasAttribute('СведСоцПред')).toBe(false);
      expect(d.hasAttribute('ССЧР')).toBe(false);
      const who = child(d, 'ОргВклМСП') ?? child(d, 'ИПВклМСП')!;
      expect(who.hasAttribute('ОГРН') || who.hasAttribute('ОГРНИП')).toBe(false);
      expect(children(d, 'СвПрогПарт')).toHaveLength(0);
      for (const c of [...children(d, 'СвКонтр'), ...children(d, 'СвДог')]) {
        contracts++;
        expect(innIsValid(c.getAttribute('ИННЮЛ_ЗК') ?? c.getAttribute('ИННЮЛ_ЗД')!)).toBe(true);
      }
    }
    expect(contracts).toBeGreaterThan(0);
  });

  it('writes the 4.06 headcount as an element', async () => {
    const path = file('v406.zip');
    await writeRegisterZip(path, { documents: 300, seed: 2, version: '4.06', regions: ['86'] });
    const docs = readParts(path).flatMap((p) => p.docs);
    expect(docs.some((d) => d.hasAttribute('ССЧР'))).toBe(false);
    const elements = docs.flatMap((d) => children(d, 'ССЧР'));
    expect(elements.length).toBeGreaterThan(200);
    for (const e of elements) expect(e.getAttribute('ВеличССЧР')).toMatch(/^\d+$/);
  });

  it('writes windows-1251 parts that say so', async () => {
    const path = file('cp1251.zip');
    await writeRegisterZip(path, { documents: 200, seed: 2, regions: ['11'], encoding: 'windows-1251' });
    const [part] = readParts(path, 'windows-1251');
    expect(part.text.startsWith('<?xml version="1.0" encoding="windows-1251"?>')).toBe(true);
    expect(part.docs).toHaveLength(200);
    expect(child(part.docs[0], 'СведМН')!.getAttribute('КодРегион')).toMatch(/^\d{2}$/);
    // the bytes are single-byte Cyrillic, not UTF-8
    const raw = unzipSync(readFileSync(path))[part.name];
    expect(raw.length).toBeLessThan(Buffer.byteLength(part.text, 'utf8'));
  });

  it('writes revenue and headcount companions for exactly the register’s organisations', async () => {
    const opts: RegisterOptions = { documents: 2500, seed: 4, regions: ['11', '89'] };
    const reg = file('reg.zip');
    const written = await writeRegisterZip(reg, opts);
    const orgs = new Set(
      readParts(reg).flatMap((p) =>
        p.docs.flatMap((d) => (child(d, 'ОргВклМСП') ? [child(d, 'ОргВклМСП')!.getAttribute('ИННЮЛ')!] : [])),
      ),
    );
    expect(orgs.size).toBe(written.organisations);
    for (const [kind, type, prefix] of [
      ['revexp', 'ОТКРДАННЫЕ5', 'VO_OTKRDAN5_9965_9965_'],
      ['headcount', 'ОТКРДАННЫЕ3', 'VO_OTKRDAN3_9965_9965_'],
    ] as const) {
      const path = file(`${kind}.zip`);
      const c = await writeCompanionZip(path, kind, opts);
      const parts = readParts(path);
      const inns = new Set<string>();
      for (const p of parts) {
        expect(p.name.startsWith(prefix)).toBe(true);
        expect(p.root.getAttribute('ТипИнф')).toBe(type);
        expect(Number(p.root.getAttribute('КолДок'))).toBe(p.docs.length);
        for (const d of p.docs) {
          expect(d.getAttribute('ДатаСост')).toBe('31.12.2025');
          inns.add(child(d, 'СведНП')!.getAttribute('ИННЮЛ')!);
          if (kind === 'revexp') {
            const sums = child(d, 'СведДохРасх')!;
            expect(sums.getAttribute('СумДоход')).toMatch(/^\d+\.\d{2}$/);
            expect(sums.getAttribute('СумРасход')).toMatch(/^\d+\.\d{2}$/);
          } else expect(child(d, 'СведССЧР')!.getAttribute('КолРаб')).toMatch(/^\d+$/);
        }
      }
      expect(inns).toEqual(orgs);
      expect(c.documents).toBe(orgs.size);
    }
  });

  it('streams: 60,000 documents without the heap growing with them', async () => {
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    let samples = 0;
    const written = await writeRegisterZip(file('big.zip'), {
      documents: 60_000,
      seed: 9,
      level: 1,
      onPart: () => {
        samples++;
        peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      },
    });
    expect(written.documents).toBe(60_000);
    expect(samples).toBe(written.parts);
    // 60,000 documents are about 120 MB of XML; one part is about 2 MB.
    expect(peak / 1e6).toBeLessThan(96);
  });
});
