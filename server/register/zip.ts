// The ZIP side of the FNS reader: lists an archive's members from its central directory and
// streams one member inflated, never to disk, with the ceilings checked on the bytes actually
// inflated (a header may lie). yauzl reads the archive by random access, so a part can be read
// again (the head scan, then the documents) without holding anything in memory.
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { AppError } from '../errors.js';

/** Ceilings of a read. Each refusal names the file, the reason and the limit. */
export interface ReaderLimits {
  /** Inflated bytes of one ZIP member (a part). Default 2 GiB (a real part is a few MB). */
  maxEntryBytes?: number;
  /** Inflated ÷ compressed bytes of one member, checked from 1 MiB inflated on (a zip bomb). Default 200 (real parts ≈ 10). */
  maxCompressionRatio?: number;
  /** Bytes of one `Документ` (its text as UTF-8). Default 16 MiB (616 OKVED codes take about 80 KB). */
  maxDocumentBytes?: number;
  /** Members of the archive. Default 100,000 (a national dump has about 7,000 parts). */
  maxEntries?: number;
}

export const DEFAULT_LIMITS: Required<ReaderLimits> = {
  maxEntryBytes: 2 * 1024 ** 3,
  maxCompressionRatio: 200,
  maxDocumentBytes: 16 * 1024 ** 2,
  maxEntries: 100_000,
};

/** The ratio is judged only once a member has inflated this much: tiny members compress oddly. */
export const RATIO_MIN_BYTES = 1024 * 1024;

export type FnsFormatErrorCode =
  /** The file is not a ZIP archive (or its central directory is broken). */
  | 'not-zip'
  /** The ZIP holds no `*.xml` member. */
  | 'no-parts'
  /** The first readable part is not one of the three FNS datasets (or no part could be read). */
  | 'unknown-dataset'
  /** A ceiling of ReaderLimits was exceeded. */
  | 'limit';

/**
 * The setting each ceiling comes from (server/config.ts) and its unit in bytes (1 for counts), so
 * that a refusal names what to change and by how much.
 */
export const LIMIT_SETTINGS: Record<keyof ReaderLimits, { setting: string; unit: number }> = {
  maxEntries: { setting: 'REGISTER_MAX_ENTRIES', unit: 1 },
  maxEntryBytes: { setting: 'REGISTER_MAX_ENTRY_MB', unit: 1024 ** 2 },
  maxCompressionRatio: { setting: 'REGISTER_MAX_RATIO', unit: 1 },
  maxDocumentBytes: { setting: 'REGISTER_MAX_DOCUMENT_MB', unit: 1024 ** 2 },
};

/** A ceiling that was hit: the reader's name and value, and the setting's name and value. */
export interface LimitHit {
  name: keyof ReaderLimits;
  value: number;
  setting: string;
  settingValue: number;
  /** The member (part) it was hit in, when one. */
  member?: string;
}

export function limitHit(name: keyof ReaderLimits, value: number, member?: string): LimitHit {
  const { setting, unit } = LIMIT_SETTINGS[name];
  const settingValue = Math.round((value / unit) * 1000) / 1000;
  return { name, value, setting, settingValue, ...(member !== undefined ? { member } : {}) };
}

/**
 * A file the reader refuses as a whole: not a ZIP, not an FNS dataset, or past a ceiling. The
 * message names the file (base name), the reason and, for a ceiling, its setting and value;
 * `params` carries the same for a translated message (`refusalMessage` in index.ts).
 */
export class FnsFormatError extends AppError {
  constructor(
    readonly fnsCode: FnsFormatErrorCode,
    readonly file: string,
    readonly reason: string,
    readonly limit?: LimitHit,
  ) {
    super(
      fnsCode === 'limit' ? 413 : 422,
      `fns_${fnsCode.replace('-', '_')}`,
      `${basename(file)}: ${reason}${limit ? ` (limit ${limit.setting} = ${limit.settingValue})` : ''}`,
      {
        file: basename(file),
        reason,
        ...(limit ? { limit: limit.name, limitValue: limit.value, setting: limit.setting } : {}),
      },
    );
    this.name = 'FnsFormatError';
  }
}

export function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The read was cancelled', 'AbortError');
}

const INFLATE_CHUNK = 256 * 1024;
/** zlib.crc32 (Node 20.15 and later); without it the CRC is not checked. */
const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** One member of the archive: a part when its name ends in `.xml`. */
export interface ZipMember {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  entry: yauzl.Entry;
}

export class ZipArchive {
  private closed = false;
  private readonly streams = new Set<Readable>();

  private constructor(
    readonly file: string,
    private readonly zip: yauzl.ZipFile,
    readonly members: ZipMember[],
    private readonly limits: Required<ReaderLimits>,
  ) {}

