import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { JOB_SCHEDULERS, JobSchedulerKeeper } from 'src/queue/job-schedulers';
import { Job, Queue } from 'bullmq';
import { BoardJobName, JobName, QueueName } from 'src/queue/queue.constants';
import { BoardHistoryService } from './board-history.service';

@Processor(QueueName.Board)
export class BoardHistoryProcessor extends WorkerHost {
  constructor(private readonly history: BoardHistoryService) {
    super();
  }

  async process(job: Job<unknown, unknown, BoardJobName>): Promise<unknown> {
    switch (job.name) {
      case JobName.RecordBoardHistory:
        return this.history.record();
    }
  }
}

// Worker: keeps the daily history job registered. It is not also run at start: until its first run
// the statistics scan case_steps (same numbers, slower) and the weekly line starts empty.
@Injectable()
export class BoardHistoryScheduler extends JobSchedulerKeeper {
  constructor(@InjectQueue(QueueName.Board) queue: Queue) {
    super(queue, JOB_SCHEDULERS[QueueName.Board]);
  }
}
