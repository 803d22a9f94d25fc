import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const launcher = fileURLToPath(new URL('../../bin/cutx-db.js', import.meta.url));

/** A `cutx-db serve` child process, started through the real launcher. */
export interface ServeProcess {
  child: ChildProcess;
  databaseUrl: string;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

const running = new Set<ChildProcess>();

/** Where and as whom a `cutx-db` child process runs; the test's own by default. */
export type CutxDbSpawnOptions = Pick<SpawnOptions, 'cwd' | 'env' | 'uid' | 'gid'>;

/** Runs `cutx-db <args>` to the end and returns its exit code and output. */
export async function runCutxDb(
  args: string[],
  options: CutxDbSpawnOptions = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = track(spawn(process.execPath, [launcher, ...args], { ...options, stdio: ['ignore', 'pipe', 'pipe'] }));
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/** Starts `cutx-db serve` on a free port (with `extraArgs`) and waits for the DATABASE_URL line. */
export async function startServe(dataDir: string, extraArgs: string[] = [], timeoutMs = 90_000): Promise<ServeProcess> {
  const child = track(
    spawn(process.execPath, [launcher, 'serve', '--data-dir', dataDir, '--port', '0', ...extraArgs], {
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const databaseUrl = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => reject(new Error(`serve printed no DATABASE_URL in ${timeoutMs} ms:\n${stderr}`)),
      timeoutMs,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^DATABASE_URL=(\S+)$/m.exec(stdout);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before printing DATABASE_URL:\n${stderr}`));
    });
  });
  return { child, databaseUrl, stderr: () => stderr, exited };
}

/** Sends `signal` and waits for the exit code. */
export async function stopServe(server: ServeProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  server.child.kill(signal);
  return server.exited;
}

/** Kills whatever a test left running; for `afterAll`. */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
}

function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}
