import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobName, QueueName, RetimeCasesOfTemplateJobData, WorkflowJobName } from 'src/queue/queue.constants';
import { CaseRetimeService } from './case-retime.service';

// Thin: checks the payload, calls the service. The switch is exhaustive over the queue's job names.
@Processor(QueueName.Workflow)
export class WorkflowProcessor extends WorkerHost {
  constructor(private readonly retime: CaseRetimeService) {
    super();
  }

  async process(job: Job<unknown, unknown, WorkflowJobName>): Promise<unknown> {
    switch (job.name) {
      case JobName.RetimeCasesOfTemplate: {
        const { templateId, actorId } = retimeData(job.data);
        return this.retime.apply(templateId, actorId);
      }
    }
  }
}

function retimeData(data: unknown): RetimeCasesOfTemplateJobData {
  const { templateId, actorId } = (data ?? {}) as Partial<RetimeCasesOfTemplateJobData>;
  if (typeof templateId !== 'string' || typeof actorId !== 'string') {
    throw new Error(`invalid re-time job data: ${JSON.stringify(data)}`);
  }
  return { templateId, actorId };
}
