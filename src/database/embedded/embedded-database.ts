import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { DataDirLock } from './data-dir-lock';
import { SerialSocketServer } from './serial-socket-server';

export interface EmbeddedDatabase {
  // What the pg driver, TypeORM, BullMQ and psql connect to.
  url: string;
  port: number;
  stop(): Promise<void>;
}

export const embeddedDatabaseUrl = (port: number): string => `postgres://postgres@127.0.0.1:${port}/postgres`;

// PostgreSQL (PGlite, compiled to WebAssembly) in this process, its files in dataDir, served on a
// loopback port so the unchanged pg driver, migrations and tools talk to it. The socket runs one
// query at a time and gives an open transaction the database to itself, so row locks never wait
// (and code must not wait on a second connection while it holds a transaction).
export async function startEmbeddedDatabase(
  dataDir: string,
  shownAs: string,
  port: number,
): Promise<EmbeddedDatabase> {
  const lock = DataDirLock.acquire(dataDir, shownAs);
  let db: PGlite | undefined;
  try {
    db = await PGlite.create({ dataDir: join(dataDir, 'pglite'), extensions: { pg_trgm } });
    const server = new SerialSocketServer(db);
    const listening = await server.listen('127.0.0.1', port);
    lock.publishPort(listening);
    const opened = db;
    return {
      url: embeddedDatabaseUrl(listening),
      port: listening,
      stop: async () => {
        await server.close();
        await opened.close();
        lock.release();
      },
    };
  } catch (error) {
    await db?.close().catch(() => undefined);
    lock.release();
    throw error;
  }
}
