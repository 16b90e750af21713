import { Injectable, Logger } from '@nestjs/common';
import { SecretBox } from 'src/common/crypto/secret-box';
import { Clock } from 'src/common/clock/clock';
import { NotificationsRepository } from './notifications.repository';
import { buildWebhookPayload, webhookHeaders } from './webhook-payload';
import { WebhookHttpClient } from './webhook-http-client';
import { WebhookStatus } from './webhook-status';

export type WebhookDeliveryOutcome = 'delivered' | 'skipped' | 'failed';

// Thrown after a failed POST so BullMQ retries the job with backoff.
export class WebhookDeliveryError extends Error {
  override name = 'WebhookDeliveryError';
}

@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly clock: Clock,
    private readonly http: WebhookHttpClient,
    private readonly secrets: SecretBox,
  ) {}

  // One attempt. Each POST counts in webhookAttempts; `finalAttempt` (no retry follows) turns a
  // failure into the terminal 'failed' so the inbox API shows it.
  async deliver(
    notificationId: string,
    { finalAttempt }: { finalAttempt: boolean },
  ): Promise<WebhookDeliveryOutcome> {
    const source = await this.notifications.findDeliverySource(notificationId);
    // Gone (event deleted) or already settled: a repeated job sends nothing.
    if (!source || source.webhookStatus !== WebhookStatus.Pending) return 'skipped';
    if (!source.url) {
      await this.notifications.markWebhookFailed(notificationId, '单位的 webhook 已删除，未发送');
      return 'failed';
    }
    const payload = buildWebhookPayload(source);
    const body = JSON.stringify(payload);
    const failure = await this.http.post(
      source.url,
      body,
      webhookHeaders(payload, body, source.secret === null ? null : this.secrets.open(source.secret)),
    );
    if (failure === null) {
      await this.notifications.recordWebhookDelivered(notificationId, this.clock.now());
      return 'delivered';
    }
    const status = finalAttempt ? WebhookStatus.Failed : WebhookStatus.Pending;
    await this.notifications.recordWebhookFailure(notificationId, failure, status);
    if (finalAttempt)
      this.logger.warn(`webhook for notification ${notificationId} failed for good: ${failure}`);
    throw new WebhookDeliveryError(`webhook for notification ${notificationId}: ${failure}`);
  }
}
