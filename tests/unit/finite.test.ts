// The check for numbers the validator let through as ±Infinity (server/finite.ts).
import { describe, expect, it } from 'vitest';
import { nonFinite } from '../../server/finite.js';

describe('nonFinite', () => {
  it('names the path of the first infinite number, in objects and arrays', () => {
    expect(nonFinite({ a: 1, b: [2, { c: Infinity }], d: -Infinity }, 'body')).toBe('body/b/1/c');
    expect(nonFinite(-Infinity, 'querystring')).toBe('querystring');
    expect(nonFinite(Number.NaN, 'params')).toBe('params');
  });

  it('passes finite numbers, strings, null and empty values', () => {
    expect(nonFinite({ a: 1, b: ['Infinity', null, { c: -0, d: 1.7976931348623157e308 }] }, 'body')).toBeNull();
    expect(nonFinite(undefined, 'body')).toBeNull();
    expect(nonFinite({}, 'body')).toBeNull();
  });

  it('walks a body nested 200,000 deep (as 1 MB of JSON can be) without overflowing the stack', () => {
    const depth = 200_000;
    const deep = JSON.parse('{"a":'.repeat(depth) + '1e309' + '}'.repeat(depth));
    const found = nonFinite(deep, 'body');
    expect(found).toBe(`body${'/a'.repeat(depth)}`);
    expect(nonFinite(JSON.parse('['.repeat(depth) + '1' + ']'.repeat(depth)), 'body')).toBeNull();
  });
});
