import type { ParseResult } from 'libpg-query';
import { CutxDbError } from './errors.js';

/** One top-level statement of a SQL file, as PostgreSQL's own parser (libpg_query, PostgreSQL 15) reads it. */
export interface SqlStatement {
  /** The parse tree's node type: `IndexStmt`, `TransactionStmt`, `UpdateStmt`, ... */
  type: string;
  /** The node itself (see @pgsql/types for its fields). */
  node: Record<string, unknown>;
  /** The statement's text, without the comments before it or the `;` that ends it. */
  text: string;
  /** Its 1-based line in the file. */
  line: number;
}

/**
 * Splits `sql` into its statements with PostgreSQL 15's parser (as squawk does), so a
 * keyword inside a comment, a string or a function body is never taken for a statement.
 * Refuses SQL that PostgreSQL 15 cannot parse, naming `where`.
 *
 * @example await parseStatements('BEGIN; SELECT 1') // [{ type: 'TransactionStmt', ... }, { type: 'SelectStmt', ... }]
 */
export async function parseStatements(sql: string, where: string): Promise<SqlStatement[]> {
  // Loaded on first use: only migrate and the schema checks read SQL, not the row schemas.
  const { parse } = await import('libpg-query');
  let tree: ParseResult;
  try {
    tree = (await parse(sql)) as ParseResult;
  } catch (error) {
    throw new CutxDbError(
      'migration_failed',
      `${where} is not SQL that PostgreSQL 15 parses: ${(error as Error).message}. Fix the statement.`,
      { cause: error },
    );
  }
  // Locations are byte offsets into the UTF-8 text.
  const bytes = Buffer.from(sql, 'utf8');
  return (tree.stmts ?? []).map((raw) => {
    const start = raw.stmt_location ?? 0;
    const end = raw.stmt_len === undefined || raw.stmt_len === 0 ? bytes.length : start + raw.stmt_len;
    const [type = '', node = {}] = Object.entries(raw.stmt ?? {})[0] ?? [];
    const before = bytes.subarray(0, start).toString('utf8');
    const text = bytes.subarray(start, end).toString('utf8');
    // The location is where the previous statement ended: the line is that of its first token.
    const leading = /^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*/.exec(text)?.[0] ?? '';
    return {
      type,
      node: node as Record<string, unknown>,
      text: text.slice(leading.length).trim(),
      line: `${before}${leading}`.split('\n').length,
    };
  });
}
