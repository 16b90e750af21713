import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobName, QueueName } from 'src/queue/queue.constants';
import { DIGEST_CRON, DIGEST_TIMEZONE, SWEEP_EVERY_MS } from './deadlines.constants';

// Worker start: register the repeating sweep and the daily digest (upsert: several workers share one).
@Injectable()
export class DeadlinesScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.Deadlines) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'ladder-sweep',
      { every: SWEEP_EVERY_MS },
      { name: JobName.LadderSweep, data: {} },
    );
    await this.queue.upsertJobScheduler(
      'daily-overdue-digest',
      { pattern: DIGEST_CRON, tz: DIGEST_TIMEZONE },
      { name: JobName.DailyDigest, data: {} },
    );
  }
}
