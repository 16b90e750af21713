import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReadReplica } from 'src/database/read-replica';
import { SupervisionRepository } from 'src/supervision/supervision.repository';
import { onServersOnly, TEST_DATABASE_URL } from 'test/test-env';

const REPLICA_APP_NAME = 'dutyflow-read-replica-test';

// DATABASE_READ_URL sends the read-only supervision queries through a pool of their own. The "replica"
// here is the test database under another application_name, so the test can see which pool a query
// used (pg_stat_activity); a real deployment points it at a streaming replica.
const describeOnServers = onServersOnly(
  describe,
  'a read replica needs a second PostgreSQL session (PGlite is one session, application_name is not per connection)',
);

describeOnServers('read-only supervision queries on DATABASE_READ_URL', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('application_name', REPLICA_APP_NAME);
    process.env.DATABASE_READ_URL = url.toString(); // read when the app module loads: set before the import
    const { createTestApp } = await import('test/utils/create-test-app');
    app = await createTestApp();
  });

  afterAll(async () => {
    await app?.close();
    delete process.env.DATABASE_READ_URL;
  });

  it('should run supervision reads on the replica pool and everything else on the primary', async () => {
    const replica = app.get(ReadReplica).dataSource;
    const primary = app.get(DataSource);
    expect(replica).not.toBe(primary);
    const replicaQuery = jest.spyOn(replica, 'query');
    const primaryQuery = jest.spyOn(primary, 'query');
    await app.get(SupervisionRepository).countOverdue({}, new Date());
    expect(replicaQuery).toHaveBeenCalledTimes(1);
    // The app's own sweeps keep using the primary meanwhile; only the supervision query must not.
    const supervisionSql = replicaQuery.mock.calls[0][0];
    expect(primaryQuery.mock.calls.map(([sql]) => sql)).not.toContain(supervisionSql);
    replicaQuery.mockRestore();
    primaryQuery.mockRestore();

    const [{ name }] = await replica.query<{ name: string }[]>(
      `SELECT current_setting('application_name') AS name`,
    );
    expect(name).toBe(REPLICA_APP_NAME);
    const [{ name: primaryName }] = await primary.query<{ name: string }[]>(
      `SELECT current_setting('application_name') AS name`,
    );
    expect(primaryName).not.toBe(REPLICA_APP_NAME);
    const [{ n }] = await primary.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
      [REPLICA_APP_NAME],
    );
    expect(n).toBeGreaterThan(0);
  });
});
