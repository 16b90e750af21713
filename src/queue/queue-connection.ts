import type { QueueOptions } from 'bullmq';
import { createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import { AppConfigService } from 'src/config/app-config.service';
import { JOB_ATTEMPTS, JOB_BACKOFF, JOB_RETENTION } from './queue.constants';
import { bullConnectionOptions } from './redis-connection';

// Pool size of each BullMQ queue/worker on PostgreSQL (each also keeps one LISTEN connection).
const POSTGRES_POOL_SIZE = 3;

// The one place that picks BullMQ's datastore. REDIS_URL set: Redis, as in production. Unset: BullMQ's
// PostgreSQL backend on the application's database (embedded or not), so nothing else is needed.
// Its tables go to schema public because the embedded socket ignores start-up options such as the
// search_path the backend would otherwise pin to its own schema.
export function queueRootOptions(config: AppConfigService): QueueOptions {
  const defaultJobOptions = { attempts: JOB_ATTEMPTS, backoff: JOB_BACKOFF, ...JOB_RETENTION };
  const { target, prefix } = config.redis;
  if (target) {
    setDefaultBackendFactory(undefined);
    return { connection: bullConnectionOptions(target), prefix, defaultJobOptions };
  }
  return { connection: postgresQueueConnection(config.databaseUrl), defaultJobOptions };
}

// BullMQ's PostgreSQL backend on `databaseUrl`, made the default for every Queue and Worker of this
// process (@nestjs/bullmq builds them with BullMQ's default backend factory).
export function postgresQueueConnection(databaseUrl: string): QueueOptions['connection'] {
  setDefaultBackendFactory(createPostgresBackend);
  // QueueOptions is typed for Redis; the PostgreSQL backend reads this shape (PostgresPoolConfig).
  return {
    connectionString: databaseUrl,
    schema: 'public',
    migrate: true, // creates or upgrades BullMQ's tables at connect, under its own advisory lock
    max: POSTGRES_POOL_SIZE,
  };
}
