import { resolveDataDir } from './embedded-location';
import { EnvironmentVariables } from './env.schema';

// Where data and jobs live, decided by configuration alone (nothing probes ports): reported by
// /health and in one start-up line.
export interface StorageMode {
  // embedded: PGlite in this process (a trial or one office); server: PostgreSQL at DATABASE_URL.
  database: 'embedded' | 'server';
  // BullMQ's datastore: Redis at REDIS_URL, or BullMQ's PostgreSQL backend in the same database.
  queue: 'redis' | 'postgresql';
  dataDir?: string;
}

type StorageSettings = Pick<EnvironmentVariables, 'DATABASE_URL' | 'REDIS_URL' | 'DATA_DIR'>;

export function storageMode(env: StorageSettings): StorageMode {
  return {
    database: env.DATABASE_URL ? 'server' : 'embedded',
    queue: env.REDIS_URL ? 'redis' : 'postgresql',
    ...(env.DATABASE_URL ? {} : { dataDir: resolveDataDir(env.DATA_DIR).shownAs }),
  };
}

export function storageModeLine(env: StorageSettings): string {
  const mode = storageMode(env);
  if (mode.database === 'embedded') {
    const queue = mode.queue === 'redis' ? '，队列使用 Redis' : '';
    return `使用内置数据库 ${mode.dataDir}（试用/单机）${queue}；生产环境请设置 DATABASE_URL 与 REDIS_URL`;
  }
  if (mode.queue === 'postgresql')
    return '使用 PostgreSQL（DATABASE_URL）；未设置 REDIS_URL，队列存放在同一数据库中；生产环境建议设置 REDIS_URL';
  return '使用 PostgreSQL（DATABASE_URL）与 Redis（REDIS_URL）';
}
