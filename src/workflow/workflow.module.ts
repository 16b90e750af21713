import { Module } from '@nestjs/common';
import { CalendarModule } from 'src/calendar/calendar.module';
import { InboxController } from './inbox.controller';
import { StepsController } from './steps.controller';
import { StepsRepository } from './steps.repository';
import { StepsService } from './steps.service';
import { WorkflowEngine } from './workflow-engine.service';
import { TemplatesModule } from 'src/templates/templates.module';
import { CaseEventsRepository } from './case-events.repository';
import { CaseRetimeService } from './case-retime.service';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';

// The engine: cases and their steps form one aggregate (every step change locks its case), so one module.
@Module({
  imports: [TemplatesModule, CalendarModule],
  controllers: [CasesController, StepsController, InboxController],
  providers: [
    CasesRepository,
    StepsRepository,
    CaseEventsRepository,
    WorkflowEngine,
    CasesService,
    StepsService,
    CaseRetimeService,
  ],
  exports: [CasesRepository, StepsRepository, CaseEventsRepository, WorkflowEngine],
})
export class WorkflowModule {}
