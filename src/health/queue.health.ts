import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Queue } from 'bullmq';
import { JOB_SCHEDULERS, missingSchedulers } from 'src/queue/job-schedulers';
import { QueueName } from 'src/queue/queue.constants';
import { withTimeout } from 'src/common/with-timeout';

// The queue is ready when BullMQ can read its counters and every repeating job (sweeps, digest,
// revival, retention) is registered: after Redis lost its data they are missing until a worker
// registers them again, and until then overdue marks and lost notifications wait. Worker count is
// reported, not required: an API-only deployment may run its workers elsewhere or later.
@Injectable()
export class QueueHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly moduleRef: ModuleRef,
  ) {}

  async isHealthy(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      const imports = this.queue(QueueName.Imports);
      const [counts, workers, missing] = await withTimeout(
        Promise.all([
          imports.getJobCounts('waiting', 'active', 'delayed', 'failed'),
          imports.getWorkersCount(),
          Promise.all(
            Object.values(QueueName).map((name) => missingSchedulers(this.queue(name), JOB_SCHEDULERS[name])),
          ).then((lists) => lists.flat()),
        ]),
        1_500,
        'BullMQ queue check',
      );
      if (missing.length > 0) {
        return indicator.down({
          message: `定时任务缺失（Redis 数据可能已丢失，worker 将自动重新登记）：${missing.join(', ')}`,
          missingSchedulers: missing,
        });
      }
      return indicator.up({ [QueueName.Imports]: { ...counts, workers } });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  private queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }
}
