import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { childEnvironment, TEST_DATABASE_URL } from 'test/test-env';
import { eventually } from 'test/utils/queues';

const MAIN = join(__dirname, '..', '..', 'dist', 'src', 'main.js');

// Runs the built API with a broken setting and returns what an operator would see.
function start(overrides: Record<string, string>): { status: number | null; stderrLines: string[] } {
  const result = spawnSync(process.execPath, [MAIN], {
    env: childEnvironment({ STARTUP_TIMEOUT_SECONDS: '2', ...overrides }),
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stderrLines: result.stderr.trim().split('\n').filter(Boolean) };
}

describe('start-up with a broken configuration', () => {
  it('should stop with one clear line when the database is unreachable', () => {
    const { status, stderrLines } = start({
      DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/dutyflow',
    });
    expect(status).toBe(1);
    expect(stderrLines).toHaveLength(1);
    expect(stderrLines[0]).toContain('无法连接 PostgreSQL');
    expect(stderrLines[0]).toContain('DATABASE_URL=postgres://postgres:***@127.0.0.1:1/dutyflow');
    expect(stderrLines[0]).not.toContain('secret');
  });

  it('should stop with one clear line when Redis is unreachable', () => {
    const { status, stderrLines } = start({ REDIS_URL: 'redis://127.0.0.1:1' });
    expect(status).toBe(1);
    expect(stderrLines).toEqual([expect.stringContaining('无法连接 Redis（REDIS_URL=redis://127.0.0.1:1）')]);
  });

  it('should name every invalid setting in one line', () => {
    const { status, stderrLines } = start({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    expect(status).toBe(1);
    expect(stderrLines).toHaveLength(1);
    expect(stderrLines[0]).toContain('PORT=eighty');
    expect(stderrLines[0]).toContain('DATABASE_URL=mysql://x');
  });
});

describe('login rate limit', () => {
  it('should answer 429 in Chinese once a client exceeds LOGIN_RATE_LIMIT_PER_MINUTE', async () => {
    const port = 3400 + (process.pid % 500);
    const server = spawn(process.execPath, [MAIN], {
      env: childEnvironment({ PORT: String(port), LOGIN_RATE_LIMIT_PER_MINUTE: '3' }),
      stdio: 'ignore',
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      await eventually(
        async () => ((await fetch(`${base}/health/live`).catch(() => null))?.ok ? true : undefined),
        30_000,
        'the API',
      );
      // Failures other test files made from this address in the last minute would count too.
      const db = new Client({ connectionString: TEST_DATABASE_URL });
      await db
        .connect()
        .then(() => db.query(`DELETE FROM login_throttles`))
        .catch(() => undefined) // an embedded test database starts empty per run
        .finally(() => db.end());
      const attempt = () =>
        fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'nobody', password: 'wrong-password' }),
        });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await attempt()).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      const response = await attempt();
      const limited = (await response.json()) as { message: string };
      expect(limited.message).toContain('登录失败次数过多');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      server.kill('SIGTERM');
    }
  });
});
