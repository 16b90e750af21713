import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

// Arbitrary but fixed: every dutyflow process uses the same key, so only one migrates at a time.
export const MIGRATION_LOCK_KEY = 4_872_301;

// Runs pending migrations while holding a session-level advisory lock on a dedicated connection.
// A second process blocks on the lock, then finds nothing left to run.
export async function runMigrationsLocked(
  dataSource: DataSource,
  logger = new Logger('Migrations'),
): Promise<number> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0)
      logger.log(`applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
    return applied.length;
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
