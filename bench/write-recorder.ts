/**
 * Records the writes a seed sends, to replay them as its ceiling: the same statements in
 * the same order, without the reads and JS work between them.
 */
import type { QueryOptions, Transaction } from '@electric-sql/pglite';
import { query as templated } from '@electric-sql/pglite/template';
import type { CutxDb } from '../src/db/open.js';

export interface RecordedWrite {
  sql: string;
  params: unknown[];
}

// Rows reach the database by INSERT/UPDATE/DELETE; the seed's exec calls (TRUNCATE on
// reset, VACUUM ANALYZE after commit) write none of its rows.
const WRITE = /^\s*(INSERT|UPDATE|DELETE)\b/i;

type Client = Pick<Transaction, 'query' | 'sql'>;

/** `client` with every write appended to `writes`, inside its transactions too. Everything else is forwarded. */
export function recordWrites<C extends Client>(client: C, writes: RecordedWrite[]): C {
  const query = <T>(sql: string, params: unknown[] = [], options?: QueryOptions) => {
    // Copied: a caller may change its arrays after the statement ran.
    if (WRITE.test(sql)) writes.push({ sql, params: structuredClone(params) });
    return client.query<T>(sql, params, options);
  };
  const overrides: Record<PropertyKey, unknown> = {
    query,
    // PGlite's own tag would send the statement past the recording.
    sql: <T>(strings: TemplateStringsArray, ...values: unknown[]) => {
      const { query: sql, params } = templated(strings, ...values);
      return query<T>(sql, params);
    },
    transaction: <T>(callback: (tx: Transaction) => Promise<T>) =>
      (client as unknown as CutxDb).transaction((tx) => callback(recordWrites(tx, writes))),
  };
  return new Proxy(client, {
    get(target, key) {
      if (key in overrides && key in target) return overrides[key];
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Runs the recorded writes in one transaction, as the seed ran them. */
export async function replayWrites(db: CutxDb, writes: readonly RecordedWrite[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (const { sql, params } of writes) await tx.query(sql, params);
  });
}
