import type { SqlClient } from '../../src/db/sql-client.js';
import { metadata } from '../../src/rows/generated/metadata.js';
import { vocabularies } from '../../src/rows/vocabularies.js';
import {
  checkConstraints,
  foreignKeys,
  indexDefinitions,
  indexes,
  indexOperatorClasses,
  primaryKeys,
  publicTables,
  tablesWithColumn,
  tablesWithUpdatedAtTrigger,
} from '../support/catalog.js';
import { REVIEWED_INDEXES } from '../support/reviewed-schema.js';

/**
 * Each check reads the catalog and returns what differs from the spec (docs/domain.md), one
 * line a problem: an empty list is a pass. The contract tests expect empty lists; the
 * breakage tests break the schema and expect each check to notice.
 */

/** The tables of the generated metadata: the catalog must hold exactly these. */
export const DOMAIN_TABLES = Object.keys(metadata.tables).sort();

/**
 * The ten tables whose updated_at the spec (docs/domain.md, guarantee 3) has a trigger keep: a
 * deliberate second copy, held equal to the generated metadata by the contract test.
 */
export const UPDATED_AT_TABLES = [
  'ad_platform_connections',
  'campaigns',
  'credit_balances',
  'generation_jobs',
  'inventory_items',
  'landing_pages',
  'products',
  'shows',
  'subscriptions',
  'users',
] as const;

interface NamedIndex {
  table: string;
  keys: string[];
  /** The partial-index WHERE; null: the index covers every row. */
  predicate: string | null;
  unique: boolean;
  method: 'btree' | 'gin';
  operatorClasses?: string[];
}

export const NAMED_INDEXES: Record<string, NamedIndex> = {
  // Case-insensitive: the key is lower(email) (guarantee 9).
  idx_users_email: { table: 'users', keys: ['lower(email)'], predicate: null, unique: true, method: 'btree' },
  idx_users_github: { table: 'users', keys: ['github_id'], predicate: null, unique: true, method: 'btree' },
  idx_jobs_user_status: {
    table: 'generation_jobs',
    keys: ['user_id', 'status'],
    predicate: null,
    unique: false,
    method: 'btree',
  },
  idx_jobs_replicate: {
    table: 'generation_jobs',
    keys: ['replicate_prediction_id'],
    predicate: null,
    unique: false,
    method: 'btree',
  },
  idx_jobs_idempotency: {
    table: 'generation_jobs',
    keys: ['user_id', 'idempotency_key'],
    predicate: null,
    unique: true,
    method: 'btree',
  },
  idx_analytics_campaign_date: {
    table: 'campaign_analytics',
    keys: ['campaign_id', 'date'],
    predicate: null,
    unique: true,
    method: 'btree',
  },
  idx_inventory_search: {
    table: 'inventory_items',
    keys: ['name'],
    predicate: null,
    unique: false,
    method: 'gin',
    operatorClasses: ['gin_trgm_ops'],
  },
};

function difference(label: string, actual: readonly string[], expected: readonly string[]): string[] {
  return [
    ...expected.filter((name) => !actual.includes(name)).map((name) => `${label}: missing ${name}`),
    ...actual.filter((name) => !expected.includes(name)).map((name) => `${label}: unexpected ${name}`),
  ];
}

export async function tableProblems(db: SqlClient): Promise<string[]> {
  return difference('tables', await publicTables(db), DOMAIN_TABLES);
}

export async function namedIndexProblems(db: SqlClient): Promise<string[]> {
  const actual = new Map((await indexes(db)).map((index) => [index.name, index]));
  const problems: string[] = [];
  for (const [name, expected] of Object.entries(NAMED_INDEXES)) {
    const index = actual.get(name);
    if (!index) {
      problems.push(`${name}: missing`);
      continue;
    }
    const { operatorClasses, ...shape } = expected;
    const found = {
      table: index.table,
      keys: index.keys,
      predicate: index.predicate,
      unique: index.unique,
      method: index.method,
    };
    if (JSON.stringify(found) !== JSON.stringify(shape)) {
      problems.push(`${name}: is ${JSON.stringify(found)}, expected ${JSON.stringify(shape)}`);
    }
    if (operatorClasses) {
      const classes = await indexOperatorClasses(db, name);
      if (JSON.stringify(classes) !== JSON.stringify(operatorClasses)) {
        problems.push(`${name}: operator classes ${classes.join(', ')}, expected ${operatorClasses.join(', ')}`);
      }
    }
  }
  return problems;
}

