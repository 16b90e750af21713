import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { CalendarService } from 'src/calendar/calendar.service';
import { Clock } from 'src/common/clock/clock';
import { isOpenStep } from 'src/domain/step-status';
import { withTimeout } from 'src/common/with-timeout';
import { ENQUEUE_TIMEOUT_MS, JobName, QueueName, StepRungJobData } from 'src/queue/queue.constants';
import { escalationAt } from './ladder';
import { ClockRow, LadderRepository } from './ladder.repository';

interface PlannedJob {
  name: JobName.RemindStep | JobName.MarkStepOverdue | JobName.EscalateStep;
  data: StepRungJobData;
  opts: { jobId: string; delay: number };
}

// Delayed jobs for each rung of a step's current deadline. The job id names step, rung and deadline,
// so scheduling twice adds nothing, and a moved deadline gets new jobs while the old ones find the
// deadline changed and do nothing. The sweep covers jobs that Redis lost.
@Injectable()
export class DeadlineJobs {
  private readonly logger = new Logger(DeadlineJobs.name);

  constructor(
    @InjectQueue(QueueName.Deadlines) private readonly queue: Queue,
    private readonly ladder: LadderRepository,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  // Best effort after a commit: a failure here is logged, never surfaced (the sweep will catch up).
  async schedule(stepIds: Iterable<string>): Promise<void> {
    const ids = [...stepIds];
    if (ids.length === 0) return;
    try {
      const clocks = await this.ladder.findClocks(ids);
      const calendar = await this.calendar.snapshot();
      const now = this.clock.now().getTime();
      const jobs = clocks.flatMap((clock) =>
        planJobs(clock, now, (dueDate, level) => escalationAt(dueDate, level, calendar)),
      );
      if (jobs.length > 0)
        await withTimeout(this.queue.addBulk(jobs), ENQUEUE_TIMEOUT_MS, 'queueing ladder jobs');
    } catch (error) {
      this.logger.warn(
        `ladder jobs not scheduled for ${ids.length} step(s), the sweep will handle them: ${String(error)}`,
      );
    }
  }
}

export function rungJobId(name: JobName, stepId: string, dueAt: Date, level?: number): string {
  return [name, stepId, dueAt.getTime(), level].filter((part) => part !== undefined).join('-');
}

// The rungs still ahead for one open step (none for a closed one).
export function planJobs(
  clock: ClockRow,
  now: number,
  escalation: (dueDate: string, level: 1 | 2) => Date,
): PlannedJob[] {
  if (!isOpenStep(clock.status) || !clock.dueAt || !clock.dueDate) return [];
  const { dueAt, dueDate } = clock;
  const data = { stepId: clock.id, dueAt: dueAt.toISOString() };
  const at = (name: PlannedJob['name'], time: Date, level?: 1 | 2): PlannedJob => ({
    name,
    data: level ? { ...data, level } : data,
    opts: { jobId: rungJobId(name, clock.id, dueAt, level), delay: Math.max(0, time.getTime() - now) },
  });
  const jobs: PlannedJob[] = [];
  if (clock.remindAt && !clock.remindedAt) jobs.push(at(JobName.RemindStep, clock.remindAt));
  if (!clock.overdueAt) jobs.push(at(JobName.MarkStepOverdue, dueAt));
  for (const level of [1, 2] as const) {
    if (clock.escalationLevel < level) jobs.push(at(JobName.EscalateStep, escalation(dueDate, level), level));
  }
  return jobs;
}
