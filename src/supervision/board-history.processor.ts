import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { BoardJobName, JobName, QueueName } from 'src/queue/queue.constants';
import { BoardHistoryService } from './board-history.service';
import {
  BOARD_HISTORY_CRON,
  BOARD_HISTORY_SCHEDULER_ID,
  BOARD_HISTORY_TIMEZONE,
} from './supervision.constants';

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

// Worker start: the daily job (upsert: several workers share one). It is not also run at start: until
// its first run the statistics scan case_steps (same numbers, slower) and the weekly line starts empty.
@Injectable()
export class BoardHistoryScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.Board) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      BOARD_HISTORY_SCHEDULER_ID,
      { pattern: BOARD_HISTORY_CRON, tz: BOARD_HISTORY_TIMEZONE },
      { name: JobName.RecordBoardHistory, data: {} },
    );
  }
}
