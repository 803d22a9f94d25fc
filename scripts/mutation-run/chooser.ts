import { existsSync, readFileSync } from 'node:fs';

/**
 * Whether a mutant named `name` is chosen by the command's argument: every one without it,
 * those whose name holds it, or, when it is a file, those it lists one per line.
 */
export function chooser(argument: string | undefined): (name: string) => boolean {
  if (!argument) return () => true;
  if (!existsSync(argument)) return (name) => name.includes(argument);
  const listed = new Set(
    readFileSync(argument, 'utf8')
      .split('\n')
      .map((line) => line.trim()),
  );
  return (name) => listed.has(name);
}
