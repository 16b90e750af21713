import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { ImportDutyListJobData, ImportsJobName, JobName, QueueName } from 'src/queue/queue.constants';
import { ImportsService } from './imports.service';

// Thin: checks the payload and hands over to the service.
@Processor(QueueName.Imports, { concurrency: 1 })
export class ImportsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ImportsProcessor.name);

  constructor(private readonly imports: ImportsService) {
    super();
  }

  // Reconciliation: an upload whose enqueue was lost (Redis down, crash after commit) is picked up here.
  async onApplicationBootstrap(): Promise<void> {
    const requeued = await this.imports.requeueUnfinished();
    if (requeued > 0) this.logger.log(`requeued ${requeued} unfinished import(s)`);
  }

  async process(job: Job<ImportDutyListJobData, void, ImportsJobName>): Promise<void> {
    switch (job.name) {
      case JobName.ImportDutyList: {
        if (typeof job.data?.importId !== 'string') throw new Error(`job ${job.id}: missing importId`);
        // The imports row holds the progress callers read; the job's copy is informational and is not
        // awaited: the callback runs inside the import's transaction, and with the queues in the same
        // embedded database the update could only run after that transaction.
        await this.imports.run(job.data.importId, (percent) => {
          job.updateProgress(percent).catch(() => undefined);
          return Promise.resolve();
        });
        this.logger.log(`import ${job.data.importId} done`);
        return;
      }
    }
  }
}
