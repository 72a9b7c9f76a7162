// The text side of the FNS reader: decodes a part's bytes (UTF-8, or the encoding its XML
// declaration names, e.g. windows-1251) and cuts the text into `Документ` elements as it streams,
// so each document is parsed on its own (saxes, strict) and a broken one costs only itself.
//
// Framing is safe on well-formed XML: `<` never occurs unescaped inside attribute values or text,
// so `<Документ` and `</Документ>` are found by a plain scan. On broken XML the scan resyncs at
// the next `<Документ`: the document before it is reported as not closed.
import iconv from 'iconv-lite';

export interface TextDecoderLike {
  readonly encoding: string;
  decode(chunk: Buffer): string;
  end(): string;
}

const DECLARED_ENCODING = /^[\s\S]{0,200}?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

/** Picks the decoder from the first bytes of a part: a BOM, else the XML declaration, else UTF-8. */
export function decoderFor(first: Buffer): TextDecoderLike {
  let encoding = 'utf-8';
  if (first[0] === 0xff && first[1] === 0xfe) encoding = 'utf-16le';
  else if (first[0] === 0xfe && first[1] === 0xff) encoding = 'utf-16be';
  else if (!(first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf)) {
    const m = DECLARED_ENCODING.exec(first.subarray(0, 256).toString('latin1'));
    if (m) encoding = m[1].toLowerCase();
  }
  if (encoding === 'utf-8' || encoding === 'utf8' || encoding === 'utf-16le') {
    const d = new TextDecoder(encoding);
    return {
      encoding,
      decode: (chunk) => d.decode(chunk, { stream: true }),
      end: () => d.decode(),
    };
  }
  if (!iconv.encodingExists(encoding)) throw new PartError(`unknown encoding "${encoding}"`);
  const d = iconv.getDecoder(encoding);
  return {
    encoding,
    decode: (chunk) => d.write(chunk),
    end: () => d.end() ?? '',
  };
}

/** A part that cannot be read (bad encoding, no `Файл` head, broken bytes): reported and skipped. */
export class PartError extends Error {}

/** A document grew past maxDocumentBytes: the reader turns it into a refusal naming the limit. */
export class DocumentTooLarge extends Error {
  constructor(readonly bytes: number) {
    super(`a document of more than ${bytes} bytes`);
  }
}

export type Framed =
  | { type: 'head'; text: string }
  | { type: 'doc'; index: number; text: string }
  | { type: 'broken'; index: number; text: string; reason: string };

const NAME = 'Документ';
/** Text kept at the end of the buffer when no document is open: enough for a split tag with a prefix. */
const TAIL = 64;

const isNameEnd = (c: number) => c === 0x20 || c === 0x3e || c === 0x2f || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * The next `<Документ` or `</Документ` (any namespace prefix, then a blank, `/` or `>`) at or after
 * `from`: its start and whether it closes. Found with indexOf (native, far faster than a regular
 * expression here); -1 when there is none complete in `buf`.
 */
function nextTag(buf: string, from: number): { at: number; close: boolean; after: number } | null {
  for (let i = buf.indexOf(NAME, from); i >= 0; i = buf.indexOf(NAME, i + NAME.length)) {
    const after = i + NAME.length;
    if (after >= buf.length) return null; // cut at the end: wait for more text
    if (!isNameEnd(buf.charCodeAt(after))) continue;
    // Walk back over an optional `prefix:` to the `<` (or `</`).
    let j = i - 1;
    if (j >= 0 && buf.charCodeAt(j) === 0x3a /* : */) {
      const stop = Math.max(0, j - 49);
      j--;
      while (j >= stop) {
        const c = buf.charCodeAt(j);
        if (c === 0x3c || c === 0x2f || c <= 0x20 || c === 0x3e || c === 0x3a) break;
        j--;
      }
    }
    if (j < 0) continue;
    const c = buf.charCodeAt(j);
    if (c === 0x3c) return { at: j, close: false, after };
    if (c === 0x2f && j > 0 && buf.charCodeAt(j - 1) === 0x3c) return { at: j - 1, close: true, after };
  }
  return null;
}

