// An XLSX workbook is a ZIP archive, and a hostile one is a decompression bomb: a few megabytes
// whose shared strings inflate to gigabytes. exceljs inflates what it is given, so the archive is
// checked before exceljs sees it: the number of members, each member's inflated size and
// compression ratio (counted on the bytes actually inflated: a header may lie), the number of
// shared strings, and that the archive holds nothing but the members its directory lists, laid
// end to end.
//
// exceljs's streaming reader then does not read the file: it walks local headers, which may say
// something else than the directory checked here (a member stored in the directory, deflated in
// its local header, inflates unchecked), and it parks every sheet met before the shared strings
// in a temporary file that outlives a read stopped at the first sheet. So it reads a stream
// rebuilt here from the checked directory: the members it uses, each behind a local header made
// from the directory's entry and followed by exactly the bytes that were checked, in the order
// that lets it stream each sheet (relations, workbook, shared strings, styles, then sheets).
// Inflating costs about a tenth of what exceljs then spends on the same bytes.
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { FileFormatError, type FileFormatCode, type FileLimits } from './limits.js';

/** The ratio is judged only once a member has inflated this much: tiny members compress oddly. */
const RATIO_MIN_BYTES = 1024 * 1024;
/** General purpose flag bit 3: sizes and CRC follow the data in a data descriptor. */
const HAS_DESCRIPTOR = 0x08;

const open = (path: string) =>
  new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (e, z) => (e ? reject(e) : resolve(z!))),
  );

const localHeader = (zip: yauzl.ZipFile, entry: yauzl.Entry) =>
  new Promise<number>((resolve, reject) =>
    zip.readLocalFileHeader(entry, { minimal: true }, (e, h) => (e ? reject(e) : resolve(h.fileDataStart))),
  );

const readStream = (zip: yauzl.ZipFile, entry: yauzl.Entry) =>
  new Promise<Readable>((resolve, reject) => zip.openReadStream(entry, (e, s) => (e ? reject(e) : resolve(s!))));

const LT = 0x3c;
/** Longest tag name (with its prefix) looked at; longer ones are no tag counted here. */
const NAME_MAX = 64;
/** Ends of a tag's name: white space, `/`, `>`. */
const endsName = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x2f || b === 0x3e;

/**
 * Counts the start tags (`<name …>` or `<name/>`, with any namespace prefix) of one element in an
 * XML part as it streams by, tags cut between chunks included. exceljs holds an object per shared
 * string (`si`) and per column definition (`col`) for as long as it reads a part: their numbers
 * are ceilings of their own.
 */
export class TagCounter {
  count = 0;
  private carry: Buffer = Buffer.alloc(0);
  private readonly name: Buffer;
  constructor(name: string) {
    this.name = Buffer.from(name);
  }

  push(chunk: Buffer): void {
    const buf = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = Buffer.alloc(0);
    for (let at = buf.indexOf(LT); at >= 0; at = buf.indexOf(LT, at + 1)) {
      let end = at + 1;
      while (end < buf.length && end - at <= NAME_MAX && !endsName(buf[end])) end++;
      if (end === buf.length) {
        // The name runs to the end of the chunk: judge it with the next one.
        if (end - at <= NAME_MAX) this.carry = Buffer.from(buf.subarray(at));
        return;
      }
      if (end - at > NAME_MAX) continue;
      // The local name: after the prefix's colon, if any.
      let start = at + 1;
      for (let k = end - 1; k > at; k--)
        if (buf[k] === 0x3a) {
          start = k + 1;
          break;
        }
      if (end - start === this.name.length && buf.compare(this.name, 0, this.name.length, start, end) === 0)
        this.count++;
    }
  }
}

function limit(
  code: Exclude<Extract<FileFormatCode, `xlsx_${string}`>, 'xlsx_hidden_data'>,
  value: number,
  setting: string,
  what: string,
) {
  return new FileFormatError(code, `${what} (limit ${setting} = ${value})`, undefined, { value, setting });
}

