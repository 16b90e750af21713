import { ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import IORedis from 'ioredis';

const execFileAsync = promisify(execFile);
const HOST = '127.0.0.1';
// Redis Cluster talks between nodes on port + 10000 (the cluster bus).
const BUS_OFFSET = 10_000;
const POLL_MS = 100;

interface ClusterNode {
  port: number;
  process: ChildProcess;
  alive: boolean;
}

export interface LocalClusterOptions {
  masters?: number;
  replicasPerMaster?: number;
  firstPort?: number; // searched upwards for free ports (and free bus ports)
  nodeTimeoutMs?: number; // how soon a silent master is failed over
}

async function portIsFree(port: number): Promise<boolean> {
  const server = createServer();
  server.once('error', () => undefined);
  server.listen(port, HOST);
  const [event] = await Promise.race([once(server, 'listening'), once(server, 'error')]);
  if (event === undefined) {
    server.close();
    return true;
  }
  return false;
}

async function freeClusterPorts(count: number, first: number): Promise<number[]> {
  const ports: number[] = [];
  for (let port = first; ports.length < count && port < first + 1_000; port += 1) {
    if ((await portIsFree(port)) && (await portIsFree(port + BUS_OFFSET))) ports.push(port);
  }
  if (ports.length < count) throw new Error(`no ${count} free Redis Cluster ports from ${first}`);
  return ports;
}

async function until<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Redis Cluster: timed out waiting for ${what}`);
    await sleep(POLL_MS);
  }
}

async function withNode<T>(port: number, work: (redis: IORedis) => Promise<T>): Promise<T> {
  const redis = new IORedis({
    host: HOST,
    port,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return await work(redis);
  } finally {
    redis.disconnect();
  }
}

// A real Redis Cluster of Debian's redis-server processes on loopback ports, in a directory of its own
// under /tmp: for tests and benchmarks that kill a master. `stop()` ends every process it started and
// removes the directory (also when the test process exits early).
export class LocalRedisCluster {
  private readonly nodes: ClusterNode[];
  private readonly exitHook = (): void => this.killAll();

  private constructor(
    ports: number[],
    private readonly dir: string,
    nodeTimeoutMs: number,
  ) {
    this.nodes = ports.map((port) => {
      const nodeDir = join(dir, String(port));
      rmSync(nodeDir, { recursive: true, force: true });
      const args = [
        '--port',
        String(port),
        '--bind',
        HOST,
        '--protected-mode',
        'no',
        '--daemonize',
        'no',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        `nodes-${port}.conf`,
        '--cluster-node-timeout',
        String(nodeTimeoutMs),
        '--cluster-replica-validity-factor',
        '0',
        '--appendonly',
        'no',
        '--save',
        '',
        '--dir',
        dir,
        '--logfile',
        join(dir, `${port}.log`),
      ];
      const child = spawn('redis-server', args, { stdio: 'ignore' });
      const node: ClusterNode = { port, process: child, alive: true };
      child.once('exit', () => (node.alive = false));
      return node;
    });
    process.once('exit', this.exitHook);
  }

  static async start(options: LocalClusterOptions = {}): Promise<LocalRedisCluster> {
    const masters = options.masters ?? 3;
    const replicas = options.replicasPerMaster ?? 1;
    const ports = await freeClusterPorts(masters * (1 + replicas), options.firstPort ?? 7000);
    const dir = mkdtempSync(join(tmpdir(), 'dutyflow-redis-cluster-'));
    const cluster = new LocalRedisCluster(ports, dir, options.nodeTimeoutMs ?? 1_000);
    try {
      for (const port of ports) {
        await until(`node ${port} to answer`, 10_000, () => withNode(port, (r) => r.ping()));
      }
      await execFileAsync('redis-cli', [
        '--cluster',
        'create',
        ...ports.map((port) => `${HOST}:${port}`),
        '--cluster-replicas',
        String(replicas),
        '--cluster-yes',
      ]);
      await cluster.waitUntilHealthy();
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  // "host:port,…" for REDIS_CLUSTER_NODES.
  seedNodes(): string {
    return this.nodes.map((node) => `${HOST}:${node.port}`).join(',');
  }

  // Every live node sees the cluster as ok, and every replica has synced with its master.
  async waitUntilHealthy(timeoutMs = 30_000): Promise<void> {
    for (const node of this.nodes.filter((n) => n.alive)) {
      await until(`node ${node.port} to be ok and in sync`, timeoutMs, () =>
        withNode(node.port, async (redis) => {
          const info = await redis.cluster('INFO');
          if (!String(info).includes('cluster_state:ok')) return undefined;
          const replication = await redis.info('replication');
          const isReplica = replication.includes('role:slave');
          return !isReplica || replication.includes('master_link_status:up') ? true : undefined;
        }),
      );
    }
  }

  // The port of the live master that serves `key`'s hash slot now.
  async masterOf(key: string): Promise<number> {
    const live = this.nodes.find((node) => node.alive);
    if (!live) throw new Error('Redis Cluster: no live node');
    return withNode(live.port, async (redis) => {
      const slot = Number(await redis.cluster('KEYSLOT', key));
      const table = await redis.cluster('SLOTS');
      const range = table.find(([from, to]) => slot >= from && slot <= to);
      if (!range) throw new Error(`Redis Cluster: slot ${slot} is not served`);
      return Number(range[2][1]);
    });
  }

  async waitForNewMaster(key: string, formerPort: number, timeoutMs = 30_000): Promise<number> {
    return until(`a replica to take over from ${formerPort}`, timeoutMs, async () => {
      const port = await this.masterOf(key);
      return port !== formerPort ? port : undefined;
    });
  }

  // SIGKILL: the node vanishes as a crashed machine would.
  async kill(port: number): Promise<void> {
    const node = this.nodes.find((n) => n.port === port);
    if (!node?.alive) return;
    const exited = once(node.process, 'exit');
    node.process.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const exits = this.nodes.filter((node) => node.alive).map((node) => once(node.process, 'exit'));
    this.killAll();
    await Promise.all(exits);
    process.removeListener('exit', this.exitHook);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private killAll(): void {
    for (const node of this.nodes) if (node.alive) node.process.kill('SIGKILL');
  }
}
