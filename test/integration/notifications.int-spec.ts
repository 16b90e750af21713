import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { createHmac } from 'node:crypto';
import { createServer, IncomingHttpHeaders } from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { CoreModule } from 'src/app.module';
import { AuthUser } from 'src/auth/auth-user';
import { ErrorCode } from 'src/common/errors/error-codes';
import {
  OUTBOX_SWEEP_EVERY_MS,
  OUTBOX_SWEEP_SCHEDULER_ID,
  WEBHOOK_JOB_OPTIONS,
  WebhookJobOptions,
} from 'src/notifications/notifications.constants';
import { NotificationsWorkerModule } from 'src/notifications/notifications.module';
import { NotificationsScheduler } from 'src/notifications/notifications.scheduler';
import { NotificationsService } from 'src/notifications/notifications.service';
import { OutboxDispatcher } from 'src/notifications/outbox-dispatcher.service';
import { OutboxEventType } from 'src/notifications/outbox-event';
import { UnitRef } from 'src/domain/vocabulary';
import { OutboxRepository } from 'src/notifications/outbox.repository';
import { WebhooksService } from 'src/notifications/webhooks.service';
import { JobName, QueueName } from 'src/queue/queue.constants';
import { UserRole } from 'src/users/user-role';
import { resetDatabase } from 'test/utils/database';
import { eventually } from 'test/utils/queues';
import { DomainEvents } from 'src/common/events/domain-events';
import { OutboxModule } from 'src/notifications/outbox.module';

@Module({ imports: [CoreModule, OutboxModule, NotificationsWorkerModule] })
class NotificationsTestModule {}

// Production retries webhooks 5 times from 5 s; here 3 attempts from 50 ms keep the test fast.
const TEST_WEBHOOK_JOB_OPTIONS: WebhookJobOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 50 },
};
const SECRET = 'receiver-shared-secret-0123';

