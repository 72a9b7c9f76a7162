// Small helpers the file writers and the picture share: XML escaping, numbers, colours.

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // A parser turns a literal tab or line break inside an attribute into a space, and a carriage
  // return anywhere into a line feed: as character references they survive exactly.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
// eslint-disable-next-line no-control-regex -- what xml() removes or escapes
const XML_SPECIAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff&<>"'\t\n\r]/;

/**
 * Escapes text for XML (element content or an attribute value, so that a name with line breaks
 * reads back as it was), dropping the control characters XML 1.0 forbids.
 */
export function xml(value: string): string {
  // Most values (ids, codes, numbers, plain names) need nothing: one test instead of two rewrites,
  // which is most of a large file's escaping time.
  if (!XML_SPECIAL.test(value)) return value;
  return (
    value
      // eslint-disable-next-line no-control-regex -- these are the characters XML 1.0 forbids
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[&<>"'\t\n\r]/g, (c) => XML_ESCAPES[c])
  );
}

/** Numbers as written in files: finite, at most 6 decimals, no exponent for ordinary values. */
export function num(v: number): string {
  // Small integers (counts, colour channels, ids) are written as they are: the rounding below
  // would give the same digits.
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
  if (!Number.isFinite(v)) return '0';
  return String(Math.round(v * 1e6) / 1e6);
}

type Rgba = { readonly r: number; readonly g: number; readonly b: number; readonly a: number };
/** A view has a few colours and a file repeats them on every node and link: each is parsed once. */
const parsedColors = new Map<string, Rgba>();

/** r, g, b (0–255) and alpha (0–1) of '#rgb', '#rrggbb', 'rgb(…)' or 'rgba(…)'. */
export function parseColor(color: string): Rgba {
  let parsed = parsedColors.get(color);
  if (parsed === undefined) {
    parsed = parseColorText(color);
    // Colours are few (types, palettes, greys); the bound only guards against a caller that is not.
    if (parsedColors.size >= 4096) parsedColors.clear();
    parsedColors.set(color, parsed);
  }
  return parsed;
}

function parseColorText(color: string): Rgba {
  const c = color.trim();
  let m = /^#([0-9a-f]{6})$/i.exec(c);
  if (m) {
    const n = parseInt(m[1], 16);
    return { r: n >> 16, g: (n >> 8) & 255, b: n & 255, a: 1 };
  }
  m = /^#([0-9a-f]{3})$/i.exec(c);
  if (m) {
    const [r, g, b] = m[1].split('').map((h) => parseInt(h + h, 16));
    return { r, g, b, a: 1 };
  }
  m = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/i.exec(c);
  if (m) return { r: Math.round(+m[1]), g: Math.round(+m[2]), b: Math.round(+m[3]), a: m[4] === undefined ? 1 : +m[4] };
  return { r: 136, g: 136, b: 136, a: 1 };
}

const hexColors = new Map<string, string>();

/** '#rrggbb' of any colour parseColor reads (alpha dropped). */
export function hexColor(color: string): string {
  let hex = hexColors.get(color);
  if (hex === undefined) {
    const { r, g, b } = parseColor(color);
    hex = '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
    if (hexColors.size >= 4096) hexColors.clear();
    hexColors.set(color, hex);
  }
  return hex;
}

/**
 * The items in arrays of up to `size`. A list or a synchronous generator (the server's links) is
 * read without an await per item — a large export has hundreds of thousands of them, each a
 * promise turn otherwise — and an asynchronous source item by item.
 */
export async function* batches<T>(items: Iterable<T> | AsyncIterable<T>, size = 4096): AsyncGenerator<T[]> {
  let batch: T[] = [];
  if (Symbol.iterator in items) {
    for (const item of items) {
      batch.push(item);
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
  } else {
    for await (const item of items) {
      batch.push(item);
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}

export async function* iterate<T>(items: Iterable<T> | AsyncIterable<T>): AsyncGenerator<T> {
  for await (const item of items as AsyncIterable<T>) yield item;
}
