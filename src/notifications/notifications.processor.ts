import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import {
  DeliverWebhookJobData,
  JobName,
  NotificationsJobName,
  NotifyUnitsJobData,
  QueueName,
} from 'src/queue/queue.constants';
import { NOTIFICATIONS_CONCURRENCY } from './notifications.constants';
import { NotificationsService, NotifyUnitsResult } from './notifications.service';
import { OutboxDispatcher } from './outbox-dispatcher.service';
import { WebhookDeliveryOutcome, WebhookDeliveryService } from './webhook-delivery.service';

type NotificationJobResult =
  { dispatched: number; requeued: number } | NotifyUnitsResult | { outcome: WebhookDeliveryOutcome };

// Thin: checks the payload and hands over to a service. The switch is exhaustive (lint), so a new
// job name for this queue that nobody handles fails the build.
@Processor(QueueName.Notifications, { concurrency: NOTIFICATIONS_CONCURRENCY })
export class NotificationsProcessor extends WorkerHost {
  constructor(
    private readonly dispatcher: OutboxDispatcher,
    private readonly notifications: NotificationsService,
    private readonly webhooks: WebhookDeliveryService,
  ) {
    super();
  }

  async process(
    job: Job<unknown, NotificationJobResult, NotificationsJobName>,
  ): Promise<NotificationJobResult> {
    const name = job.name;
    switch (name) {
      case JobName.DispatchOutbox:
        return {
          dispatched: await this.dispatcher.dispatchPending(),
          requeued: await this.dispatcher.redispatchLost(),
        };
      case JobName.NotifyUnits: {
        const { outboxId } = requireString<NotifyUnitsJobData>(job, 'outboxId');
        return this.notifications.notifyUnits(outboxId);
      }
      case JobName.DeliverWebhook: {
        const { notificationId } = requireString<DeliverWebhookJobData>(job, 'notificationId');
        // attemptsMade counts the failures before this run, so this run is the last one when +1 reaches attempts.
        const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        return { outcome: await this.webhooks.deliver(notificationId, { finalAttempt }) };
      }
      default: {
        const unknown: never = name; // only reachable through a producer bug; fail the job loudly
        throw new Error(
          `job ${job.id}: unknown job name ${String(unknown)} on queue ${QueueName.Notifications}`,
        );
      }
    }
  }
}

function requireString<T>(job: Job<unknown>, field: keyof T & string): T {
  const data = job.data as Record<string, unknown> | undefined;
  if (typeof data?.[field] !== 'string') throw new Error(`job ${job.id}: missing ${field}`);
  return data as T;
}
