import { Module } from '@nestjs/common';
import { DutyListsModule } from 'src/duty-lists/duty-lists.module';
import { MaintenanceProcessor } from './maintenance.processor';
import { MaintenanceScheduler } from './maintenance.scheduler';
import { RetentionRepository } from './retention.repository';
import { RetentionService } from './retention.service';

// Worker only: reconciliation of jobs with their database rows, and retention of growing tables.
@Module({
  imports: [DutyListsModule],
  providers: [RetentionRepository, RetentionService, MaintenanceProcessor, MaintenanceScheduler],
  exports: [RetentionService],
})
export class MaintenanceWorkerModule {}
