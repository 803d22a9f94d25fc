/** One option of a command: what `parseArgs` needs, plus the words its help shows. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  default?: string | boolean;
  /** The placeholder in help, as in `--port <port>`. */
  valueName?: string;
  description: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** The parsed options: strings and booleans, `undefined` where absent and without a default. */
export type OptionValues<Options extends OptionSpecs> = {
  -readonly [Name in keyof Options]:
    | (Options[Name]['type'] extends 'boolean' ? boolean : string)
    | (Options[Name] extends { default: string | boolean } ? never : undefined);
};

/** Where a command writes, and when it should stop. */
export interface CommandContext {
  stdout: Output;
  stderr: Output;
  /** Aborted on SIGINT or SIGTERM: a long-running command finishes cleanly and returns. */
  signal: AbortSignal;
}

export interface Output {
  write(text: string): unknown;
}

/**
 * A `cutx-db` subcommand. It resolves when done (exit 0), throws `CutxDbError` when it
 * failed (exit 1, message only) and `UsageError` for a bad option value (exit 2). The
 * frame adds `--help` and rejects unknown options and positional arguments.
 */
export interface Command<Options extends OptionSpecs = OptionSpecs> {
  /** One line, for the command list in `cutx-db --help`. */
  summary: string;
  /** What `cutx-db <name> --help` says below the usage line. */
  description: string;
  options: Options;
  // Method syntax on purpose: it lets a table hold commands with different options.
  run(options: OptionValues<Options>, context: CommandContext): Promise<void>;
}

/** Declares a command with its option types inferred from `options`. */
export function defineCommand<const Options extends OptionSpecs>(command: Command<Options>): Command<Options> {
  return command;
}
