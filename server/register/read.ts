// The streaming reader of FNS open-data ZIPs (../../README.md, "Real enterprises"): the SME
// register (`РЕЕСТРМСП`) and its companions, revenue/expenses (`ОТКРДАННЫЕ5`) and headcount
// (`ОТКРДАННЫЕ3`). The dataset is recognised from the content of the first part, never from the
// file name. Members are inflated as they stream (./zip.ts), their text cut into documents
// (./xml.ts) and each document parsed on its own by saxes, so memory stays flat whatever the size
// of the archive, and a broken document or part is set aside while the rest is read.
//
// Sole traders' names and INNs are personal data: nothing here logs a record; reasons of
// unreadable documents name the part, the position and the document id only.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { fnsDate, fnsYear } from './dates.js';
import {
  DEFAULT_LIMITS,
  FnsFormatError,
  ZipArchive,
  abortError,
  limitHit,
  type ReaderLimits,
  type ZipMember,
} from './zip.js';
import { DocumentFramer, DocumentTooLarge, PartError, decoderFor, localName, sniffDocId, type Framed } from './xml.js';
import {
  FNS_INFO_TYPES,
  type DocumentPlace,
  type FnsArchiveInfo,
  type FnsDatasetKind,
  type FnsDocument,
  type HeadcountDocument,
  type ReadProgress,
  type RegisterDocument,
  type RegisterOkved,
  type RevexpDocument,
  type UnreadableDocument,
} from './types.js';

export { DEFAULT_LIMITS, FnsFormatError, type ReaderLimits } from './zip.js';
export type { FnsFormatErrorCode } from './zip.js';

export type FnsReadItem = FnsDocument | { unreadable: UnreadableDocument };

export interface ReadOptions extends ReaderLimits {
  signal?: AbortSignal;
  /** Called after every part and about every MiB of inflated text. */
  onProgress?: (p: ReadProgress) => void;
}

export interface FnsArchive {
  info: FnsArchiveInfo;
  /** The archive's documents in order. Each call reads the archive afresh. */
  documents(): AsyncIterable<FnsReadItem>;
  /** Releases the file (also done on abort). Idempotent. */
  close(): Promise<void>;
}

/** OKVED 2001 was abolished on 1 January 2017 and the FNS re-coded every subject to OKVED2. */
const OKVED2_ONLY_FROM = '2017-01-01';
/** OKVED2 code shapes: `NN`, `NN.N`, `NN.NN`, `NN.NN.N`, `NN.NN.NN`. */
const OKVED2_CODE = /^\d{2}(?:\.\d{1,2}(?:\.\d{1,2})?)?$/;
const HEAD_SCAN_BYTES = 256 * 1024;
const HEAD_CHUNK = 8 * 1024;
const END = Symbol('end of part');
const PROGRESS_BYTES = 1024 * 1024;

const isXmlPart = (m: ZipMember) => /\.xml$/i.test(m.name) && !m.name.endsWith('/');

function intOrNull(v: string | undefined): number | null {
  if (v === undefined) return null;
  const t = v.trim();
  return /^\d{1,9}$/.test(t) ? Number(t) : null;
}

function amountOrNull(v: string | undefined): number | null {
  if (v === undefined) return null;
  const t = v.trim().replace(',', '.');
  if (!/^-?\d+(?:\.\d+)?$/.test(t)) return null;
  return Number(t);
}

const text = (v: string | undefined): string | null => {
  if (v === undefined) return null;
  const t = v.trim();
  return t === '' ? null : t;
};

const SUBJECTS = { '1': 'organisation', '2': 'sole-trader', '3': 'farm' } as const;
const CATEGORIES = { '1': 'micro', '2': 'small', '3': 'medium' } as const;
const flag = (v: string | undefined): boolean | null => (v === '1' ? true : v === '2' ? false : null);

