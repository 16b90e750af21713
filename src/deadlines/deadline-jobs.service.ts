import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { CalendarService } from 'src/calendar/calendar.service';
import { WorkingCalendar } from 'src/calendar/working-days';
import { Clock } from 'src/common/clock/clock';
import { isOpenStep } from 'src/domain/step-status';
import { withTimeout } from 'src/common/with-timeout';
import {
  ENQUEUE_TIMEOUT_MS,
  JobName,
  QueueName,
  StepRungJobData,
  StepTimerJobData,
} from 'src/queue/queue.constants';
import { escalationAt } from './ladder';
import { ClockRow, LadderRepository } from './ladder.repository';

export type RungJobName = JobName.RemindStep | JobName.MarkStepOverdue | JobName.EscalateStep;

export interface PlannedRung {
  name: RungJobName; // which rung
  data: StepRungJobData; // the deadline it belongs to
  delay: number; // ms from now (0: due now)
}

// A finished timer has nothing worth keeping (its work is in the audit trail), and every byte counts
// with one timer per open step.
const TIMER_RETENTION = { removeOnComplete: true, removeOnFail: 1_000, backoff: 2_000 } as const;

// The job id of a step's one timer.
export function stepTimerJobId(stepId: string): string {
  return `timer-${stepId}`;
}

// One pending timer per open step: a single delayed job per step (its id names the step), due when
// the step's next rung is. When it fires, the worker climbs whatever is due and moves the same job
// back to delayed for the next rung (DeadlinesProcessor); when the deadline moves, its delay is
// changed; when the step closes, it is removed. So Redis holds one small job per open step instead
// of one per rung, and no stale jobs wait for weeks. The sweep covers timers Redis lost.
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
    const ids = [...new Set(stepIds)];
    if (ids.length === 0) return;
    try {
      const clocks = new Map((await this.ladder.findClocks(ids)).map((clock) => [clock.id, clock]));
      const plan = await this.planner();
      const delays = ids.map((id) => {
        const clock = clocks.get(id);
        return clock ? (plan(clock)?.delay ?? null) : null;
      });
      await withTimeout(this.arm(ids, delays), ENQUEUE_TIMEOUT_MS, 'arming ladder timers');
    } catch (error) {
      this.logger.warn(
        `ladder timers not armed for ${ids.length} step(s), the sweep will handle them: ${String(error)}`,
      );
    }
  }

  // Each step's timer to its delay (null: no timer).
  private async arm(ids: string[], delays: (number | null)[]): Promise<void> {
    const states = await Promise.all(ids.map((id) => this.queue.getJobState(stepTimerJobId(id))));
    const fresh: string[] = [];
    const freshDelays: number[] = [];
    await Promise.all(
      ids.map(async (stepId, i) => {
        const delay = delays[i];
        const state = states[i];
        if (delay === null) return this.disarm(stepId, state);
        if (state === 'unknown') {
          fresh.push(stepId);
          freshDelays.push(delay);
          return;
        }
        return this.rearm(stepId, state, delay);
      }),
    );
    if (fresh.length > 0) {
      await this.queue.addBulk(fresh.map((stepId, i) => this.timerJob(stepId, freshDelays[i])));
    }
  }

  // The next rung of a step's clock now, with this process's calendar.
  async planner(): Promise<(clock: ClockRow) => PlannedRung | null> {
    const calendar: WorkingCalendar = await this.calendar.snapshot();
    const now = this.clock.now().getTime();
    return (clock) => nextRung(clock, now, (dueDate, level) => escalationAt(dueDate, level, calendar));
  }

  private timerJob(stepId: string, delay: number) {
    const data: StepTimerJobData = { stepId };
    return {
      name: JobName.StepTimer,
      data,
      opts: { jobId: stepTimerJobId(stepId), delay, ...TIMER_RETENTION },
    };
  }

  // A waiting timer gets the new delay; a finished one is replaced; one that is running now re-plans
  // from the database when it ends (DeadlinesProcessor), so it is left alone.
  private async rearm(stepId: string, state: string, delay: number): Promise<void> {
    const jobId = stepTimerJobId(stepId);
    if (state === 'delayed') {
      const job = await this.queue.getJob(jobId);
      await job?.changeDelay(delay);
      return;
    }
    if (state === 'completed' || state === 'failed') {
      await this.queue.remove(jobId);
      const { name, data, opts } = this.timerJob(stepId, delay);
      await this.queue.add(name, data, opts);
    }
  }

  // A step with no rung left (closed, sent back to waiting, fully escalated) loses its waiting timer.
  private async disarm(stepId: string, state: string): Promise<void> {
    if (state === 'delayed' || state === 'waiting') await this.queue.remove(stepTimerJobId(stepId));
  }
}

// The one rung still ahead for an open step, in ladder order (none for a closed step).
export function nextRung(
  clock: ClockRow,
  now: number,
  escalation: (dueDate: string, level: 1 | 2) => Date,
): PlannedRung | null {
  if (!isOpenStep(clock.status) || !clock.dueAt || !clock.dueDate) return null;
  const { dueAt, dueDate } = clock;
  const data: StepRungJobData = { stepId: clock.id, dueAt: dueAt.toISOString() };
  const at = (name: RungJobName, time: Date, level?: 1 | 2): PlannedRung => ({
    name,
    data: level ? { ...data, level } : data,
    delay: Math.max(0, time.getTime() - now),
  });
  if (clock.remindAt && !clock.remindedAt) return at(JobName.RemindStep, clock.remindAt);
  if (!clock.overdueAt) return at(JobName.MarkStepOverdue, dueAt);
  const level = clock.escalationLevel + 1;
  // A rung is due strictly after its instant (escalationLevelDue), so its timer fires 1 ms later.
  if (level === 1 || level === 2)
    return at(JobName.EscalateStep, new Date(escalation(dueDate, level).getTime() + 1), level);
  return null;
}
