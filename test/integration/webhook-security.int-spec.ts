import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { CoreModule } from 'src/app.module';
import { WEBHOOK_JOB_OPTIONS } from 'src/notifications/notifications.constants';
import { NotificationsWorkerModule } from 'src/notifications/notifications.module';
import { OutboxDispatcher } from 'src/notifications/outbox-dispatcher.service';
import { OutboxEventType } from 'src/notifications/outbox-event';
import { OutboxModule } from 'src/notifications/outbox.module';
import { OutboxRepository } from 'src/notifications/outbox.repository';
import { WebhookTargetPolicy } from 'src/notifications/webhook-target';
import { WebhooksService } from 'src/notifications/webhooks.service';
import { QueueName } from 'src/queue/queue.constants';
import { resetDatabase } from 'test/utils/database';
import { eventually } from 'test/utils/queues';

@Module({ imports: [CoreModule, OutboxModule, NotificationsWorkerModule] })
class WebhookSecurityTestModule {}

// Issue 11, item 7: webhooks cannot be pointed at the server's own network, and their signing
// secrets are encrypted at rest.
describe('webhook targets and secrets', () => {
  const strict = new WebhookTargetPolicy([]);

  it('should refuse loopback, private, link-local and metadata addresses unless allow-listed', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.1.2.3', '192.168.0.5', '172.16.0.1']) {
      expect(strict.refusal(address)).toEqual(expect.stringContaining(address));
    }
    expect(strict.refusal('169.254.169.254')).toContain('linkLocal');
    expect(strict.refusal('fd00::1')).not.toBeNull();
    expect(strict.refusal('0.0.0.0')).not.toBeNull();
    expect(strict.refusal('8.8.8.8')).toBeNull();
    expect(strict.refusal('2001:4860:4860::8888')).toBeNull();
    const office = new WebhookTargetPolicy(['10.20.0.0/16', '::1/128']);
    expect(office.refusal('10.20.3.4')).toBeNull();
    expect(office.refusal('::1')).toBeNull();
    expect(office.refusal('10.21.0.1')).not.toBeNull();
    expect(strict.refusalForUrl(new URL('http://[::1]:8080/x'))).not.toBeNull();
    expect(strict.refusalForUrl(new URL('http://localhost/x'))).not.toBeNull();
  });

  describe('through the notification pipeline', () => {
    let context: INestApplicationContext;
    let dataSource: DataSource;
    let queue: Queue;

    beforeAll(async () => {
      const moduleRef = await Test.createTestingModule({ imports: [WebhookSecurityTestModule] })
        .overrideProvider(WEBHOOK_JOB_OPTIONS)
        .useValue({ attempts: 1, backoff: { type: 'fixed', delay: 10 } })
        .overrideProvider(WebhookTargetPolicy)
        .useValue(strict)
        .compile();
      dataSource = moduleRef.get(DataSource);
      context = await moduleRef.init();
      queue = context.get<Queue>(getQueueToken(QueueName.Notifications));
      await resetDatabase(dataSource);
    });

    afterAll(async () => {
      await queue.obliterate({ force: true });
      await context.close();
    });

    it('should check the addresses a name resolves to, and never connect to an internal one', async () => {
      let hits = 0;
      const server = createServer((_request, response) => {
        hits += 1;
        response.writeHead(200).end('secret internal page');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const [department] = await dataSource.query<{ id: string }[]>(
          `INSERT INTO departments (county, name) VALUES ('奇台县', '奇台县残联') RETURNING id`,
        );
        // `vm` resolves to 127.0.0.1 through /etc/hosts: not an IP literal, so only the lookup can catch it.
        const hostname = (await import('node:os')).hostname();
        await dataSource.query(
          `INSERT INTO unit_webhooks ("unitKind", "unitId", url) VALUES ('department', $1, $2)`,
          [department.id, `http://${hostname}:${port}/hook`],
        );
        const [outboxId] = await dataSource.transaction((manager) =>
          context.get(OutboxRepository).add(manager, [
            {
              type: OutboxEventType.StepReady,
              payload: {
                caseId: '6f1c1a52-6a0e-4a39-9a57-3a5a4bd0a001',
                stepId: '6f1c1a52-6a0e-4a39-9a57-3a5a4bd0a002',
                caseTitle: '残疾人证管理 · 张三',
                stepText: '县残联审核申请材料',
                units: [{ kind: 'department', id: department.id }],
                dueDate: '2025-10-10',
              },
            },
          ]),
        );
        context.get(OutboxDispatcher).kick();
        const failed = await eventually(async () => {
          const [row] = await dataSource.query<{ webhookStatus: string; webhookLastError: string | null }[]>(
            `SELECT "webhookStatus", "webhookLastError" FROM notifications WHERE "outboxId" = $1`,
            [outboxId],
          );
          return row?.webhookStatus === 'failed' ? row : undefined;
        });
        expect(failed.webhookLastError).toContain('已拒绝');
        expect(failed.webhookLastError).toContain('127.0.0.1');
        expect(hits).toBe(0);
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('should refuse an internal address when the admin saves it', async () => {
      const [township] = await dataSource.query<{ id: string }[]>(
        `INSERT INTO townships (name, county, prefecture) VALUES ('三个庄子镇', '奇台县', '昌吉回族自治州') RETURNING id`,
      );
      await expect(
        context
          .get(WebhooksService)
          .put('township', township.id, { url: 'http://169.254.169.254/latest/meta-data' }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'url' } });
    });

    it('should store the signing secret encrypted, not as given', async () => {
      const [township] = await dataSource.query<{ id: string }[]>(`SELECT id FROM townships LIMIT 1`);
      const secret = 'receiver-shared-secret-0123';
      await context
        .get(WebhooksService)
        .put('township', township.id, { url: 'https://oa.example.gov.cn/hook', secret });
      const [row] = await dataSource.query<{ secret: string }[]>(
        `SELECT secret FROM unit_webhooks WHERE "unitId" = $1`,
        [township.id],
      );
      expect(row.secret).not.toContain(secret);
      expect(row.secret).toMatch(/^enc:v1:/);
    });
  });
});