/**
 * Whether an OKVED code counts as OKVED2: `ВерсОКВЭД="2014"`; another version never. Without a
 * version the code counts when the document's state is of 2017 or later (no 2001 codes were left
 * then) and it has an OKVED2 shape; otherwise it is counted in `okvedOther`.
 */
export function isOkved2(code: string | null, version: string | undefined, stateDate: string | null): boolean {
  if (!code || !OKVED2_CODE.test(code)) return false;
  const v = version?.trim();
  if (v) return v === '2014';
  return stateDate !== null && stateDate >= OKVED2_ONLY_FROM;
}

// Document builders: one per dataset kind, fed the element events of one `Документ`.
// ---------------------------------------------------------------------------------------------

interface Builder<T> {
  start(place: DocumentPlace, version: string | null): void;
  open(local: string, a: Record<string, string>): void;
  /** The finished record, or the reason it is unreadable. */
  finish(): T | string;
}

class RegisterBuilder implements Builder<RegisterDocument> {
  private d!: RegisterDocument;
  private seen = new Set<string>();
  private fio: string[] | null = null;
  private gotDoc = false;
  private settlement: string | null = null;

  start(place: DocumentPlace, version: string | null): void {
    this.d = {
      place,
      version,
      stateDate: null,
      enteredAt: null,
      subject: null,
      category: null,
      isNew: null,
      social: null,
      headcount: null,
      inn: null,
      ogrn: null,
      name: null,
      shortName: null,
      region: null,
      locality: null,
      okvedMain: null,
      okvedExtra: [],
      okvedOther: 0,
      products: [],
      ties: [],
    };
    this.seen.clear();
    this.fio = null;
    this.gotDoc = false;
    this.settlement = null;
  }

  private okved(a: Record<string, string>): RegisterOkved | null {
    const code = text(a['КодОКВЭД']);
    if (!isOkved2(code, a['ВерсОКВЭД'], this.d.stateDate)) {
      this.d.okvedOther++;
      return null;
    }
    return { code: code!, name: text(a['НаимОКВЭД']) };
  }

  open(local: string, a: Record<string, string>): void {
    const d = this.d;
    switch (local) {
      case 'Документ':
        if (this.gotDoc) return;
        this.gotDoc = true;
        if (a['ИдДок'] !== undefined) d.place.docId = text(a['ИдДок']);
        d.stateDate = fnsDate(a['ДатаСост']);
        d.enteredAt = fnsDate(a['ДатаВклМСП']);
        d.subject = SUBJECTS[a['ВидСубМСП']?.trim() as keyof typeof SUBJECTS] ?? null;
        d.category = CATEGORIES[a['КатСубМСП']?.trim() as keyof typeof CATEGORIES] ?? null;
        d.isNew = flag(a['ПризНовМСП']?.trim());
        d.social = flag(a['СведСоцПред']?.trim());
        d.headcount = intOrNull(a['ССЧР']);
        return;
      case 'ОргВклМСП':
        d.inn = text(a['ИННЮЛ']);
        d.ogrn = text(a['ОГРН']);
        d.name = text(a['НаимОрг']);
        d.shortName = text(a['НаимОргСокр']);
        return;
      case 'ИПВклМСП':
        d.inn = text(a['ИННФЛ']);
        d.ogrn = text(a['ОГРНИП']);
        return;
      case 'ФИОИП':
        this.fio = [text(a['Фамилия']), text(a['Имя']), text(a['Отчество'])].filter((s): s is string => s !== null);
        return;
      case 'СведМН':
        d.region = text(a['КодРегион']);
        return;
      case 'Город':
        d.locality = text(a['Наим']) ?? d.locality;
        return;
      case 'НаселПункт':
        this.settlement ??= text(a['Наим']);
        return;
      case 'СвОКВЭДОсн': {
        const o = this.okved(a);
        if (o && !d.okvedMain) {
          d.okvedMain = o;
          // A main code repeated among the extra ones is kept once, as the main code.
          if (this.seen.has(o.code)) d.okvedExtra = d.okvedExtra.filter((x) => x.code !== o.code);
          this.seen.add(o.code);
        }
        return;
      }
      case 'СвОКВЭДДоп': {
        const o = this.okved(a);
        if (o && !this.seen.has(o.code)) {
          this.seen.add(o.code);
          d.okvedExtra.push(o);
        }
        return;
      }
      case 'СвПрод':
        d.products.push({
          code: text(a['КодПрод']),
          name: text(a['НаимПрод']),
          innovative: a['ПрОтнПрод']?.trim() === '1',
        });
        return;
      case 'СвПрогПарт':
        d.ties.push({
          kind: 'programme',
          customerInn: text(a['ИННЮЛ_ПП']),
          customerName: text(a['НаимЮЛ_ПП']),
          number: text(a['НомДог']),
          date: fnsDate(a['ДатаДог']),
          subject: null,
        });
        return;
      case 'СвКонтр':
        d.ties.push({
          kind: 'contract-44',
          customerInn: text(a['ИННЮЛ_ЗК']),
          customerName: text(a['НаимЮЛ_ЗК']),
          number: text(a['НомКонтрРеестр']),
          date: fnsDate(a['ДатаКонтр']),
          subject: text(a['ПредмКонтр']),
        });
        return;
      case 'СвДог':
        d.ties.push({
          kind: 'contract-223',
          customerInn: text(a['ИННЮЛ_ЗД']),
          customerName: text(a['НаимЮЛ_ЗД']),
          number: text(a['НомДогРеестр']),
          date: fnsDate(a['ДатаДог']),
          subject: text(a['ПредмДог']),
        });
        return;
      case 'ССЧР': // 4.06: headcount as an element
        d.headcount = intOrNull(a['ВеличССЧР']) ?? d.headcount;
        return;
    }
  }

