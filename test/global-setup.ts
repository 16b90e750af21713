import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { startEmbeddedTestDatabase } from './utils/embedded-test-database';
import { childEnvironment, TEST_DATABASE_URL, TEST_EMBEDDED } from './test-env';

const CLI = join(__dirname, '..', 'dist', 'src', 'cli.js');

// Once per tier: a fresh test database (dropped and recreated on a server; a new embedded one in a
// child process otherwise), then the real migrations through the built CLI (the same code path as
// production start-up). `npm test` builds first.
export default async function globalSetup(): Promise<void> {
  if (TEST_EMBEDDED) {
    const url = await startEmbeddedTestDatabase();
    process.env.TEST_DATABASE_URL = url;
    process.env.DUTYFLOW_TEST_EMBEDDED = '1';
    await migrate({ ...childEnvironment(), DATABASE_URL: url });
    return;
  }
  await recreateDatabase(TEST_DATABASE_URL);
  await migrate(childEnvironment());
}

async function migrate(env: NodeJS.ProcessEnv): Promise<void> {
  await promisify(execFile)(process.execPath, [CLI, 'migrate'], { env });
}

async function recreateDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new URL(url);
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
}
