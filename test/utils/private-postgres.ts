import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A PostgreSQL server of the test's own (never the shared one): initdb into a temporary directory,
// pg_ctl start/stop on a given port, so a test may stop and restart it at will.
export class PrivatePostgres {
  private readonly dir = mkdtempSync(join(tmpdir(), 'dutyflow-pg-'));
  private readonly data = join(this.dir, 'data');

  constructor(readonly port: number) {
    if (process.getuid?.() === 0) run('chown', ['postgres:postgres', this.dir], false);
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    if (!existsSync(this.data)) {
      run('initdb', ['-D', this.data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale', 'C.UTF-8']);
    }
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off`;
    run('pg_ctl', ['-D', this.data, '-o', options, '-l', join(this.dir, 'log'), '-w', 'start']);
    return Promise.resolve();
  }

  // Fast shutdown: open connections are cut, as in a server restart.
  stop(): Promise<void> {
    run('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', 'stop']);
    return Promise.resolve();
  }

  createDatabase(name: string): void {
    run('psql', [
      '-h',
      '127.0.0.1',
      '-p',
      String(this.port),
      '-U',
      'postgres',
      '-c',
      `CREATE DATABASE "${name}"`,
    ]);
  }

  async dispose(): Promise<void> {
    if (existsSync(join(this.data, 'postmaster.pid'))) await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

// initdb and postgres refuse to run as root: as root, run them as the postgres user.
function run(command: string, args: string[], asPostgres = true): void {
  const asRoot = asPostgres && process.getuid?.() === 0;
  const result = asRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
    : spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
}
