import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { testEnvironment } from 'test/test-env';
import { PrivateRedis } from 'test/utils/private-redis';
import { eventually } from 'test/utils/queues';
import { readSeed } from 'test/utils/seeds';

const CLI = join(__dirname, '..', '..', 'dist', 'src', 'cli.js');
// From this helper's port range; the Redis is its own and is stopped and started at will.
const REDIS_PORT = 6541;
const API_PORT = 3141;
const BASE = `http://127.0.0.1:${API_PORT}`;

// Issue 11, items 6 and 8: the built server (API + worker) while its Redis goes away and comes back.
describe('a Redis outage', () => {
  const redis = new PrivateRedis(REDIS_PORT);
  const env = {
    ...process.env,
    ...testEnvironment(),
    REDIS_URL: redis.url,
    PORT: String(API_PORT),
    SHUTDOWN_TIMEOUT_SECONDS: '3',
    OUTAGE_REMINDER_SECONDS: '600', // no reminder within this test: exactly one line each way
    LOG_LEVEL: 'info',
  };
  let server: ChildProcess;
  let exited: Promise<number | null>;
  let log = '';
  let token: string;

  const health = async (): Promise<number> => (await fetch(`${BASE}/health`).catch(() => null))?.status ?? 0;

  beforeAll(async () => {
    await redis.start();
    const password = 'outage-admin-password';
    const username = `outage-admin-${process.pid}`;
    const created = spawnSync(
      process.execPath,
      [CLI, 'users', 'create', '--username', username, '--password', password, '--role', 'admin'],
      { env, encoding: 'utf8' },
    );
    if (created.status !== 0) throw new Error(`users create failed: ${created.stderr}`);
    server = spawn(process.execPath, [CLI, 'serve', '--with-worker'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    exited = new Promise((resolve) => server.once('exit', (code) => resolve(code)));
    await eventually(async () => ((await health()) === 200 ? true : undefined), 60_000, 'the server');
    const login = await fetch(`${BASE}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    token = ((await login.json()) as { accessToken: string }).accessToken;
  }, 120_000);

  afterAll(async () => {
    if (server.exitCode === null) server.kill('SIGKILL');
    await redis.dispose();
  });

  it('should store an upload and answer at once, and import it once Redis is back', async () => {
    await redis.stop();
    const form = new FormData();
    form.append('file', new Blob([readSeed('qitai-sangezhuangzi.txt')]), 'qitai-sangezhuangzi.txt');
    const upload = await fetch(`${BASE}/api/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
      signal: AbortSignal.timeout(20_000), // before the fix the request waited for Redis
    });
    expect(upload.status).toBe(202);
    const { id } = (await upload.json()) as { id: string };
    expect(await health()).toBe(503);

    await redis.start(); // empty: its data is lost, as after a restart without AOF
    await eventually(
      async () => ((await health()) === 200 ? true : undefined),
      30_000,
      '/health back to 200',
    );
    const imported = await eventually(
      async () => {
        const response = await fetch(`${BASE}/api/imports/${id}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const body = (await response.json()) as { status: string };
        return body.status === 'succeeded' ? body : undefined;
      },
      90_000,
      'the stored upload imported after the outage',
    );
    expect(imported.status).toBe('succeeded');

    // Issue 11, item 8: the outage is logged once when it starts and once when it ends, not per error.
    const lines = (text: string): string[] => log.split('\n').filter((line) => line.includes(text));
    await eventually(
      () => Promise.resolve(lines('Redis 已恢复').length > 0 ? true : undefined),
      30_000,
      'recovery line',
    );
    expect(lines('Redis 不可用')).toHaveLength(1);
    expect(lines('Redis 已恢复')).toHaveLength(1);
    expect(lines('ECONNREFUSED')).toEqual(lines('Redis 不可用'));
  }, 180_000);

  it('should stop within SHUTDOWN_TIMEOUT_SECONDS on SIGTERM while Redis is down', async () => {
    await redis.stop();
    await eventually(async () => ((await health()) === 503 ? true : undefined), 20_000, '/health 503');
    server.kill('SIGTERM');
    const code = await Promise.race([
      exited,
      new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 30_000)),
    ]);
    expect(code).not.toBe('still running');
  }, 60_000);
});
