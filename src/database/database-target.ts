import { StartupError } from 'src/bootstrap/startup-error';
import { resolveDataDir, setOpenedDatabaseUrl } from 'src/config/embedded-location';
import { EnvironmentVariables } from 'src/config/env.schema';
import { DataDirBusyError, liveOwner } from './embedded/data-dir-lock';
import { embeddedDatabaseUrl, EmbeddedDatabase, startEmbeddedDatabase } from './embedded/embedded-database';

// Which PostgreSQL this process uses: the configured server (DATABASE_URL) or the embedded one.
export interface DatabaseTarget {
  url: string;
  embedded: boolean;
  // Embedded only: the data directory as shown to people (./data).
  dataDir?: string;
}

// A long-running service opens the embedded data directory itself (and refuses when another process
// has it); a one-shot CLI command goes through the running service's socket when there is one, so
// `cli users …` works whether the service runs or not.
export type DatabaseUse = 'service' | 'command';

let opened: { target: DatabaseTarget; embedded?: EmbeddedDatabase } | undefined;

// Decided by configuration alone: DATABASE_URL set means that server; unset means embedded.
export async function openDatabase(env: EnvironmentVariables, use: DatabaseUse): Promise<DatabaseTarget> {
  if (opened) return opened.target;
  if (env.DATABASE_URL) {
    opened = { target: { url: env.DATABASE_URL, embedded: false } };
    setOpenedDatabaseUrl(opened.target.url);
    return opened.target;
  }
  const dataDir = resolveDataDir(env.DATA_DIR);
  const owner = use === 'command' ? liveOwner(dataDir.path) : undefined;
  if (owner) {
    if (owner.port === 0)
      throw new StartupError(
        `dutyflow 服务（pid ${owner.pid}）正在打开数据目录 ${dataDir.shownAs}，请稍后再试。`,
      );
    opened = { target: { url: embeddedDatabaseUrl(owner.port), embedded: true, dataDir: dataDir.shownAs } };
    setOpenedDatabaseUrl(opened.target.url);
    return opened.target;
  }
  try {
    const embedded = await startEmbeddedDatabase(dataDir.path, dataDir.shownAs, env.EMBEDDED_DATABASE_PORT);
    opened = { target: { url: embedded.url, embedded: true, dataDir: dataDir.shownAs }, embedded };
    setOpenedDatabaseUrl(opened.target.url);
    return opened.target;
  } catch (error) {
    if (error instanceof DataDirBusyError) throw new StartupError(error.message);
    throw new StartupError(
      `无法打开内置数据库 ${dataDir.shownAs}：${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

// The database opened by openDatabase; every connection of this process goes there.
export { resolveDataDir };

export function openedDatabase(): DatabaseTarget {
  if (!opened) throw new Error('openDatabase() must run before the database is used');
  return opened.target;
}

// Stops the embedded database (when this process runs it) so its files are closed cleanly.
export async function closeDatabase(): Promise<void> {
  const embedded = opened?.embedded;
  opened = undefined;
  setOpenedDatabaseUrl(undefined);
  await embedded?.stop();
}
