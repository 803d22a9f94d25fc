import { describe, expect, it } from 'vitest';
import { isLoopback } from '../../src/server/loopback.js';

describe('isLoopback', () => {
  it.each([
    'localhost',
    '127.0.0.1',
    '127.255.0.9',
    '::1',
    '[::1]',
    '0:0:0:0:0:0:0:1',
    '::ffff:127.0.0.1',
    '[::ffff:127.0.0.1]',
    '0:0:0:0:0:ffff:127.0.0.2',
    '::ffff:7f00:1',
    '/var/run/postgresql',
  ])('takes %s for this machine only', (host) => {
    expect(isLoopback(host)).toBe(true);
  });

  it.each([
    '0.0.0.0',
    '10.0.0.1',
    '128.0.0.1',
    '::',
    '::2',
    '::ffff:10.0.0.1',
    '[::ffff:128.0.0.1]',
    '::ffff:a00:1',
    'fe80::ffff:127.0.0.1',
    'example.com',
  ])('takes %s for a network address', (host) => {
    expect(isLoopback(host)).toBe(false);
  });
});