  finish(): RegisterDocument | string {
    const d = this.d;
    if (!this.gotDoc) return 'no Документ element';
    if (!d.inn) return 'no INN (ИННЮЛ or ИННФЛ)';
    d.locality ??= this.settlement;
    if (this.fio && this.fio.length > 0 && d.subject !== 'organisation') {
      // As the register shows a sole trader: «ИП ФАМИЛИЯ ИМЯ ОТЧЕСТВО»; a farm head «ГКФХ …».
      d.name = `${d.subject === 'farm' ? 'ГКФХ' : 'ИП'} ${this.fio.join(' ')}`;
    }
    return d;
  }
}

/** `ДатаСост="31.12.YYYY"` of the companions: the reporting year. */
function companionYear(a: Record<string, string>): number | null {
  return fnsYear(a['ДатаСост']);
}

class RevexpBuilder implements Builder<RevexpDocument> {
  private d!: RevexpDocument;
  start(place: DocumentPlace): void {
    this.d = { place, year: null, inn: null, name: null, income: null, expenses: null };
  }
  open(local: string, a: Record<string, string>): void {
    switch (local) {
      case 'Документ':
        if (a['ИдДок'] !== undefined) this.d.place.docId = text(a['ИдДок']);
        this.d.year = companionYear(a);
        return;
      case 'СведНП':
        this.d.inn = text(a['ИННЮЛ']);
        this.d.name = text(a['НаимОрг']);
        return;
      case 'СведДохРасх':
        this.d.income = amountOrNull(a['СумДоход']);
        this.d.expenses = amountOrNull(a['СумРасход']);
        return;
    }
  }
  finish(): RevexpDocument | string {
    return this.d.inn ? this.d : 'no INN (СведНП/@ИННЮЛ)';
  }
}

