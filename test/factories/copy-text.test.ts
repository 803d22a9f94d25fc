import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCopyBytes } from '../../factories/copy-text.js';
import type { TableDef } from '../../src/rows/tables.js';

const def = {
  columns: { body: { type: 'text' }, at: { type: 'timestamp with time zone' } },
} as unknown as TableDef;

// COPY's text format as its documentation states it: the four characters that would end a
// field or a line escaped, \N for NULL, then UTF-8 (a lone surrogate becomes U+FFFD).
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const field = (value: string | null) =>
  value === null ? '\\N' : value.replace(/[\\\t\n\r]/g, (c) => ESCAPED[c] as string);
const expected = (lines: string[][]) => new TextEncoder().encode(lines.map((line) => `${line.join('\t')}\n`).join(''));

describe('toCopyBytes', () => {
  it('writes any text escaped, in UTF-8, whatever mix of ASCII, specials and other characters', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '\\', '\t', '\n', '\r', 'é', '😀', '\ud800', 'N') });
    fc.assert(
      fc.property(fc.array(fc.option(text, { nil: null }), { minLength: 1, maxLength: 8 }), (bodies) => {
        const rows = bodies.map((body) => ({ body }));
        expect(toCopyBytes(def, ['body'], rows)).toEqual(expected(bodies.map((body) => [field(body)])));
      }),
    );
  });

  it('writes an instant as toISOString prints it, in any year, and refuses an invalid one', () => {
    // At least half the draws in years 0-9999, which are written digit by digit; the rest print a sign.
    const years0to9999 = fc.date({
      min: new Date('0000-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59.999Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(fc.oneof(years0to9999, fc.date({ noInvalidDate: true })), (at) => {
        expect(toCopyBytes(def, ['at', 'body'], [{ at, body: 'x' }])).toEqual(expected([[at.toISOString(), 'x']]));
      }),
    );
    expect(() => toCopyBytes(def, ['at'], [{ at: new Date(Number.NaN) }])).toThrow(RangeError);
  });

  it('writes a number as String prints it: safe integers digit by digit, others as printed', () => {
    const numbers = fc.oneof(fc.maxSafeInteger(), fc.integer(), fc.constant(-0), fc.double());
    fc.assert(
      fc.property(numbers, (n) => {
        expect(toCopyBytes(def, ['body'], [{ body: n }])).toEqual(expected([[String(n)]]));
      }),
    );
  });

  it('writes a jsonb value as its JSON, whatever its type', () => {
    const jsonb = { columns: { doc: { type: 'jsonb' } } } as unknown as TableDef;
    const docs = ['a\tb', 42, new Date(0), { at: new Date(0), n: [1, 'x'] }];
    expect(
      toCopyBytes(
        jsonb,
        ['doc'],
        docs.map((doc) => ({ doc })),
      ),
    ).toEqual(expected(docs.map((doc) => [field(JSON.stringify(doc))])));
  });

  it('writes nothing for no rows', () => {
    expect(toCopyBytes(def, ['body'], [])).toEqual(new Uint8Array(0));
  });
});
