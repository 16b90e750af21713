import { INestApplicationContext, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { CoreModule } from 'src/app.module';
import { MaintenanceWorkerModule } from 'src/maintenance/maintenance.module';
import { RetentionService } from 'src/maintenance/retention.service';
import { addOrRevive } from 'src/queue/add-or-revive';
import { postgresQueueConnection } from 'src/queue/queue-connection';
import { bullConnectionOptions, redisTarget } from 'src/queue/redis-connection';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from 'test/test-env';
import { resetDatabase } from 'test/utils/database';
import { eventually } from 'test/utils/queues';

@Module({ imports: [CoreModule, MaintenanceWorkerModule] })
class MaintenanceTestModule {}

// Issue 11, items 2 and 9.
describe('job revival and retention', () => {
  // A queue of its own, on Redis or (embedded runs) on BullMQ's PostgreSQL backend.
  describe('a job that ran out of attempts during an outage', () => {
    const prefix = `dutyflow-test-revival-${process.pid}`;
    const connection = TEST_REDIS_URL
      ? bullConnectionOptions(redisTarget(TEST_REDIS_URL))
      : postgresQueueConnection(TEST_DATABASE_URL);
    let queue: Queue;
    let worker: Worker;
    let databaseDown = true;
    let runs = 0;

    beforeAll(async () => {
      queue = new Queue('revival', { connection, prefix });
      worker = new Worker(
        'revival',
        () => {
          runs += 1;
          if (databaseDown) return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
          return Promise.resolve('done');
        },
        { connection, prefix },
      );
      await worker.waitUntilReady();
    });

    afterAll(async () => {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    });

    it('should run again when reconciliation adds it under the same id', async () => {
      const job = {
        name: 'notify-units',
        data: { outboxId: 'o-1' },
        opts: { jobId: 'outbox-o-1', attempts: 2 },
      };
      await queue.add(job.name, job.data, job.opts);
      await eventually(async () => ((await queue.getJob('outbox-o-1'))?.failedReason ? true : undefined));
      await eventually(async () =>
        (await (await queue.getJob('outbox-o-1'))?.isFailed()) ? true : undefined,
      );
      expect(runs).toBe(2);

      databaseDown = false; // the outage is over
      await expect(addOrRevive(queue, [job])).resolves.toEqual({ added: 0, revived: 1 });
      const state = await eventually(async () => {
        const current = await (await queue.getJob('outbox-o-1'))?.getState();
        return current === 'completed' ? current : undefined;
      });
      expect(state).toBe('completed');
      expect(runs).toBe(3);
      // A job that is not failed is left alone: nothing new runs.
      await expect(addOrRevive(queue, [job])).resolves.toEqual({ added: 0, revived: 0 });
      expect(await queue.getJobCounts('waiting', 'delayed', 'active')).toEqual({
        waiting: 0,
        delayed: 0,
        active: 0,
      });
    });
  });

  describe('retention', () => {
    let context: INestApplicationContext;
    let dataSource: DataSource;

    beforeAll(async () => {
      const moduleRef = await Test.createTestingModule({ imports: [MaintenanceTestModule] }).compile();
      dataSource = moduleRef.get(DataSource);
      context = await moduleRef.init();
      await resetDatabase(dataSource);
    });

    afterAll(async () => {
      await context.close();
    });

    const days = (n: number) => `now() - interval '${n} days'`;

    it('should delete expired keys, read notifications and orphaned dispatched events in bounded batches', async () => {
      const [user] = await dataSource.query<{ id: string }[]>(
        `INSERT INTO users (username, "displayName", "passwordHash", role) VALUES ('retention', 'r', 'x', 'admin') RETURNING id`,
      );
      for (let i = 0; i < 5; i += 1) {
        await dataSource.query(
          `INSERT INTO idempotency_keys ("userId", key, route, "requestHash", "createdAt")
           VALUES ($1, $2, 'POST /api/cases', 'h', ${i < 3 ? days(3) : days(1)})`,
          [user.id, `key-${i}-abcdefgh`],
        );
      }
      const outbox = async (dispatchedDaysAgo: number | null): Promise<string> => {
        const [row] = await dataSource.query<{ id: string }[]>(
          `INSERT INTO outbox_events (type, payload, "dispatchedAt")
           VALUES ('step_ready', '{}'::jsonb, ${dispatchedDaysAgo === null ? 'NULL' : days(dispatchedDaysAgo)}) RETURNING id`,
        );
        return row.id;
      };
      const notification = async (
        outboxId: string,
        readDaysAgo: number | null,
        unitId: string,
      ): Promise<void> => {
        await dataSource.query(
          `INSERT INTO notifications ("outboxId", "unitKind", "unitId", type, title, body, "readAt")
           VALUES ($1, 'county', $2, 'step_ready', 't', 'b', ${readDaysAgo === null ? 'NULL' : days(readDaysAgo)})`,
          [outboxId, unitId],
        );
      };
      const oldOrphan = await outbox(40);
      const oldWithUnread = await outbox(200);
      const oldWithOldRead = await outbox(200);
      const recent = await outbox(5);
      const undispatched = await outbox(null);
      await notification(oldWithUnread, null, '奇台县');
      await notification(oldWithOldRead, 190, '奇台县');
      await notification(recent, 10, '奇台县');

      const summary = await context.get(RetentionService).purgeExpired(2, 100);

      expect(summary).toEqual({
        idempotency_keys: 3,
        notifications: 1,
        outbox_events: 2,
        login_throttles: 0,
        sessions: 0,
      });
      const keys = await dataSource.query<{ key: string }[]>(`SELECT key FROM idempotency_keys ORDER BY key`);
      expect(keys.map((row) => row.key)).toEqual(['key-3-abcdefgh', 'key-4-abcdefgh']);
      const remaining = await dataSource.query<{ id: string }[]>(`SELECT id FROM outbox_events`);
      expect(remaining.map((row) => row.id).sort()).toEqual([oldWithUnread, recent, undispatched].sort());
      expect(remaining.map((row) => row.id)).not.toContain(oldOrphan);
      const [{ count }] = await dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM notifications`,
      );
      expect(count).toBe(2);
    });

    it('should stop after the batch cap and leave the rest for the next run', async () => {
      const [user] = await dataSource.query<{ id: string }[]>(`SELECT id FROM users LIMIT 1`);
      for (let i = 0; i < 7; i += 1) {
        await dataSource.query(
          `INSERT INTO idempotency_keys ("userId", key, route, "requestHash", "createdAt")
           VALUES ($1, $2, 'POST /api/cases', 'h', ${days(3)})`,
          [user.id, `cap-${i}-abcdefgh`],
        );
      }
      const first = await context.get(RetentionService).purgeExpired(2, 2);
      expect(first.idempotency_keys).toBe(4);
      const second = await context.get(RetentionService).purgeExpired(2, 10);
      expect(second.idempotency_keys).toBe(3);
    });

    // Issue 10: failed-login counters are pruned once their window (and any account lock) is over.
    it('should delete login throttles whose window is over and keep the running ones', async () => {
      const throttle = (key: string, startedAgo: string) =>
        dataSource.query(
          `INSERT INTO login_throttles (key, failures, "windowStartedAt") VALUES ($1, 3, now() - interval '${startedAgo}')`,
          [key],
        );
      await throttle('address:203.0.113.9', '2 days');
      await throttle('account:old-clerk', '3 hours');
      await throttle('address:203.0.113.10', '10 seconds');
      await throttle('account:locked-clerk', '1 minute'); // inside LOGIN_LOCK_MINUTES
      const summary = await context.get(RetentionService).purgeExpired(1, 10);
      expect(summary.login_throttles).toBe(2);
      const left = await dataSource.query<{ key: string }[]>(`SELECT key FROM login_throttles ORDER BY key`);
      expect(left.map((row) => row.key)).toEqual(['account:locked-clerk', 'address:203.0.113.10']);
    });

    it('should delete browser sessions idle past the limit and keep the live ones', async () => {
      const [user] = await dataSource.query<{ id: string }[]>(`SELECT id FROM users LIMIT 1`);
      const session = (hash: string, lastSeenAgo: string, ended: boolean) =>
        dataSource.query(
          `INSERT INTO sessions ("tokenHash", "userId", "csrfToken", "createdAt", "lastSeenAt", "endedAt")
           VALUES ($1, $2, 'csrf', now() - interval '3 days', now() - interval '${lastSeenAgo}',
                   ${ended ? `now() - interval '${lastSeenAgo}'` : 'NULL'})`,
          [hash, user.id],
        );
      await session('idle-for-days', '2 days', false);
      await session('signed-out-long-ago', '1 day', true);
      await session('in-use', '1 minute', false);
      const summary = await context.get(RetentionService).purgeExpired(1, 10);
      expect(summary.sessions).toBe(2);
      const left = await dataSource.query<{ tokenHash: string }[]>(`SELECT "tokenHash" FROM sessions`);
      expect(left.map((row) => row.tokenHash)).toEqual(['in-use']);
    });
  });
});
