import { describe, expect, it } from 'vitest';
import { type Bounds, readCheckBounds } from '../../scripts/codegen/check-bounds.js';

/** The bounds a definition gives, or null when it is not understood as a whole. */
function bounds(definition: string, column = 'x', baseType = 'text'): Bounds | null {
  const read: Bounds = {};
  return readCheckBounds(definition, column, baseType, read) ? read : null;
}

describe('readCheckBounds', () => {
  it('reads a closed list, with quotes doubled inside values', () => {
    expect(bounds("CHECK ((x = ANY (ARRAY['a'::text, 'it''s'::text, 'a, b'::text])))")).toEqual({
      values: ['a', "it's", 'a, b'],
    });
  });

  it('reads the list of a varchar column, which PostgreSQL casts on both sides', () => {
    const definition = "CHECK (((x)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])))";
    expect(bounds(definition, 'x', 'character varying(5)')).toEqual({ values: ['a', 'b'] });
  });

  it('reads length bounds and a regex joined by AND', () => {
    expect(bounds("CHECK (((x ~ '^[a-z]+$'::text) AND (length(x) <= 320)))")).toEqual({
      pattern: '^[a-z]+$',
      maxLength: 320,
    });
    expect(bounds('CHECK (((length(x) >= 1) AND (length(x) <= 300)))')).toEqual({ minLength: 1, maxLength: 300 });
  });

  it('reads integer ranges, strict ones made inclusive, a negative bound and a reversed comparison', () => {
    expect(bounds('CHECK ((x > 0))', 'x', 'integer')).toEqual({ min: 1 });
    expect(bounds('CHECK (((x >= 0) AND (x <= 10000)))', 'x', 'integer')).toEqual({ min: 0, max: 10_000 });
    expect(bounds("CHECK ((x >= '-5'::integer))", 'x', 'bigint')).toEqual({ min: -5 });
    expect(bounds('CHECK ((0 < x))', 'x', 'smallint')).toEqual({ min: 1 });
  });

  it('reads an exact octet length, a json type, a quoted column and a domain VALUE', () => {
    expect(bounds('CHECK ((octet_length(x) = 32))', 'x', 'bytea')).toEqual({ octetLength: 32 });
    expect(bounds("CHECK ((jsonb_typeof(x) = 'object'::text))", 'x', 'jsonb')).toEqual({ jsonType: 'object' });
    expect(bounds('CHECK (("position" >= 0))', 'position', 'integer')).toEqual({ min: 0 });
    expect(bounds("CHECK ((VALUE ~ '^[A-Z]{3}$'::text))", 'VALUE', 'character(3)')).toEqual({ pattern: '^[A-Z]{3}$' });
  });

  it('keeps the tighter bound when two constraints bound the same column', () => {
    const read: Bounds = { maxLength: 100 };
    expect(readCheckBounds('CHECK ((length(x) <= 200))', 'x', 'text', read)).toBe(true);
    expect(read).toEqual({ maxLength: 100 });
  });

  it('refuses, and changes nothing for, what is not wholly a simple bound', () => {
    const read: Bounds = { maxLength: 10 };
    expect(readCheckBounds("CHECK (((length(x) <= 5) OR (x = 'a'::text)))", 'x', 'text', read)).toBe(false);
    expect(readCheckBounds("CHECK (((length(x) <= 5) AND (lower(x) = 'a'::text)))", 'x', 'text', read)).toBe(false);
    expect(read).toEqual({ maxLength: 10 });
    expect(bounds('CHECK ((x > 0.5))', 'x', 'numeric')).toBeNull();
    expect(bounds('CHECK ((x > 0))', 'x', 'numeric')).toBeNull();
    expect(bounds('CHECK ((y > 0))', 'x', 'integer')).toBeNull();
    expect(bounds('CHECK ((x > y))', 'x', 'integer')).toBeNull();
  });
});
