import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const execFileAsync = promisify(execFile);
const CLI = join(__dirname, '..', '..', 'dist', 'src', 'cli.js');

// The maintenance database of the server that holds `databaseUrl`, and the database's own name.
export function adminUrl(databaseUrl: string): { admin: string; name: string } {
  const parsed = new URL(databaseUrl);
  const name = decodeURIComponent(parsed.pathname.slice(1));
  parsed.pathname = '/postgres';
  return { admin: parsed.toString(), name };
}

export async function withAdminClient<T>(
  databaseUrl: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: adminUrl(databaseUrl).admin });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

// A benchmark's own database, empty, then the app's own migrations (through the built CLI, as at
// start-up). C.UTF-8 ctype, as the app creates it, so the Chinese trigram index works.
export async function recreateBenchDatabase(
  databaseUrl: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const { name } = adminUrl(databaseUrl);
  await withAdminClient(databaseUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(
      `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
    );
  });
  await execFileAsync(process.execPath, [CLI, 'migrate'], { env: { ...env, DATABASE_URL: databaseUrl } });
}

export function postgresVersion(databaseUrl: string): Promise<string> {
  return withAdminClient(databaseUrl, async (client) => {
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    return result.rows[0].server_version;
  });
}
