// Compile-time checks of what the generated Kysely and Drizzle types and the factories take
// on write: `npm run typecheck` fails if a `@ts-expect-error` below stops being an error or
// an accepted line stops compiling. Nothing here touches a database.
import type { Insertable } from 'kysely';
import { describe, expectTypeOf, it } from 'vitest';
import type { FactorySet } from '../../factories/index.js';
import type { adminAuditLog, users } from '../../src/drizzle/index.js';
import type { Database } from '../../src/kysely/index.js';

/** A payload a service declares as an interface: no index signature. */
interface AuditDetails {
  reason: string;
  before: { role: string };
}

type DrizzleInsert<Table extends { $inferInsert: unknown }> = Table['$inferInsert'];

describe('JSON columns', () => {
  it('take a payload declared as an interface, in Kysely and in Drizzle', () => {
    const details: AuditDetails = { reason: 'r', before: { role: 'owner' } };
    expectTypeOf(details).toExtend<Insertable<Database['admin_audit_log']>['details']>();
    expectTypeOf(details).toExtend<DrizzleInsert<typeof adminAuditLog>['details']>();
  });

  it('still refuse a value that is no JSON at all', () => {
    expectTypeOf<symbol>().not.toExtend<Insertable<Database['admin_audit_log']>['details']>();
    expectTypeOf<bigint>().not.toExtend<DrizzleInsert<typeof adminAuditLog>['details']>();
  });
});

describe('int8 columns', () => {
  it('take a number in Kysely, and decimal text in both', () => {
    expectTypeOf<number>().toExtend<Insertable<Database['users']>['github_id']>();
    expectTypeOf<string>().toExtend<Insertable<Database['users']>['github_id']>();
    expectTypeOf<string>().toExtend<DrizzleInsert<typeof users>['github_id']>();
  });

  it('read as decimal text in Drizzle, so a number is refused there at compile time', () => {
    expectTypeOf<number>().not.toExtend<DrizzleInsert<typeof users>['github_id']>();
  });
});

describe("a generation job's input_params", () => {
  type Create = FactorySet['generationJobs']['create'];
  const create = (() => Promise.resolve()) as unknown as Create;

  it('is typed by the type given beside it', () => {
    void create({ type: 'tts', input_params: { text: 'hi', voice_id: 'voice_nova', speed: 1 } });
    // @ts-expect-error: a tts job's input_params have no prompt.
    void create({ type: 'tts', input_params: { prompt: 'a studio shot', aspect_ratio: '1:1' } });
  });

  it('is refused without its type, which would be picked at random', () => {
    // @ts-expect-error: input_params without type.
    void create({ input_params: { text: 'hi', voice_id: 'voice_nova', speed: 1 } });
  });

  it('may be left out, with or without a type', () => {
    void create({});
    void create({ type: 'copy' });
  });
});
