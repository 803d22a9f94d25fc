import { commands } from './commands/index.js';
import { runCli } from './run-cli.js';

// The first SIGINT or SIGTERM asks the running command to finish cleanly. The handlers
// then go, so a second signal ends the process at once (Node's default) if that hangs.
const stop = new AbortController();
const onSignal = (): void => {
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  stop.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

process.exitCode = await runCli(process.argv.slice(2), commands, {
  stdout: process.stdout,
  stderr: process.stderr,
  signal: stop.signal,
});
// Nothing may keep the process alive now; a command that is done has closed what it opened.
process.off('SIGINT', onSignal);
process.off('SIGTERM', onSignal);
