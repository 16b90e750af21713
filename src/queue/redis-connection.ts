import type { ConnectionOptions } from 'bullmq';
import IORedis from 'ioredis';

// Reconnect every ≤2 s while Redis is away, so work resumes within seconds of its return (BullMQ's own
// default backs off towards 20 s, which kept /health at 503 long after Redis was back).
export const reconnectDelay = (attempt: number): number => Math.min(attempt * 200, 2_000);

// BullMQ is given options rather than a client so that it owns, and on shutdown closes, every
// connection it opens. Its workers' blocking connections require maxRetriesPerRequest: null.
export function bullConnectionOptions(url: string): ConnectionOptions {
  return { url, maxRetriesPerRequest: null, retryStrategy: reconnectDelay };
}

// For health checks: fail fast instead of queueing commands while Redis is down, and keep
// reconnecting in the background so the check recovers by itself.
export function createProbeConnection(url: string): IORedis {
  return new IORedis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    retryStrategy: reconnectDelay,
  });
}
