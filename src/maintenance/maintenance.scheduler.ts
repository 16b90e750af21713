import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JOB_SCHEDULERS, JobSchedulerKeeper } from 'src/queue/job-schedulers';
import { QueueName } from 'src/queue/queue.constants';

// Worker: keeps job revival and retention registered.
@Injectable()
export class MaintenanceScheduler extends JobSchedulerKeeper {
  constructor(@InjectQueue(QueueName.Maintenance) queue: Queue) {
    super(queue, JOB_SCHEDULERS[QueueName.Maintenance]);
  }
}
