/**
 * The files of the service suite of bench/service-suite.ts, a vitest project of its own:
 * SUITE_FILES test files of TESTS_PER_FILE tests, set up the way a `variant` says.
 */
import { readSchemaFiles } from '../src/db/schema-files.js';
import { INSERT_RELATED_ROWS, INSERT_USER } from './small-test.js';

export const SUITE_FILES = 8;
export const TESTS_PER_FILE = 50;

/**
 * - `cutx-db`: the recommended setup, `plugins: [cutxDb()]` and the `db` fixture;
 * - `pglite-per-file`: vitest's defaults, each file a fresh PGlite with every schema file applied;
 * - `pg-template-per-file`: vitest's defaults, each file a database cloned on a server by
 *   `CREATE DATABASE ... TEMPLATE $SUITE_TEMPLATE_DB` on `$SUITE_SERVER_URL`, read through pg;
 * - `no-db`: vitest's defaults and no database: the floor.
 */
export type SuiteVariant = 'cutx-db' | 'pglite-per-file' | 'pg-template-per-file' | 'no-db';

/**
 * What every database test does: a user and three related rows, then a count and a join
 * back to the user. Unique emails: the per-file databases are not emptied between tests.
 */
const WORK = `import { expect } from 'vitest';

/** What the tests need of a client: PGlite's and pg's both fit. */
interface Sql {
  query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}

let tests = 0;

export async function userWithRelatedRows(db: Sql, file: number): Promise<void> {
  tests += 1;
  const email = \`user-\${file}-\${tests}@cutx.io\`;
  const [user] = (await db.query(${JSON.stringify(INSERT_USER)}, [email])).rows as { id: string }[];
  for (const sql of ${JSON.stringify(INSERT_RELATED_ROWS)}) await db.query(sql, [user?.id]);
  const counted = await db.query('SELECT count(*)::int AS n FROM inventory_items WHERE user_id = $1', [user?.id]);
  expect(counted.rows).toEqual([{ n: 1 }]);
  const joined = await db.query(
    \`SELECT u.email FROM users u
       JOIN projects p ON p.user_id = u.id
       JOIN inventory_items i ON i.user_id = u.id
       JOIN admin_audit_log a ON a.actor_id = u.id
      WHERE u.id = $1\`,
    [user?.id],
  );
  expect(joined.rows).toEqual([{ email }]);
}
`;

/** Each file's opening (how it gets its database, as `db`) and its tests' body, given `FILE` and `n`. */
const VARIANTS: Record<SuiteVariant, { setup: string; body: string }> = {
  'cutx-db': {
    setup: `import { test } from '@cutx/db/vitest';
import { userWithRelatedRows } from './work.js';`,
    body: '({ db }) => userWithRelatedRows(db, FILE)',
  },
  'pglite-per-file': {
    setup: `import { readdirSync, readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { afterAll, beforeAll, test } from 'vitest';
import { userWithRelatedRows } from './work.js';
let db: PGlite;
beforeAll(async () => {
  db = await PGlite.create({ extensions: { pg_trgm } });
  const schema = new URL('./schema/', import.meta.url);
  for (const name of readdirSync(schema).sort()) await db.exec(readFileSync(new URL(name, schema), 'utf8'));
}, HOOK_TIMEOUT);
afterAll(() => db.close());`,
    body: '() => userWithRelatedRows(db, FILE)',
  },
  'pg-template-per-file': {
    setup: `import pg from 'pg';
import { afterAll, beforeAll, test } from 'vitest';
import { userWithRelatedRows } from './work.js';
const server = process.env.SUITE_SERVER_URL;
const name = \`suite_\${process.pid}_\${Date.now().toString(36)}\`;
const admin = () => new pg.Client({ connectionString: server });
let db: pg.Client;
beforeAll(async () => {
  const client = admin();
  await client.connect();
  await client.query(\`CREATE DATABASE \${name} TEMPLATE \${process.env.SUITE_TEMPLATE_DB}\`);
  await client.end();
  const url = new URL(server ?? '');
  url.pathname = \`/\${name}\`;
  db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
}, HOOK_TIMEOUT);
afterAll(async () => {
  await db.end();
  const client = admin();
  await client.connect();
  await client.query(\`DROP DATABASE \${name}\`);
  await client.end();
}, HOOK_TIMEOUT);`,
    body: '() => userWithRelatedRows(db, FILE)',
  },
  'no-db': {
    setup: `import { expect, test } from 'vitest';`,
    body: '() => expect(FILE + n).toBeGreaterThan(n)',
  },
};

/**
 * The baselines open their database in a hook, which a busy machine can stretch past
 * vitest's 10 s default; a timed-out baseline would throw away the whole run's figures.
 */
const BASELINE_HOOK_TIMEOUT_MS = 300_000;

const CUTX_DB_CONFIG = `import { cutxDb } from '@cutx/db/vitest/config';
import { defineConfig } from 'vitest/config';
export default defineConfig({ plugins: [cutxDb()] });
`;

/** The project's files for `variant` (path to content), for `writeScratchVitestProject`. */
export function suiteProjectFiles(variant: SuiteVariant): Record<string, string> {
  const files: Record<string, string> = {};
  if (variant === 'cutx-db') files['vitest.config.ts'] = CUTX_DB_CONFIG;
  if (variant === 'pglite-per-file') for (const { name, sql } of readSchemaFiles()) files[`schema/${name}`] = sql;
  if (variant !== 'no-db') files['work.ts'] = WORK;
  const { setup, body } = VARIANTS[variant];
  for (let file = 1; file <= SUITE_FILES; file++) {
    files[`suite-${file}.test.ts`] =
      `const HOOK_TIMEOUT = ${BASELINE_HOOK_TIMEOUT_MS};\n${setup}\nconst FILE = ${file};\nfor (let n = 1; n <= ${TESTS_PER_FILE}; n++) test(\`test \${n}\`, ${body});\n`;
  }
  return files;
}
