import { describe, expect, it } from 'vitest';
import { checkDatabaseUrl } from '../../cli/database-url.js';
import { UsageError } from '../../cli/usage-error.js';
import { CutxDbError } from '../../src/db/errors.js';
import { runHere } from './run-here.js';

const check = (url: string, env: NodeJS.ProcessEnv = {}, allowRemote = false) =>
  checkDatabaseUrl(url, { allowRemote, action: 'seed' }, env);

describe('checkDatabaseUrl', () => {
  it.each([
    ['a loopback address', 'postgres://u:p@127.0.0.1:5432/db', {}, ['127.0.0.1']],
    ['any 127/8 address', 'postgresql://u@127.4.5.6/db', {}, ['127.4.5.6']],
    ['localhost in any case', 'postgres://u@LocalHost/db', {}, ['LocalHost']],
    ['IPv6 loopback', 'postgres://u@[::1]:5432/db', {}, ['::1']],
    ['a percent-encoded loopback address', 'postgres://u@%31%32%37.0.0.1/db', {}, ['127.0.0.1']],
    [
      'a Unix socket directory in the authority',
      'postgres://u@%2Fvar%2Frun%2Fpostgresql/db',
      {},
      ['/var/run/postgresql'],
    ],
    ['a Unix socket directory as host=', 'postgres://u@/db?host=/tmp', {}, ['/tmp']],
    ['no host: pg falls back to localhost', 'postgres:///db', {}, ['localhost']],
    ['no host: pg falls back to a loopback PGHOST', 'postgres:///db', { PGHOST: '127.0.0.1' }, ['127.0.0.1']],
    ['an empty host= leaves the authority', 'postgres://u@127.0.0.1/db?host=', {}, ['127.0.0.1']],
    ['a loopback hostaddr', 'postgres://u@localhost/db?hostaddr=127.0.0.1', {}, ['localhost', '127.0.0.1']],
  ])('allows %s', (_, url, env, hosts) => {
    expect(check(url, env).hosts).toEqual(hosts);
  });

  it.each([
    ['a remote host', 'postgres://u:p@db.example.com/db', {}, 'db.example.com'],
    [
      'host= overriding a loopback authority',
      'postgres://u:p@127.0.0.1:1/db?host=db.example.com&port=5432',
      {},
      'db.example.com',
    ],
    [
      'the last of two host= parameters',
      'postgres://u@127.0.0.1/db?host=127.0.0.1&host=evil.example',
      {},
      'evil.example',
    ],
    ['a remote host later in a host list', 'postgres://u@127.0.0.1,db.example.com/db', {}, 'db.example.com'],
    [
      'a remote host in an encoded host= list',
      'postgres://u@127.0.0.1/db?host=localhost%2Cdb.example.com',
      {},
      'db.example.com',
    ],
    ['hostaddr, which libpq dials instead of the name', 'postgres://u@localhost/db?hostaddr=10.0.0.7', {}, '10.0.0.7'],
    [
      'PGHOSTADDR, which libpq dials instead of the name',
      'postgres://u@localhost/db',
      { PGHOSTADDR: '10.0.0.7' },
      '10.0.0.7',
    ],
    ['a remote PGHOST when the URL has no host', 'postgres:///db', { PGHOST: 'db.example.com' }, 'db.example.com'],
    ['a name that only starts like localhost', 'postgres://u@localhost.example.com/db', {}, 'localhost.example.com'],
    ['a name that only starts like 127', 'postgres://u@127.0.0.1.example.com/db', {}, '127.0.0.1.example.com'],
    ['the wildcard address', 'postgres://u@0.0.0.0/db', {}, '0.0.0.0'],
    ['a relative socket path, which pg resolves by DNS', 'postgres://u@/db?host=run%2Fpg', {}, 'run/pg'],
  ])('refuses %s with unsafe_target, naming the host', (_, url, env, host) => {
    expect(() => check(url, env)).toThrowError(
      expect.objectContaining({
        code: 'unsafe_target',
        message: `Refusing to seed ${host}: not a loopback address; pass --allow-remote if you mean it.`,
      }),
    );
  });

  it.each([
    ['an empty entry in a host list', 'postgres://u@/db?host=127.0.0.1%2C'],
    ['a service= parameter, whose file names the host', 'postgres://u@127.0.0.1/db?service=prod'],
  ])('refuses %s as undecidable, even with allowRemote', (_, url) => {
    for (const allowRemote of [false, true]) {
      expect(() => check(url, {}, allowRemote)).toThrowError(
        expect.objectContaining({
          code: 'unsafe_target',
          message: expect.stringContaining('cannot tell which server'),
        }),
      );
    }
  });

  it.each([
    ['not a URL', 'db.example.com'],
    ['libpq keywords', 'host=db.example.com dbname=cutx'],
    ['another scheme', 'http://127.0.0.1/db'],
    ['an invalid port list', 'postgres://u:secret@127.0.0.1:5432,db.example.com:5432/db'],
  ])('refuses %s as a usage error without echoing it', (_, url) => {
    expect(() => check(url)).toThrowError(UsageError);
    expect(() => check(url)).toThrowError(/cannot be parsed/);
    expect(() => check(url)).not.toThrowError(/secret/);
  });

  it('lets allowRemote through a remote host, and hides the password in the label', () => {
    const { label, hosts } = check('postgres://u:secret@127.0.0.1/db?host=db.example.com', {}, true);
    expect(hosts).toEqual(['db.example.com']);
    expect(label).toBe('postgres://u:***@127.0.0.1/db?host=db.example.com');
    expect(() => check('postgres://u@db.example.com/db')).toThrowError(CutxDbError);
  });
});

describe('every command that takes --database-url', () => {
  it.each([
    ['seed', 'seed'],
    ['migrate', 'migrate'],
    ['status', 'read'],
  ])('%s refuses the host= bypass before connecting, exit 1', async (command, action) => {
    const url = 'postgres://u:secret@127.0.0.1:1/db?host=db.example.com&port=5432';
    const { code, stderr } = await runHere([command, '--database-url', url]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `cutx-db ${command}: Refusing to ${action} db.example.com: not a loopback address; pass --allow-remote if you mean it.\n`,
    );
  });
});
