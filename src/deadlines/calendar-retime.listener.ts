import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DomainEvents } from 'src/common/events/domain-events';
import { JobName, QueueName } from 'src/queue/queue.constants';

// A calendar edit (admin PUT, first seeding of a year) re-times open deadlines — in a worker job, not
// in the admin's request. Keyed by the change, so a burst of edits queues one job per change.
@Injectable()
export class CalendarRetimeListener implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CalendarRetimeListener.name);
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly events: DomainEvents,
    @InjectQueue(QueueName.Deadlines) private readonly queue: Queue,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.events.on('calendar.changed', async (change) => {
      if (change.changedDates.length === 0) return;
      await this.queue.add(JobName.RetimeOpenSteps, {}, { jobId: `retime-${change.year}-${Date.now()}` });
      this.logger.log(
        `${change.year}: ${change.changedDates.length} day(s) changed; open deadlines will be re-timed`,
      );
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }
}
