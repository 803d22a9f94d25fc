import { spawn } from 'node:child_process';

/** Runs `command` with `env`, its output discarded; resolves with its exit status and the end of its stderr. */
export async function runChild(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const status = await new Promise<number | null>((done) => child.on('close', done));
  return { status, stderr: stderr.slice(-600) };
}
