/**
 * Writes docs/schema.md: a Mermaid entity-relationship diagram of every table and foreign
 * key, read from a freshly migrated catalog. `--check` compares instead of writing and
 * exits 1 when the committed file is out of date (CI runs it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createTestDb } from '../src/testing/create-test-db.js';

interface Column {
  table: string;
  column: string;
  type: string;
  key: string;
}

interface Reference {
  table: string;
  references: string;
  column: string;
  nullable: boolean;
  one_to_one: boolean;
  on_delete: string;
}

const target = new URL('../docs/schema.md', import.meta.url);

const db = await createTestDb();
const { rows: columns } = await db.query<Column>(
  `SELECT c.table_name AS table, c.column_name AS column,
          replace(CASE WHEN c.data_type = 'USER-DEFINED' OR c.data_type = 'ARRAY' THEN c.udt_name ELSE c.data_type END, ' ', '_') AS type,
          CASE WHEN pk.column_name IS NOT NULL THEN 'PK' WHEN fk.column_name IS NOT NULL THEN 'FK' ELSE '' END AS key
     FROM information_schema.columns c
     LEFT JOIN (SELECT kcu.table_name, kcu.column_name FROM information_schema.table_constraints tc
                  JOIN information_schema.key_column_usage kcu USING (constraint_schema, constraint_name)
                 WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = 'public') pk
       ON pk.table_name = c.table_name AND pk.column_name = c.column_name
     LEFT JOIN (SELECT DISTINCT kcu.table_name, kcu.column_name FROM information_schema.table_constraints tc
                  JOIN information_schema.key_column_usage kcu USING (constraint_schema, constraint_name)
                 WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public') fk
       ON fk.table_name = c.table_name AND fk.column_name = c.column_name
    WHERE c.table_schema = 'public'
    ORDER BY c.table_name, c.ordinal_position`,
);
const { rows: references } = await db.query<Reference>(
  `SELECT con.conrelid::regclass::text AS table, con.confrelid::regclass::text AS references,
          a.attname::text AS column, NOT a.attnotnull AS nullable,
          EXISTS (SELECT 1 FROM pg_index x WHERE x.indrelid = con.conrelid AND x.indisunique
                     AND x.indnkeyatts = 1 AND x.indkey[0] = con.conkey[1]) AS one_to_one,
          CASE con.confdeltype WHEN 'c' THEN 'cascade' WHEN 'n' THEN 'set null' ELSE 'restrict' END AS on_delete
     FROM pg_constraint con
     JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
    WHERE con.contype = 'f' AND con.connamespace = 'public'::regnamespace
    ORDER BY 2, 1, 3`,
);
await db.close();

const tables = [...new Set(columns.map((column) => column.table))];
const lines = [
  '# The CutX schema',
  '',
  `Generated from the migrated catalog by \`npm run docs\`; CI fails when it is out of date.`,
  `${tables.length} tables, ${references.length} foreign keys. A relationship's label is the`,
  'foreign-key column and what deleting the parent does to the row.',
  '',
  '```mermaid',
  'erDiagram',
  ...references.map(
    (ref) =>
      `  ${ref.references} ${ref.nullable ? '|o' : '||'}--${ref.one_to_one ? 'o|' : 'o{'} ${ref.table} : "${ref.column} (${ref.on_delete})"`,
  ),
  ...tables.flatMap((table) => [
    `  ${table} {`,
    ...columns
      .filter((column) => column.table === table)
      .map((column) => `    ${column.type} ${column.column}${column.key ? ` ${column.key}` : ''}`),
    '  }',
  ]),
  '```',
  '',
];
const diagram = lines.join('\n');

if (process.argv.includes('--check')) {
  const committed = readFileSync(target, 'utf8');
  if (committed !== diagram) {
    console.error('docs/schema.md is out of date with schema/: run `npm run docs` and commit the result.');
    process.exit(1);
  }
  console.log('docs/schema.md is current.');
} else {
  writeFileSync(target, diagram);
  console.log(`wrote docs/schema.md (${tables.length} tables, ${references.length} foreign keys)`);
}