/** The members exceljs's reader uses, in the order it needs them; it passes over anything else. */
const SHARED_STRINGS = 'xl/sharedStrings.xml';
const STYLES = 'xl/styles.xml';
const RELS = 'xl/_rels/workbook.xml.rels';
const REQUIRED = [RELS, 'xl/workbook.xml'];
const LEADING = [...REQUIRED, SHARED_STRINGS, STYLES];
/** exceljs's own test of a sheet's name (unanchored, as there). */
const SHEET = /xl\/worksheets\/sheet\d+[.]xml/;
/** A workbook of inline strings only gets an empty shared strings part, else exceljs parks its sheets. */
const EMPTY_SHARED_STRINGS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);
/** General purpose flag bit 0: the member is encrypted. */
const ENCRYPTED = 0x01;
/** zlib.crc32 (Node 20.15 and later); unzipper does not check it. */
const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32 ?? (() => 0);

/** A local file header made from a directory entry's fields: no data descriptor, sizes known. */
function localHeaderOf(
  name: string,
  m: { method: number; time: number; date: number; crc: number; compressed: number; inflated: number },
): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(0x800, 6); // UTF-8 name
  h.writeUInt16LE(m.method, 8);
  h.writeUInt16LE(m.time, 10);
  h.writeUInt16LE(m.date, 12);
  h.writeUInt32LE(m.crc >>> 0, 14);
  h.writeUInt32LE(m.compressed, 18);
  h.writeUInt32LE(m.inflated, 22);
  h.writeUInt16LE(nameBytes.length, 26);
  h.writeUInt16LE(0, 28);
  return Buffer.concat([h, nameBytes]);
}

const rawStream = (zip: yauzl.ZipFile, entry: yauzl.Entry) =>
  new Promise<Readable>((resolve, reject) =>
    zip.openReadStream(entry, { decodeFileData: false } as never, (e, s) => (e ? reject(e) : resolve(s!))),
  );

/** The stream exceljs reads, and what stopped it early, if anything did. */
export interface CheckedXlsx {
  stream: Readable;
  /** Set when the archive could not be read to the end: the stream then ends early. */
  failure: () => Error | null;
}

/**
 * Checks a workbook (refusing it with a FileFormatError past a ceiling, or when its ZIP holds
 * unlisted data) and gives the stream exceljs reads instead of the file (see the top).
 */
export async function openCheckedXlsx(path: string, limits: FileLimits): Promise<CheckedXlsx> {
  const zip = await checkXlsxArchive(path, limits);
  const members = readerMembers(zip.entries);
  let failure: Error | null = null;
  // A stream that fails is not passed on by exceljs's pipe, which would wait for it for ever: a
  // failure ends the stream early instead (exceljs then fails or stops), and is kept to be told.
  async function* rebuilt(): AsyncGenerator<Buffer> {
    try {
      for (const entry of members) {
        if (entry === null) {
          yield* stored(SHARED_STRINGS, EMPTY_SHARED_STRINGS);
          continue;
        }
        if (entry.fileName === RELS && entry.uncompressedSize <= RELS_REWRITTEN_MAX) {
          const chunks: Buffer[] = [];
          for await (const chunk of await readStream(zip.file, entry)) chunks.push(chunk as Buffer);
          yield* stored(RELS, relativeTargets(Buffer.concat(chunks)));
          continue;
        }
        yield localHeaderOf(entry.fileName, {
          method: entry.compressionMethod,
          time: entry.lastModFileTime,
          date: entry.lastModFileDate,
          crc: entry.crc32,
          compressed: entry.compressedSize,
          inflated: entry.uncompressedSize,
        });
        // Exactly the directory's compressed bytes, from where the checked data starts.
        for await (const chunk of await rawStream(zip.file, entry)) yield chunk as Buffer;
      }
    } catch (error) {
      failure = error as Error;
    } finally {
      zip.file.close();
    }
  }
  return { stream: Readable.from(rebuilt(), { objectMode: false }), failure: () => failure };
}

/** A stored member made here. */
function* stored(name: string, data: Buffer): Generator<Buffer> {
  yield localHeaderOf(name, {
    method: 0,
    time: 0,
    date: 0x21,
    crc: crc32(data),
    compressed: data.length,
    inflated: data.length,
  });
  yield data;
}

