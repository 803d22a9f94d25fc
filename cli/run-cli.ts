import { type ParseArgsConfig, parseArgs } from 'node:util';
import { CutxDbError } from '../src/db/errors.js';
import { closestName } from './closest-name.js';
import type { Command, CommandContext, OptionSpecs, OptionValues, Output } from './command.js';
import { formatCommandHelp, formatOverview, helpOption } from './help.js';
import { packageVersion } from './package-version.js';
import { UsageError } from './usage-error.js';

/** The exit codes of `cutx-db`. */
export const exitCode = { done: 0, failed: 1, usage: 2 } as const;

export type ExitCode = (typeof exitCode)[keyof typeof exitCode];

/**
 * Runs `cutx-db` with the arguments after the program name and returns its exit code:
 * 0 done, 1 failed (a `CutxDbError` prints its message, anything else its stack), 2 usage
 * (unknown command or option, bad value: the message says what to do instead).
 *
 * @example process.exitCode = await runCli(['serve', '--port', '0'], commands, context)
 */
export async function runCli(
  argv: readonly string[],
  commands: Readonly<Record<string, Command>>,
  context: CommandContext,
): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    context.stdout.write(formatOverview(commands));
    return exitCode.done;
  }
  if (name === '--version' || name === '-v') {
    context.stdout.write(`${packageVersion()}\n`);
    return exitCode.done;
  }
  const command = name !== undefined && Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (name === undefined || command === undefined) {
    const names = Object.keys(commands);
    const meant = name === undefined ? undefined : closestName(name, names);
    const what =
      name === undefined
        ? 'No command given'
        : `Unknown command '${name}'${meant === undefined ? '' : `; did you mean '${meant}'?`}`;
    context.stderr.write(`cutx-db: ${what}. Commands: ${names.join(', ')}. Run \`cutx-db --help\` for usage.\n`);
    return exitCode.usage;
  }
  try {
    const { help, ...options } = parseOptions(name, command.options, rest);
    if (help === true) {
      context.stdout.write(formatCommandHelp(name, command));
      return exitCode.done;
    }
    await command.run(options, context);
    return exitCode.done;
  } catch (error) {
    return report(`cutx-db ${name}`, error, context.stderr);
  }
}

function parseOptions<Options extends OptionSpecs>(
  name: string,
  specs: Options,
  args: string[],
): OptionValues<Options> & { help?: boolean | undefined } {
  // parseArgs takes only its own fields; description and valueName are for help.
  const config: NonNullable<ParseArgsConfig['options']> = {};
  for (const [option, { type, short, default: fallback }] of Object.entries({ ...specs, help: helpOption })) {
    config[option] = {
      type,
      ...(short === undefined ? {} : { short }),
      ...(fallback === undefined ? {} : { default: fallback }),
    };
  }
  try {
    const { values } = parseArgs({ args, options: config, strict: true, allowPositionals: false });
    return values as OptionValues<Options> & { help?: boolean };
  } catch (error) {
    if (String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS_')) {
      const message = oneLine((error as Error).message).replace(/\.$/, '');
      const unknown = /^Unknown option '--([^'=]+)'/.exec(message)?.[1];
      const meant = unknown === undefined ? undefined : closestName(unknown, Object.keys(config));
      const hint = meant === undefined ? '' : `; did you mean '--${meant}'?`;
      throw new UsageError(`${message}${hint}. Run \`cutx-db ${name} --help\` to see its options.`);
    }
    throw error;
  }
}

function report(prefix: string, error: unknown, stderr: Output): ExitCode {
  if (error instanceof UsageError) {
    stderr.write(`${prefix}: ${oneLine(error.message)}\n`);
    return exitCode.usage;
  }
  if (error instanceof CutxDbError) {
    stderr.write(`${prefix}: ${oneLine(error.message)}\n`);
    return exitCode.failed;
  }
  // Not an expected failure. Still one line, named as such; the stack is there on request.
  const stack = process.env.CUTX_DB_DEBUG ? `\n${error instanceof Error ? error.stack : ''}` : '';
  stderr.write(
    `${prefix}: unexpected error: ${oneLine(describe(error))} (set CUTX_DB_DEBUG=1 for its stack, and report it)${stack}\n`,
  );
  return exitCode.failed;
}

/** What an unexpected thrown value says: its message, whatever kind of value it is. */
function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === 'object' && error !== null) {
    const { message, code } = error as { message?: unknown; code?: unknown };
    if (typeof message === 'string' && message !== '') return message;
    if (code !== undefined) return `error code ${String(code)}`;
    try {
      return JSON.stringify(error);
    } catch {
      return Object.prototype.toString.call(error);
    }
  }
  return String(error);
}

/** `text` on one line: line breaks and the spaces around them become one space. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
