import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { clusterSafePrefix, RedisTarget, redisTarget } from 'src/queue/redis-connection';
import { openedDatabaseUrl } from './embedded-location';
import { EnvironmentVariables } from './env.schema';
import { StorageMode, storageMode } from './storage-mode';

export interface RedisSettings {
  // Unset: the queues use BullMQ's PostgreSQL backend on the same database.
  url: string | undefined;
  target: RedisTarget | undefined;
  prefix: string; // hash-tagged on a Redis Cluster
}

// Typed, grouped access to the validated environment; nothing else reads process.env.
@Injectable()
export class AppConfigService {
  constructor(private readonly config: ConfigService<EnvironmentVariables, true>) {}

  get port(): number {
    return this.config.get('PORT', { infer: true });
  }

  get nodeEnv(): EnvironmentVariables['NODE_ENV'] {
    return this.config.get('NODE_ENV', { infer: true });
  }

  get logLevel(): EnvironmentVariables['LOG_LEVEL'] {
    return this.config.get('LOG_LEVEL', { infer: true });
  }

  // DATABASE_URL, or the embedded database this process opened (src/database/database-target.ts).
  get databaseUrl(): string {
    return this.config.get('DATABASE_URL', { infer: true }) ?? openedDatabaseUrl();
  }

  get storage(): StorageMode {
    return storageMode({
      DATABASE_URL: this.config.get('DATABASE_URL', { infer: true }),
      REDIS_URL: this.config.get('REDIS_URL', { infer: true }),
      DATA_DIR: this.config.get('DATA_DIR', { infer: true }),
    });
  }

  get databaseReadUrl(): string | undefined {
    return this.config.get('DATABASE_READ_URL', { infer: true });
  }

  get migrationsRun(): boolean {
    return this.config.get('MIGRATIONS_RUN', { infer: true });
  }

  get redis(): RedisSettings {
    const url = this.config.get('REDIS_URL', { infer: true });
    const prefix = this.config.get('BULLMQ_PREFIX', { infer: true });
    if (!url) return { url, target: undefined, prefix };
    const target = redisTarget(url, this.config.get('REDIS_CLUSTER_NODES', { infer: true }));
    return { url, target, prefix: clusterSafePrefix(prefix, target) };
  }

  get auth(): {
    jwtSecret: string | undefined;
    tokenTtlSeconds: number;
    loginRatePerMinute: number;
    accountFailureLimit: number;
    lockSeconds: number;
  } {
    return {
      jwtSecret: this.config.get('JWT_SECRET', { infer: true }),
      tokenTtlSeconds: this.config.get('JWT_TTL_SECONDS', { infer: true }),
      loginRatePerMinute: this.config.get('LOGIN_RATE_LIMIT_PER_MINUTE', { infer: true }),
      accountFailureLimit: this.config.get('LOGIN_ACCOUNT_FAILURE_LIMIT', { infer: true }),
      lockSeconds: this.config.get('LOGIN_LOCK_MINUTES', { infer: true }) * 60,
    };
  }

  get materialMaxBytes(): number {
    return this.config.get('MATERIAL_MAX_BYTES', { infer: true });
  }

  get session(): { idleMinutes: number; maxHours: number } {
    return {
      idleMinutes: this.config.get('SESSION_IDLE_MINUTES', { infer: true }),
      maxHours: this.config.get('SESSION_MAX_HOURS', { infer: true }),
    };
  }

  get uploadMaxBytes(): number {
    return this.config.get('UPLOAD_MAX_BYTES', { infer: true });
  }

  get host(): string {
    return this.config.get('HOST', { infer: true });
  }

  get webhooks(): { allowedNetworks: string[]; secretKey: string | undefined } {
    const networks = this.config.get('WEBHOOK_ALLOWED_NETWORKS', { infer: true });
    return {
      allowedNetworks: networks
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
      secretKey: this.config.get('WEBHOOK_SECRET_KEY', { infer: true }),
    };
  }

  // For Express's `trust proxy` setting; undefined leaves it off (request.ip = the socket's address).
  get trustProxy(): boolean | number | string | undefined {
    return trustProxySetting(this.config.get('TRUST_PROXY', { infer: true }));
  }

  get outageReminderMs(): number {
    return this.config.get('OUTAGE_REMINDER_SECONDS', { infer: true }) * 1000;
  }

  get shutdownTimeoutMs(): number {
    return this.config.get('SHUTDOWN_TIMEOUT_SECONDS', { infer: true }) * 1000;
  }

  get retention(): { idempotencyHours: number; outboxDays: number; notificationDays: number } {
    return {
      idempotencyHours: this.config.get('RETENTION_IDEMPOTENCY_HOURS', { infer: true }),
      outboxDays: this.config.get('RETENTION_OUTBOX_DAYS', { infer: true }),
      notificationDays: this.config.get('RETENTION_NOTIFICATIONS_DAYS', { infer: true }),
    };
  }
}

// "1" → hop count, "true"/"false" → boolean, anything else (addresses, CIDRs, loopback) as Express reads it.
export function trustProxySetting(value: string | undefined): boolean | number | string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  return trimmed;
}
