import { commands } from '../../cli/commands/index.js';
import { runCli } from '../../cli/run-cli.js';

/**
 * Runs `cutx-db <args>` in this process, through the same frame as the launcher, and
 * returns its exit code and output. A child process costs a Node start and a PGlite
 * compile; tests of what a command does use this, and a few tests spawn the real launcher.
 */
export async function runHere(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, commands, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    signal: new AbortController().signal,
  });
  return { code, stdout, stderr };
}
