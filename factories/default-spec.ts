import fc from 'fast-check';
import { CutxDbError } from '../src/db/errors.js';
import { jsKind } from '../src/rows/pg-types.js';
import type { ColumnMetadata, TableMetadata } from '../src/rows/schema-metadata.js';
import type { FakeContext, Gen } from './column-generators.js';
import type { ParentSpec } from './define-factory.js';
import { stampAt } from './time.js';

/** What a default factory needs from a table: generators and parents, from its metadata alone. */
export interface DefaultSpec {
  readonly table: string;
  readonly parents: readonly ParentSpec[];
  readonly gens: Readonly<Record<string, Gen<unknown>>>;
  readonly traits: Record<string, never>;
  readonly readBackAll: true;
}

// Columns every factory fills itself (row-builder.ts).
const ENGINE_FILLED = new Set(['id', 'created_at', 'updated_at']);

const fake = <T>(make: (ctx: FakeContext) => T): Gen<T> => ({
  fake: make,
  get arbitrary(): fc.Arbitrary<T> {
    throw new CutxDbError('invalid_input', 'Default factories have no arbitraries: write a generator in factories/.');
  },
});

const cannot = (table: string, what: string, write: string) =>
  new CutxDbError(
    'invalid_input',
    `${table}: ${what}, which a default factory cannot satisfy. Write a factory spec for ${table} in factories/ ` +
      `(${write}) and add it to factories/specs.ts.`,
    { table },
  );

/** Text within the column's length bounds: unique ones from the sequence, never retried. */
function textGen(table: string, name: string, column: ColumnMetadata, unique: boolean): Gen<string> {
  const { minLength = 1, maxLength, pattern } = column.bounds;
  const withinLength = (text: string) => {
    const long = text.padEnd(minLength, '0');
    return maxLength === undefined ? long : long.slice(0, maxLength);
  };
  if (pattern === undefined) {
    return fake((ctx) => withinLength(unique ? `${name}-${ctx.seq}-${ctx.tag}` : ctx.faker.lorem.word()));
  }
  if (unique) throw cannot(table, `${name} is unique and must match ${pattern}`, `a generator for ${name}`);
  let matching: fc.Arbitrary<string>;
  try {
    matching = fc
      .stringMatching(new RegExp(pattern))
      .filter((text) => text.length >= minLength && (maxLength === undefined || text.length <= maxLength));
  } catch {
    throw cannot(table, `${name} must match ${pattern}`, `a generator for ${name}`);
  }
  return fake((ctx) => fc.sample(matching, { seed: ctx.faker.number.int(2 ** 31 - 1), numRuns: 1 })[0] as string);
}

/** A generator for a NOT NULL column the database does not fill. */
function columnGen(table: string, name: string, column: ColumnMetadata, unique: boolean): Gen<unknown> {
  const { bounds } = column;
  if (bounds.values !== undefined) {
    const values = bounds.values;
    return fake((ctx) => ctx.faker.helpers.arrayElement(values));
  }
  const { kind, array } = jsKind(column.baseType, `${table}.${name}`);
  if (array) return fake(() => []);
  switch (kind) {
    case 'number':
    case 'integer8': {
      const min = bounds.min ?? Math.min(0, bounds.max ?? 0);
      const max = bounds.max ?? min + 1000;
      return fake((ctx) => (unique ? min + ctx.seq : ctx.faker.number.int({ min, max })));
    }
    case 'decimal':
      return fake((ctx) => String(ctx.faker.number.int(1000)));
    case 'boolean':
      return fake(() => false);
    case 'date':
      return fake((ctx) => stampAt(ctx).toISOString().slice(0, 10));
    case 'timestamp':
      return fake((ctx) => stampAt(ctx));
    case 'json':
      return fake(() => (bounds.jsonType === 'array' ? [] : {}));
    case 'bytes': {
      const length = bounds.octetLength ?? 16;
      return fake((ctx) =>
        Uint8Array.from({ length }, (_, i) => (i < 4 ? (ctx.seq >>> (8 * i)) & 0xff : ctx.faker.number.int(255))),
      );
    }
    default:
      if (column.baseType === 'uuid') return fake((ctx) => ctx.faker.string.uuid());
      if (column.baseType === 'inet') return fake((ctx) => ctx.faker.internet.ipv4());
      return textGen(table, name, column, unique);
  }
}

/**
 * A factory spec made from a table's metadata: NOT NULL columns the database does not fill
 * get values of their type within their simple CHECKs' bounds, one column of each unique
 * key comes from the sequence, nullable columns are left NULL and defaulted ones to the
 * database, and each foreign key is a parent (created when not given; NULL when nullable).
 * Throws, naming the constraint and what to write, where that cannot satisfy the table.
 */
export function defaultSpec(table: string, meta: TableMetadata): DefaultSpec {
  if (!('id' in meta.columns)) throw cannot(table, 'it has no id column', 'a spec with a persist of its own');
  const check = meta.checks.find((candidate) => !candidate.simple);
  if (check !== undefined) {
    throw cannot(table, `the CHECK ${check.name} (${check.definition})`, `gens or a derive that satisfy it`);
  }
  const parents: ParentSpec[] = [];
  const foreign = new Set<string>();
  for (const key of meta.foreignKeys) {
    const [column] = key.columns;
    if (key.columns.length !== 1 || column === undefined) {
      throw cannot(table, `the foreign key ${key.name} spans several columns`, `parents for ${key.name}`);
    }
    foreign.add(column);
    parents.push({
      key: column.replace(/_id$/, ''),
      column,
      table: key.references as ParentSpec['table'],
      ...(meta.columns[column]?.nullable ? { optional: true } : {}),
    });
  }
  // One required, non-foreign column of each unique key is enough to make the key unique.
  const unique = new Set<string>();
  for (const key of meta.uniqueKeys) {
    const own = key.columns.filter((column) => !foreign.has(column) && !ENGINE_FILLED.has(column));
    const required = own.find((column) => meta.columns[column]?.nullable === false);
    if (required !== undefined) unique.add(required);
    else if (own.length === 0) {
      for (const parent of parents) if (key.columns.includes(parent.column)) Object.assign(parent, { perRow: true });
    }
  }
  const gens: Record<string, Gen<unknown>> = {};
  for (const [name, column] of Object.entries(meta.columns)) {
    if (ENGINE_FILLED.has(name) || foreign.has(name) || column.filledBy === 'generated') continue;
    // A unique column takes its value from the sequence even where it has a default.
    if (unique.has(name)) gens[name] = columnGen(table, name, column, true);
    else if (column.filledBy === null)
      gens[name] = column.nullable ? fake(() => null) : columnGen(table, name, column, false);
  }
  return { table, parents, gens, traits: {}, readBackAll: true };
}
