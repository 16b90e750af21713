import { TEST_REDIS_URL, testEnvironment } from './test-env';

Object.assign(process.env, testEnvironment());
if (!TEST_REDIS_URL) delete process.env.REDIS_URL; // embedded tests: the queues use PostgreSQL
