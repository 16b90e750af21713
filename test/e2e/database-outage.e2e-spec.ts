import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { childEnvironment } from 'test/test-env';
import { PrivatePostgres } from 'test/utils/private-postgres';
import { eventually } from 'test/utils/queues';

const CLI = join(__dirname, '..', '..', 'dist', 'src', 'cli.js');
// From this helper's port ranges; the PostgreSQL is its own and is stopped and started at will.
const PG_PORT = 5441;
const API_PORT = 3532;
const BASE = `http://127.0.0.1:${API_PORT}`;

// Issue 11, item 8: a PostgreSQL outage is logged once when it starts and once when it ends.
describe('a PostgreSQL outage in the log', () => {
  const postgres = new PrivatePostgres(PG_PORT);
  let server: ChildProcess;
  let log = '';

  const health = async (): Promise<number> => (await fetch(`${BASE}/health`).catch(() => null))?.status ?? 0;
  const lines = (text: string): string[] => log.split('\n').filter((line) => line.includes(text));

  beforeAll(async () => {
    await postgres.start();
    postgres.createDatabase('dutyflow');
    server = spawn(process.execPath, [CLI, 'serve', '--with-worker'], {
      env: childEnvironment({
        DATABASE_URL: postgres.url('dutyflow'),
        MIGRATIONS_RUN: 'true',
        PORT: String(API_PORT),
        LOG_LEVEL: 'info',
        OUTAGE_REMINDER_SECONDS: '600', // no reminder within this test: exactly one line each way
        SHUTDOWN_TIMEOUT_SECONDS: '3',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    await eventually(async () => ((await health()) === 200 ? true : undefined), 90_000, 'the server');
  }, 150_000);

  afterAll(async () => {
    if (server.exitCode === null) server.kill('SIGKILL');
    await postgres.dispose();
  });

  it('should log one line when PostgreSQL goes away and one when it is back, whatever failed meanwhile', async () => {
    await postgres.stop();
    await eventually(
      () => Promise.resolve(lines('PostgreSQL 不可用').length > 0 ? true : undefined),
      30_000,
      'outage',
    );
    for (let i = 0; i < 5; i++) {
      const login = await fetch(`${BASE}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'nobody', password: 'nothing-at-all' }),
      });
      expect(login.status).toBe(503);
    }
    await postgres.start();
    await eventually(
      () => Promise.resolve(lines('PostgreSQL 已恢复').length > 0 ? true : undefined),
      30_000,
      'recovery',
    );
    await eventually(async () => ((await health()) === 200 ? true : undefined), 30_000, '/health 200');
    expect(lines('PostgreSQL 不可用')).toHaveLength(1);
    expect(lines('PostgreSQL 已恢复')).toHaveLength(1);
    expect(lines('"level":50')).toEqual([]); // no error (with its stack) per failed call
  }, 120_000);
});
