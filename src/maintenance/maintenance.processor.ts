import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { ImportsService } from 'src/duty-lists/imports.service';
import { JobName, MaintenanceJobName, QueueName } from 'src/queue/queue.constants';
import { RetentionService } from './retention.service';

// Thin: the switch is exhaustive over the queue's job names.
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends WorkerHost {
  constructor(
    private readonly retention: RetentionService,
    private readonly imports: ImportsService,
  ) {
    super();
  }

  async process(job: Job<unknown, unknown, MaintenanceJobName>): Promise<unknown> {
    switch (job.name) {
      case JobName.ReviveJobs:
        return this.imports.requeueUnfinished();
      case JobName.PurgeExpired:
        return this.retention.purgeExpired();
    }
  }
}
