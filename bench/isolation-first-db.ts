/**
 * Run by bench/isolation.ts in a fresh process: prints, as JSON, how long the first database
 * took, counted from before the package was imported. `cold` creates and migrates one;
 * `template` loads the cached template the way a new test worker does.
 */
const started = performance.now();
const mode = process.argv[2];
if (mode === 'template') {
  const { createTestDb } = await import('../src/testing/index.js');
  const db = await createTestDb();
  await db.query('SELECT count(*) FROM users');
  process.stdout.write(JSON.stringify({ ms: performance.now() - started }));
  await db.close();
} else if (mode === 'cold') {
  const { openDb } = await import('../src/db/open.js');
  const db = await openDb();
  await db.query('SELECT count(*) FROM users');
  process.stdout.write(JSON.stringify({ ms: performance.now() - started }));
  await db.close();
} else {
  throw new Error(`usage: isolation-first-db.ts cold|template (got ${mode})`);
}
