import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { md5Hex, sha256 } from '../../factories/digest.js';

const nodeDigest = (algorithm: string, text: string) => createHash(algorithm).update(text).digest('hex');
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

// 55 and 56 bytes are where the length stops fitting in the first block; 64 is one whole block.
const edges = ['', 'a', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(63), 'x'.repeat(64), 'x'.repeat(119), 'é漢😀'];

describe('the factories digests', () => {
  it.each(edges)('match node:crypto at block edges and in multi-byte UTF-8 (%#)', (text) => {
    expect(hex(sha256(text))).toBe(nodeDigest('sha256', text));
    expect(md5Hex(text)).toBe(nodeDigest('md5', text));
  });

  it('match node:crypto for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 130 }), (text) => {
        expect(hex(sha256(text))).toBe(nodeDigest('sha256', text));
        expect(md5Hex(text)).toBe(nodeDigest('md5', text));
      }),
    );
  });

  it('differ when one character does', () => {
    expect(hex(sha256('users'))).not.toBe(hex(sha256('usert')));
    expect(md5Hex('users')).not.toBe(md5Hex('usert'));
  });
});
