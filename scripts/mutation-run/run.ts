// npm run test:mutations [-- <part of a mutant's name>]
//
// Plants bugs the way one is committed and asks whether the rule tests notice. Each scratch
// copy of the package (schema/, src/, test/, factories/, ...) gets its bugs, `npm run
// codegen` regenerates its metadata and types (in this process: generate() is what the
// command runs), and test/rules/ runs on it. The freshness and compatibility gates (the
// metadata-equals-catalog test, the applied-file-changed gate, the compat gate) are never
// run, so a kill is always a rule test's.
//
// Catalog mutants (catalog-mutants.ts) are the statements of a new file after the last one,
// several per copy as long as each touches its own table (or domain, or function): a
// mutant is killed when a failing test names its target. A test file that fails as a whole
// names none, so in a copy where one does, each mutant no failing test names runs again alone.
// Hand-written mutants (hand-written-mutants.ts) edit an existing line, one per copy.
// Exits 1 when a mutant survives or no longer applies.
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { migrate } from '../../src/db/migrate.js';
import { openDb } from '../../src/db/open.js';
import { generate } from '../codegen/generate.js';
import { type CatalogMutant, catalogMutants } from './catalog-mutants.js';
import { type Mutant as HandWritten, mutants as handWritten } from './hand-written-mutants.js';
import { familyTests, gateFiles, ruleTestFiles } from './test-files.js';

interface Planted {
  name: string;
  /** Killed by a failing test whose name holds this; any failing test when absent. */
  target?: string;
  catalog?: CatalogMutant;
  edit?: HandWritten;
}

interface Copy {
  dir: string;
  mutants: Planted[];
  tests: string[];
}

interface FileResult {
  name: string;
  status: string;
  message?: string;
  assertionResults: { fullName: string; status: string }[];
}

const root = resolve(import.meta.dirname, '..', '..');
const COPIED = ['schema', 'src', 'test', 'factories', 'seeds', 'vitest', 'package.json', 'tsconfig.json'];
// Copies tested in one vitest process: more shares its start-up, fewer bounds its memory.
const COPIES_PER_ROUND = 12;
// Catalog mutants of different tables planted in one copy.
const MUTANTS_PER_COPY = 24;

const scratch = mkdtempSync(join(tmpdir(), 'cutx-mutations-'));
symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'));
let copies = 0;

