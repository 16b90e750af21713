import { Module } from '@nestjs/common';
import { CalendarModule } from 'src/calendar/calendar.module';
import { InboxController } from 'src/steps/inbox.controller';
import { StepsController } from 'src/steps/steps.controller';
import { StepsRepository } from 'src/steps/steps.repository';
import { StepsService } from 'src/steps/steps.service';
import { WorkflowEngine } from 'src/steps/workflow-engine.service';
import { TemplatesModule } from 'src/templates/templates.module';
import { CaseEventsRepository } from './case-events.repository';
import { CaseRetimeService } from './case-retime.service';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';

// Cases and their steps form one aggregate (every step change locks its case), so one module.
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
export class CasesModule {}