interface NotificationRow {
  id: string;
  unitKind: string;
  unitId: string;
  title: string;
  readAt: Date | null;
  webhookStatus: string | null;
  webhookAttempts: number;
  webhookLastError: string | null;
  webhookDeliveredAt: Date | null;
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

// A webhook receiver on 127.0.0.1: answers the n-th request (1-based) with statusFor(n).
async function startReceiver(statusFor: (n: number) => number) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(statusFor(received.length)).end(statusFor(received.length) >= 300 ? 'nope' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = async (): Promise<void> => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return { url: `http://127.0.0.1:${port}/hook`, received, close };
}

describe('notifications pipeline', () => {
  let context: INestApplicationContext;
  let dataSource: DataSource;
  let queue: Queue;
  let dispatcher: OutboxDispatcher;
  let scheduler: NotificationsScheduler;
  let notifications: NotificationsService;
  let webhooks: WebhooksService;
  let schedulerAtBoot: Awaited<ReturnType<Queue['getJobScheduler']>>;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [NotificationsTestModule] })
      .overrideProvider(WEBHOOK_JOB_OPTIONS)
      .useValue(TEST_WEBHOOK_JOB_OPTIONS)
      .compile();
    dataSource = moduleRef.get(DataSource);
    context = await moduleRef.init();
    queue = context.get<Queue>(getQueueToken(QueueName.Notifications));
    dispatcher = context.get(OutboxDispatcher);
    scheduler = context.get(NotificationsScheduler);
    notifications = context.get(NotificationsService);
    webhooks = context.get(WebhooksService);
    schedulerAtBoot = await queue.getJobScheduler(OUTBOX_SWEEP_SCHEDULER_ID);
  });

  beforeEach(async () => {
    // Each test starts from empty tables and an empty queue (this also drops the sweep's scheduler,
    // so nothing moves an outbox row unless the test says so; the keeper that would register it again
    // is stopped until a test starts the "worker" again with onApplicationBootstrap).
    scheduler.onApplicationShutdown();
    await queue.obliterate({ force: true });
    await queue.resume();
    await resetDatabase(dataSource);
  });

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await context.close();
  });

  // What the workflow engine does: outbox rows in its own transaction.
  const addOutboxEvent = async (units: UnitRef[], type = OutboxEventType.StepReady): Promise<string> => {
    const [id] = await dataSource.transaction((manager) =>
      context.get(OutboxRepository).add(manager, [
        {
          type,
          payload: {
            caseId: '6f1c1a52-6a0e-4a39-9a57-3a5a4bd0a001',
            stepId: '6f1c1a52-6a0e-4a39-9a57-3a5a4bd0a002',
            caseTitle: '残疾人证管理 · 张三',
            stepText: '县残联审核申请材料',
            units,
            dueDate: '2025-10-10',
          },
        },
      ]),
    );
    return id;
  };

  const createDepartment = async (name = '奇台县残联'): Promise<UnitRef> => {
    const [row] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO departments (county, name) VALUES ('奇台县', $1) RETURNING id`,
      [name],
    );
    return { kind: 'department', id: row.id };
  };

  const createTownship = async (): Promise<UnitRef> => {
    const [row] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO townships (name, county, prefecture) VALUES ('三个庄子镇', '奇台县', '昌吉回族自治州') RETURNING id`,
    );
    return { kind: 'township', id: row.id };
  };

  const notificationsOf = (outboxId: string): Promise<NotificationRow[]> =>
    dataSource.query(
      `SELECT id, "unitKind", "unitId", title, "readAt", "webhookStatus", "webhookAttempts", "webhookLastError",
              "webhookDeliveredAt"
       FROM notifications WHERE "outboxId" = $1 ORDER BY "unitKind"`,
      [outboxId],
    );

  const waitForNotifications = (outboxId: string, count: number): Promise<NotificationRow[]> =>
    eventually(
      async () => {
        const rows = await notificationsOf(outboxId);
        return rows.length >= count ? rows : undefined;
      },
      20_000,
      `${count} notification(s) for outbox ${outboxId}`,
    );

  const dispatchedAt = async (outboxId: string): Promise<Date | null> => {
    const [row] = await dataSource.query<{ dispatchedAt: Date | null }[]>(
      `SELECT "dispatchedAt" FROM outbox_events WHERE id = $1`,
      [outboxId],
    );
    return row.dispatchedAt;
  };

  // The job may finish before the dispatcher's transaction (which sets dispatchedAt) commits.
  const waitForDispatched = (outboxId: string): Promise<Date> =>
    eventually(
      async () => (await dispatchedAt(outboxId)) ?? undefined,
      5_000,
      `outbox ${outboxId} dispatched`,
    );

  const waitForWebhookStatus = (notificationId: string, status: string): Promise<NotificationRow> =>
    eventually(
      async () => {
        const [row] = await dataSource.query<NotificationRow[]>(
          `SELECT id, "webhookStatus", "webhookAttempts", "webhookLastError", "webhookDeliveredAt"
           FROM notifications WHERE id = $1`,
          [notificationId],
        );
        return row?.webhookStatus === status ? row : undefined;
      },
      20_000,
      `webhook ${status} for notification ${notificationId}`,
    );

  it('should register the outbox sweep when the worker starts', () => {
    expect(schedulerAtBoot).toEqual(
      expect.objectContaining({
        key: OUTBOX_SWEEP_SCHEDULER_ID,
        every: OUTBOX_SWEEP_EVERY_MS,
        name: JobName.DispatchOutbox,
      }),
    );
  });

  describe('after the engine commits and kicks', () => {
    it('should create exactly one notification per unit, however often NotifyUnits runs', async () => {
      const [department, township] = [await createDepartment(), await createTownship()];
      const outboxId = await addOutboxEvent([department, township, department]);

      // What every writer announces after its commit; the dispatcher is reached through the real wiring.
      await context.get(DomainEvents).publish('outbox.written', {});
      const rows = await waitForNotifications(outboxId, 2);

      expect(rows.map((row) => [row.unitKind, row.unitId])).toEqual([
        ['department', department.id],
        ['township', township.id],
      ]);
      expect(rows[0].title).toBe('「残疾人证管理 · 张三」有新环节待办理');
      expect(rows.every((row) => row.webhookStatus === null)).toBe(true); // no webhook configured
      expect(await waitForDispatched(outboxId)).toBeInstanceOf(Date);
      expect(await queue.getJob(`outbox-${outboxId}`)).toBeDefined();

      // The same event again: directly, and as a second job through the worker.
      await expect(notifications.notifyUnits(outboxId)).resolves.toEqual({ created: 0, webhooksQueued: 0 });
      const again = await queue.add(JobName.NotifyUnits, { outboxId }, { jobId: `again-${outboxId}` });
      await eventually(async () => ((await again.getState()) === 'completed' ? true : undefined));
      expect(await notificationsOf(outboxId)).toHaveLength(2);
    });
  });

  describe('when the kick never happened or Redis lost the queue', () => {
    it('should deliver a row that was never kicked through the scheduled sweep', async () => {
      const department = await createDepartment();
      const outboxId = await addOutboxEvent([department]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await notificationsOf(outboxId)).toHaveLength(0);
      expect(await dispatchedAt(outboxId)).toBeNull();

      await scheduler.onApplicationBootstrap(); // a worker starts: the sweep is scheduled and runs at once

      await waitForNotifications(outboxId, 1);
      expect(await waitForDispatched(outboxId)).toBeInstanceOf(Date);
    });

    it('should still send an undispatched row after the whole queue is wiped', async () => {
      const department = await createDepartment();
      // Paused first, so the sweep scheduled here cannot pick the row up before the wipe.
      await queue.pause();
      await scheduler.onApplicationBootstrap();
      const outboxId = await addOutboxEvent([department]);

      await queue.obliterate({ force: true }); // this run's prefix only: jobs, scheduler and all
      expect(await queue.getJobScheduler(OUTBOX_SWEEP_SCHEDULER_ID)).toBeUndefined();
      await queue.resume();
      await scheduler.onApplicationBootstrap(); // the worker comes back

      await waitForNotifications(outboxId, 1);
      expect(await waitForDispatched(outboxId)).toBeInstanceOf(Date);
    });
  });

  describe('when Redis lost a job after its row was dispatched', () => {
    it('should queue the row again once it has waited too long without a notification', async () => {
      const department = await createDepartment();
      await queue.pause(); // the NotifyUnits job is queued but never runs…
      const outboxId = await addOutboxEvent([department]);
      expect(await dispatcher.dispatchPending()).toBe(1);
      await queue.obliterate({ force: true }); // …and is then lost
      await queue.resume();

      expect(await dispatcher.redispatchLost()).toBe(0); // too recent to call lost
      // Half a minute later (not five: the job id keeps a re-queue of a job still waiting a no-op).
      await dataSource.query(
        `UPDATE outbox_events SET "dispatchedAt" = now() - interval '40 seconds' WHERE id = $1`,
        [outboxId],
      );
      expect(await dispatcher.redispatchLost()).toBe(1);
      await waitForNotifications(outboxId, 1);
      expect(await dispatcher.redispatchLost()).toBe(0);
    });

    it('should leave a row alone whose job still waits in the queue (a backlog, not a loss)', async () => {
      const department = await createDepartment();
      await queue.pause();
      const outboxId = await addOutboxEvent([department]);
      expect(await dispatcher.dispatchPending()).toBe(1);
      await dataSource.query(
        `UPDATE outbox_events SET "dispatchedAt" = now() - interval '10 minutes' WHERE id = $1`,
        [outboxId],
      );
      expect(await dispatcher.redispatchLost()).toBe(0);
      await queue.resume();
      await waitForNotifications(outboxId, 1);
    });
  });

  describe('webhooks', () => {
    it('should retry a failed POST and deliver it signed, with the same delivery id each time', async () => {
      const receiver = await startReceiver((n) => (n === 1 ? 500 : 200));
      try {
        const department = await createDepartment();
        await webhooks.put('department', department.id, { url: receiver.url, secret: SECRET });
        const outboxId = await addOutboxEvent([department]);

        dispatcher.kick();
        const [notification] = await waitForNotifications(outboxId, 1);
        const delivered = await waitForWebhookStatus(notification.id, 'delivered');

        expect(delivered).toEqual(
          expect.objectContaining({
            webhookAttempts: 2,
            webhookLastError: null,
            webhookDeliveredAt: expect.any(Date),
          }),
        );
        expect(receiver.received).toHaveLength(2);
        for (const { headers, body } of receiver.received) {
          expect(headers['x-dutyflow-delivery']).toBe(notification.id);
          expect(headers['x-dutyflow-event']).toBe('step_ready');
          expect(headers['user-agent']).toBe('dutyflow');
          const expected = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
          expect(headers['x-dutyflow-signature']).toBe(expected);
          expect(JSON.parse(body)).toEqual({
            event: 'step_ready',
            notificationId: notification.id,
            caseId: '6f1c1a52-6a0e-4a39-9a57-3a5a4bd0a001',
            stepId: '6f1c1a52-6a0e-4a39-9a57-3a5a4bd0a002',
            title: '「残疾人证管理 · 张三」有新环节待办理',
            body: '环节：县残联审核申请材料\n办理期限：2025-10-10',
            units: [department],
            dueDate: '2025-10-10',
            occurredAt: expect.any(String),
          });
        }
        expect(receiver.received[1].body).toBe(receiver.received[0].body);
      } finally {
        await receiver.close();
      }
    });

    it('should end failed, with the last error, after the last attempt', async () => {
      const receiver = await startReceiver(() => 503);
      try {
        const department = await createDepartment();
        await webhooks.put('department', department.id, { url: receiver.url });
        const outboxId = await addOutboxEvent([department]);

        dispatcher.kick();
        const [notification] = await waitForNotifications(outboxId, 1);
        const failed = await waitForWebhookStatus(notification.id, 'failed');

        expect(failed).toEqual(
          expect.objectContaining({
            webhookAttempts: 3,
            webhookLastError: 'HTTP 503', // the receiver's body ('nope') is never shown
            webhookDeliveredAt: null,
          }),
        );
        expect(receiver.received).toHaveLength(3);
        expect(receiver.received[0].headers).not.toHaveProperty('x-dutyflow-signature');
        // The admins' list shows the unit by name with this latest delivery, never the secret.
        expect(await webhooks.list()).toEqual([
          expect.objectContaining({
            unitKind: 'department',
            unitId: department.id,
            unitName: '奇台县残联',
            county: '奇台县',
            url: receiver.url,
            hasSecret: false,
            lastStatus: 'failed',
            lastAttempts: 3,
            lastError: 'HTTP 503',
            lastNotifiedAt: expect.any(Date),
            lastDeliveredAt: null,
          }),
        ]);
        const job = await queue.getJob(`webhook-${notification.id}`);
        expect(await job?.getState()).toBe('failed');
      } finally {
        await receiver.close();
      }
    });

    it('should refuse a webhook for a unit that does not exist and never return the secret', async () => {
      const department = await createDepartment();
      await expect(
        webhooks.put('department', '6f1c1a52-6a0e-4a39-9a57-3a5a4bd0afff', {
          url: 'https://example.org/hook',
        }),
      ).rejects.toMatchObject({ code: ErrorCode.DEPARTMENT_NOT_FOUND });
      await expect(webhooks.get('township', department.id)).rejects.toMatchObject({
        code: ErrorCode.TOWNSHIP_NOT_FOUND,
      });

      await webhooks.put('department', department.id, { url: 'https://example.org/a', secret: SECRET });
      const replaced = await webhooks.put('department', department.id, { url: 'https://example.org/b' });
      expect(replaced).toEqual(expect.objectContaining({ url: 'https://example.org/b', secret: null }));
      await webhooks.remove('department', department.id);
      await webhooks.remove('department', department.id); // idempotent

      // Counties are named, and exist when one of their units does.
      await expect(webhooks.put('county', '奇台县', { url: 'https://example.org/c' })).resolves.toMatchObject(
        {
          unitKind: 'county',
          unitId: '奇台县',
        },
      );
      await expect(webhooks.get('county', '木垒县')).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
      await expect(webhooks.get('department', '奇台县')).rejects.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
      });
      await expect(webhooks.get('department', department.id)).rejects.toMatchObject({
        code: ErrorCode.NOT_FOUND,
      });
    });
  });

  describe('unit inbox', () => {
    const clerkOf = (unit: UnitRef): AuthUser => ({
      id: '6f1c1a52-6a0e-4a39-9a57-3a5a4bd0a0ff',
      username: 'clerk',
      role: unit.kind === 'department' ? UserRole.DepartmentStaff : UserRole.TownshipStaff,
      departmentId: unit.kind === 'department' ? unit.id : null,
      townshipId: unit.kind === 'township' ? unit.id : null,
      county: null,
    });

    it("should list the unit's own notifications newest first and mark only its own as read", async () => {
      const [department, township] = [await createDepartment(), await createTownship()];
      const first = await addOutboxEvent([department, township]);
      const second = await addOutboxEvent([department], OutboxEventType.StepReturned);
      await notifications.notifyUnits(first);
      await notifications.notifyUnits(second);

      const page = await notifications.listInbox(clerkOf(department), { page: 1, pageSize: 20 });
      expect(page).toEqual(expect.objectContaining({ total: 2, unread: 2 }));
      expect(page.items.map((item) => item.outboxId)).toEqual([second, first]);

      const [townshipCopy] = (await notificationsOf(first)).filter((row) => row.unitKind === 'township');
      await expect(notifications.markRead(clerkOf(department), townshipCopy.id)).rejects.toMatchObject({
        code: ErrorCode.NOT_FOUND,
      });
      const read = await notifications.markRead(clerkOf(department), page.items[1].id);
      expect(read.readAt).toBeInstanceOf(Date);

      const unread = await notifications.listInbox(clerkOf(department), {
        unread: true,
        page: 1,
        pageSize: 20,
      });
      expect(unread).toEqual(expect.objectContaining({ total: 1, unread: 1 }));
      expect(unread.items[0].outboxId).toBe(second);
      expect((await notifications.listInbox(clerkOf(township), { page: 1, pageSize: 20 })).total).toBe(1);

      // Escalations and digests reach a county's supervisors.
      const escalation = await addOutboxEvent(
        [{ kind: 'county', id: '奇台县' }],
        OutboxEventType.StepEscalated,
      );
      await notifications.notifyUnits(escalation);
      const supervisor: AuthUser = {
        ...clerkOf(department),
        role: UserRole.Supervisor,
        departmentId: null,
        county: '奇台县',
      };
      const countyInbox = await notifications.listInbox(supervisor, { page: 1, pageSize: 20 });
      expect(countyInbox.items.map((item) => [item.outboxId, item.title])).toEqual([
        [escalation, '「残疾人证管理 · 张三」有环节逾期未办，已升级督办'],
      ]);
    });
  });
});
