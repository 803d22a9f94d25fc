import type { SqlClient } from '../src/db/sql-client.js';
import type { AnyRow, ParentSpec, Related } from './define-factory.js';
import type { PendingRow } from './row-builder.js';

/**
 * The row with `parent` set to `row`: its id in the foreign key, and the columns the parent
 * hands down (`copy`) where the caller did not set them. A new row; the given one is kept.
 */
export function withParent(pending: PendingRow, parent: ParentSpec, row: AnyRow): PendingRow {
  const parents = { ...pending.parents, [parent.key]: row };
  const values = { ...pending.values, [parent.column]: row.id };
  const copied = Object.entries(parent.copy?.(row) ?? {}).filter(([column]) => !pending.explicit.has(column));
  if (copied.length === 0) return { values, parents, explicit: pending.explicit };
  for (const [column, value] of copied) values[column] = value;
  return { values, parents, explicit: new Set([...pending.explicit, ...copied.map(([column]) => column)]) };
}

const givenById = (pending: PendingRow, parent: ParentSpec) =>
  pending.parents[parent.key] === undefined &&
  pending.explicit.has(parent.column) &&
  pending.values[parent.column] != null;

const missing = (pending: PendingRow, parent: ParentSpec) =>
  !parent.optional && pending.parents[parent.key] === undefined && !pending.explicit.has(parent.column);

/**
 * Reads the parents the caller gave by id (`user_id`), once per parent table, where a later
 * parent or a copied column needs the whole row.
 */
export async function loadGivenParents(
  client: SqlClient,
  parents: readonly ParentSpec[],
  all: readonly PendingRow[],
): Promise<PendingRow[]> {
  let rows = [...all];
  if (!parents.some((parent) => parent.with || parent.create || parent.copy)) return rows;
  for (const parent of parents) {
    const ids = [...new Set(rows.filter((b) => givenById(b, parent)).map((b) => b.values[parent.column]))];
    if (ids.length === 0) continue;
    const sql = `SELECT * FROM "${parent.table}" WHERE id = ANY($1::uuid[])`;
    const byId = new Map((await client.query<AnyRow>(sql, [ids])).rows.map((row) => [row.id, row]));
    rows = rows.map((b) => {
      const row = givenById(b, parent) ? byId.get(b.values[parent.column] as string) : undefined;
      return row === undefined ? b : withParent(b, parent, row);
    });
  }
  return rows;
}

/**
 * Creates the parents no row was given, through the parent tables' writers (`related`):
 * one shared by the whole list, one per row (`perRow`), or as the spec's `create` says.
 */
export async function createMissingParents(
  related: Related,
  parents: readonly ParentSpec[],
  all: readonly PendingRow[],
): Promise<PendingRow[]> {
  let rows = [...all];
  for (const parent of parents) {
    const needing = rows.flatMap((b, i) => (missing(b, parent) ? [i] : []));
    if (needing.length === 0) continue;
    const contexts = needing.map((i) => (rows[i] as PendingRow).parents);
    const created = await createParents(related, parent, contexts);
    rows = [...rows];
    needing.forEach((i, n) => {
      rows[i] = withParent(rows[i] as PendingRow, parent, created[n] as AnyRow);
    });
  }
  return rows;
}

async function createParents(
  related: Related,
  parent: ParentSpec,
  contexts: readonly Readonly<Record<string, AnyRow>>[],
): Promise<AnyRow[]> {
  if (parent.create) return parent.create(related, contexts);
  const writer = related[parent.table];
  if (parent.perRow) return (await writer.createEach(contexts.map((r) => parent.with?.(r) ?? {}))) as AnyRow[];
  const [one] = (await writer.createEach([parent.with?.(contexts[0] ?? {}) ?? {}])) as AnyRow[];
  return contexts.map(() => one as AnyRow);
}
