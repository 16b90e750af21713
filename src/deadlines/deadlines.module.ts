import { Module, OnModuleInit } from '@nestjs/common';
import { CalendarModule } from 'src/calendar/calendar.module';
import { DomainEvents } from 'src/common/events/domain-events';
import { OutboxModule } from 'src/notifications/outbox.module';
import { WorkflowModule } from 'src/workflow/workflow.module';
import { CalendarRetimeListener } from './calendar-retime.listener';
import { DeadlineJobs } from './deadline-jobs.service';
import { DeadlinesProcessor } from './deadlines.processor';
import { DeadlinesScheduler } from './deadlines.scheduler';
import { LadderRepository } from './ladder.repository';
import { LadderService } from './ladder.service';
import { SweepService } from './sweep.service';

// The reminder → overdue → escalation ladder. API and worker both schedule jobs and react to calendar
// changes; only the worker processes them (DeadlinesWorkerModule).
@Module({
  imports: [CalendarModule, OutboxModule, WorkflowModule],
  providers: [LadderRepository, DeadlineJobs, LadderService, SweepService, CalendarRetimeListener],
  exports: [DeadlineJobs, LadderService, SweepService],
})
export class DeadlinesModule implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly jobs: DeadlineJobs,
  ) {}

  // Every commit that started, moved or stopped a deadline arms, re-times or removes that step's timer.
  onModuleInit(): void {
    this.events.on('step.clocks-changed', ({ stepIds }) => this.jobs.schedule(stepIds));
  }
}

@Module({
  imports: [DeadlinesModule],
  providers: [DeadlinesProcessor, DeadlinesScheduler],
})
export class DeadlinesWorkerModule {}
