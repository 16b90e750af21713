import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { toChinaDate } from 'src/calendar/working-days';
import { Clock } from 'src/common/clock/clock';
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

// Worker start: the daily job (upsert: several workers share one), and today's run at once when the
// snapshot is missing (a worker that was down at 00:05); the job id makes that once per day.
@Injectable()
export class BoardHistoryScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.Board) private readonly queue: Queue,
    private readonly history: BoardHistoryService,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      BOARD_HISTORY_SCHEDULER_ID,
      { pattern: BOARD_HISTORY_CRON, tz: BOARD_HISTORY_TIMEZONE },
      { name: JobName.RecordBoardHistory, data: {} },
    );
    if (await this.history.snapshotMissingToday()) {
      const day = toChinaDate(this.clock.now());
      await this.queue.add(JobName.RecordBoardHistory, {}, { jobId: `board-history-${day}` });
    }
  }
}