class HeadcountBuilder implements Builder<HeadcountDocument> {
  private d!: HeadcountDocument;
  start(place: DocumentPlace): void {
    this.d = { place, year: null, inn: null, name: null, headcount: null };
  }
  open(local: string, a: Record<string, string>): void {
    switch (local) {
      case 'Документ':
        if (a['ИдДок'] !== undefined) this.d.place.docId = text(a['ИдДок']);
        this.d.year = companionYear(a);
        return;
      case 'СведНП':
        this.d.inn = text(a['ИННЮЛ']);
        this.d.name = text(a['НаимОрг']);
        return;
      case 'СведССЧР':
        this.d.headcount = intOrNull(a['КолРаб']);
        return;
    }
  }
  finish(): HeadcountDocument | string {
    return this.d.inn ? this.d : 'no INN (СведНП/@ИННЮЛ)';
  }
}

/**
 * Parses documents with saxes into records. One parser reads a part's documents one after another
 * inside a synthetic root element, so no document pays for a parser's start or end; a document
 * that throws, or leaves an element open, is unreadable, and the parser is replaced.
 */
class DocumentParser {
  private parser!: SaxesParser;
  private depth = 0;
  private readonly builder: Builder<RegisterDocument | RevexpDocument | HeadcountDocument>;

  constructor(readonly kind: FnsDatasetKind) {
    this.builder =
      kind === 'register' ? new RegisterBuilder() : kind === 'revexp' ? new RevexpBuilder() : new HeadcountBuilder();
    this.reset();
  }

  private reset(): void {
    const b = this.builder;
    this.parser = new SaxesParser({ xmlns: false, position: false });
    this.parser.on('opentag', (tag: SaxesTagPlain) => {
      this.depth++;
      const n = tag.name;
      b.open(n.indexOf(':') < 0 ? n : localName(n), tag.attributes);
    });
    this.parser.on('closetag', () => {
      this.depth--;
    });
    this.depth = -1; // the synthetic root's opentag brings it to 0
    this.parser.write('<r>');
  }

  parse(textOfDoc: string, place: DocumentPlace, version: string | null): FnsReadItem {
    this.builder.start(place, version);
    let reason: string | null = null;
    try {
      this.parser.write(textOfDoc);
      if (this.depth !== 0) reason = 'broken XML: an element is not closed';
    } catch (error) {
      reason = `broken XML: ${(error as Error).message}`;
    }
    if (reason !== null) {
      this.reset();
      place.docId ??= sniffDocId(textOfDoc);
      return { unreadable: { place, reason, scope: 'document' } };
    }
    const r = this.builder.finish();
    if (typeof r === 'string') return { unreadable: { place, reason: r, scope: 'document' } };
    return { kind: this.kind, doc: r } as FnsDocument;
  }
}

/** `Файл` attributes of a part's head (the text before its first document). */
function parseHead(head: string): Record<string, string> | null {
  let file: Record<string, string> | null = null;
  const p = new SaxesParser({ xmlns: false, position: false });
  p.on('opentag', (tag: SaxesTagPlain) => {
    if (!file && localName(tag.name) === 'Файл') file = tag.attributes;
  });
  try {
    p.write(head);
  } catch {
    // The head is cut before its end; what was read before an error still counts.
  }
  return file;
}

interface HeadScan {
  file: Record<string, string> | null;
  firstDocText: string | null;
  error: string | null;
}

/** Reads a part only as far as its head and first document. */
async function scanHead(
  zip: ZipArchive,
  m: ZipMember,
  limits: Required<ReaderLimits>,
  signal?: AbortSignal,
): Promise<HeadScan> {
  const framer = new DocumentFramer(limits.maxDocumentBytes);
  const out: Framed[] = [];
  let head: string | null = null;
  let firstDocText: string | null = null;
  let read = 0;
  try {
    let decoder: ReturnType<typeof decoderFor> | null = null;
    // Small chunks: the head and the first document are in the first few KB of a part.
    for await (const chunk of zip.inflate(m, signal, HEAD_CHUNK)) {
      decoder ??= decoderFor(chunk);
      framer.push(decoder.decode(chunk), out);
      read += chunk.length;
      for (const f of out) {
        if (f.type === 'head') head = f.text;
        else if (f.type === 'doc' && firstDocText === null) firstDocText = f.text;
      }
      out.length = 0;
      if (head !== null && (firstDocText !== null || read > HEAD_SCAN_BYTES)) break;
    }
    if (head === null) {
      framer.end(out);
      for (const f of out) if (f.type === 'head') head = f.text;
    }
  } catch (error) {
    if (error instanceof FnsFormatError || signal?.aborted) throw error;
    if (error instanceof DocumentTooLarge) throw limitError(zip.file, m.name, limits);
    return { file: null, firstDocText: null, error: (error as Error).message };
  }
  const file = head === null ? null : parseHead(head);
  return { file, firstDocText, error: file ? null : 'no Файл element at the start of the part' };
}

