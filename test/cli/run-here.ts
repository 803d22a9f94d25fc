import type { Command } from '../../cli/command.js';
import { commands } from '../../cli/commands/index.js';
import { runCli } from '../../cli/run-cli.js';

/**
 * Runs `cutx-db <args>` in this process, through the same frame as the launcher, and
 * returns its exit code and output. A child process costs a Node start and a PGlite
 * compile; tests of what a command does use this, and a few tests spawn the real launcher.
 * `table`: the commands to run from (the frame's own tests give made-up ones).
 */
export async function runHere(
  args: string[],
  table: Readonly<Record<string, Command>> = commands,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, table, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    signal: new AbortController().signal,
  });
  return { code, stdout, stderr };
}
