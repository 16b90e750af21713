import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from 'src/database/data-source-options';
import { TEST_DATABASE_URL } from 'test/test-env';
import { resetDatabase, tableRowCounts } from 'test/utils/database';
import { eventually } from 'test/utils/queues';

const CLI = join(__dirname, '..', '..', 'dist', 'src', 'cli.js');
const PASSWORD = 'embedded-pass-1';
const STARTUP_TIMEOUT_MS = 300_000;
const STEP_TIMEOUT_MS = STARTUP_TIMEOUT_MS + 60_000;

// What a newcomer gets from `npm start` on a machine with nothing but Node: no DATABASE_URL, no
// REDIS_URL (CI also runs the e2e tier inside `unshare -n`, where the machine's PostgreSQL and Redis
// cannot be reached). Ends with the documented move to a server: `cli copy-to` into the test database
// (the real PostgreSQL server when TEST_DATABASE_URL is given).

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('npm start without DATABASE_URL and REDIS_URL (embedded database and queue)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dutyflow-embedded-e2e-'));
  let port: number;
  let base: string;
  let server: ChildProcess | undefined;
  let serverOutput = '';

  const env = (): NodeJS.ProcessEnv => {
    const vars: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
    };
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'TEST_DATABASE_URL', 'TEST_REDIS_URL', 'MIGRATIONS_RUN'])
      delete vars[name];
    return vars;
  };
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], { env: env(), encoding: 'utf8', timeout: 120_000 });

  const start = async (): Promise<void> => {
    serverOutput = '';
    const child = spawn(process.execPath, [CLI, 'serve', '--with-worker', '--import-seeds'], {
      env: env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
    server = child;
    // Generous: a first start migrates and imports five documents through a WebAssembly database,
    // on a machine CI may share.
    await eventually(
      async () => ((await fetch(`${base}/health`).catch(() => null))?.ok ? true : undefined),
      STARTUP_TIMEOUT_MS,
      'the embedded service',
    ).catch((error: Error) => {
      throw new Error(`${error.message}; its output:\n${serverOutput.slice(-2_000)}`);
    });
  };
  const stop = async (): Promise<void> => {
    const child = server;
    server = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const send = () =>
      fetch(`${base}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    // A kept-alive socket the server closed while this process was blocked in spawnSync fails before
    // the request is sent; one retry on a fresh socket.
    const response = await send().catch(() => send());
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const login = async (username: string): Promise<string> => {
    const { status, body } = await call('POST', '/api/auth/login', undefined, {
      username,
      password: PASSWORD,
    });
    expect(status).toBe(200);
    return body.accessToken as string;
  };

  let caseId: string;

  beforeAll(async () => {
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    await start();
  }, STEP_TIMEOUT_MS);

  afterAll(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should say in one line that it runs on the embedded database, and report it on /health', async () => {
    expect(serverOutput).toContain(
      `使用内置数据库 ${dataDir}（试用/单机）；生产环境请设置 DATABASE_URL 与 REDIS_URL`,
    );
    const health = await call('GET', '/health');
    expect(health.status).toBe(200);
    expect((health.body.info as Record<string, unknown>).storage).toEqual({
      status: 'up',
      database: 'embedded',
      queue: 'postgresql',
      dataDir,
    });
    expect((health.body.info as Record<string, unknown>).redis).toBeUndefined();
  });

  it(
    'should refuse a second service on the same data directory with a clear Chinese line',
    () => {
      const second = spawnSync(process.execPath, [CLI, 'serve'], {
        env: env(),
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(second.status).toBe(1);
      expect(second.stderr).toContain(
        `数据目录 ${dataDir} 正被另一个 dutyflow 进程（pid ${server?.pid}）使用`,
      );
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'should run `cli users` through the running service, then let the users log in and work a case',
    async () => {
      const created = cli('users', 'demo', '--password', PASSWORD);
      expect(created.stderr).toBe('');
      expect(created.status).toBe(0);
      const clerk = await login('奇台县三个庄子镇');
      const templates = await call(
        'GET',
        `/api/templates?township=${encodeURIComponent('三个庄子镇')}&q=${encodeURIComponent('残疾人证')}`,
        clerk,
      );
      expect(templates.status).toBe(200);
      const templateId = (templates.body.items as { id: string }[])[0].id;
      const opened = await call('POST', '/api/cases', clerk, {
        templateId,
        title: '李四 残疾人证申请',
        subject: '李四',
      });
      expect(opened.status).toBe(201);
      caseId = opened.body.id as string;
      const ready = (opened.body.steps as { id: string; status: string; lane: string }[]).find(
        (step) => step.status === 'ready' && step.lane === 'township',
      );
      expect(ready).toBeDefined();
      const done = await call('POST', `/api/steps/${ready?.id}/complete`, clerk, { note: '已受理' });
      expect(done.status).toBe(200);
      const after = await call('GET', `/api/cases/${caseId}`, clerk);
      const step = (after.body.steps as { id: string; status: string }[]).find((s) => s.id === ready?.id);
      expect(step?.status).toBe('completed');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'should keep every case, user and imported document across a restart',
    async () => {
      await stop();
      const stopped = cli(
        'users',
        'create',
        '--username',
        'offline-admin',
        '--password',
        PASSWORD,
        '--role',
        'admin',
      );
      expect(stopped.status).toBe(0); // with the service stopped, the CLI opens the data directory itself
      await start();
      const clerk = await login('奇台县三个庄子镇');
      const kept = await call('GET', `/api/cases/${caseId}`, clerk);
      expect(kept.status).toBe(200);
      expect(kept.body.title).toBe('李四 残疾人证申请');
      const admin = await login('offline-admin');
      const lists = await call('GET', '/api/duty-lists', admin);
      expect(lists.status).toBe(200);
      expect(JSON.stringify(lists.body)).toContain('三个庄子镇');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'should copy everything into an empty PostgreSQL database with `cli copy-to`, the service stopped',
    async () => {
      await stop();
      const target = await new DataSource({
        ...buildDataSourceOptions(TEST_DATABASE_URL),
        migrations: [],
      }).initialize();
      try {
        await resetDatabase(target);
        const copied = cli('copy-to', TEST_DATABASE_URL);
        expect(copied.stderr).toBe('');
        expect(copied.status).toBe(0);
        expect(copied.stdout).toMatch(/已复制 \d+ 张表，共 \d+ 行/);
        const counts = await tableRowCounts(target);
        expect(counts.cases).toBe(1);
        expect(counts.duties).toBeGreaterThan(1_000); // the five seed documents
        expect(counts.supervision_open_steps).toBeGreaterThan(0); // rebuilt by the triggers from case_steps
        const [kept] = await target.query<{ title: string }[]>(`SELECT title FROM cases WHERE id = $1`, [
          caseId,
        ]);
        expect(kept.title).toBe('李四 残疾人证申请');
        const again = cli('copy-to', TEST_DATABASE_URL);
        expect(again.status).toBe(1);
        expect(again.stderr).toContain('目标数据库已有数据');
      } finally {
        await target.destroy();
      }
    },
    STEP_TIMEOUT_MS,
  );
});
