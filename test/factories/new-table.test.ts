import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFactories } from '../../factories/index.js';
import { EXTRA_MIGRATION, nextMigrationName } from '../support/extra-migration.js';
import { openTestDb, type TestDb } from '../support/test-db.js';

const run = promisify(execFile);

// Runs in the scratch copy, against its own schema and generated metadata.
const PROBE = `
import { createFactories } from './factories/index.js';
import { openDb } from './src/db/open.js';
const db = await openDb();
const f = createFactories(db, { seed: 1 });
const card = await f.giftCards.create();
const cards = await f.giftCards.createList(3);
const show = await f.shows.create();
const g = createFactories(db, { seed: 1 });
const built = { users: g.users.buildList(2), inventoryItems: g.inventoryItems.buildList(2) };
console.log(JSON.stringify({ card, cards, show, built }));
await db.close();
`;

// Under node_modules, so the copy resolves its packages from the repository's own.
const root = resolve('node_modules', '.cache', `cutx-new-table-${process.pid}`);
const env = { ...process.env, CUTX_SCHEMA_DIR: join(root, 'schema') };
const tsx = (script: string) =>
  run(process.execPath, ['--import', 'tsx', script], { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 24 });

let probe: {
  card: Record<string, unknown>;
  cards: Record<string, unknown>[];
  show: Record<string, unknown>;
  built: Record<string, unknown>;
};
let db: TestDb;

beforeAll(async () => {
  for (const folder of ['src', 'factories', 'schema', 'scripts'])
    cpSync(folder, join(root, folder), { recursive: true });
  cpSync('package.json', join(root, 'package.json'));
  writeFileSync(join(join(root, 'schema'), nextMigrationName(readdirSync(join(root, 'schema')))), EXTRA_MIGRATION);
  mkdirSync(root, { recursive: true });
  // The two steps of the workflow: the SQL file above, then `npm run codegen`.
  await tsx('scripts/codegen/main.ts');
  writeFileSync(join(root, 'probe.ts'), PROBE);
  probe = JSON.parse((await tsx('probe.ts')).stdout);
  db = await openTestDb();
}, 240_000);

afterAll(async () => {
  await db?.close();
  rmSync(root, { recursive: true, force: true });
});

// Scratch copies through the embedded database: the PGlite project only (vitest.config.ts).
describe('a new table: one SQL file and `npm run codegen`, nothing else', () => {
  it('has a working default factory: create and createList', () => {
    expect(probe.card).toMatchObject({ kind: 'digital', expires_on: null });
    expect(typeof probe.card.user_id).toBe('string');
    expect(String(probe.card.code).length).toBeGreaterThanOrEqual(4);
    expect(probe.cards).toHaveLength(3);
    const codes = [probe.card, ...probe.cards].map((card) => card.code);
    expect(new Set(codes).size).toBe(4);
  });

  it('leaves an existing table’s factory working with the new columns, filled by the database', () => {
    expect(probe.show).toMatchObject({ venue: null, audience: 'public' });
  });

  it('changes no row of the existing tables for the same seed', () => {
    const f = createFactories(db, { seed: 1 });
    const here = { users: f.users.buildList(2), inventoryItems: f.inventoryItems.buildList(2) };
    expect(probe.built).toEqual(JSON.parse(JSON.stringify(here)));
  });
});