/** The workbook's relations are rewritten when no larger than this (a real one is a few KB). */
const RELS_REWRITTEN_MAX = 1024 * 1024;

/**
 * The workbook's relations with absolute targets (`/xl/worksheets/sheet1.xml`, as openpyxl writes
 * them) made relative to `xl/`, the only form exceljs follows: else it cannot tell which tab a
 * sheet is, nor which one is hidden.
 */
function relativeTargets(rels: Buffer): Buffer {
  return Buffer.from(rels.toString('utf8').replace(/(\bTarget\s*=\s*["'])\/xl\//g, '$1'));
}

/** The members handed to exceljs, in its order; null stands for an empty shared strings part. */
function readerMembers(entries: yauzl.Entry[]): (yauzl.Entry | null)[] {
  const byName = new Map(entries.map((e) => [e.fileName, e]));
  const leading = LEADING.map((name) => byName.get(name) ?? (name === SHARED_STRINGS ? null : undefined)).filter(
    (e): e is yauzl.Entry | null => e !== undefined,
  );
  return [...leading, ...entries.filter((e) => SHEET.test(e.fileName) && !LEADING.includes(e.fileName))];
}

/** Whether exceljs reads this member (and so whether it is inflated and counted here). */
const readByExceljs = (name: string) => LEADING.includes(name) || SHEET.test(name);

/** Refuses (FileFormatError) a workbook past a ceiling or whose ZIP holds unlisted data. */
async function checkXlsxArchive(
  path: string,
  limits: FileLimits,
): Promise<{ file: yauzl.ZipFile; entries: yauzl.Entry[] }> {
  let zip: yauzl.ZipFile;
  try {
    zip = await open(path);
  } catch (error) {
    throw new FileFormatError('format', `not a readable XLSX workbook: ${(error as Error).message}`);
  }
  try {
    if (zip.entryCount > limits.xlsxMaxEntries)
      throw limit(
        'xlsx_entries',
        limits.xlsxMaxEntries,
        'IMPORT_XLSX_MAX_ENTRIES',
        `the workbook's archive has ${zip.entryCount} members`,
      );
    // Where the directory starts: the members' data must end there.
    const directoryAt = (zip as unknown as { readEntryCursor: number }).readEntryCursor;
    const entries: yauzl.Entry[] = [];
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (e: yauzl.Entry) => {
        entries.push(e);
        zip.readEntry();
      });
      zip.on('end', resolve);
      zip.on('error', reject);
      zip.readEntry();
    });
    let total = 0;
    entries.sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
    let expected = 0;
    for (const entry of entries) {
      if (entry.relativeOffsetOfLocalHeader !== expected)
        throw new FileFormatError(
          'xlsx_hidden_data',
          `the workbook's archive holds data its directory does not list (at byte ${expected})`,
        );
      const dataStart = await localHeader(zip, entry);
      expected = dataStart + entry.compressedSize;
      if (entry.generalPurposeBitFlag & HAS_DESCRIPTOR) expected += await descriptorLength(zip, expected);
      // What exceljs never reads costs nothing but the walk past it.
      if (!readByExceljs(entry.fileName) || entry.fileName.endsWith('/')) continue;
      if (entry.generalPurposeBitFlag & ENCRYPTED)
        throw new FileFormatError('format', `not a readable XLSX workbook: ${entry.fileName} is encrypted`);
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
        throw new FileFormatError(
          'format',
          `not a readable XLSX workbook: ${entry.fileName} is packed with method ${entry.compressionMethod} (stored or deflate only)`,
        );
      // styles.xml has a ceiling of its own: exceljs builds about 1.4 KB of objects per 70-byte style.
      const styles = entry.fileName === STYLES;
      const entryMb = styles ? Math.min(limits.xlsxMaxEntryMb, limits.xlsxMaxStylesMb) : limits.xlsxMaxEntryMb;
      const entrySetting =
        styles && limits.xlsxMaxStylesMb < limits.xlsxMaxEntryMb
          ? 'IMPORT_XLSX_MAX_STYLES_MB'
          : 'IMPORT_XLSX_MAX_ENTRY_MB';
      const tooLarge = (what: string) =>
        limit(
          styles && entrySetting !== 'IMPORT_XLSX_MAX_ENTRY_MB' ? 'xlsx_styles' : 'xlsx_too_large',
          entryMb,
          entrySetting,
          what,
        );
      if (entry.uncompressedSize > entryMb * 1024 * 1024)
        throw tooLarge(`${entry.fileName} inflates to ${Math.ceil(entry.uncompressedSize / 1024 / 1024)} MB`);
      // What exceljs holds an object for while it reads the part: shared strings, column definitions.
      const counted =
        entry.fileName === SHARED_STRINGS
          ? {
              tags: new TagCounter('si'),
              max: limits.xlsxMaxSharedStrings,
              code: 'xlsx_shared_strings' as const,
              setting: 'IMPORT_XLSX_MAX_SHARED_STRINGS',
              what: 'strings',
            }
          : SHEET.test(entry.fileName)
            ? {
                tags: new TagCounter('col'),
                max: limits.maxRowCells,
                code: 'xlsx_columns' as const,
                setting: 'IMPORT_MAX_ROW_CELLS',
                what: 'column definitions',
              }
            : null;
      // Inflate and count: yauzl fails a member that inflates past the size its directory states.
      let inflated = 0;
      const stream = await readStream(zip, entry);
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          inflated += chunk.length;
          total += chunk.length;
          if (counted) {
            counted.tags.push(chunk);
            if (counted.tags.count > counted.max)
              throw limit(
                counted.code,
                counted.max,
                counted.setting,
                `${entry.fileName} holds more than ${counted.max} ${counted.what}`,
              );
          }
          if (inflated > entryMb * 1024 * 1024) throw tooLarge(`${entry.fileName} inflates past ${entryMb} MB`);
          if (inflated >= RATIO_MIN_BYTES && inflated > limits.xlsxMaxRatio * Math.max(1, entry.compressedSize))
            throw limit(
              'xlsx_ratio',
              limits.xlsxMaxRatio,
              'IMPORT_XLSX_MAX_RATIO',
              `${entry.fileName} inflates more than ${limits.xlsxMaxRatio} times its packed size`,
            );
          // Every sheet before the first tab is read through too: the whole read is bounded.
          if (total > limits.xlsxMaxTotalMb * 1024 * 1024)
            throw limit(
              'xlsx_total',
              limits.xlsxMaxTotalMb,
              'IMPORT_XLSX_MAX_TOTAL_MB',
              `the parts read inflate past ${limits.xlsxMaxTotalMb} MB in all`,
            );
        }
      } catch (error) {
        stream.destroy();
        if (error instanceof FileFormatError) throw error;
        throw new FileFormatError('format', `not a readable XLSX workbook: ${(error as Error).message}`);
      }
    }
    if (expected !== directoryAt)
      throw new FileFormatError(
        'xlsx_hidden_data',
        `the workbook's archive holds data its directory does not list (at byte ${expected})`,
      );
    // Without them exceljs cannot name the sheets, and parks every one in a temporary file.
    for (const required of REQUIRED)
      if (!entries.some((e) => e.fileName === required))
        throw new FileFormatError('format', `not a readable XLSX workbook: it has no ${required}`);
    return { file: zip, entries };
  } catch (error) {
    zip.close();
    throw error;
  }
}

/** Bytes of the data descriptor at `at`, with or without its signature (a member's sizes fit 32 bits: see the ceilings). */
async function descriptorLength(zip: yauzl.ZipFile, at: number): Promise<number> {
  const reader = (zip as unknown as { reader: yauzl.RandomAccessReader }).reader;
  const head = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    reader
      .createReadStream({ start: at, end: Math.min(at + 4, (zip as unknown as { fileSize: number }).fileSize) })
      .on('data', (c: Buffer) => chunks.push(c))
      .on('end', () => resolve(Buffer.concat(chunks)))
      .on('error', reject);
  });
  const signed = head.length === 4 && head.readUInt32LE(0) === 0x08074b50;
  return (signed ? 4 : 0) + 4 + 8;
}
