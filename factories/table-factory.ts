import { CutxDbError, toCutxDbError } from '../src/db/errors.js';
import { type Insert, type Row, type TableName, tables } from '../src/rows/tables.js';
import type { AnyRow, FactorySpec, ParentSpec, Related, TraitSpec } from './define-factory.js';
import type { Gen } from './gen.js';
import { insertRows } from './insert-rows.js';
import { jsonbAsRead, NOT_PLAIN_JSON } from './jsonb-as-read.js';
import { type Session, sequencedUuid, stampAt } from './session.js';
import { columnSchemas, invalidInput, parseColumns, parseRow } from './validate.js';

type Values = Record<string, unknown>;

/** Column overrides in snake_case, plus parent rows by key (`{ user }`) to reuse. */
export type Overrides<T extends TableName, P extends string> = Partial<Insert<T>> & {
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
  /** Columns the caller set, with the ids of the parents given by key. */
  columns: Values;
  resolved: Record<string, AnyRow>;
  /** Columns copied from given parents (a campaign's user_id). */
  copied: Values;
  /** What every overrides object that sets the same keys shares. */
  keyed: Keyed;
}

interface Keyed {
  /** The keys set, with the copied columns. */
  explicit: ReadonlySet<string>;
  /** The keys of the first row built, each undefined: later rows start as a copy. */
  shape?: Values;
}

/**
 * A row being built. Its parents and explicit keys start as its overrides' (shared by every
 * row built from them) and are replaced, never changed, when a parent is adopted.
 */
interface Built {
  row: Values;
  /** Parents known for this row, by key. */
  resolved: Readonly<Record<string, AnyRow>>;
  /** Keys the caller set, which parents' copies and `derive` leave alone. */
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
  related: Related,
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
  // row built from it. Validating every row whole cost a seed about 90 ms of 600.
  const checkedColumns = columnSchemas(def);

  // By the keys an overrides object sets. A seed passes thousands of overrides objects of a
  // few kinds (a campaign and a date, one per day of analytics); their rows share a shape.
  const byKeys = new Map<string, Keyed>();

  /** What one overrides object sets: worked out once, however many rows share it. */
  function readOverrides(overrides: Values): Given {
    const resolved: Record<string, AnyRow> = {};
    const columns: Values = {};
    let copied: Values = {};
    for (const [key, value] of Object.entries(overrides)) {
      const parent = spec.parents.find((candidate) => candidate.key === key);
      if (parent === undefined) columns[key] = value;
      else if (value !== undefined) {
        if (!isRowRef(value)) throw fail('must be a row with an id', key);
        resolved[key] = value;
        columns[parent.column] ??= value.id;
        copied = { ...copied, ...parent.copy?.(value) };
      }
    }
    // Copied columns count as given: a fee on a campaign takes the campaign's user_id, and
    // so creates no user of its own.
    const keys = [...Object.keys(columns), ...Object.keys(copied)];
    const signature = keys.join(',');
    let keyed = byKeys.get(signature);
    if (keyed === undefined) {
      keyed = { explicit: new Set(keys) };
      byKeys.set(signature, keyed);
    }
    const checked = checkedColumns ? parseColumns(checkedColumns, columns, def.name, session.seed) : columns;
    return { columns: checked, resolved, copied, keyed };
  }

  const jsonbColumns = Object.entries(def.columns as Record<string, { type: string }>)
    .filter(([, column]) => column.type === 'jsonb')
    .map(([name]) => name);
  const hasCreatedAt = 'created_at' in def.columns;
  const hasUpdatedAt = 'updated_at' in def.columns;

  /** `validate` parses the whole row with the insert schema. */
  function buildOne(given: Given, validate: boolean): Built {
    const ctx = session.next(spec.table);
    // A copy of the first row's shape has every property in place, so the assignments below
    // fill slots instead of growing each row key by key (half of building was that growth
    // and the garbage it left).
    const { keyed } = given;
    const { explicit } = keyed;
    const row: Values = keyed.shape ? { ...keyed.shape } : {};
    row.id = sequencedUuid(ctx);
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
    keyed.shape ??= Object.fromEntries(Object.keys(row).map((key) => [key, undefined]));
    const built = validate ? parseRow(def.insert, row, def.name, session.seed) : row;
    // So the row can be returned as built, without a read.
    return { row: withJsonAsRead(built), resolved: given.resolved, explicit };
  }

  /**
   * `row` with its JSON in the order a read of the database returns it. zod's object schemas
   * put keys in their own order, so rows they parsed need it as much as rows built.
   */
  function withJsonAsRead<R extends Values>(row: R): R {
    for (const column of jsonbColumns) {
      const read = jsonbAsRead(row[column]);
      if (read !== NOT_PLAIN_JSON) (row as Values)[column] = read;
    }
    return row;
  }
  const parseRead = (row: Values) => withJsonAsRead(parseRow(def.row, row, def.name, session.seed) as Values) as Row<T>;

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
  async function loadGivenParents(all: Built[]): Promise<void> {
    if (!spec.parents.some((parent) => parent.with || parent.create || parent.copy)) return;
    for (const parent of spec.parents) {
      const given = all.filter(
        (b) => b.resolved[parent.key] === undefined && b.explicit.has(parent.column) && b.row[parent.column] != null,
      );
      if (given.length === 0) continue;
      const ids = [...new Set(given.map((b) => b.row[parent.column]))];
      const { rows } = await session.client.query<AnyRow>(
        `SELECT * FROM "${parent.table}" WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      const byId = new Map(rows.map((row) => [row.id, row]));
      for (const b of given) {
        const row = byId.get(b.row[parent.column] as string);
        if (row !== undefined) adopt(b, parent, row);
      }
    }
  }

  async function createParents(all: Built[]): Promise<void> {
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

  async function createEach(list: readonly Values[]): Promise<Row<T>[]> {
    const all = buildMany(list);
    try {
      await loadGivenParents(all);
      await createParents(all);
      const rows = all.map((b) => b.row);
      const stored = spec.persist
        ? await spec.persist(rows as Insert<T>[], related, session.client)
        : await insertRows(session.client, def, rows, 'copy', session.rewrites);
      // A row stored as written is returned as the very row built, a valid insert of every
      // column: for the types that keep values, the insert and row schemas agree.
      let parsed = stored.map((row, i) => (row === rows[i] ? (row as Row<T>) : parseRead(row as Values)));
      for (const hook of hooks) {
        const reread = await hook(parsed, related, session.client);
        if (reread) parsed = reread.map((row) => parseRead(row as Values));
      }
      return parsed;
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
      buildMany(Array.from({ length: count }, () => overrides)).map((b) => b.row),
    create: async (overrides?: Values) => (await createEach([overrides ?? {}]))[0],
    createList: (count: number, overrides: Values = {}) => createEach(Array.from({ length: count }, () => overrides)),
    createEach,
  };
  for (const [name, trait] of Object.entries(spec.traits as Record<string, (...args: never[]) => TraitSpec<T>>)) {
    factory[name] = (...args: never[]) => makeFactory(spec, session, related, [...applied, trait(...args)]);
  }
  return factory as unknown as Factory<T, P, Tr>;
}
