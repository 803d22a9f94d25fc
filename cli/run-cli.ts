import { type ParseArgsConfig, parseArgs } from 'node:util';
import { CutxDbError } from '../src/db/errors.js';
import type { Command, CommandContext, OptionSpecs, OptionValues, Output } from './command.js';
import { formatCommandHelp, formatOverview, helpOption } from './help.js';
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
  const command = name !== undefined && Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (name === undefined || command === undefined) {
    const what = name === undefined ? 'No command given' : `Unknown command '${name}'`;
    context.stderr.write(
      `cutx-db: ${what}. Commands: ${Object.keys(commands).join(', ')}. Run \`cutx-db --help\` for usage.\n`,
    );
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
      throw new UsageError(`${(error as Error).message}. Run \`cutx-db ${name} --help\` to see its options.`);
    }
    throw error;
  }
}

function report(prefix: string, error: unknown, stderr: Output): ExitCode {
  if (error instanceof UsageError) {
    stderr.write(`${prefix}: ${error.message}\n`);
    return exitCode.usage;
  }
  if (error instanceof CutxDbError) {
    stderr.write(`${prefix}: ${error.message}\n`);
    return exitCode.failed;
  }
  // Not an expected failure: the stack is what a bug report needs.
  stderr.write(`${prefix}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return exitCode.failed;
}