/** A scratch copy of the package with `planted` in it and its generated files regenerated. */
async function makeCopy(mutants: Planted[], tests: string[]): Promise<Copy> {
  const dir = join(scratch, `copy-${copies++}`);
  for (const entry of COPIED) cpSync(join(root, entry), join(dir, entry), { recursive: true });
  for (const { edit } of mutants) if (edit) applyEdit(dir, edit);
  const planted = mutants.flatMap(({ catalog }) => (catalog ? [`-- ${catalog.name}\n${catalog.sql}`] : []));
  if (planted.length > 0) {
    const last =
      readdirSync(join(dir, 'schema'))
        .filter((file) => /^\d{4}_.*\.sql$/.test(file))
        .sort()
        .at(-1) ?? '0000';
    const next = String(Number(last.slice(0, 4)) + 1).padStart(4, '0');
    writeFileSync(join(dir, 'schema', `${next}_mutants.sql`), `${planted.join('\n\n')}\n`);
  }
  const { files } = await generate(join(dir, 'schema'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return { dir, mutants, tests };
}

function applyEdit(dir: string, mutant: HandWritten): void {
  const file = join(dir, 'schema', mutant.file);
  const sql = readFileSync(file, 'utf8');
  const count = sql.split(mutant.find).length - 1;
  if (count !== 1) throw new Error(`mutant "${mutant.name}": its line occurs ${count} times in ${mutant.file}`);
  // A function, so that a $' in the SQL is not read as a replacement pattern.
  writeFileSync(
    file,
    sql.replace(mutant.find, () => mutant.replace),
  );
}

/** Runs each copy's tests in one vitest process (one project per copy); the results by copy. */
async function runRound(round: Copy[], n: number): Promise<Map<Copy, FileResult[]>> {
  const config = join(scratch, `vitest-${n}.config.mjs`);
  const report = join(scratch, `report-${n}.json`);
  const projects = round.map((copy, i) => ({
    test: { name: `copy${i}`, root: copy.dir, include: copy.tests, testTimeout: 300_000, hookTimeout: 600_000 },
  }));
  writeFileSync(config, `export default ${JSON.stringify({ test: { projects, maxWorkers: 2 } })};\n`);
  const { CUTX_TEST_DATABASE_URL: _server, ...env } = process.env;
  const child = spawn(
    join(root, 'node_modules', '.bin', 'vitest'),
    ['run', '--config', config, '--root', scratch, '--reporter=json', `--outputFile=${report}`],
    { env: { ...env, CUTX_DB_CACHE_DIR: join(scratch, 'cache') }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const status = await new Promise<number | null>((done) => child.on('close', done));
  let files: FileResult[];
  try {
    files = (JSON.parse(readFileSync(report, 'utf8')) as { testResults: FileResult[] }).testResults;
  } catch {
    throw new Error(`vitest wrote no report (exit ${status}): ${stderr.slice(-600)}`);
  }
  return new Map(round.map((copy) => [copy, files.filter((file) => file.name.startsWith(`${copy.dir}/`))]));
}

/** The names of the tests (or whole files) that failed. */
function failures(files: FileResult[]): { tests: string[]; wholeFiles: string[] } {
  return {
    tests: files.flatMap((file) => file.assertionResults.filter((t) => t.status === 'failed').map((t) => t.fullName)),
    wholeFiles: files
      .filter((file) => file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed'))
      .map((file) => `${file.name.replace(/^.*?\/test\//, 'test/')}: ${(file.message ?? '').split('\n')[0]}`),
  };
}

const names = (target: string) => new RegExp(`(^|[^a-z0-9_.])${target.replace(/\./g, '\\.')}($|[^a-z0-9_])`);

// Two catalog mutants conflict in one copy when they touch the same scope, unless both only
// widen different CHECKs.
const conflict = (a: CatalogMutant, b: CatalogMutant) =>
  a.scope === b.scope && !(a.widens && b.widens && a.target !== b.target);

/** Catalog mutants packed into copies of at most MUTANTS_PER_COPY, no two in conflict in one. */
function packCatalog(mutants: CatalogMutant[]): Planted[][] {
  const packs: CatalogMutant[][] = [];
  // Narrowing mutants first: they need copies of their own table, the widening ones fill in.
  for (const mutant of [...mutants].sort((a, b) => Number(a.widens ?? false) - Number(b.widens ?? false))) {
    const pack = packs.find((p) => p.length < MUTANTS_PER_COPY && !p.some((other) => conflict(other, mutant)));
    if (pack) pack.push(mutant);
    else packs.push([mutant]);
  }
  return packs.map((pack) => pack.map((catalog) => ({ name: catalog.name, target: catalog.target, catalog })));
}

interface Verdict {
  mutant: Planted;
  killedBy?: string | undefined;
}

/** Whether `name` is chosen by the argument: a part of its name, or a file listing whole names. */
function chooser(argument: string | undefined): (name: string) => boolean {
  if (!argument) return () => true;
  if (!existsSync(argument)) return (name) => name.includes(argument);
  const listed = new Set(
    readFileSync(argument, 'utf8')
      .split('\n')
      .map((line) => line.trim()),
  );
  return (name) => listed.has(name);
}

async function main(only: string | undefined): Promise<number> {
  const chosen = chooser(only);
  const started = Date.now();
  const rules = ruleTestFiles(root);
  const gates = new Set(gateFiles());
  const db = await openDb({ migrate: false });
  let systematic: CatalogMutant[];
  try {
    await migrate(db);
    systematic = (await catalogMutants(db)).filter((mutant) => chosen(mutant.name));
  } finally {
    await db.close();
  }
  const edits = handWritten.filter((mutant) => chosen(`hand-written: ${mutant.name}`));

  const baseline = await makeCopy([], rules);
  const baselineFailed = failures((await runRound([baseline], 0)).get(baseline) ?? []);
  if (baselineFailed.tests.length + baselineFailed.wholeFiles.length > 0) {
    console.error('The rule tests fail on the unchanged schema, so they cannot judge a mutant:');
    console.error([...baselineFailed.tests, ...baselineFailed.wholeFiles].join('\n'));
    return -1;
  }
  console.log(`unchanged schema: ${rules.length} rule test files pass`);

  const verdicts: Verdict[] = [];
  const queue: Planted[][] = [
    ...(['data', 'definition', 'behaviour'] as const).flatMap((family) =>
      packCatalog(systematic.filter((mutant) => mutant.family === family)),
    ),
    ...edits.map((edit) => [{ name: `hand-written: ${edit.name}`, edit }]),
  ];
  // Each family meets the rule tests that can notice it; a hand-written mutant the tests it
  // names, gates left out.
  const testsFor = (pack: Planted[]) => {
    const edits = pack.flatMap(({ edit }) => (edit ? edit.tests.filter((test) => !gates.has(test)) : []));
    const family = pack[0]?.catalog?.family;
    return family ? familyTests(rules)[family] : edits;
  };
  // The next round's copies (codegen, in this process) are made while vitest tests this one.
  const prepare = () => Promise.all(queue.splice(0, COPIES_PER_ROUND).map((pack) => makeCopy(pack, testsFor(pack))));
  let next = prepare();
  for (let n = 1; ; n++) {
    const round = await next;
    if (round.length === 0) break;
    next = prepare();
    for (const [copy, files] of await runRound(round, n)) {
      const failed = failures(files);
      const broken = copy.mutants.length > 1 && failed.wholeFiles.length > 0;
      for (const mutant of copy.mutants) {
        const target = mutant.target;
        const named = target ? failed.tests.find((test) => names(target).test(test)) : failed.tests[0];
        // A file that failed as a whole names no mutant: one that no failing test names runs again alone.
        if (broken && !named) {
          queue.push([mutant]);
          continue;
        }
        const killedBy = named ?? failed.wholeFiles[0];
        verdicts.push({ mutant, killedBy });
        console.log(killedBy ? `killed    ${mutant.name}\n          by ${killedBy}` : `SURVIVED  ${mutant.name}`);
      }
      rmSync(copy.dir, { recursive: true, force: true });
    }
    if (queue.length > 0 && (await next).length === 0) next = prepare();
  }

  const survivors = verdicts.filter((verdict) => !verdict.killedBy);
  const score = (list: Verdict[]) => {
    const killed = list.filter((verdict) => verdict.killedBy).length;
    return `${killed} of ${list.length} killed (${list.length ? ((100 * killed) / list.length).toFixed(1) : '-'}%)`;
  };
  console.log(`\nsystematic (from the catalog): ${score(verdicts.filter((v) => v.mutant.catalog))}`);
  console.log(`hand-written: ${score(verdicts.filter((v) => v.mutant.edit))}`);
  console.log(`all: ${score(verdicts)}, through test/rules/ alone, in ${Math.round((Date.now() - started) / 1000)} s`);
  if (survivors.length > 0) {
    console.log('\nsurvivors (the rule each shows unattacked):');
    for (const { mutant } of survivors) console.log(`  ${mutant.target ?? 'hand-written'}: ${mutant.name}`);
  }
  return survivors.length;
}

try {
  process.exitCode = (await main(process.argv[2])) === 0 ? 0 : 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
