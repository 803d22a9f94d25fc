/**
 * SHA-256 and MD5 of UTF-8 text, in plain JavaScript: the factories must load where
 * `node:crypto` does not (workerd without nodejs_compat, a browser) and stay synchronous
 * (Web Crypto's digest is async). The same bytes as `node:crypto`'s, so the same seed makes
 * the same rows everywhere; MD5 because the schema's `derived_uuid` uses it.
 */

import { toHex } from '../src/db/hex.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The message padded to whole 64-byte blocks, its bit length in the last 8 bytes. */
function padded(message: Uint8Array, bigEndian: boolean): DataView {
  const length = Math.ceil((message.length + 9) / 64) * 64;
  const bytes = new Uint8Array(length);
  bytes.set(message);
  bytes[message.length] = 0x80;
  const view = new DataView(bytes.buffer);
  const bits = message.length * 8;
  const high = Math.floor(bits / 2 ** 32);
  const low = bits >>> 0;
  if (bigEndian) {
    view.setUint32(length - 8, high);
    view.setUint32(length - 4, low);
  } else {
    view.setUint32(length - 8, low, true);
    view.setUint32(length - 4, high, true);
  }
  return view;
}

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));

// The fractional parts of the cube roots of the first 64 primes (FIPS 180-4, 4.2.2).
const K256 = Uint32Array.from(
  '428a2f98 71374491 b5c0fbcf e9b5dba5 3956c25b 59f111f1 923f82a4 ab1c5ed5 d807aa98 12835b01 243185be 550c7dc3 72be5d74 80deb1fe 9bdc06a7 c19bf174 e49b69c1 efbe4786 0fc19dc6 240ca1cc 2de92c6f 4a7484aa 5cb0a9dc 76f988da 983e5152 a831c66d b00327c8 bf597fc7 c6e00bf3 d5a79147 06ca6351 14292967 27b70a85 2e1b2138 4d2c6dfc 53380d13 650a7354 766a0abb 81c2c92e 92722c85 a2bfe8a1 a81a664b c24b8b70 c76c51a3 d192e819 d6990624 f40e3585 106aa070 19a4c116 1e376c08 2748774c 34b0bcb5 391c0cb3 4ed8aa4a 5b9cca4f 682e6ff3 748f82ee 78a5636f 84c87814 8cc70208 90befffa a4506ceb bef9a3f7 c67178f2'
    .split(' ')
    .map((word) => Number.parseInt(word, 16)),
);

/** The SHA-256 digest of `text`'s UTF-8 bytes (32 bytes). */
export function sha256(text: string): Uint8Array<ArrayBuffer> {
  const view = padded(utf8(text), true);
  const h = Uint32Array.of(
    0x6a09e667,
    0xbb67ae85,
    0x3c6ef372,
    0xa54ff53a,
    0x510e527f,
    0x9b05688c,
    0x1f83d9ab,
    0x5be0cd19,
  );
  const w = new Uint32Array(64);
  for (let block = 0; block < view.byteLength; block += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(block + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15] as number;
      const b = w[i - 2] as number;
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
      w[i] = (w[i - 16] as number) + s0 + (w[i - 7] as number) + s1;
    }
    const v = Array.from(h);
    for (let i = 0; i < 64; i++) {
      const [a, b, c, d, e, f, g, hh] = v as [number, number, number, number, number, number, number, number];
      const t1 =
        hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + (K256[i] as number) + (w[i] as number);
      const t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      v.splice(0, 8, (t1 + t2) | 0, a, b, c, (d + t1) | 0, e, f, g);
    }
    v.forEach((value, i) => {
      h[i] = (h[i] as number) + value;
    });
  }
  const digest = new Uint8Array(32);
  const out = new DataView(digest.buffer);
  for (const [i, value] of h.entries()) out.setUint32(i * 4, value);
  return digest;
}

// MD5's per-round shift amounts and the integer parts of |sin(i + 1)| * 2^32 (RFC 1321).
const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const K_MD5 = Uint32Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32));

/** The MD5 digest of `text`'s UTF-8 bytes, as 32 lower-case hex digits (what `md5()` in SQL returns). */
export function md5Hex(text: string): string {
  const view = padded(utf8(text), false);
  const h = Uint32Array.of(0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476);
  const m = new Uint32Array(16);
  for (let block = 0; block < view.byteLength; block += 64) {
    for (let i = 0; i < 16; i++) m[i] = view.getUint32(block + i * 4, true);
    let [a, b, c, d] = h as unknown as [number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const round = i >> 4;
      const f = [(b & c) | (~b & d), (d & b) | (~d & c), b ^ c ^ d, c ^ (b | ~d)][round] as number;
      const g = [i, (5 * i + 1) & 15, (3 * i + 5) & 15, (7 * i) & 15][round] as number;
      const next =
        (b + rotl((a + f + (K_MD5[i] as number) + (m[g] as number)) | 0, SHIFTS[round * 4 + (i & 3)] as number)) | 0;
      a = d;
      d = c;
      c = b;
      b = next;
    }
    h[0] = (h[0] as number) + a;
    h[1] = (h[1] as number) + b;
    h[2] = (h[2] as number) + c;
    h[3] = (h[3] as number) + d;
  }
  const digest = new DataView(new ArrayBuffer(16));
  for (const [i, value] of h.entries()) digest.setUint32(i * 4, value, true);
  return toHex(digest);
}
