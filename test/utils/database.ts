import { DataSource } from 'typeorm';

// Without REDIS_URL, BullMQ keeps its queues in these tables of schema public (its PostgreSQL
// backend); they are the queue's, not the application's, and jobs come and go in them.
const BULLMQ_TABLES = [
  'dedup',
  'dedup_next',
  'event',
  'job',
  'job_dependency',
  'job_log',
  'meta',
  'metrics',
  'migration',
  'rate_limit',
  'relay_inbox',
  'relay_node',
  'relay_retained',
  'relay_subscription',
  'scheduler',
];
const APP_TABLES = `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'
  AND tablename <> ALL($1::text[])`;

// Empties every table but the migrations bookkeeping, so each test file starts from nothing.
export async function resetDatabase(dataSource: DataSource): Promise<void> {
  const rows: { tablename: string }[] = await dataSource.query(APP_TABLES, [BULLMQ_TABLES]);
  if (rows.length === 0) return;
  // A background poll of the app under test (the outbox dispatcher) can hold one table TRUNCATE wants
  // while waiting for one TRUNCATE already locked; PostgreSQL fails one side (40P01), and a failed
  // TRUNCATE is simply tried again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await dataSource.query(
        `TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`,
      );
      return;
    } catch (error) {
      if (attempt >= 5 || (error as { driverError?: { code?: string } }).driverError?.code !== '40P01')
        throw error;
    }
  }
}

// Row count of every table, to prove that a second import writes nothing.
export async function tableRowCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const rows: { tablename: string }[] = await dataSource.query(`${APP_TABLES} ORDER BY tablename`, [
    BULLMQ_TABLES,
  ]);
  const counts: Record<string, number> = {};
  for (const { tablename } of rows) {
    const [{ count }] = await dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM "${tablename}"`,
    );
    counts[tablename] = count;
  }
  return counts;
}
