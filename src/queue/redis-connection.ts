import { ConnectionOptions, createIORedisClient, RedisConnection } from 'bullmq';
import IORedis, { Cluster, ClusterOptions, RedisOptions } from 'ioredis';

// The one place that decides how dutyflow talks to Redis: one server (REDIS_URL) or a Redis Cluster
// (REDIS_CLUSTER_NODES, or a redis+cluster:// URL). BullMQ, the health probe, start-up checks, tests
// and benchmarks all get their clients from here.

export interface RedisNode {
  host: string;
  port: number;
}

export interface RedisTarget {
  url: string; // one server: redis:// or rediss://
  cluster: { nodes: RedisNode[]; username?: string; password?: string; tls: boolean } | null;
}

const CLUSTER_SCHEME = /^redis(s?)\+cluster:\/\//;

// "host:port,host:port" → nodes.
export function parseRedisNodes(list: string): RedisNode[] {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.lastIndexOf(':');
      return { host: entry.slice(0, at), port: Number(entry.slice(at + 1)) };
    });
}

// REDIS_CLUSTER_NODES wins; otherwise a redis+cluster://[user:password@]host:port,host:port URL names the
// cluster's seed nodes (several hosts in one URL, which the URL class cannot parse); otherwise one server.
export function redisTarget(url: string, clusterNodes?: string): RedisTarget {
  const scheme = CLUSTER_SCHEME.exec(url);
  if (clusterNodes) {
    const auth = scheme ? null : new URL(url);
    return {
      url,
      cluster: {
        nodes: parseRedisNodes(clusterNodes),
        username: auth?.username ? decodeURIComponent(auth.username) : undefined,
        password: auth?.password ? decodeURIComponent(auth.password) : undefined,
        tls: url.startsWith('rediss'),
      },
    };
  }
  if (!scheme) return { url, cluster: null };
  const rest = url.slice(scheme[0].length).replace(/\/.*$/, '');
  const at = rest.lastIndexOf('@');
  const [user, password] = at >= 0 ? rest.slice(0, at).split(':') : [];
  return {
    url,
    cluster: {
      nodes: parseRedisNodes(at >= 0 ? rest.slice(at + 1) : rest),
      username: user ? decodeURIComponent(user) : undefined,
      password: password ? decodeURIComponent(password) : undefined,
      tls: scheme[1] === 's',
    },
  };
}

// Redis Cluster runs a Lua script only on keys of one hash slot, and every BullMQ script touches several
// keys of a queue: the braces make the whole prefix the hash tag, so all of a queue's keys share a slot.
export function clusterSafePrefix(prefix: string, target: RedisTarget): string {
  if (!target.cluster || /\{[^}]+\}/.test(prefix)) return prefix;
  return `{${prefix}}`;
}

// Waiting out a failover: while a replica is promoted (cluster-node-timeout + election, a few
// seconds), commands are retried instead of failing after the default ~1.6 s.
const CLUSTER_OPTIONS: ClusterOptions = {
  retryDelayOnClusterDown: 300,
  retryDelayOnFailover: 300,
  retryDelayOnTryAgain: 300,
  maxRedirections: 64,
  slotsRefreshTimeout: 2_000,
};

// A client for `target`: a single IORedis or a Cluster, with `options` for every connection.
export function createRedisClient(target: RedisTarget, options: RedisOptions = {}): IORedis | Cluster {
  if (!target.cluster) return new IORedis(target.url, options);
  const { nodes, username, password, tls } = target.cluster;
  return new Cluster(nodes, {
    ...CLUSTER_OPTIONS,
    lazyConnect: options.lazyConnect,
    enableOfflineQueue: options.enableOfflineQueue,
    clusterRetryStrategy: options.retryStrategy,
    redisOptions: { ...options, username, password, ...(tls ? { tls: {} } : {}) },
  });
}

// Reconnect every ≤2 s while Redis is away, so work resumes within seconds of its return (BullMQ's own
// default backs off towards 20 s, which kept /health at 503 long after Redis was back).
export const reconnectDelay = (attempt: number): number => Math.min(attempt * 200, 2_000);

// BullMQ is given options rather than a client so that it owns, and on shutdown closes, every
// connection it opens. Its workers' blocking connections require maxRetriesPerRequest: null.
// For a cluster, BullMQ's client factory builds each of those connections as a Cluster client (the
// factory is process-wide; this is the only place that sets it).
export function bullConnectionOptions(target: RedisTarget): ConnectionOptions {
  if (!target.cluster) {
    RedisConnection.clientFactory = undefined;
    return { url: target.url, maxRetriesPerRequest: null, retryStrategy: reconnectDelay };
  }
  RedisConnection.clientFactory = (options: RedisOptions) => {
    const { host: _host, port: _port, ...rest } = options;
    return createIORedisClient(
      createRedisClient(target, { ...rest, maxRetriesPerRequest: null, retryStrategy: reconnectDelay }),
    );
  };
  return { maxRetriesPerRequest: null };
}

// For health checks: fail fast instead of queueing commands while Redis is down, and keep
// reconnecting in the background so the check recovers by itself.
export function createProbeConnection(target: RedisTarget): IORedis | Cluster {
  return createRedisClient(target, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    retryStrategy: reconnectDelay,
  });
}
