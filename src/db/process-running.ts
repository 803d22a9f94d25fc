/**
 * Whether a process with this pid runs on this machine (as any user). Our own pid counts
 * as not running: a record naming it that we did not write was left by an earlier process
 * with the same pid (pid 1 in every container start).
 */
export function isProcessRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
