import { CutxDbError, toCutxDbError } from '../src/db/errors.js';
import type { SqlClient } from '../src/db/sql-client.js';
import { type Insert, type Row, type TableName, tables } from '../src/rows/tables.js';
import { atomically } from './atomically.js';
import type { AnyRow, FactorySpec, ParentSpec, Related, TraitSpec } from './define-factory.js';
import type { Gen } from './gen.js';
import { insertRows } from './insert-rows.js';
import { checkListCount } from './list-count.js';
import type { PartialInsert } from './partial-insert.js';
import { type Session, sequencedUuid, stampAt, type Writer } from './session.js';
import { columnSchemas, invalidInput, ownProtoPath, parseColumns, parseRow } from './validate.js';

type Values = Record<string, unknown>;

/** Column overrides in snake_case, plus parent rows by key (`{ user }`) to reuse. */
export type Overrides<T extends TableName, P extends string> = PartialInsert<Insert<T>> & {
  [K in P]?: { readonly id: string };
};

/** The operations every table's factory has. */
export interface TableFactory<T extends TableName, P extends string> {
  readonly table: T;
  /** The names of this factory's traits (each is also a method returning a new factory). */
  readonly traitNames: readonly string[];
  /** A valid row, validated, without touching the database; missing parents get fresh ids. */
  build(overrides?: Overrides<T, P>): Insert<T>;
  buildList(count: number, overrides?: Overrides<T, P>): Insert<T>[];
  /** Inserts one row (creating missing parents) and returns it as read back. */
  create(overrides?: Overrides<T, P>): Promise<Row<T>>;
  /** Inserts `count` rows in one statement; missing parents are created once and shared. */
  createList(count: number, overrides?: Overrides<T, P>): Promise<Row<T>[]>;
  /** Inserts one row per overrides object, in one statement. */
  createEach(overrides: readonly Overrides<T, P>[]): Promise<Row<T>[]>;
}

/** A table's factory with its traits as methods, e.g. `f.users.admin().create()`. */
export type Factory<T extends TableName, P extends string, Tr> = TableFactory<T, P> & {
  readonly [K in keyof Tr]: Tr[K] extends (...args: infer A) => unknown ? (...args: A) => Factory<T, P, Tr> : never;
};

interface Given {
  /** Columns the caller set, checked, with the ids of the parents given by key. */
  columns: Values;
  resolved: Record<string, AnyRow>;
  /** Columns copied from given parents (a campaign's user_id). */
  copied: Values;
  /** The columns set, the copied ones included: parents' copies and `derive` leave them alone. */
  explicit: ReadonlySet<string>;
}

/**
 * A row being built. Its parents and explicit keys start as its overrides' (shared by every
 * row built from them) and are replaced, never changed, when a parent is adopted.
 */
interface Built {
  row: Values;
  /** Parents known for this row, by key. */
  resolved: Readonly<Record<string, AnyRow>>;
  explicit: ReadonlySet<string>;
}

function isRowRef(value: unknown): value is AnyRow {
  return typeof value === 'object' && value !== null && typeof (value as AnyRow).id === 'string';
}

/**
 * Makes the factory a spec describes, bound to a session. Traits return a new factory with
 * the trait's generators and hooks added; the original is unchanged.
 */
