/**
 * A migration as a service team would write it: a new table, and on an existing table a
 * nullable column and a NOT NULL column with a default and a vocabulary CHECK. The codegen
 * and factory tests apply it in a scratch copy of schema/.
 */
export const EXTRA_MIGRATION = `
CREATE TABLE gift_cards (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code          text NOT NULL UNIQUE CONSTRAINT gift_cards_code_length CHECK (length(code) BETWEEN 4 AND 16),
  balance_cents bigint NOT NULL CONSTRAINT gift_cards_balance_nonnegative CHECK (balance_cents >= 0),
  kind          text NOT NULL DEFAULT 'digital' CONSTRAINT gift_cards_kind_check CHECK (kind IN ('digital', 'physical')),
  expires_on    date,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_gift_cards_user ON gift_cards (user_id);
ALTER TABLE shows ADD COLUMN venue text;
ALTER TABLE shows ADD COLUMN audience text NOT NULL DEFAULT 'public'
  CONSTRAINT shows_audience_check CHECK (audience IN ('public', 'followers', 'private'));
`;

/** The file name the migration takes in `dir`'s list of numbered files: the next number. */
export function nextMigrationName(files: readonly string[]): string {
  const last = files
    .filter((name) => /^\d{4}_/.test(name))
    .sort()
    .at(-1) as string;
  return `${String(Number(last.slice(0, 4)) + 1).padStart(4, '0')}_gift_cards.sql`;
}
