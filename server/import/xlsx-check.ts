// An XLSX workbook is a ZIP archive, and a hostile one is a decompression bomb: a few megabytes
// whose shared strings inflate to gigabytes. exceljs inflates what it is given, so the archive is
// checked before exceljs sees it: the number of members, each member's inflated size and
// compression ratio (counted on the bytes actually inflated: a header may lie), and that the
// archive holds nothing but the members its directory lists, laid end to end, so the streaming
// reader exceljs uses (which walks the local headers from the start) meets exactly the members
// checked here. Inflating costs about a tenth of what exceljs then spends on the same bytes.
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { FileFormatError, type FileLimits } from './limits.js';

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

const SI_END = Buffer.from('si>');
const SI_EMPTY = Buffer.from('si/>');
const LT = 0x3c;
const SLASH = 0x2f;
const COLON = 0x3a;
/** Bytes kept from one chunk to the next: a tag cut in two is seen whole (prefixes are short). */
const CARRY = 40;

/**
 * Counts the items (`<si>…</si>` or `<si/>`, with any namespace prefix) of a shared strings part
 * as it streams by. exceljs holds every shared string of a workbook for as long as it reads it,
 * each a string in an array, so a part of short strings costs about three times its size in
 * memory: their number is a ceiling of its own.
 */
export class SharedStringCounter {
  count = 0;
  private carry = Buffer.alloc(0);

  push(chunk: Buffer): void {
    const buf = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    // A match is counted once: when it ends in the new bytes.
    const fresh = this.carry.length;
    for (const [needle, closing] of [
      [SI_END, true],
      [SI_EMPTY, false],
    ] as const)
      for (let i = buf.indexOf(needle); i >= 0; i = buf.indexOf(needle, i + 1))
        if (i + needle.length > fresh && this.opensTag(buf, i, closing)) this.count++;
    this.carry = Buffer.from(buf.subarray(Math.max(0, buf.length - CARRY)));
  }

  /** Whether the `si` at `at` is a tag's whole name: `</si>`, `<si/>`, or the same with a prefix. */
  private opensTag(buf: Buffer, at: number, closing: boolean): boolean {
    let k = at - 1;
    if (buf[k] === COLON) {
      k--;
      while (k >= 0 && at - k < CARRY && buf[k] !== LT && buf[k] !== SLASH && buf[k] > 0x20 && buf[k] !== 0x3e) k--;
    }
    return closing ? buf[k] === SLASH && buf[k - 1] === LT : buf[k] === LT;
  }
}

function limit(
  code: 'xlsx_entries' | 'xlsx_too_large' | 'xlsx_ratio' | 'xlsx_shared_strings',
  value: number,
  setting: string,
  what: string,
) {
  return new FileFormatError(code, `${what} (limit ${setting} = ${value})`, undefined, { value, setting });
}

/** Refuses (FileFormatError) a workbook past a ceiling or whose ZIP holds unlisted data. */
export async function checkXlsxArchive(path: string, limits: FileLimits): Promise<void> {
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
    const maxBytes = limits.xlsxMaxEntryMb * 1024 * 1024;
    entries.sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
    let expected = 0;
    for (const entry of entries) {
      if (entry.relativeOffsetOfLocalHeader !== expected)
        throw new FileFormatError(
          'xlsx_hidden_data',
          `the workbook's archive holds data its directory does not list (at byte ${expected})`,
        );
      if (entry.uncompressedSize > maxBytes)
        throw limit(
          'xlsx_too_large',
          limits.xlsxMaxEntryMb,
          'IMPORT_XLSX_MAX_ENTRY_MB',
          `${entry.fileName} inflates to ${Math.ceil(entry.uncompressedSize / 1024 / 1024)} MB`,
        );
      const dataStart = await localHeader(zip, entry);
      let end = dataStart + entry.compressedSize;
      if (entry.generalPurposeBitFlag & HAS_DESCRIPTOR) end += await descriptorLength(zip, end);
      expected = end;
      if (entry.fileName.endsWith('/')) continue;
      // Inflate and count: yauzl fails a member that inflates past the size its directory states.
      let inflated = 0;
      const stream = await readStream(zip, entry);
      const strings = /(^|\/)sharedStrings\.xml$/i.test(entry.fileName) ? new SharedStringCounter() : null;
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          inflated += chunk.length;
          if (strings) {
            strings.push(chunk);
            if (strings.count > limits.xlsxMaxSharedStrings)
              throw limit(
                'xlsx_shared_strings',
                limits.xlsxMaxSharedStrings,
                'IMPORT_XLSX_MAX_SHARED_STRINGS',
                `${entry.fileName} holds more than ${limits.xlsxMaxSharedStrings} strings`,
              );
          }
          if (inflated > maxBytes)
            throw limit(
              'xlsx_too_large',
              limits.xlsxMaxEntryMb,
              'IMPORT_XLSX_MAX_ENTRY_MB',
              `${entry.fileName} inflates past ${limits.xlsxMaxEntryMb} MB`,
            );
          if (inflated >= RATIO_MIN_BYTES && inflated > limits.xlsxMaxRatio * Math.max(1, entry.compressedSize))
            throw limit(
              'xlsx_ratio',
              limits.xlsxMaxRatio,
              'IMPORT_XLSX_MAX_RATIO',
              `${entry.fileName} inflates more than ${limits.xlsxMaxRatio} times its packed size`,
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
  } finally {
    zip.close();
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
