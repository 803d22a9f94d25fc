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
  // pglite-socket and the extension packages each pin one PGlite version; two copies would
  // mean serve's server and openDb's database come from different builds.
  it('holds exactly one version of @electric-sql/pglite, the one package.json pins', async () => {
    const { stdout } = await run('npm', ['ls', '@electric-sql/pglite', '--all', '--json'], { cwd: process.cwd() });
    const tree = JSON.parse(stdout) as NpmTree;
    expect([...versionsOf('@electric-sql/pglite', tree)]).toEqual([
      tree.dependencies?.['@electric-sql/pglite']?.version,
    ]);
    expect(versionsOf('@electric-sql/pglite-socket', tree).size).toBe(1);
  });
});
