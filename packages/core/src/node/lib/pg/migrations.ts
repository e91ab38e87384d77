import type { Pool, PoolClient } from 'pg'
import { MicrocertError } from '../../../errors.js'
import { inTransaction } from './pg-connection.js'

/** Every object of the store lives in this schema, so the store can share a database with other applications. */
export const SCHEMA = 'microcert'

interface Migration {
  version: number
  name: string
  statements: readonly string[]
}

/**
 * The store's schema, as forward-only steps: a released migration is never edited, a change is a new step.
 * Timestamps the credentials and the journal carry are kept as the exact ISO text of the record (copying a store
 * must not change a byte of them); `created_at` columns are the database's own clock.
 */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'issuers, keys, status indexes, credentials, events',
    statements: [
      `CREATE TABLE ${SCHEMA}.issuers (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        did text NOT NULL UNIQUE,
        registry_url text NOT NULL,
        profile jsonb NOT NULL,
        status_list_size integer NOT NULL CHECK (status_list_size >= 131072 AND status_list_size % 8 = 0),
        status_lists integer NOT NULL DEFAULT 1 CHECK (status_lists >= 1),
        indexes_reserved bigint NOT NULL DEFAULT 0,
        created_at text NOT NULL
      )`,
      // Public keys only: the private key stays in a file (or a KMS) on the issuing machines.
      `CREATE TABLE ${SCHEMA}.keys (
        issuer_id bigint NOT NULL REFERENCES ${SCHEMA}.issuers (id),
        kid text NOT NULL,
        alg text NOT NULL CHECK (alg IN ('ES256', 'EdDSA')),
        public_jwk jsonb NOT NULL CHECK (NOT public_jwk ? 'd'),
        private_key_file text,
        active boolean NOT NULL,
        created_at text NOT NULL,
        PRIMARY KEY (issuer_id, kid)
      )`,
      `CREATE UNIQUE INDEX keys_one_active ON ${SCHEMA}.keys (issuer_id) WHERE active`,
      // Every status index ever handed out, reserved before signing; a credential must carry a reserved one.
      `CREATE TABLE ${SCHEMA}.status_indexes (
        issuer_id bigint NOT NULL REFERENCES ${SCHEMA}.issuers (id),
        status_index integer NOT NULL CHECK (status_index >= 0),
        reserved_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (issuer_id, status_index)
      )`,
      `CREATE TABLE ${SCHEMA}.credentials (
        issuer_id bigint NOT NULL REFERENCES ${SCHEMA}.issuers (id),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        certificate_id text NOT NULL,
        credential_id text NOT NULL,
        row_key text NOT NULL,
        status_index integer NOT NULL,
        issued_at text NOT NULL,
        format text NOT NULL DEFAULT 'vc+jwt',
        credential text NOT NULL,
        state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'revoked', 'suspended')),
        reason text,
        reason_private boolean NOT NULL DEFAULT false,
        since text,
        revoked_at text,
        suspended_at text,
        unpublished boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (issuer_id, certificate_id),
        UNIQUE (issuer_id, row_key),
        UNIQUE (issuer_id, status_index),
        FOREIGN KEY (issuer_id, status_index) REFERENCES ${SCHEMA}.status_indexes (issuer_id, status_index)
      )`,
      // A signed credential is base64url: compression gains little and costs the server ~20% of its CPU per insert.
      `ALTER TABLE ${SCHEMA}.credentials ALTER COLUMN credential SET STORAGE EXTERNAL`,
      `CREATE INDEX credentials_issue_order ON ${SCHEMA}.credentials (issuer_id, seq)`,
      // The journal of state changes (the file store's journal.jsonl), append-only.
      `CREATE TABLE ${SCHEMA}.events (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        issuer_id bigint NOT NULL,
        certificate_id text NOT NULL,
        op text NOT NULL CHECK (op IN ('revoke', 'suspend', 'reinstate', 'unpublish')),
        at text NOT NULL,
        reason text,
        reason_private boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (issuer_id, certificate_id) REFERENCES ${SCHEMA}.credentials (issuer_id, certificate_id)
      )`,
    ],
  },
  {
    version: 2,
    name: 'key rotation, Data Integrity stores, list filters, OpenID4VCI issuance state',
    statements: [
      `ALTER TABLE ${SCHEMA}.issuers ADD COLUMN proof text NOT NULL DEFAULT 'vc-jwt' CHECK (proof IN ('vc-jwt', 'eddsa-rdfc-2022'))`,
      `ALTER TABLE ${SCHEMA}.keys ADD COLUMN retired_at text`,
      `ALTER TABLE ${SCHEMA}.keys ADD CONSTRAINT keys_active_not_retired CHECK (NOT (active AND retired_at IS NOT NULL))`,
      `ALTER TABLE ${SCHEMA}.credentials ADD CONSTRAINT credentials_format CHECK (format IN ('vc+jwt', 'vc+ld+json'))`,
      `ALTER TABLE ${SCHEMA}.credentials ADD COLUMN kid text`,
      `ALTER TABLE ${SCHEMA}.credentials ADD COLUMN achievement_id text`,
      // Credentials stored before this step carry both in their JWS (header kid, payload achievement id).
      `CREATE FUNCTION pg_temp.microcert_b64url_json(part text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
        SELECT convert_from(decode(rpad(translate(part, '-_', '+/'), ((length(part) + 3) / 4) * 4, '='), 'base64'), 'UTF8')::jsonb
      $$`,
      `UPDATE ${SCHEMA}.credentials SET
        kid = pg_temp.microcert_b64url_json(split_part(credential, '.', 1)) ->> 'kid',
        achievement_id = pg_temp.microcert_b64url_json(split_part(credential, '.', 2)) #>> '{credentialSubject,achievement,id}'
        WHERE format = 'vc+jwt'`,
      `UPDATE ${SCHEMA}.credentials SET kid = '', achievement_id = '' WHERE kid IS NULL OR achievement_id IS NULL`,
      `ALTER TABLE ${SCHEMA}.credentials ALTER COLUMN kid SET NOT NULL, ALTER COLUMN achievement_id SET NOT NULL`,
      // list({ state }) and list({ course }) page through these in issue order; retireKey counts by key.
      `CREATE INDEX credentials_by_state ON ${SCHEMA}.credentials (issuer_id, state, seq)`,
      `CREATE INDEX credentials_by_course ON ${SCHEMA}.credentials (issuer_id, achievement_id, seq)`,
      `CREATE INDEX credentials_by_key ON ${SCHEMA}.credentials (issuer_id, kid, seq)`,
      // Short-lived OpenID4VCI state (offers, codes, tokens, nonces): single use by an atomic UPDATE … RETURNING.
      `CREATE TABLE ${SCHEMA}.issuance_state (
        issuer_id bigint NOT NULL REFERENCES ${SCHEMA}.issuers (id),
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 512),
        value text NOT NULL,
        expires_at bigint NOT NULL,
        used boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (issuer_id, key)
      )`,
      `CREATE INDEX issuance_state_expiry ON ${SCHEMA}.issuance_state (issuer_id, expires_at)`,
    ],
  },
]