  /** Opens the archive and reads its central directory; refuses a non-ZIP and too many members. */
  static async open(file: string, limits: Required<ReaderLimits>, signal?: AbortSignal): Promise<ZipArchive> {
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.openPromise(file, {
        lazyEntries: true,
        autoClose: false,
        validateEntrySizes: true, // yauzl's own check; members are inflated in raw mode here (sizes checked in inflate)
        strictFileNames: false,
        decodeStrings: true,
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code) throw error; // ENOENT, EACCES…: not a format matter
      throw new FnsFormatError('not-zip', file, `not a ZIP archive (${(error as Error).message})`);
    }
    try {
      if (zip.entryCount > limits.maxEntries)
        throw new FnsFormatError(
          'limit',
          file,
          `the archive lists ${zip.entryCount} members`,
          limitHit('maxEntries', limits.maxEntries),
        );
      const members: ZipMember[] = [];
      for await (const entry of zip.eachEntry()) {
        if (signal?.aborted) throw abortError(signal);
        if (members.length >= limits.maxEntries)
          throw new FnsFormatError(
            'limit',
            file,
            'the archive has too many members',
            limitHit('maxEntries', limits.maxEntries),
          );
        members.push({
          name: entry.fileName,
          compressedSize: entry.compressedSize,
          uncompressedSize: entry.uncompressedSize,
          entry,
        });
      }
      return new ZipArchive(file, zip, members, limits);
    } catch (error) {
      zip.close();
      if (error instanceof FnsFormatError || (signal?.aborted && error === abortError(signal))) throw error;
      throw new FnsFormatError('not-zip', file, `the ZIP's directory is unreadable (${(error as Error).message})`);
    }
  }

  /** Refuses a member whose header already declares more than the ceilings allow. */
  checkDeclared(m: ZipMember): void {
    const { maxEntryBytes, maxCompressionRatio } = this.limits;
    if (m.uncompressedSize > maxEntryBytes)
      throw new FnsFormatError(
        'limit',
        this.file,
        `member ${m.name} declares ${m.uncompressedSize} inflated bytes`,
        limitHit('maxEntryBytes', maxEntryBytes, m.name),
      );
    if (
      m.uncompressedSize >= RATIO_MIN_BYTES &&
      m.uncompressedSize > maxCompressionRatio * Math.max(1, m.compressedSize)
    )
      throw new FnsFormatError(
        'limit',
        this.file,
        `member ${m.name} declares a compression ratio of ${Math.round(m.uncompressedSize / Math.max(1, m.compressedSize))}`,
        limitHit('maxCompressionRatio', maxCompressionRatio, m.name),
      );
  }

  /**
   * The member's inflated bytes as they come. The ceilings are checked on the bytes counted here;
   * a refusal destroys the stream. Breaking out of the loop releases the stream too.
   */
  async *inflate(m: ZipMember, signal?: AbortSignal, chunkSize = INFLATE_CHUNK): AsyncGenerator<Buffer> {
    if (this.closed) throw new Error('the archive is closed');
    this.checkDeclared(m);
    if (signal?.aborted) throw abortError(signal);
    const method = m.entry.compressionMethod;
    if (method !== 0 && method !== 8)
      throw new Error(`compression method ${method} is not supported (deflate or stored only)`);
    if (m.entry.isEncrypted()) throw new Error('the member is encrypted');
    // The raw member inflated here rather than by yauzl: a 256 KB output chunk is two to three
    // times faster than zlib's default 16 KB, and the size and CRC are checked below.
    const raw = await this.zip.openReadStreamPromise(m.entry, { decodeFileData: false });
    const stream: Readable = method === 8 ? raw.pipe(zlib.createInflateRaw({ chunkSize })) : raw;
    if (stream !== raw) raw.on('error', (e) => stream.destroy(e));
    this.streams.add(stream);
    const onAbort = () => stream.destroy(abortError(signal!) as Error);
    signal?.addEventListener('abort', onAbort, { once: true });
    const { maxEntryBytes, maxCompressionRatio } = this.limits;
    const ratioBytes = maxCompressionRatio * Math.max(1, m.compressedSize);
    let inflated = 0;
    let crc = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        inflated += chunk.length;
        if (inflated > maxEntryBytes)
          throw new FnsFormatError(
            'limit',
            this.file,
            `member ${m.name} inflates past ${maxEntryBytes} bytes`,
            limitHit('maxEntryBytes', maxEntryBytes, m.name),
          );
        if (inflated >= RATIO_MIN_BYTES && inflated > ratioBytes)
          throw new FnsFormatError(
            'limit',
            this.file,
            `member ${m.name} inflates more than ${maxCompressionRatio} times its ${m.compressedSize} compressed bytes`,
            limitHit('maxCompressionRatio', maxCompressionRatio, m.name),
          );
        if (crc32) crc = crc32(chunk, crc);
        yield chunk;
      }
      if (signal?.aborted) throw abortError(signal);
      if (inflated !== m.uncompressedSize)
        throw new Error(`the member inflates to ${inflated} bytes, its header says ${m.uncompressedSize}`);
      if (crc32 && crc >>> 0 !== m.entry.crc32 >>> 0) throw new Error('the member fails its CRC-32 check');
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      stream.destroy();
      raw.destroy();
      this.streams.delete(stream);
    }
  }

  /** Releases the file: open member streams are destroyed and the descriptor closed. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.streams) s.destroy();
    this.streams.clear();
    this.zip.close();
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
