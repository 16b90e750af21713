import { Module } from '@nestjs/common';
import { CalendarModule } from 'src/calendar/calendar.module';
import { OutboxModule } from 'src/notifications/outbox.module';
import { TemplatesModule } from 'src/templates/templates.module';
import { CaseEventsRepository } from './case-events.repository';
import { CaseRetimeService } from './case-retime.service';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { InboxController } from './inbox.controller';
import { InboxService } from './inbox.service';
import { StepCommentsService } from './step-comments.service';
import { StepOversightService } from './step-oversight.service';
import { StepProgressService } from './step-progress.service';
import { StepReturnService } from './step-return.service';
import { StepsController } from './steps.controller';
import { StepsRepository } from './steps.repository';
import { WorkflowEngine } from './workflow-engine.service';
import { WorkflowProcessor } from './workflow.processor';

// The engine: cases and their steps form one aggregate (every step change locks its case), so one module.
@Module({
  imports: [TemplatesModule, CalendarModule, OutboxModule],
  controllers: [CasesController, StepsController, InboxController],
  providers: [
    CasesRepository,
    StepsRepository,
    CaseEventsRepository,
    WorkflowEngine,
    CasesService,
    StepProgressService,
    StepReturnService,
    StepOversightService,
    StepCommentsService,
    InboxService,
    CaseRetimeService,
  ],
  exports: [CasesRepository, StepsRepository, CaseEventsRepository, WorkflowEngine, CaseRetimeService],
})
export class WorkflowModule {}

// Worker only: the engine's background jobs (re-timing open cases after a template change).
@Module({
  imports: [WorkflowModule],
  providers: [WorkflowProcessor],
})
export class WorkflowWorkerModule {}