/** Indexes that differ from the reviewed snapshot: name, keys, expressions, uniqueness or predicate. */
export async function indexDefinitionProblems(db: SqlClient): Promise<string[]> {
  return difference('index', await indexDefinitions(db), REVIEWED_INDEXES);
}

export async function updatedAtProblems(db: SqlClient): Promise<string[]> {
  return [
    ...difference('updated_at column', await tablesWithColumn(db, 'updated_at'), UPDATED_AT_TABLES),
    ...difference('updated_at trigger', await tablesWithUpdatedAtTrigger(db), UPDATED_AT_TABLES),
  ];
}

/** Every foreign key as one readable line, for comparison with the reviewed snapshot. */
export async function foreignKeyLines(db: SqlClient): Promise<string[]> {
  return (await foreignKeys(db))
    .map((fk) => `${fk.table}(${fk.columns.join(', ')}) -> ${fk.references} ON DELETE ${fk.onDelete}`)
    .sort();
}

/** Foreign keys whose columns do not lead some index: a cascade would scan the table. */
export async function unindexedForeignKeys(db: SqlClient): Promise<string[]> {
  const all = await indexes(db);
  return (await foreignKeys(db))
    .filter(
      (fk) =>
        !all.some(
          (index) =>
            index.table === fk.table && fk.columns.every((column, position) => index.keys[position] === column),
        ),
    )
    .map((fk) => `${fk.table}(${fk.columns.join(', ')}) has no index`);
}

export async function primaryKeyProblems(db: SqlClient): Promise<string[]> {
  return (await primaryKeys(db)).flatMap((pk) => {
    if (pk.columns.length === 0) return [`${pk.table}: no primary key`];
    if (pk.columns.length !== 1 || pk.columns[0] !== 'id') return [`${pk.table}: primary key is (${pk.columns})`];
    if (pk.type !== 'uuid' || !pk.hasDefault) return [`${pk.table}: id is ${pk.type} without a default`];
    return [];
  });
}

const VOCABULARY_CHECK = /^CHECK \(\((\w+) = ANY \(ARRAY\[(.*)\]\)\)\)$/;

/** The value list of every `<column> IN (...)` CHECK, keyed `table.column`. */
export async function sqlVocabularies(db: SqlClient): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (const check of await checkConstraints(db)) {
    const match = VOCABULARY_CHECK.exec(check.definition);
    if (!match?.[1] || match[2] === undefined) continue;
    const values = [...match[2].matchAll(/'((?:[^']|'')*)'::text/g)].map((value) => value[1] ?? '');
    found.set(`${check.table}.${match[1]}`, values);
  }
  return found;
}

// Columns whose name says they hold one of a closed set of values.
const VOCABULARY_COLUMN =
  /^(role|status|kind|type|tier|platform|category|condition|objective|placement|action|target_type)$/;

export async function vocabularyProblems(db: SqlClient): Promise<string[]> {
  const inSql = await sqlVocabularies(db);
  const inTypeScript = new Map(
    Object.entries(vocabularies).flatMap(([table, columns]) =>
      Object.entries(columns).map(([column, values]): [string, readonly string[]] => [`${table}.${column}`, values]),
    ),
  );
  const { rows } = await db.query<{ name: string }>(
    `SELECT table_name || '.' || column_name AS name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type = 'text' ORDER BY 1`,
  );
  const vocabularyColumns = rows
    .map((row) => row.name)
    .filter((name) => VOCABULARY_COLUMN.test(name.split('.')[1] ?? ''));
  const problems = difference('closed vocabulary', [...inSql.keys()].sort(), vocabularyColumns);
  for (const [column, values] of inTypeScript) {
    const sqlValues = inSql.get(column);
    if (JSON.stringify(sqlValues) !== JSON.stringify(values)) {
      problems.push(`${column}: SQL accepts ${JSON.stringify(sqlValues)}, TypeScript has ${JSON.stringify(values)}`);
    }
  }
  problems.push(...difference('vocabulary in TypeScript', [...inTypeScript.keys()].sort(), vocabularyColumns));
  return problems;
}
