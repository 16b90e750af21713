import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobName, QueueName, StepRungJobData, DeadlinesJobName } from 'src/queue/queue.constants';
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

  async process(job: Job<unknown, unknown, DeadlinesJobName>): Promise<unknown> {
    switch (job.name) {
      case JobName.RemindStep:
        return this.ladder.remind(...rung(job.data));
      case JobName.MarkStepOverdue:
        return this.ladder.markOverdue(...rung(job.data));
      case JobName.EscalateStep:
        return this.ladder.escalate(...rung(job.data));
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