/** Bytes of a text in UTF-8, computed only when the character count could exceed the limit. */
function exceeds(text: string, start: number, end: number, maxBytes: number): boolean {
  const chars = end - start;
  if (chars * 3 <= maxBytes) return false;
  if (chars > maxBytes) return true;
  return Buffer.byteLength(text.slice(start, end), 'utf8') > maxBytes;
}

/** Cuts a part's text, fed in pieces, into its head and its `Документ` elements. */
export class DocumentFramer {
  private buf = '';
  private docStart = -1;
  private scanFrom = 0;
  private headDone = false;
  private index = 0;

  constructor(private readonly maxDocumentBytes: number) {}

  /** 1-based index of the last document started. */
  get documents(): number {
    return this.index;
  }

  push(text: string, out: Framed[]): void {
    const buf = this.buf + text;
    let consumed = this.scanFrom;
    let pending = -1;
    for (let m = nextTag(buf, this.scanFrom); m; m = nextTag(buf, consumed)) {
      if (m.close) {
        const gt = buf.indexOf('>', m.after);
        if (gt < 0) {
          pending = m.at;
          break;
        }
        if (this.docStart >= 0) {
          if (exceeds(buf, this.docStart, gt + 1, this.maxDocumentBytes))
            throw new DocumentTooLarge(this.maxDocumentBytes);
          out.push({ type: 'doc', index: this.index, text: buf.slice(this.docStart, gt + 1) });
          this.docStart = -1;
        }
        consumed = gt + 1;
      } else {
        if (!this.headDone) {
          out.push({ type: 'head', text: buf.slice(0, m.at) });
          this.headDone = true;
        }
        if (this.docStart >= 0)
          out.push({
            type: 'broken',
            index: this.index,
            text: buf.slice(this.docStart, Math.min(m.at, this.docStart + 4096)),
            reason: 'the document is not closed before the next one starts',
          });
        this.index++;
        this.docStart = m.at;
        consumed = m.after;
      }
    }
    const scanFrom = pending >= 0 ? pending : Math.max(consumed, buf.length - TAIL);
    const keepFrom = this.docStart >= 0 ? this.docStart : this.headDone ? scanFrom : 0;
    this.buf = keepFrom > 0 ? buf.slice(keepFrom) : buf;
    this.scanFrom = scanFrom - keepFrom;
    if (this.docStart >= 0) {
      this.docStart -= keepFrom;
      if (exceeds(this.buf, this.docStart, this.buf.length, this.maxDocumentBytes))
        throw new DocumentTooLarge(this.maxDocumentBytes);
    } else if (!this.headDone && this.buf.length > this.maxDocumentBytes) {
      throw new PartError(`no Документ in the first ${this.maxDocumentBytes} characters`);
    }
  }

  /** The end of the part: a head without documents, or the document the part ends inside. */
  end(out: Framed[]): void {
    if (!this.headDone) {
      out.push({ type: 'head', text: this.buf });
      this.headDone = true;
    } else if (this.docStart >= 0) {
      out.push({
        type: 'broken',
        index: this.index,
        text: this.buf.slice(this.docStart, this.docStart + 4096),
        reason: 'the part ends inside the document',
      });
    }
    this.buf = '';
    this.docStart = -1;
  }
}

const DOC_ID = /ИдДок\s*=\s*["']([^"'<>]{1,100})["']/;

/** `ИдДок` of a document's text, read without parsing (for documents that do not parse). */
export function sniffDocId(text: string): string | null {
  const end = text.indexOf('>');
  const m = DOC_ID.exec(end >= 0 ? text.slice(0, end) : text.slice(0, 2000));
  return m ? m[1] : null;
}

/** The local name of an element: `x:Документ` → `Документ`. */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}
