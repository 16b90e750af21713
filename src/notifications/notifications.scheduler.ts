import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JOB_SCHEDULERS, JobSchedulerKeeper } from 'src/queue/job-schedulers';
import { QueueName } from 'src/queue/queue.constants';

// Worker: keeps the outbox sweep registered, so rows whose enqueue was lost (crash after commit,
// Redis down) still go out.
@Injectable()
export class NotificationsScheduler extends JobSchedulerKeeper {
  constructor(@InjectQueue(QueueName.Notifications) queue: Queue) {
    super(queue, JOB_SCHEDULERS[QueueName.Notifications]);
  }
}
