import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Who holds an embedded data directory: written when a process opens it, removed when it closes.
export interface DataDirOwner {
  pid: number;
  // Loopback port of the embedded database's socket; 0 while the owner is still starting.
  port: number;
}

export class DataDirBusyError extends Error {}

export const LOCK_FILE_NAME = 'dutyflow.lock';

const lockPath = (dataDir: string): string => join(dataDir, LOCK_FILE_NAME);

// The process holding the directory, if it is still running (a lock left by a crash does not count).
export function liveOwner(dataDir: string): DataDirOwner | undefined {
  let owner: DataDirOwner;
  try {
    owner = JSON.parse(readFileSync(lockPath(dataDir), 'utf8')) as DataDirOwner;
  } catch {
    return undefined;
  }
  return Number.isInteger(owner.pid) && isRunning(owner.pid) ? owner : undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by another user
  }
}

// PGlite is one PostgreSQL backend inside one process: two processes on one directory would corrupt
// it. The lock file is created exclusively; a stale one (its process is gone) is taken over.
export class DataDirLock {
  private constructor(private readonly dataDir: string) {}

  static acquire(dataDir: string, shownAs: string): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        writeFileSync(lockPath(dataDir), JSON.stringify({ pid: process.pid, port: 0 }), { flag: 'wx' });
        return new DataDirLock(dataDir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = liveOwner(dataDir);
        if (owner) {
          throw new DataDirBusyError(
            `数据目录 ${shownAs} 正被另一个 dutyflow 进程（pid ${owner.pid}）使用。内置数据库只支持一个服务进程：` +
              `请先停止该进程；需要多个进程时请设置 DATABASE_URL 与 REDIS_URL 使用 PostgreSQL 与 Redis。`,
          );
        }
        rmSync(lockPath(dataDir), { force: true });
      }
    }
    throw new DataDirBusyError(`无法锁定数据目录 ${shownAs}，请重试。`);
  }

  publishPort(port: number): void {
    writeFileSync(lockPath(this.dataDir), JSON.stringify({ pid: process.pid, port }));
  }

  release(): void {
    if (liveOwner(this.dataDir)?.pid === process.pid) rmSync(lockPath(this.dataDir), { force: true });
  }
}