const LATEST_VERSION = MIGRATIONS.at(-1)!.version

// One number for pg_advisory_xact_lock: processes that open the same database at once migrate one after the other.
const MIGRATION_LOCK = 0x6d6963726f63

async function currentVersion(client: Pool | PoolClient): Promise<number | undefined> {
  const { rows } = await client.query<{ present: boolean }>(`SELECT to_regclass('${SCHEMA}.migrations') IS NOT NULL AS present`)
  if (rows[0]?.present !== true) return undefined
  const result = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${SCHEMA}.migrations`)
  return result.rows[0]?.version ?? 0
}

/**
 * Brings the database's schema to the latest version (forward only; `upTo` stops earlier, for tests of a migration). With `create: false` a database without the
 * store's schema is ERR_STORE_NOT_FOUND; a schema newer than this code is ERR_STORE_CORRUPT
 * (`details.reason: 'store-too-new'`): upgrade microcert instead of writing with an older one.
 * Needs the right to create objects only when there is something to migrate.
 */
export async function migrate(pool: Pool, display: string, { create, upTo = LATEST_VERSION }: { create: boolean; upTo?: number }): Promise<void> {
  const seen = await currentVersion(pool)
  if (seen === upTo) return
  if (seen !== undefined && seen > LATEST_VERSION) throw tooNew(display, seen)
  if (seen === undefined && !create) {
    throw new MicrocertError('ERR_STORE_NOT_FOUND', `The database "${display}" holds no microcert issuer store`, {
      details: { location: display, reason: 'no-schema' },
    })
  }
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`)
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${SCHEMA}.migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    )
    const version = (await currentVersion(client)) ?? 0
    if (version > LATEST_VERSION) throw tooNew(display, version)
    for (const migration of MIGRATIONS) {
      if (migration.version <= version || migration.version > upTo) continue
      for (const statement of migration.statements) await client.query(statement)
      await client.query(`INSERT INTO ${SCHEMA}.migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name])
    }
  })
}

function tooNew(display: string, version: number): MicrocertError {
  return new MicrocertError('ERR_STORE_CORRUPT', `The store at "${display}" has schema version ${version}; this microcert knows up to ${LATEST_VERSION}: upgrade microcert`, {
    details: { location: display, reason: 'store-too-new', version },
  })
}
