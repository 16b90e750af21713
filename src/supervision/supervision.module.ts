import { Module } from '@nestjs/common';
import { CalendarModule } from 'src/calendar/calendar.module';
import { SupervisionController } from './supervision.controller';
import { SupervisionExportService } from './supervision-export.service';
import { SupervisionRepository } from './supervision.repository';
import { SupervisionService } from './supervision.service';

// Issue 5's supervisor views: overdue list, per-unit statistics, and their exports.
@Module({
  imports: [CalendarModule],
  controllers: [SupervisionController],
  providers: [SupervisionRepository, SupervisionService, SupervisionExportService],
  exports: [SupervisionService],
})
export class SupervisionModule {}
