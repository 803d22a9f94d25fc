import { CutxDbError, toCutxDbError } from '../src/db/errors.js';
import type { SqlClient } from '../src/db/sql-client.js';
import { type Row, type TableName, tables } from '../src/rows/tables.js';
import { atomically } from './atomically.js';
import type { AnySpec, TraitSpec } from './define-factory.js';
import type { FactoryRun } from './factory-run.js';
import { insertRows } from './insert-rows.js';
import { createMissingParents, loadGivenParents } from './parent-rows.js';
import type { PendingRow } from './row-builder.js';
import type { TableWriters } from './table-writers.js';

type Hook = NonNullable<TraitSpec<TableName>['after']>;

/**
 * The half of a table's factory that touches the database: it gives built rows their
 * parents (read or created), stores them (`persist`, else an INSERT), runs the traits'
 * hooks, and does it all in one transaction.
 */
export class RowWriter<T extends TableName> {
  private readonly hooks: readonly Hook[];

  constructor(
    private readonly spec: AnySpec,
    private readonly run: FactoryRun,
    private readonly writers: TableWriters,
    traits: readonly TraitSpec<TableName>[],
  ) {
    this.hooks = traits.flatMap((trait) => (trait.after ? [trait.after] : []));
  }

  /**
   * Writes the rows all or nothing: rows, created parents and hooks' rows commit together,
   * under a savepoint inside the caller's transaction or in one of their own. A failure
   * names the factory seed, so the run replays.
   */
  async create(pending: readonly PendingRow[]): Promise<Row<T>[]> {
    try {
      return await atomically(this.run.client, (tx) => this.write(tx, pending));
    } catch (error) {
      const cause = toCutxDbError(error);
      if (cause.message.includes('factory seed')) throw cause;
      throw new CutxDbError(cause.code, `${cause.message} (factory seed ${this.run.seed})`, { ...cause, cause });
    }
  }

  /** Writes built rows and everything they need (parents, hooks' rows) on `client`. */
  async write(client: SqlClient, pending: readonly PendingRow[]): Promise<Row<T>[]> {
    const related = this.writers.on(client);
    const given = await loadGivenParents(client, this.spec.parents, pending);
    const built = await createMissingParents(related, this.spec.parents, given);
    const rows = built.map((b) => b.values);
    // Unless the spec says otherwise, generated values are in the form the database stores:
    // only what the caller set may come back changed.
    let stored = (
      this.spec.persist
        ? await this.spec.persist(rows as never[], related, client)
        : await insertRows(
            client,
            tables[this.spec.table],
            rows,
            this.spec.readBackAll ? undefined : built.map((b) => b.explicit),
          )
    ) as Row<T>[];
    for (const hook of this.hooks) stored = ((await hook(stored as never[], related, client)) ?? stored) as Row<T>[];
    return stored;
  }
}
