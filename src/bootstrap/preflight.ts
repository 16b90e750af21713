import { Client } from 'pg';
import { EnvironmentVariables, maskSecrets } from 'src/config/env.schema';
import { DatabaseTarget } from 'src/database/database-target';
import { StartupError } from './startup-error';
import { createRedisClient, RedisTarget, redisTarget } from 'src/queue/redis-connection';

export { StartupError };

const PG_DATABASE_MISSING = '3D000';
// Several processes starting at once may race to create the database; losing that race is fine.
const PG_DATABASE_EXISTS = new Set(['42P04', '23505']);

function reason(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map((e: unknown) => reason(e)).join(', ');
  return (error instanceof Error ? error.message : String(error)).replace(/[.。]+$/, '');
}

// Checks Postgres and Redis before Nest starts, so a wrong URL or a stopped service ends start-up
// with one clear line instead of retries and a stack trace. A missing database is created, as a
// newcomer on a fresh machine expects. Redis is checked only when configured (without it the queues
// live in PostgreSQL).
export async function preflight(env: EnvironmentVariables, database: DatabaseTarget): Promise<void> {
  await checkPostgres(database.url, env.STARTUP_TIMEOUT_SECONDS * 1000);
  if (env.REDIS_URL)
    await checkRedis(redisTarget(env.REDIS_URL, env.REDIS_CLUSTER_NODES), env.STARTUP_TIMEOUT_SECONDS * 1000);
}

async function checkPostgres(url: string, timeoutMs: number): Promise<void> {
  try {
    await withClient(url, timeoutMs, () => Promise.resolve());
  } catch (error) {
    if ((error as { code?: string }).code === PG_DATABASE_MISSING) return createDatabase(url, timeoutMs);
    throw new StartupError(
      `无法连接 PostgreSQL（DATABASE_URL=${maskSecrets(url)}）：${reason(error)}。请启动 PostgreSQL，或把 DATABASE_URL 设为可连接的地址。`,
    );
  }
}

async function createDatabase(url: string, timeoutMs: number): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  try {
    await withClient(admin.toString(), timeoutMs, async (client) => {
      // C.UTF-8 ctype lets pg_trgm index Chinese characters; template0 allows choosing it.
      await client.query(
        `CREATE DATABASE "${name.replace(/"/g, '""')}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
      );
    });
    process.stdout.write(`created database ${name}\n`);
  } catch (error) {
    if (PG_DATABASE_EXISTS.has((error as { code?: string }).code ?? '')) return;
    throw new StartupError(
      `数据库 ${name} 不存在且无法创建（DATABASE_URL=${maskSecrets(url)}）：${reason(error)}。请先创建该数据库，或设置 DATABASE_URL。`,
    );
  }
}

async function withClient(
  url: string,
  timeoutMs: number,
  work: (client: Client) => Promise<void>,
): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkRedis(target: RedisTarget, timeoutMs: number): Promise<void> {
  const client = createRedisClient(target, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // ioredis rejects with "Connection is closed"; the cause (ECONNREFUSED, auth) arrives as an 'error' event.
  let cause: unknown;
  client.on('error', (error: unknown) => (cause = error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const setting = target.cluster
      ? `REDIS_CLUSTER_NODES=${target.cluster.nodes.map((node) => `${node.host}:${node.port}`).join(',')}`
      : `REDIS_URL=${maskSecrets(target.url)}`;
    throw new StartupError(
      `无法连接 Redis（${setting}）：${reason(cause ?? error)}。请启动 Redis，或把 ${setting.split('=')[0]} 设为可连接的地址。`,
    );
  } finally {
    client.disconnect();
  }
}
