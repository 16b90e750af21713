// The test tiers' own database and BullMQ prefix, so a run never touches a developer's data and two
// runs on one Redis never share keys.
//
// TEST_DATABASE_URL given (CI gives it, with TEST_REDIS_URL): real PostgreSQL, and Redis at
// TEST_REDIS_URL (default 127.0.0.1:6379). Not given: the global setup starts an embedded database
// (PGlite, as `npm start` does without DATABASE_URL) in a child process and publishes its socket as
// TEST_DATABASE_URL with DUTYFLOW_TEST_EMBEDDED=1; the queues then use BullMQ's PostgreSQL backend.
export const TEST_EMBEDDED =
  process.env.DUTYFLOW_TEST_EMBEDDED === '1' || process.env.TEST_DATABASE_URL === undefined;
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://embedded-not-started';
export const TEST_REDIS_URL: string | undefined = TEST_EMBEDDED
  ? undefined
  : (process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');

export function testEnvironment(): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: TEST_DATABASE_URL,
    ...(TEST_REDIS_URL ? { REDIS_URL: TEST_REDIS_URL } : {}),
    BULLMQ_PREFIX: `dutyflow-test-${process.pid}`,
    MIGRATIONS_RUN: 'false',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    // Test webhook receivers listen on 127.0.0.1; the refusal of loopback targets is tested apart.
    WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
    WEBHOOK_SECRET_KEY: 'test-only-webhook-secret-key-0123456789',
  };
}

// For child processes: the test environment, without a REDIS_URL the developer's shell may carry.
export function childEnvironment(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...testEnvironment(), ...overrides };
  if (!TEST_REDIS_URL && !('REDIS_URL' in overrides)) delete env.REDIS_URL;
  return env;
}

// A test that inherently needs the real servers (a Redis Cluster, two PostgreSQL sessions, a
// replica): skipped in embedded runs, with the reason printed.
export function onServersOnly<T extends jest.Describe | jest.It>(run: T, reason: string): T {
  if (!TEST_EMBEDDED) return run;
  process.stderr.write(`skipped in embedded mode (no TEST_DATABASE_URL): ${reason}\n`);
  return run.skip as T;
}
