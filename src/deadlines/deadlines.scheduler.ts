import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JOB_SCHEDULERS, JobSchedulerKeeper } from 'src/queue/job-schedulers';
import { QueueName } from 'src/queue/queue.constants';

// Worker: keeps the repeating sweep and the daily digest registered.
@Injectable()
export class DeadlinesScheduler extends JobSchedulerKeeper {
  constructor(@InjectQueue(QueueName.Deadlines) queue: Queue) {
    super(queue, JOB_SCHEDULERS[QueueName.Deadlines]);
  }
}
