import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

// The built service as a child process, for the benchmarks that measure it over HTTP or queues.
const HOST = '127.0.0.1';
const CLI = join(__dirname, '..', '..', 'dist', 'src', 'cli.js');
const WORKER = join(__dirname, '..', '..', 'dist', 'src', 'worker.js');
const SERVER_START_TIMEOUT_MS = 180_000;
const SERVER_STOP_TIMEOUT_MS = 20_000;
const HEALTH_POLL_MS = 250;
const SERVER_LOG_TAIL_LINES = 80;

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, HOST);
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

export class ApiServer {
  private readonly tail: string[] = [];
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {
    const keep = (chunk: Buffer): void => {
      this.tail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      this.tail.splice(0, Math.max(0, this.tail.length - SERVER_LOG_TAIL_LINES));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('exit', () => {
      this.exited = true;
    });
  }

  // `serve --with-worker --import-seeds` by default: API and workers in one process, as `npm start`.
  static start(
    env: NodeJS.ProcessEnv,
    port: number,
    command: string[] = ['serve', '--with-worker', '--import-seeds'],
  ): ApiServer {
    const child = spawn(process.execPath, [CLI, ...command], {
      env: { ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ApiServer(child, `http://${HOST}:${port}`);
  }

  // A worker process only (dist/src/worker.js, no HTTP), as `npm run start:worker`.
  static startWorker(env: NodeJS.ProcessEnv): ApiServer {
    const child = spawn(process.execPath, [WORKER], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    return new ApiServer(child, '');
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  get running(): boolean {
    return !this.exited;
  }

  // Seeds are imported (and the worker is up) before the port opens, so a 200 means the data is there.
  async waitUntilHealthy(): Promise<void> {
    const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`API exited during start-up:\n${this.logTail()}`);
      const healthy = await fetch(`${this.baseUrl}/health`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (healthy) return;
      await sleep(HEALTH_POLL_MS);
    }
    throw new Error(`API not healthy after ${SERVER_START_TIMEOUT_MS} ms:\n${this.logTail()}`);
  }

  logTail(): string {
    return this.tail.join('\n');
  }

  // SIGTERM lets the app close its queues and pool; SIGKILL only if it hangs.
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), SERVER_STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
}
