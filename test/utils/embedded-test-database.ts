import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const EMBEDDED_MODULE = join(
  __dirname,
  '..',
  '..',
  'dist',
  'src',
  'database',
  'embedded',
  'embedded-database.js',
);

// The embedded database runs in a child process, as it does inside `npm start`, so a test that
// blocks its own event loop (spawnSync of the CLI) never blocks the database it waits for.
const SERVE_SCRIPT = `
const { startEmbeddedDatabase } = require(process.argv[1]);
startEmbeddedDatabase(process.argv[2], process.argv[2], 0).then((db) => {
  process.stdout.write(db.url + '\\n');
  const stop = () => db.stop().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.once('disconnect', stop);
}, (error) => { console.error(error); process.exit(1); });
`;

interface Running {
  child: ChildProcess;
  dataDir: string;
}

const state = globalThis as { dutyflowEmbeddedTestDatabase?: Running };

export async function startEmbeddedTestDatabase(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dutyflow-test-pglite-'));
  const child = spawn(process.execPath, ['-e', SERVE_SCRIPT, EMBEDDED_MODULE, dataDir], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  state.dutyflowEmbeddedTestDatabase = { child, dataDir };
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve(output.trim());
    });
    child.once('exit', (code) => reject(new Error(`embedded test database exited with ${code}`)));
  });
}

export async function stopEmbeddedTestDatabase(): Promise<void> {
  const running = state.dutyflowEmbeddedTestDatabase;
  if (!running) return;
  state.dutyflowEmbeddedTestDatabase = undefined;
  if (running.child.exitCode === null) {
    const exited = new Promise((resolve) => running.child.once('exit', resolve));
    running.child.kill('SIGTERM');
    await exited;
  }
  rmSync(running.dataDir, { recursive: true, force: true });
}
