import { createHmac } from 'node:crypto';
import { OutboxEventType } from './outbox-event';
import { UnitRef } from 'src/domain/vocabulary';
import { WEBHOOK_USER_AGENT } from './notifications.constants';

// What a webhook delivery needs from the notification, its outbox event and the unit's webhook.
export interface WebhookDeliverySource {
  notificationId: string;
  type: OutboxEventType;
  caseId: string;
  stepId: string;
  title: string;
  body: string;
  units: UnitRef[];
  dueDate: string | null;
  occurredAt: Date;
}

export interface WebhookPayload {
  event: OutboxEventType;
  notificationId: string;
  caseId: string;
  stepId: string;
  title: string;
  body: string;
  units: UnitRef[];
  dueDate: string | null;
  occurredAt: string;
}

// Built only from stored data, so every retry sends the same bytes (and the same signature).
export function buildWebhookPayload(source: WebhookDeliverySource): WebhookPayload {
  return {
    event: source.type,
    notificationId: source.notificationId,
    caseId: source.caseId,
    stepId: source.stepId,
    title: source.title,
    body: source.body,
    units: source.units,
    dueDate: source.dueDate,
    occurredAt: source.occurredAt.toISOString(),
  };
}

// GitHub-style: hex HMAC-SHA256 of the exact request body, prefixed with the algorithm.
export function signWebhookBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

// X-Dutyflow-Delivery is the notification id: the same on every retry, so receivers can deduplicate.
export function webhookHeaders(
  payload: WebhookPayload,
  body: string,
  secret: string | null,
): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8',
    'User-Agent': WEBHOOK_USER_AGENT,
    'X-Dutyflow-Event': payload.event,
    'X-Dutyflow-Delivery': payload.notificationId,
  };
  if (secret) headers['X-Dutyflow-Signature'] = signWebhookBody(body, secret);
  return headers;
}
