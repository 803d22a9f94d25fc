import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

interface NpmTree {
  version?: string;
  dependencies?: Record<string, NpmTree>;
}

function versionsOf(name: string, tree: NpmTree, found = new Set<string>()): Set<string> {
  for (const [dependency, node] of Object.entries(tree.dependencies ?? {})) {
    if (dependency === name && node.version !== undefined) found.add(node.version);
    versionsOf(name, node, found);
  }
  return found;
}

describe('the installed PGlite family', () => {
  // Packages of the PGlite family each pin one PGlite version; two copies would mean
  // databases from different builds in one process.
  it('holds exactly one version of @electric-sql/pglite, the one package.json pins', async () => {
    const { stdout } = await run('npm', ['ls', '@electric-sql/pglite', '--all', '--json'], { cwd: process.cwd() });
    const tree = JSON.parse(stdout) as NpmTree;
    expect([...versionsOf('@electric-sql/pglite', tree)]).toEqual([
      tree.dependencies?.['@electric-sql/pglite']?.version,
    ]);
  });
});
