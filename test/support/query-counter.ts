import type { SqlClient } from '../../src/db/sql-client.js';

/** A client that counts the statements a test asks about; `count` may be set back to 0. */
export interface QueryCounter<C> {
  readonly client: C;
  count: number;
}

/**
 * `client` with every `query` whose SQL `counted` picks added to `count`, so a test can see
 * which path a call took (a read-back, a catalog question). Everything else is forwarded.
 */
export function countQueries<C extends SqlClient>(client: C, counted: (sql: string) => boolean): QueryCounter<C> {
  const counter: QueryCounter<C> = {
    count: 0,
    client: new Proxy(client, {
      get(target, key) {
        const value = Reflect.get(target, key);
        if (key !== 'query') return typeof value === 'function' ? value.bind(target) : value;
        return (sql: string, ...rest: unknown[]) => {
          if (counted(sql)) counter.count++;
          return (value as (...args: unknown[]) => unknown).call(target, sql, ...rest);
        };
      },
    }),
  };
  return counter;
}
