import { Processor, WorkerHost } from '@nestjs/bullmq';
import { DelayedError, Job } from 'bullmq';
import {
  JobName,
  QueueName,
  StepRungJobData,
  StepTimerJobData,
  DeadlinesJobName,
} from 'src/queue/queue.constants';
import { SWEEP_BATCH_SIZE } from './deadlines.constants';
import { LadderService } from './ladder.service';
import { SweepService } from './sweep.service';

// Thin: checks the payload, calls the services. The switch is exhaustive over the queue's job names.
@Processor(QueueName.Deadlines, { concurrency: 8 })
export class DeadlinesProcessor extends WorkerHost {
  constructor(
    private readonly ladder: LadderService,
    private readonly sweeps: SweepService,
  ) {
    super();
  }

  async process(job: Job<unknown, unknown, DeadlinesJobName>, token?: string): Promise<unknown> {
    switch (job.name) {
      case JobName.StepTimer: {
        const { climbed, nextInMs } = await this.ladder.onTimer(timerStep(job.data));
        if (nextInMs === null) return climbed;
        // The same job waits for the step's next rung (one timer per step, re-armed as it fires).
        await job.moveToDelayed(Date.now() + nextInMs, token);
        throw new DelayedError();
      }
      case JobName.RemindStep:
      case JobName.MarkStepOverdue:
      case JobName.EscalateStep:
        return this.ladder.fireLegacyRung(job.name, ...rung(job.data));
      case JobName.LadderSweep:
        return this.sweeps.sweep();
      case JobName.RetimeOpenSteps:
        return this.ladder.retimeOpenSteps(SWEEP_BATCH_SIZE);
      case JobName.DailyDigest:
        return this.sweeps.dailyDigest();
    }
  }
}

function rung(data: unknown): [string, Date] {
  const { stepId, dueAt } = (data ?? {}) as Partial<StepRungJobData>;
  if (typeof stepId !== 'string' || typeof dueAt !== 'string' || Number.isNaN(Date.parse(dueAt))) {
    throw new Error(`invalid rung job data: ${JSON.stringify(data)}`);
  }
  return [stepId, new Date(dueAt)];
}

function timerStep(data: unknown): string {
  const { stepId } = (data ?? {}) as Partial<StepTimerJobData>;
  if (typeof stepId !== 'string') throw new Error(`invalid step timer data: ${JSON.stringify(data)}`);
  return stepId;
}
