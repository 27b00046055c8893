// The vault schema Baton ships for PostgreSQL, applied in order by `baton sync init`. Each vault
// has a group role `baton_vault_<name>`; a member is any login role granted it, and row-level
// security lets a member see and write its own vaults' rows only. Never edit a released step.

export interface PgMigration {
  version: number;
  sql: string;
}

export const VAULT_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    sql: `
CREATE SCHEMA IF NOT EXISTS baton;
CREATE TABLE baton.vaults (
  name text PRIMARY KEY,
  key_check bytea NOT NULL,
  kdf jsonb,
  member_role name NOT NULL,
  last_seq bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE baton.records (
  vault text NOT NULL REFERENCES baton.vaults(name) ON DELETE CASCADE,
  id text NOT NULL,
  machine text NOT NULL,
  kind text NOT NULL,
  hlc text NOT NULL,
  size integer NOT NULL,
  tombstone boolean NOT NULL DEFAULT false,
  seq bigint NOT NULL,
  ciphertext bytea NOT NULL,
  PRIMARY KEY (vault, id, machine)
);
CREATE INDEX records_changes ON baton.records (vault, seq);
CREATE TABLE baton.audit (
  vault text NOT NULL REFERENCES baton.vaults(name) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT now(),
  db_user name NOT NULL DEFAULT current_user,
  machine text NOT NULL,
  action text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_vault ON baton.audit (vault, at);

-- Runs with its owner's rights, so members need no right on baton.vaults to be checked.
CREATE FUNCTION baton.is_member(v text) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, baton AS
  $$ SELECT EXISTS (SELECT 1 FROM baton.vaults WHERE name = v
       AND pg_has_role(session_user, member_role, 'MEMBER')) $$;

ALTER TABLE baton.vaults ENABLE ROW LEVEL SECURITY;
ALTER TABLE baton.records ENABLE ROW LEVEL SECURITY;
ALTER TABLE baton.audit ENABLE ROW LEVEL SECURITY;
CREATE POLICY member_vaults ON baton.vaults USING (baton.is_member(name));
CREATE POLICY member_records ON baton.records
  USING (baton.is_member(vault)) WITH CHECK (baton.is_member(vault));
CREATE POLICY member_audit_read ON baton.audit FOR SELECT USING (baton.is_member(vault));
CREATE POLICY member_audit_write ON baton.audit FOR INSERT
  WITH CHECK (baton.is_member(vault) AND db_user = current_user);

CREATE TABLE baton.schema_version (version integer NOT NULL);
INSERT INTO baton.schema_version VALUES (1);
`,
  },
  {
    // Event packs: many events sealed in one row, listing their ids (random, as before) so a
    // forgotten event's pack can be found and sealed again without it.
    version: 2,
    sql: `
ALTER TABLE baton.records ADD COLUMN ids text[];
-- Ciphertext does not compress: stored out of line as it is, without a compression attempt.
ALTER TABLE baton.records ALTER COLUMN ciphertext SET STORAGE EXTERNAL;
DO $$ DECLARE v record; BEGIN
  FOR v IN SELECT member_role FROM baton.vaults LOOP
    EXECUTE format('GRANT UPDATE (ids) ON baton.records TO %I', v.member_role);
  END LOOP;
END $$;
`,
  },
];

export const VAULT_NAME_RE = /^[a-z][a-z0-9_]{0,39}$/;

export const memberRole = (vault: string) => `baton_vault_${vault}`;

/** What a vault's group role may do: read and write its rows (policies narrow them), no DDL. */
export function vaultRoleSql(vault: string): string {
  const role = memberRole(vault);
  return `
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
    CREATE ROLE ${role} NOLOGIN;
  END IF;
END $$;
GRANT USAGE ON SCHEMA baton TO ${role};
GRANT SELECT, INSERT, DELETE ON baton.records TO ${role};
GRANT UPDATE (kind, hlc, size, tombstone, seq, ciphertext, ids) ON baton.records TO ${role};
GRANT SELECT ON baton.vaults TO ${role};
GRANT UPDATE (last_seq) ON baton.vaults TO ${role};
GRANT SELECT, INSERT ON baton.audit TO ${role};
GRANT EXECUTE ON FUNCTION baton.is_member(text) TO ${role};
`;
}
