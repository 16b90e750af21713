// The test tiers' own database and BullMQ prefix, so a run never touches a developer's data and two
// runs on one Redis never share keys. TEST_DATABASE_URL / TEST_REDIS_URL override the defaults.
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/dutyflow_test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function testEnvironment(): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: TEST_DATABASE_URL,
    REDIS_URL: TEST_REDIS_URL,
    BULLMQ_PREFIX: `dutyflow-test-${process.pid}`,
    MIGRATIONS_RUN: 'false',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    // Test webhook receivers listen on 127.0.0.1; the refusal of loopback targets is tested apart.
    WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
    WEBHOOK_SECRET_KEY: 'test-only-webhook-secret-key-0123456789',
  };
}
