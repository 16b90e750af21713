import { Module } from '@nestjs/common';
import { CalendarModule } from 'src/calendar/calendar.module';
import { BoardHistoryProcessor, BoardHistoryScheduler } from './board-history.processor';
import { BoardHistoryRepository } from './board-history.repository';
import { BoardHistoryService } from './board-history.service';
import { BoardService } from './board.service';
import { SupervisionController } from './supervision.controller';
import { SupervisionExportService } from './supervision-export.service';
import { SupervisionOptionsRepository } from './supervision-options.repository';
import { SupervisionRepository } from './supervision.repository';
import { SupervisionService } from './supervision.service';

// The supervisor views: overdue list, per-unit statistics, the 督办看板 and their exports.
@Module({
  imports: [CalendarModule],
  controllers: [SupervisionController],
  providers: [
    SupervisionRepository,
    SupervisionService,
    SupervisionExportService,
    SupervisionOptionsRepository,
    BoardHistoryRepository,
    BoardHistoryService,
    BoardService,
  ],
  exports: [SupervisionService, BoardHistoryService],
})
export class SupervisionModule {}

// Worker side: the daily history job.
@Module({
  imports: [SupervisionModule],
  providers: [BoardHistoryProcessor, BoardHistoryScheduler],
})
export class SupervisionWorkerModule {}
