import type { Insert, TableDef, TableName } from '../src/rows/tables.js';
import { tables } from '../src/rows/tables.js';
import type { Gen } from './column-generators.js';
import type { AnyRow, AnySpec, ParentSpec, TraitSpec } from './define-factory.js';
import { type FactoryRun, sequencedUuid } from './factory-run.js';
import { stampAt } from './time.js';
import { columnSchemas, invalidInput, ownProtoPath, parseColumns, parseRow } from './validate.js';

type Values = Record<string, unknown>;

/** What one overrides object asks for: read and checked once, however many rows share it. */
export interface Requested {
  /** Columns the caller set, checked, with the ids of the parents given by key. */
  readonly columns: Values;
  /** Parent rows the caller gave by key (`{ user }`). */
  readonly parents: Readonly<Record<string, AnyRow>>;
  /** Columns copied from given parents (a campaign's user_id). */
  readonly copied: Values;
  /** The columns set, the copied ones included: parents' copies and `derive` leave them alone. */
  readonly explicit: ReadonlySet<string>;
}

/**
 * A built row waiting for its parents and its insert. Immutable: giving it a parent
 * (parent-rows.ts) makes a new one, so rows built from one overrides object never share a
 * change.
 */
export interface PendingRow {
  readonly values: Values;
  /** Parents known for this row, by key. */
  readonly parents: Readonly<Record<string, AnyRow>>;
  readonly explicit: ReadonlySet<string>;
}

function isRowRef(value: unknown): value is AnyRow {
  return typeof value === 'object' && value !== null && typeof (value as AnyRow).id === 'string';
}

/**
 * The pure half of a table's factory: overrides in, rows out, no I/O. It draws ids, times
 * and generated values from the factory run's per-table sequence and faker, and checks
 * what the caller set; the writer (row-writer.ts) gives the rows their parents and stores
 * them.
 */
export class RowBuilder<T extends TableName> {
  private readonly def: TableDef;
  private readonly gens: readonly [string, Gen<unknown>][];
  // Generated values are valid by construction (test/factories parses many rows of every
  // table and trait to hold that), so the insert schema guards what a caller sets: each
  // overrides object's columns once, or where columns are only valid together, the first
  // row built from it.
  private readonly checkedColumns: ReturnType<typeof columnSchemas>;

  constructor(
    private readonly spec: AnySpec,
    private readonly run: FactoryRun,
    traits: readonly TraitSpec<TableName>[],
  ) {
    this.def = tables[spec.table];
    this.gens = Object.entries(Object.assign({}, spec.gens, ...traits.map((trait) => trait.gens)));
    this.checkedColumns = columnSchemas(this.def);
  }

  /** One row, validated: what `build` returns. */
  buildOne(overrides: Values): Insert<T> {
    return this.build(this.request(overrides), this.checkedColumns === null).values as Insert<T>;
  }

  /** One row per overrides object; an object given several times is read once. */
  buildEach(list: readonly Values[]): PendingRow[] {
    const read = new Map<Values, Requested>();
    return list.map((overrides) => {
      let requested = read.get(overrides);
      const validate = requested === undefined && this.checkedColumns === null;
      if (requested === undefined) {
        requested = this.request(overrides);
        read.set(overrides, requested);
      }
      return this.build(requested, validate);
    });
  }

  /** Reads an overrides object: own keys only, each a column or a parent key. */
  private request(overrides: Values): Requested {
    const parents: Record<string, AnyRow> = {};
    const columns: Values = {};
    let copied: Values = {};
    // Each key is checked before it is used as a property name: an own "__proto__"
    // (JSON.parse makes one) would otherwise replace `columns`' prototype.
    for (const key of Object.keys(overrides)) {
      const value = overrides[key];
      const parent = this.spec.parents.find((candidate) => candidate.key === key);
      if (parent === undefined) columns[key] = this.checkColumn(key, value);
      else if (value !== undefined) {
        const row = this.checkParent(key, value);
        parents[key] = row;
        columns[parent.column] ??= row.id;
        copied = { ...copied, ...parent.copy?.(row) };
      }
    }
    // Copied columns count as given: a fee on a campaign takes the campaign's user_id, and
    // so creates no user of its own.
    const explicit = new Set([...Object.keys(columns), ...Object.keys(copied)]);
    const checked = this.checkedColumns
      ? parseColumns(this.checkedColumns, columns, this.def.name, this.run.seed)
      : columns;
    return { columns: checked, parents, copied, explicit };
  }

  private checkColumn(key: string, value: unknown): unknown {
    if (!Object.hasOwn(this.def.columns, key)) throw this.fail('is not a column of this table', key);
    const proto = ownProtoPath(value);
    if (proto !== undefined) {
      throw this.fail('is a key JavaScript objects cannot carry; rename it', [key, ...proto].join('.'));
    }
    return value;
  }

  private checkParent(key: string, value: unknown): AnyRow {
    if (!isRowRef(value)) throw this.fail('must be a row with an id', key);
    return value;
  }

  /** A row: sequence id and times, generated values, then the request on top. */
  private build(requested: Requested, validate: boolean): PendingRow {
    const ctx = this.run.next(this.spec.table);
    const row: Values = { id: sequencedUuid(ctx) };
    if ('created_at' in this.def.columns) row.created_at = stampAt(ctx);
    // A Date of its own: a read gives each column its own, so a change to one leaves the other.
    if ('updated_at' in this.def.columns) row.updated_at = stampAt(ctx);
    for (const [column, gen] of this.gens) row[column] = gen.fake(ctx);
    Object.assign(row, requested.copied);
    for (const parent of this.spec.parents) {
      if (!requested.explicit.has(parent.column)) row[parent.column] = placeholderParentId(parent, ctx.faker);
    }
    Object.assign(row, requested.columns);
    this.derive(row, requested.explicit);
    const values = validate ? (parseRow(this.def.insert, row, this.def.name, this.run.seed) as Values) : row;
    return { values, parents: requested.parents, explicit: requested.explicit };
  }

  /** Columns that follow from others, where the caller did not set them. */
  private derive(row: Values, explicit: ReadonlySet<string>): void {
    if (this.spec.derive === undefined) return;
    for (const [column, value] of Object.entries(this.spec.derive(row as never))) {
      if (!explicit.has(column)) row[column] = value;
    }
  }

  private fail(message: string, field: string) {
    return invalidInput(this.def.name, field, message, this.run.seed);
  }
}

/**
 * A missing parent's id until the writer creates the parent: a fresh uuid, so `build`
 * gives a whole row without the database; null for an optional parent.
 */
function placeholderParentId(parent: ParentSpec, faker: { string: { uuid(): string } }): string | null {
  return parent.optional ? null : faker.string.uuid();
}
