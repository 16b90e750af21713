import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;

// Comma-separated CIDRs (IPv4 or IPv6), or nothing.
const CIDR_LIST = /^$|^[0-9a-fA-F.:]+\/\d{1,3}(\s*,\s*[0-9a-fA-F.:]+\/\d{1,3})*$/;

// The only place that knows the environment's names. Defaults fit a machine with nothing but Node:
// without DATABASE_URL the database is embedded (PGlite in DATA_DIR), without REDIS_URL the queues
// live in that PostgreSQL database (BullMQ's PostgreSQL backend). Production sets both URLs.
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, {
    message: 'DATABASE_URL must look like postgres://user:password@host:5432/dbname',
  })
  DATABASE_URL?: string;

  // A streaming replica for the read-only supervision queries (overdue lists, statistics, exports).
  // Unset: they read the primary.
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, {
    message: 'DATABASE_READ_URL must look like postgres://user:password@replica:5432/dbname',
  })
  DATABASE_READ_URL?: string;

  @IsOptional()
  @Matches(/^rediss?(\+cluster)?:\/\/.+/, {
    message:
      'REDIS_URL must look like redis://host:6379 (or redis+cluster://host:7000,host:7001 for a Redis Cluster)',
  })
  REDIS_URL?: string;

  // Embedded mode only (DATABASE_URL unset): where PGlite keeps its files; relative to the project folder.
  @IsString()
  DATA_DIR = 'data';

  // Embedded mode only: the loopback port the embedded database is served on (0: any free port,
  // written to DATA_DIR/dutyflow.lock so `cli` commands and pg_dump can reach it).
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  EMBEDDED_DATABASE_PORT = 0;

  // A Redis Cluster's seed nodes (host:port,host:port…): BullMQ then runs on the cluster, with a
  // hash-tagged prefix. Credentials and TLS still come from REDIS_URL.
  @IsOptional()
  @Matches(/^[^\s,]+:\d{1,5}(,[^\s,]+:\d{1,5})*$/, {
    message: 'REDIS_CLUSTER_NODES must look like 10.0.0.1:7000,10.0.0.2:7000',
  })
  REDIS_CLUSTER_NODES?: string;

  // Every BullMQ key starts with this, so test runs and several installations can share one Redis.
  @IsString()
  @Matches(/^[a-zA-Z0-9:_-]+$/, { message: 'BULLMQ_PREFIX may contain letters, digits, : _ -' })
  BULLMQ_PREFIX = 'dutyflow';

  // Apply pending migrations at start-up (under an advisory lock). Turn off if migrations are a deploy step.
  @Transform(toBoolean)
  @IsBoolean()
  MIGRATIONS_RUN = true;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  // Largest accepted duty-list upload, in bytes (the real documents are about 130 KB).
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  UPLOAD_MAX_BYTES = 5 * 1024 * 1024;

  // Signs access tokens. When unset, a random key is generated once and kept in the database
  // (app_settings), so every API process agrees without a secret in the repository.
  @IsOptional()
  @IsString()
  @Matches(/^.{32,}$/, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Type(() => Number)
  @IsInt()
  @Min(60)
  JWT_TTL_SECONDS = 8 * 3600;

  // Failed login attempts allowed per client address per minute.
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT_PER_MINUTE = 10;

  // Failed logins on one account (from addresses it has not signed in from) before it is locked.
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_ACCOUNT_FAILURE_LIMIT = 5;

  // How long those failures count (and the lock lasts), in minutes.
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_LOCK_MINUTES = 15;

  // Largest material (附件) accepted, in bytes.
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  MATERIAL_MAX_BYTES = 20 * 1024 * 1024;

  // A browser sign-in (cookie session) ends after this many minutes without a request…
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SESSION_IDLE_MINUTES = 30;

  // …and at the latest this many hours after signing in.
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SESSION_MAX_HOURS = 12;

  // Seconds a start-up connection check waits for Postgres or Redis before giving up with a clear line.
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @IsOptional()
  STARTUP_TIMEOUT_SECONDS = 5;

  // --- Faults, security and retention (issue 11) ---

  // Address the HTTP API binds to. 0.0.0.0 exposes it on every interface (docker-compose sets that).
  @IsString()
  @Matches(/^[\w.:-]+$/, { message: 'HOST must be an address such as 127.0.0.1 or 0.0.0.0' })
  HOST = '127.0.0.1';

  // Networks (CIDR, comma-separated) webhooks may reach although they are loopback, private or
  // link-local, e.g. 10.20.0.0/16 for an OA server inside the government network. Empty: public only.
  @IsString()
  @Matches(CIDR_LIST, { message: 'WEBHOOK_ALLOWED_NETWORKS must be CIDRs such as 10.0.0.0/8,::1/128' })
  WEBHOOK_ALLOWED_NETWORKS = '';

  // Encrypts webhook signing secrets at rest (AES-256-GCM). Unset: webhooks cannot have a secret.
  @IsOptional()
  @IsString()
  @Matches(/^.{32,}$/, { message: 'WEBHOOK_SECRET_KEY must be at least 32 characters' })
  WEBHOOK_SECRET_KEY?: string;

  // On SIGTERM/SIGINT the process exits within this time, whatever state Redis and PostgreSQL are in.
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SHUTDOWN_TIMEOUT_SECONDS = 10;

  // Express `trust proxy`: unset, the client address is the socket's; behind a reverse proxy set the
  // proxy's address(es)/CIDRs ("loopback", "10.0.0.5", "10.0.0.0/8,fc00::/7") or a hop count ("1"),
  // so that login limits count each client and not the proxy. Never "true" on a directly exposed port.
  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  // While Redis or PostgreSQL is away: one log line when it goes, one when it is back, and a
  // reminder at most this often in between.
  @Type(() => Number)
  @IsInt()
  @Min(1)
  OUTAGE_REMINDER_SECONDS = 60;

  // Retention: answered idempotency keys, dispatched outbox rows and read notifications older than
  // this are deleted in bounded batches by a daily job.
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RETENTION_IDEMPOTENCY_HOURS = 48;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  RETENTION_OUTBOX_DAYS = 30;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  RETENTION_NOTIFICATIONS_DAYS = 180;
}

export class EnvironmentError extends Error {}

const SECRET_PATTERN = /(:\/\/[^:/@]*:)([^@]*)(@)/;
const SECRET_NAMES = /SECRET|PASSWORD|TOKEN/;

// Masks the password inside a connection URL so error lines never leak it.
export function maskSecrets(value: unknown): string {
  return String(value).replace(SECRET_PATTERN, '$1***$3');
}

export function validateEnv(config: Record<string, unknown>): EnvironmentVariables {
  // `FOO=` (as docker compose writes for an unset ${FOO:-}) means "not set", not "set to nothing".
  const given = Object.fromEntries(Object.entries(config).filter(([, value]) => value !== ''));
  const env = plainToInstance(EnvironmentVariables, given, { enableImplicitConversion: false });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length === 0) return env;
  const lines = errors.map((error) => {
    const reason = Object.values(error.constraints ?? {}).join('; ');
    const raw = given[error.property];
    const shown = SECRET_NAMES.test(error.property) ? '***' : maskSecrets(raw);
    return `${error.property}=${shown}: ${reason}`;
  });
  throw new EnvironmentError(`配置错误 (configuration error): ${lines.join(' | ')}`);
}
