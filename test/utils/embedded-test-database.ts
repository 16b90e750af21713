import { spawn } from 'node:child_process';
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

export interface SpawnedEmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

// An embedded database on a fresh temporary data directory, in a child process; `stop` ends it and
// removes the directory.
export async function spawnEmbeddedDatabase(): Promise<SpawnedEmbeddedDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dutyflow-test-pglite-'));
  const child = spawn(process.execPath, ['-e', SERVE_SCRIPT, EMBEDDED_MODULE, dataDir], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve(output.trim());
    });
    child.once('exit', (code) => reject(new Error(`embedded test database exited with ${code}`)));
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url, stop };
}

const state = globalThis as { dutyflowEmbeddedTestDatabase?: SpawnedEmbeddedDatabase };

// The tier's test database (global setup and teardown).
export async function startEmbeddedTestDatabase(): Promise<string> {
  const database = await spawnEmbeddedDatabase();
  state.dutyflowEmbeddedTestDatabase = database;
  return database.url;
}

export async function stopEmbeddedTestDatabase(): Promise<void> {
  const running = state.dutyflowEmbeddedTestDatabase;
  state.dutyflowEmbeddedTestDatabase = undefined;
  await running?.stop();
}
