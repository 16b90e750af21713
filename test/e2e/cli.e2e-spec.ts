import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from 'src/database/data-source-options';
import { resetDatabase, tableRowCounts } from 'test/utils/database';
import { SEEDS_DIR } from 'test/utils/seeds';
import { childEnvironment, TEST_DATABASE_URL } from 'test/test-env';

const CLI = join(__dirname, '..', '..', 'dist', 'src', 'cli.js');
const FIXTURES = join(__dirname, '..', 'fixtures', 'duty-lists');

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    env: childEnvironment(),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the command line', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await new DataSource({
      ...buildDataSourceOptions(TEST_DATABASE_URL),
      migrations: [],
    }).initialize();
    await resetDatabase(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('should print one JSON document for `parse`', () => {
    const { status, stdout } = cli('parse', join(SEEDS_DIR, 'toksun-yilahu.txt'));
    expect(status).toBe(0);
    const parsed = JSON.parse(stdout) as {
      township: { name: string };
      basic: unknown[];
      cooperative: unknown[];
      withdrawn: unknown[];
    };
    expect(parsed.township.name).toBe('伊拉湖镇');
    expect([parsed.basic.length, parsed.cooperative.length, parsed.withdrawn.length]).toEqual([110, 101, 34]);
  });

  it('should fail `parse` on a broken file with a Chinese line naming file and line', () => {
    const { status, stdout, stderr } = cli('parse', join(FIXTURES, 'truncated-qitai.txt'));
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/文件 truncated-qitai\.txt 第 \d+ 行/);
  });

  it('should import the seed folder, and a second run should change no table', async () => {
    const first = cli('import');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('奇台县三个庄子镇：基本 106 / 配合 97 / 收回 37');
    const before = await tableRowCounts(dataSource);
    expect(before.duties).toBe(240 + 282 + 245 + 252 + 245);

    const second = cli('import', SEEDS_DIR);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('新增 0、更新 0');
    expect(await tableRowCounts(dataSource)).toEqual(before);
  });

  it('should write nothing when one file of the batch is broken', async () => {
    const before = await tableRowCounts(dataSource);
    const { status, stderr } = cli(
      'import',
      join(SEEDS_DIR, 'toksun-yilahu.txt'),
      join(FIXTURES, 'truncated-qitai.txt'),
    );
    expect(status).toBe(1);
    expect(stderr).toContain('truncated-qitai.txt');
    expect(await tableRowCounts(dataSource)).toEqual(before);
  });

  it('should create users and refuse a department that does not exist', () => {
    const ok = cli(
      'users',
      'create',
      '--username',
      'cli-admin',
      '--password',
      'long-enough-1',
      '--role',
      'admin',
    );
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('已创建用户 cli-admin');
    const bad = cli(
      'users',
      'create',
      '--username',
      'x-dept',
      '--password',
      'long-enough-1',
      '--role',
      'department_staff',
      '--department',
      '不存在局',
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('部门“不存在局”不存在');
    const demo = cli('users', 'demo', '--password', 'demo-password-1');
    expect(demo.status).toBe(0);
    expect(demo.stdout).toContain('奇台县残联');
    expect(demo.stdout).toContain('奇台县三个庄子镇');
    expect(demo.stdout).toContain('奇台县残联负责人');
  });
});