function limitError(file: string, part: string, limits: Required<ReaderLimits>): FnsFormatError {
  return new FnsFormatError(
    'limit',
    file,
    `a document of part ${part} is larger than ${limits.maxDocumentBytes} bytes`,
    limitHit('maxDocumentBytes', limits.maxDocumentBytes, part),
  );
}

/**
 * Opens an FNS open-data ZIP: reads its directory and the head of every part (to recognise the
 * dataset from the first readable part's `Файл/@ТипИнф` and sum `КолДок`), then yields its
 * documents on demand. Refuses (FnsFormatError) a non-ZIP, a ZIP without parts, a dataset that is
 * none of the three, and anything past a ceiling of `ReaderLimits`.
 */
export async function openFnsArchive(path: string, opts: ReadOptions = {}): Promise<FnsArchive> {
  const limits: Required<ReaderLimits> = {
    maxEntryBytes: opts.maxEntryBytes ?? DEFAULT_LIMITS.maxEntryBytes,
    maxCompressionRatio: opts.maxCompressionRatio ?? DEFAULT_LIMITS.maxCompressionRatio,
    maxDocumentBytes: opts.maxDocumentBytes ?? DEFAULT_LIMITS.maxDocumentBytes,
    maxEntries: opts.maxEntries ?? DEFAULT_LIMITS.maxEntries,
  };
  const { signal } = opts;
  if (signal?.aborted) throw abortError(signal);
  const zip = await ZipArchive.open(path, limits, signal);
  const closeOnAbort = () => zip.close();
  signal?.addEventListener('abort', closeOnAbort, { once: true });
  try {
    const parts = zip.members.filter(isXmlPart);
    if (parts.length === 0) throw new FnsFormatError('no-parts', path, 'the ZIP holds no XML part');
    for (const m of parts) zip.checkDeclared(m);

    let kind: FnsDatasetKind | null = null;
    let declared: number | null = null;
    let stateDate: string | null = null;
    let version: string | null = null;
    let firstError: string | null = null;
    for (const m of parts) {
      const h = await scanHead(zip, m, limits, signal);
      if (!h.file) {
        firstError ??= `${m.name}: ${h.error}`;
        continue;
      }
      if (kind === null) {
        const type = h.file['ТипИнф']?.trim();
        const k = type ? FNS_INFO_TYPES[type] : undefined;
        if (!k)
          throw new FnsFormatError(
            'unknown-dataset',
            path,
            type
              ? `the part ${m.name} is of type ${JSON.stringify(type)}, not an FNS register, revenue or headcount dataset`
              : `the part ${m.name} does not say its type (Файл/@ТипИнф)`,
          );
        kind = k;
        version = text(h.file['ВерсФорм']);
        const docState = h.firstDocText ? /ДатаСост\s*=\s*"([^"]*)"/.exec(h.firstDocText.slice(0, 4096)) : null;
        stateDate = fnsDate(docState?.[1]);
      }
      const n = intOrNull(h.file['КолДок']);
      if (n !== null) declared = (declared ?? 0) + n;
    }
    if (kind === null)
      throw new FnsFormatError('unknown-dataset', path, `no part could be read (${firstError ?? 'no Файл element'})`);

    const info: FnsArchiveInfo = {
      kind,
      parts: parts.length,
      declaredDocuments: declared,
      totalBytes: parts.reduce((s, m) => s + m.uncompressedSize, 0),
      stateDate,
      version,
    };
    const archiveKind = kind;
    return {
      info,
      documents: () => readDocuments(zip, parts, archiveKind, info, limits, opts),
      close: async () => {
        signal?.removeEventListener('abort', closeOnAbort);
        zip.close();
      },
    };
  } catch (error) {
    signal?.removeEventListener('abort', closeOnAbort);
    zip.close();
    if (signal?.aborted) throw abortError(signal);
    throw error;
  }
}

