import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Queue } from 'bullmq';
import { QueueName } from 'src/queue/queue.constants';
import { withTimeout } from './with-timeout';

// The queue is ready when BullMQ can read its counters. Worker count is reported, not required:
// an API-only deployment may run its workers elsewhere or later.
@Injectable()
export class QueueHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @InjectQueue(QueueName.Imports) private readonly importsQueue: Queue,
  ) {}

  async isHealthy(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      const [counts, workers] = await withTimeout(
        Promise.all([
          this.importsQueue.getJobCounts('waiting', 'active', 'delayed', 'failed'),
          this.importsQueue.getWorkersCount(),
        ]),
        1_500,
        'BullMQ queue check',
      );
      return indicator.up({ [QueueName.Imports]: { ...counts, workers } });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
