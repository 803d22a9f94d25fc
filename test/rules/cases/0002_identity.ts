import { type Attack, attackCheck, attackCheckEach } from '../support/attack.js';
import { bytes, INSTANT, MICROSECOND_AFTER, text } from '../support/values.js';

// The CHECKs of schema/0002_identity.sql, each at its boundary: the last value the SQL accepts beside
// the first it refuses, and a row for every branch (each case, each side, each anchor).
export const checksOfIdentity: Attack[] = [
  attackCheck('users_email_format', 'users', { email: `${text(316)}@b.c` }, { email: `${text(317)}@b.c` }),
  attackCheck('users_email_format', 'users', { email: 'a@b' }, { email: '@b' }, { email: 'a@' }, { email: 'a b@c' }),
  attackCheck(
    'users_password_hash_format',
    'users',
    { password_hash: '$2b$' },
    { password_hash: '2b$' },
    {
      password_hash: '$$',
    },
  ),
  attackCheck('users_github_id_positive', 'users', { github_id: 1 }, { github_id: 0 }),
  attackCheck('users_display_name_length', 'users', { display_name: text(200) }, { display_name: text(201) }),
  attackCheck('users_role_check', 'users', { role: 'owner' }, { role: 'Owner' }, { role: 'root' }),
  attackCheck('users_status_check', 'users', { status: 'banned' }, { status: 'deleted' }),
  attackCheck(
    'magic_link_tokens_token_hash_sha256',
    'magic_link_tokens',
    { token_hash: bytes(32) },
    { token_hash: bytes(31) },
    { token_hash: bytes(33) },
  ),
  attackCheck(
    'magic_link_tokens_expiry_after_creation',
    'magic_link_tokens',
    { created_at: INSTANT, expires_at: MICROSECOND_AFTER },
    { created_at: INSTANT, expires_at: INSTANT },
  ),
  // The other side of each implication, and the anchors: a row only the branch decides.
  attackCheck('users_email_format', 'users', { email: 'a@b' }, { email: 'a@b c' }),
  attackCheck('users_password_hash_format', 'users', { password_hash: '$argon2id$' }, { password_hash: 'x$2b$' }),
  // Every value each list admits, so that dropping one is noticed.
  attackCheckEach('users_role_check', 'users', 'role', ['user', 'admin', 'owner']),
  attackCheckEach('users_status_check', 'users', 'status', ['active', 'suspended', 'banned']),
];
