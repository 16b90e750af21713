import type { ConnectionOptions } from 'bullmq';
import IORedis from 'ioredis';

// BullMQ is given options rather than a client so that it owns, and on shutdown closes, every
// connection it opens. Its workers' blocking connections require maxRetriesPerRequest: null.
export function bullConnectionOptions(url: string): ConnectionOptions {
  return { url, maxRetriesPerRequest: null };
}

// For health checks: fail fast instead of queueing commands while Redis is down, and keep
// reconnecting in the background so the check recovers by itself.
export function createProbeConnection(url: string): IORedis {
  return new IORedis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}