export function makeFactory<T extends TableName, P extends string, Tr>(
  spec: FactorySpec<T, P, Record<string, (...args: never[]) => TraitSpec<T>>> & { traits: Tr },
  session: Session,
  applied: readonly TraitSpec<T>[] = [],
): Factory<T, P, Tr> {
  const def = tables[spec.table];
  const gens = Object.entries(Object.assign({}, spec.gens, ...applied.map((trait) => trait.gens))) as [
    string,
    Gen<unknown>,
  ][];
  const hooks = applied.flatMap((trait) => (trait.after ? [trait.after] : []));
  const fail = (message: string, field: string) => invalidInput(def.name, field, message, session.seed);

  // Generated values are valid by construction (test/factories parses many rows of every
  // table and trait to hold that), so the insert schema guards what a caller sets: each
  // overrides object's columns once, or where columns are only valid together, the first
  // row built from it.
  const checkedColumns = columnSchemas(def);
  const hasCreatedAt = 'created_at' in def.columns;
  const hasUpdatedAt = 'updated_at' in def.columns;

  /** What one overrides object sets: worked out once, however many rows share it. */
  function readOverrides(overrides: Values): Given {
    const resolved: Record<string, AnyRow> = {};
    const columns: Values = {};
    let copied: Values = {};
    // Own keys only, each a column or a parent key before it is used as a property name: an
    // own "__proto__" (JSON.parse makes one) would otherwise replace `columns`' prototype.
    for (const key of Object.keys(overrides)) {
      const value = overrides[key];
      const parent = spec.parents.find((candidate) => candidate.key === key);
      if (parent === undefined) {
        if (!Object.hasOwn(def.columns, key)) throw fail('is not a column of this table', key);
        const proto = ownProtoPath(value);
        if (proto !== undefined)
          throw fail('is a key JavaScript objects cannot carry; rename it', [key, ...proto].join('.'));
        columns[key] = value;
      } else if (value !== undefined) {
        if (!isRowRef(value)) throw fail('must be a row with an id', key);
        resolved[key] = value;
        columns[parent.column] ??= value.id;
        copied = { ...copied, ...parent.copy?.(value) };
      }
    }
    // Copied columns count as given: a fee on a campaign takes the campaign's user_id, and
    // so creates no user of its own.
    const explicit = new Set([...Object.keys(columns), ...Object.keys(copied)]);
    const checked = checkedColumns ? parseColumns(checkedColumns, columns, def.name, session.seed) : columns;
    return { columns: checked, resolved, copied, explicit };
  }

  /** `validate` parses the whole row with the insert schema. */
  function buildOne(given: Given, validate: boolean): Built {
    const ctx = session.next(spec.table);
    const { explicit } = given;
    const row: Values = { id: sequencedUuid(ctx) };
    if (hasCreatedAt) row.created_at = stampAt(ctx.seq);
    if (hasUpdatedAt) row.updated_at = row.created_at;
    for (const [column, gen] of gens) row[column] = gen.fake(ctx);
    Object.assign(row, given.copied);
    for (const parent of spec.parents) {
      if (!explicit.has(parent.column)) {
        row[parent.column] = parent.optional ? null : ctx.faker.string.uuid();
      }
    }
    Object.assign(row, given.columns);
    if (spec.derive) {
      for (const [column, value] of Object.entries(spec.derive(row as Insert<T>))) {
        if (!explicit.has(column)) row[column] = value;
      }
    }
    const built = validate ? (parseRow(def.insert, row, def.name, session.seed) as Values) : row;
    return { row: built, resolved: given.resolved, explicit };
  }

  function adopt(b: Built, parent: ParentSpec, row: AnyRow): void {
    b.resolved = { ...b.resolved, [parent.key]: row };
    b.row[parent.column] = row.id;
    const copied = Object.entries(parent.copy?.(row) ?? {}).filter(([column]) => !b.explicit.has(column));
    if (copied.length === 0) return;
    for (const [column, value] of copied) b.row[column] = value;
    b.explicit = new Set([...b.explicit, ...copied.map(([column]) => column)]);
  }

  const missingParent = (built: Built, parent: ParentSpec) =>
    !parent.optional && built.resolved[parent.key] === undefined && !built.explicit.has(parent.column);

  // A parent given by id is read once when a later parent or a copy needs the whole row.
  async function loadGivenParents(client: SqlClient, all: Built[]): Promise<void> {
    if (!spec.parents.some((parent) => parent.with || parent.create || parent.copy)) return;
    for (const parent of spec.parents) {
      const given = all.filter(
        (b) => b.resolved[parent.key] === undefined && b.explicit.has(parent.column) && b.row[parent.column] != null,
      );
      if (given.length === 0) continue;
      const ids = [...new Set(given.map((b) => b.row[parent.column]))];
      const { rows } = await client.query<AnyRow>(`SELECT * FROM "${parent.table}" WHERE id = ANY($1::uuid[])`, [ids]);
      const byId = new Map(rows.map((row) => [row.id, row]));
      for (const b of given) {
        const row = byId.get(b.row[parent.column] as string);
        if (row !== undefined) adopt(b, parent, row);
      }
    }
  }

  async function createParents(related: Related, all: Built[]): Promise<void> {
    for (const parent of spec.parents) {
      const missing = all.filter((b) => missingParent(b, parent));
      if (missing.length === 0) continue;
      const contexts = missing.map((b) => b.resolved);
      let created: AnyRow[];
      if (parent.create) created = await parent.create(related, contexts);
      else if (parent.perRow) {
        created = (await related[parent.table].createEach(contexts.map((r) => parent.with?.(r) ?? {}))) as AnyRow[];
      } else {
        const [one] = (await related[parent.table].createEach([parent.with?.(contexts[0] ?? {}) ?? {}])) as AnyRow[];
        created = missing.map(() => one as AnyRow);
      }
      missing.forEach((b, i) => {
        adopt(b, parent, created[i] as AnyRow);
      });
    }
  }

  function buildMany(list: readonly Values[]): Built[] {
    const read = new Map<Values, Given>();
    return list.map((overrides) => {
      let given = read.get(overrides);
      const validate = given === undefined && checkedColumns === null;
      if (given === undefined) {
        given = readOverrides(overrides);
        read.set(overrides, given);
      }
      return buildOne(given, validate);
    });
  }

  /** Writes built rows and everything they need (parents, hooks' rows) on `client`. */
  async function write(client: SqlClient, all: Built[]): Promise<Row<T>[]> {
    const related = session.relatedOn(client);
    await loadGivenParents(client, all);
    await createParents(related, all);
    const rows = all.map((b) => b.row);
    let stored = (
      spec.persist ? await spec.persist(rows as Insert<T>[], related, client) : await insertRows(client, def, rows)
    ) as Row<T>[];
    for (const hook of hooks) stored = (await hook(stored, related, client)) ?? stored;
    return stored;
  }

  /**
   * Builds the rows (bad overrides fail here, before the database is touched), then writes
   * them all or nothing: rows, created parents and hooks' rows commit together or not at all.
   */
  async function createEach(list: readonly Values[]): Promise<Row<T>[]> {
    const all = buildMany(list);
    try {
      return await atomically(session.client, (tx) => write(tx, all));
    } catch (error) {
      const cause = toCutxDbError(error);
      if (cause.message.includes('factory seed')) throw cause;
      throw new CutxDbError(cause.code, `${cause.message} (factory seed ${session.seed})`, { ...cause, cause });
    }
  }

  const factory: Values = {
    table: spec.table,
    traitNames: Object.keys(spec.traits as object),
    build: (overrides: Values = {}) => buildOne(readOverrides(overrides), checkedColumns === null).row,
    buildList: (count: number, overrides: Values = {}) =>
      buildMany(
        Array.from({ length: checkListCount(def.name, 'buildList', count, session.seed) }, () => overrides),
      ).map((b) => b.row),
    create: async (overrides?: Values) => (await createEach([overrides ?? {}]))[0],
    createList: async (count: number, overrides: Values = {}) =>
      createEach(Array.from({ length: checkListCount(def.name, 'createList', count, session.seed) }, () => overrides)),
    createEach,
  };
  // Related rows are made by the table's own factory, without traits, inside the caller's work.
  if (applied.length === 0) session.register(spec.table, ((client, list) => write(client, buildMany(list))) as Writer);
  for (const [name, trait] of Object.entries(spec.traits as Record<string, (...args: never[]) => TraitSpec<T>>)) {
    factory[name] = (...args: never[]) => makeFactory(spec, session, [...applied, trait(...args)]);
  }
  return factory as unknown as Factory<T, P, Tr>;
}
