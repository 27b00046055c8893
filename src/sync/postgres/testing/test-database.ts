// Each suite gets a database of its own on the test server, so suites never see each other's vaults.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestDatabase {
  /** A superuser URL for this suite's own database. */
  url: string;
  drop(): Promise<void>;
}

/** The test server's admin URL, or null with the reason printed once (the suite then skips). */
export function testServerUrl(): string | null {
  const url = inject('batonPgUrl');
  if (url) return url;
  console.warn(`PostgreSQL sync tests skipped: ${inject('batonPgWhyNot')}`);
  return null;
}

export function withDatabase(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createTestDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `baton_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: withDatabase(adminUrl, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
