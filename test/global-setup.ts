import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { TEST_DATABASE_URL, testEnvironment } from './test-env';

// Once per tier: drop and recreate the test database, then apply the real migrations through the
// built CLI (the same code path as production start-up). `npm test` builds first.
export default async function globalSetup(): Promise<void> {
  const target = new URL(TEST_DATABASE_URL);
  const name = target.pathname.slice(1);
  const admin = new URL(TEST_DATABASE_URL);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(
      `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
    );
  } finally {
    await client.end();
  }
  execFileSync(process.execPath, [join(__dirname, '..', 'dist', 'src', 'cli.js'), 'migrate'], {
    env: { ...process.env, ...testEnvironment() },
    stdio: 'pipe',
  });
}
