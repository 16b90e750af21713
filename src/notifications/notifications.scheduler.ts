import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobName, QueueName } from 'src/queue/queue.constants';
import { OUTBOX_SWEEP_EVERY_MS, OUTBOX_SWEEP_SCHEDULER_ID } from './notifications.constants';

// Worker only. Registers the outbox sweep, so rows whose enqueue was lost (crash after commit,
// Redis down) still go out. Upsert: every worker start may call it, one scheduler results.
@Injectable()
export class NotificationsScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(NotificationsScheduler.name);

  constructor(@InjectQueue(QueueName.Notifications) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      OUTBOX_SWEEP_SCHEDULER_ID,
      { every: OUTBOX_SWEEP_EVERY_MS },
      { name: JobName.DispatchOutbox, data: {} },
    );
    this.logger.log(`outbox sweep scheduled every ${OUTBOX_SWEEP_EVERY_MS} ms`);
  }
}