async function* readDocuments(
  zip: ZipArchive,
  parts: ZipMember[],
  kind: FnsDatasetKind,
  info: FnsArchiveInfo,
  limits: Required<ReaderLimits>,
  opts: ReadOptions,
): AsyncGenerator<FnsReadItem> {
  const { signal, onProgress } = opts;
  const progress: ReadProgress = { parts: 0, documents: 0, bytes: 0 };
  let reported = 0;
  const parser = new DocumentParser(kind);
  const out: Framed[] = [];
  const partError = (part: string, reason: string): FnsReadItem => ({
    unreadable: { place: { part, index: 0, docId: null }, reason, scope: 'part' },
  });

  for (const m of parts) {
    if (signal?.aborted) throw abortError(signal);
    const framer = new DocumentFramer(limits.maxDocumentBytes);
    out.length = 0; // nothing left over from a part given up
    let version: string | null = null;

    /** The part's text as it inflates, then END once its decoder is flushed. */
    async function* texts(): AsyncGenerator<string | typeof END> {
      let decoder: ReturnType<typeof decoderFor> | null = null;
      for await (const chunk of zip.inflate(m, signal)) {
        decoder ??= decoderFor(chunk);
        progress.bytes += chunk.length;
        yield decoder.decode(chunk);
      }
      if (decoder) yield decoder.end();
      yield END;
    }

    try {
      parts: for await (const t of texts()) {
        if (t === END) framer.end(out);
        else framer.push(t, out);
        // The records are made here, one per pull of the consumer (lazily, so an abort or a
        // break stops the work at once).
        for (let i = 0; i < out.length; i++) {
          const f = out[i];
          if (f.type === 'head') {
            const file = parseHead(f.text);
            const type = file?.['ТипИнф']?.trim();
            if (!file || (type && FNS_INFO_TYPES[type] !== kind)) {
              yield partError(
                m.name,
                file
                  ? `the part is of type ${JSON.stringify(type)}, not of this ${kind} dataset`
                  : 'no Файл element at the start of the part',
              );
              break parts;
            }
            version = text(file['ВерсФорм']);
            if (version && !info.version) info.version = version;
            continue;
          }
          if (signal?.aborted) throw abortError(signal);
          const place: DocumentPlace = { part: m.name, index: f.index, docId: null };
          progress.documents++;
          if (f.type === 'doc') yield parser.parse(f.text, place, version);
          else {
            place.docId = sniffDocId(f.text);
            yield { unreadable: { place, reason: f.reason, scope: 'document' } };
          }
        }
        out.length = 0;
        if (signal?.aborted) throw abortError(signal);
        if (onProgress && progress.bytes - reported >= PROGRESS_BYTES) {
          reported = progress.bytes;
          onProgress({ ...progress });
        }
      }
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      if (error instanceof FnsFormatError) throw error;
      if (error instanceof DocumentTooLarge) throw limitError(zip.file, m.name, limits);
      // Broken deflate data, a CRC or size mismatch, an unknown encoding: the part is set aside.
      yield partError(
        m.name,
        error instanceof PartError ? error.message : `unreadable data: ${(error as Error).message}`,
      );
    }
    progress.parts++;
    if (onProgress) {
      reported = progress.bytes;
      onProgress({ ...progress });
    }
  }
}
