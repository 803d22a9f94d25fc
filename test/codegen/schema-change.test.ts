import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import type { CutxDb } from '../../src/db/open.js';
import { openDb } from '../../src/db/open.js';
import { readSchemaFiles, schemaDir } from '../../src/db/schema-files.js';
import type { SchemaMetadata } from '../../src/rows/schema-metadata.js';
import { tableDefs } from '../../src/rows/tables.js';

import { EXTRA_MIGRATION, nextMigrationName } from '../support/extra-migration.js';

const run = promisify(execFile);

// Under node_modules so the generated files resolve kysely and drizzle-orm as the repo's own do.
const root = join('node_modules', '.cache', `cutx-codegen-${process.pid}`);
const scratchSchema = join(root, 'schema');
const out = join(root, 'out');
const codegen = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'scripts/codegen/main.ts', ...args], { encoding: 'utf8' });

let db: CutxDb;
let schema: SchemaMetadata;

beforeAll(async () => {
  cpSync(schemaDir, scratchSchema, { recursive: true });
  writeFileSync(join(scratchSchema, nextMigrationName(readdirSync(scratchSchema))), EXTRA_MIGRATION);
  mkdirSync(out, { recursive: true });
  await codegen('--schema', scratchSchema, '--out', out);
  // The generated metadata imports the expander beside it, which imports only types.
  cpSync('src/rows/expand-metadata.ts', join(out, 'src/rows/expand-metadata.ts'));
  ({ metadata: schema } = await import(join(process.cwd(), out, 'src/rows/generated/metadata.ts')));
  db = await openDb({ migrate: false });
  await migrate(db, readSchemaFiles(scratchSchema));
});

afterAll(async () => {
  await db?.close();
  rmSync(root, { recursive: true, force: true });
});

const generated = (file: string) => readFileSync(join(out, 'src/rows/generated', file), 'utf8');

// Codegen reads its own embedded database, whatever engine the suite tests: once is enough,
// so it runs in the PGlite project only (vitest.config.ts).
describe('a schema change: one SQL file, `npm run codegen`, nothing else', () => {
  it('makes `--check` fail against the committed files, naming each stale one', async () => {
    const failed = await codegen('--check', '--schema', scratchSchema).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    for (const file of ['metadata.ts', 'kysely.ts', 'drizzle.ts']) {
      expect(failed?.stderr).toContain(`src/rows/generated/${file} is stale`);
    }
  });

  it('gives the new table and columns row schemas that parse what the database returns', async () => {
    const tables = tableDefs(schema);
    const [user] = (await db.query<{ id: string }>(`INSERT INTO users (email) VALUES ('g@cutx.test') RETURNING id`))
      .rows;
    await db.query(`INSERT INTO gift_cards (user_id, code, balance_cents) VALUES ($1, 'GIFT-1', 2500)`, [user?.id]);
    const card = (await db.query('SELECT * FROM gift_cards')).rows[0];
    expect(tables.gift_cards?.row.parse(card)).toMatchObject({
      balance_cents: '2500',
      kind: 'digital',
      expires_on: null,
    });

    await db.query(`INSERT INTO shows (user_id, title, platform, scheduled_at) VALUES ($1, 'Live', 'whatnot', now())`, [
      user?.id,
    ]);
    const show = (await db.query('SELECT * FROM shows')).rows[0];
    expect(tables.shows?.row.parse(show)).toMatchObject({ venue: null, audience: 'public' });
  });

  it('carries the new CHECKs, defaults and keys into the insert schemas and the metadata', () => {
    const tables = tableDefs(schema);
    const card = { user_id: '00000000-0000-4000-8000-000000000001', code: 'GIFT-1', balance_cents: 0 };
    expect(tables.gift_cards?.insert.safeParse(card).success).toBe(true);
    expect(tables.gift_cards?.insert.safeParse({ ...card, kind: 'plastic' }).success).toBe(false);
    expect(tables.gift_cards?.insert.safeParse({ ...card, code: 'GIF' }).success).toBe(false);
    expect(tables.gift_cards?.insert.safeParse({ ...card, balance_cents: -1 }).success).toBe(false);
    const show = { user_id: card.user_id, title: 'Live', platform: 'whatnot', scheduled_at: new Date() };
    expect(tables.shows?.insert.safeParse(show).success).toBe(true);
    expect(tables.shows?.insert.safeParse({ ...show, audience: 'secret' }).success).toBe(false);

    const giftCards = schema.tables.gift_cards;
    expect(giftCards?.foreignKeys).toEqual([
      expect.objectContaining({ columns: ['user_id'], references: 'users', onDelete: 'cascade' }),
    ]);
    expect(giftCards?.uniqueKeys.map((key) => key.columns)).toEqual([['code']]);
    expect(giftCards?.order).toBeGreaterThan(schema.tables.users?.order ?? Number.POSITIVE_INFINITY);
    expect(Object.keys(schema.tables.shows?.columns ?? {}).slice(-2)).toEqual(['venue', 'audience']);
  });

  it('adds them to the Kysely and Drizzle types, which compile under tsc --strict', async () => {
    const kysely = generated('kysely.ts');
    expect(kysely).toContain('export interface GiftCards {');
    expect(kysely).toContain('  gift_cards: GiftCards;');
    expect(kysely).toContain("  audience: Generated<'public' | 'followers' | 'private'>;");
    expect(kysely).toContain('  venue: string | null;');
    const drizzle = generated('drizzle.ts');
    expect(drizzle).toContain("export const giftCards = pgTable(\n  'gift_cards',");
    expect(drizzle).toContain("text('audience', { enum: ['public', 'followers', 'private'] })");
    expect(drizzle).toContain("uniqueIndex('gift_cards_code_key').on(t.code)");

    const files = ['kysely.ts', 'drizzle.ts'].map((file) => join(out, 'src/rows/generated', file));
    const tsc = await run(
      process.execPath,
      [
        'node_modules/typescript/bin/tsc',
        '--ignoreConfig',
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        '--module',
        'nodenext',
        ...files,
      ],
      { encoding: 'utf8' },
    ).then(
      () => '',
      (error: { stdout: string }) => error.stdout,
    );
    expect(tsc).toBe('');
  });
});
