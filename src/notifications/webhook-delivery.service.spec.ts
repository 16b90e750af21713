import { Logger } from '@nestjs/common';
import { SecretBox } from 'src/common/crypto/secret-box';
import { AppConfigService } from 'src/config/app-config.service';
import { WebhookHttpClient } from './webhook-http-client';
import { OutboxEventType } from './outbox-event';
import { NotificationsRepository, WebhookDeliveryRow } from './notifications.repository';
import { signWebhookBody } from './webhook-payload';
import { WebhookDeliveryError, WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookStatus } from './webhook-status';

const NOW = new Date('2025-09-26T03:00:00.000Z');

const row = (overrides: Partial<WebhookDeliveryRow> = {}): WebhookDeliveryRow => ({
  notificationId: 'n-1',
  type: OutboxEventType.StepReady,
  caseId: 'c-1',
  stepId: 's-1',
  title: '「残疾人证管理 · 张三」有新环节待办理',
  body: '环节：审核申请材料',
  units: [{ kind: 'department', id: 'd-1' }],
  dueDate: null,
  occurredAt: new Date('2025-09-26T02:00:00.000Z'),
  webhookStatus: WebhookStatus.Pending,
  url: 'https://receiver.example/hook',
  secret: 'dutyflow-secret-0123',
  ...overrides,
});

describe(WebhookDeliveryService.name, () => {
  let sut: WebhookDeliveryService;
  let repository: Record<string, jest.Mock>;
  let post: jest.Mock;

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation();
    repository = {
      findDeliverySource: jest.fn().mockResolvedValue(row()),
      recordWebhookDelivered: jest.fn(),
      recordWebhookFailure: jest.fn(),
      markWebhookFailed: jest.fn(),
    };
    post = jest.fn();
    const secrets = new SecretBox({
      webhooks: { secretKey: 'unit-test-webhook-secret-key-0123456789' },
    } as AppConfigService);
    sut = new WebhookDeliveryService(
      repository as unknown as NotificationsRepository,
      { now: () => NOW },
      { post } as unknown as WebhookHttpClient,
      secrets,
    );
    repository.findDeliverySource.mockResolvedValue(row({ secret: secrets.seal('dutyflow-secret-0123') }));
  });

  afterEach(() => jest.restoreAllMocks());

  describe('deliver', () => {
    it('should POST the signed JSON and record the delivery on 2xx', async () => {
      post.mockResolvedValue(null);

      await expect(sut.deliver('n-1', { finalAttempt: false })).resolves.toBe('delivered');

      const [url, body, headers] = post.mock.calls[0] as [string, string, Record<string, string>];
      expect(url).toBe('https://receiver.example/hook');
      expect(JSON.parse(body)).toEqual(
        expect.objectContaining({ event: 'step_ready', notificationId: 'n-1' }),
      );
      expect(headers['X-Dutyflow-Delivery']).toBe('n-1');
      // signed with the decrypted secret
      expect(headers['X-Dutyflow-Signature']).toBe(signWebhookBody(body, 'dutyflow-secret-0123'));
      expect(repository.recordWebhookDelivered).toHaveBeenCalledWith('n-1', NOW);
    });

    it('should record the status code and throw (so BullMQ retries) on a non-2xx answer', async () => {
      post.mockResolvedValue('HTTP 500');

      await expect(sut.deliver('n-1', { finalAttempt: false })).rejects.toThrow(WebhookDeliveryError);
      expect(repository.recordWebhookFailure).toHaveBeenCalledWith('n-1', 'HTTP 500', WebhookStatus.Pending);
    });

    it('should mark the delivery failed when the last attempt fails', async () => {
      post.mockResolvedValue('网络错误：connect ECONNREFUSED (ECONNREFUSED)');

      await expect(sut.deliver('n-1', { finalAttempt: true })).rejects.toThrow(WebhookDeliveryError);
      expect(repository.recordWebhookFailure).toHaveBeenCalledWith(
        'n-1',
        '网络错误：connect ECONNREFUSED (ECONNREFUSED)',
        WebhookStatus.Failed,
      );
    });

    it('should send nothing for a delivery that is already settled or gone', async () => {
      repository.findDeliverySource.mockResolvedValueOnce(row({ webhookStatus: WebhookStatus.Delivered }));
      await expect(sut.deliver('n-1', { finalAttempt: false })).resolves.toBe('skipped');
      repository.findDeliverySource.mockResolvedValueOnce(null);
      await expect(sut.deliver('n-1', { finalAttempt: false })).resolves.toBe('skipped');
      expect(post).not.toHaveBeenCalled();
    });

    it('should end failed without a POST when the unit removed its webhook', async () => {
      repository.findDeliverySource.mockResolvedValue(row({ url: null, secret: null }));

      await expect(sut.deliver('n-1', { finalAttempt: false })).resolves.toBe('failed');
      expect(post).not.toHaveBeenCalled();
      expect(repository.markWebhookFailed).toHaveBeenCalledWith('n-1', '单位的 webhook 已删除，未发送');
    });
  });
});
