/**
 * Run by bench/isolation.ts in a fresh process, compiled as the package is (see `npm run
 * bench`) and as a consumer's test worker loads it: prints, as JSON, how long the first
 * database took, counted from before the package was imported. `cold` creates one and applies every schema file;
 * `template` loads the cached template the way a new test worker does.
 */
const started = performance.now();
const mode = process.argv[2];
if (mode === 'template') {
  const { createTestDb } = await import('../src/testing/create-test-db.js');
  const db = await createTestDb();
  await db.query('SELECT count(*) FROM users');
  process.stdout.write(JSON.stringify({ ms: performance.now() - started }));
  await db.close();
} else if (mode === 'cold') {
  // Not openDb: it starts a new database from the cached template too. Cold means initdb
  // and every schema file, as before any cache exists.
  const { PGlite } = await import('@electric-sql/pglite');
  const { pgliteOptions } = await import('../src/db/pglite-options.js');
  const { migrate } = await import('../src/db/migrate.js');
  const db = await PGlite.create(pgliteOptions);
  await migrate(db);
  await db.query('SELECT count(*) FROM users');
  process.stdout.write(JSON.stringify({ ms: performance.now() - started }));
  await db.close();
} else {
  throw new Error(`usage: first-db-process.js cold|template (got ${mode})`);
}
