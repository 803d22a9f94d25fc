import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { closestName } from '../../cli/closest-name.js';
import { type Command, defineCommand, type OptionValues } from '../../cli/command.js';
import { UsageError } from '../../cli/usage-error.js';
import { CutxDbError } from '../../src/db/errors.js';
import { runHere } from './run-here.js';

const options = {
  name: { type: 'string', default: 'world', valueName: 'name', description: 'Whom to greet.' },
  loud: { type: 'boolean', short: 'l', description: 'Shout.' },
  fail: { type: 'string', description: 'How to fail: usage, database or bug.' },
} as const;

const greet = defineCommand({
  summary: 'Greet someone.',
  description: 'Writes a greeting.',
  options,
  async run({ name, loud, fail }, { stdout }) {
    if (fail === 'usage') throw new UsageError('--fail usage was asked for.');
    if (fail === 'database') throw new CutxDbError('invalid_input', 'The database said no.');
    if (fail === 'bug') throw new TypeError('a bug');
    if (fail === 'object') throw { errno: 44, code: 'ENOENT' };
    if (fail === 'lines') throw new CutxDbError('invalid_input', 'first line\n  second line');
    const text = `hello ${name}`;
    stdout.write(`${loud === true ? text.toUpperCase() : text}\n`);
  },
});

const commands: Record<string, Command> = { greet };

const cli = (...argv: string[]) => runHere(argv, commands);

describe('runCli', () => {
  it('types option values from their specs: defaults make them present', () => {
    expectTypeOf<OptionValues<typeof options>>().toEqualTypeOf<{
      name: string;
      loud: boolean | undefined;
      fail: string | undefined;
    }>();
  });

  it('runs the named command with parsed options and defaults, and exits 0', async () => {
    expect(await cli('greet')).toEqual({ code: 0, stdout: 'hello world\n', stderr: '' });
    expect(await cli('greet', '--name', 'Ada', '-l')).toEqual({ code: 0, stdout: 'HELLO ADA\n', stderr: '' });
  });

  it('lists the commands for --help, -h and help, and exits 0', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const { code, stdout } = await cli(flag);
      expect(code).toBe(0);
      expect(stdout).toContain('Usage: cutx-db <command> [options]');
      expect(stdout).toMatch(/^ {2}greet {2}Greet someone\.$/m);
    }
  });

  it("prints a command's options with their defaults for --help, and does not run it", async () => {
    const { code, stdout } = await cli('greet', '--help', '--fail', 'bug');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: cutx-db greet [options]');
    expect(stdout).toMatch(/--name <name> +Whom to greet\. \(default: world\)/);
    expect(stdout).toContain('-l, --loud');
    expect(stdout).toContain('-h, --help');
  });

  it.each([
    [[], 'No command given. Commands: greet. Run `cutx-db --help`'],
    [['wave'], "Unknown command 'wave'. Commands: greet."],
    [['greet', '--shout'], "Unknown option '--shout'. Run `cutx-db greet --help`"],
    [['greet', '--name'], "Option '--name <value>' argument missing"],
    [['greet', 'Ada'], "Unexpected argument 'Ada'"],
    [['greet', '--fail', 'usage'], 'cutx-db greet: --fail usage was asked for.'],
  ])('exits 2 with a message saying what to do for %j', async (argv, message) => {
    const { code, stdout, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });

  it('exits 1 and prints only the message for a CutxDbError', async () => {
    expect(await cli('greet', '--fail', 'database')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'cutx-db greet: The database said no.\n',
    });
  });

  it('exits 1 with one line, no stack, for any other error, naming it unexpected', async () => {
    const { code, stderr } = await cli('greet', '--fail', 'bug');
    expect(code).toBe(1);
    expect(stderr).toBe(
      'cutx-db greet: unexpected error: TypeError: a bug (set CUTX_DB_DEBUG=1 for its stack, and report it)\n',
    );
  });

  it('describes a thrown non-Error object by its fields, never [object Object]', async () => {
    const { stderr } = await cli('greet', '--fail', 'object');
    expect(stderr).toBe(
      'cutx-db greet: unexpected error: error code ENOENT (set CUTX_DB_DEBUG=1 for its stack, and report it)\n',
    );
  });

  it('prints a message with line breaks on one line', async () => {
    expect((await cli('greet', '--fail', 'lines')).stderr).toBe('cutx-db greet: first line second line\n');
  });
});

describe('cutx-db --version', () => {
  it.each(['--version', '-v'])('%s prints the package version and exits 0', async (flag) => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(await cli(flag)).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('did you mean', () => {
  it.each([
    [['gret'], "Unknown command 'gret'; did you mean 'greet'?"],
    [['greet', '--nmae', 'x'], "Unknown option '--nmae'; did you mean '--name'?"],
    [['greet', '--lod'], "Unknown option '--lod'; did you mean '--loud'?"],
  ])('suggests the closest name for %j', async (argv, message) => {
    const { code, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it.each([[['wave']], [['greet', '--shout']], [['greet', '--x']]])(
    'suggests nothing far from every name: %j',
    async (argv) => {
      expect((await cli(...argv)).stderr).not.toContain('did you mean');
    },
  );

  it('takes a third of the letters as the limit', () => {
    expect(closestName('seeed', ['seed'])).toBe('seed');
    expect(closestName('sxxd', ['seed'])).toBeUndefined();
    expect(closestName('stauts', ['status', 'serve'])).toBe('status');
  });
});
