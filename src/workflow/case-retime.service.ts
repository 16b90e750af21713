import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DomainEvents, TemplateDurationsChange } from 'src/common/events/domain-events';
import { isUnfinishedStep } from 'src/domain/step-status';
import { JobName, QueueName, RetimeCasesOfTemplateJobData } from 'src/queue/queue.constants';
import { TemplatesRepository } from 'src/templates/templates.repository';
import { CaseStatus } from './case-status';
import { CasesRepository } from './cases.repository';
import { WorkflowEngine } from './workflow-engine.service';

// A template version saved with "re-time open cases": every open case of that duty (whatever version
// it runs) takes the new durations for its unfinished steps at the same position, one case per unit
// of work under the case lock; open steps get deadlines recomputed from when their clock started.
// Runs as a job (never inside the PUT request); running it again changes nothing already applied.
@Injectable()
export class CaseRetimeService implements OnModuleInit {
  private readonly logger = new Logger(CaseRetimeService.name);

  constructor(
    private readonly cases: CasesRepository,
    private readonly templates: TemplatesRepository,
    private readonly engine: WorkflowEngine,
    private readonly events: DomainEvents,
    @InjectQueue(QueueName.Workflow) private readonly queue: Queue,
  ) {}

  onModuleInit(): void {
    this.events.on('template.durations-changed', (change) => this.enqueue(change));
  }

  // Keyed by the template version: saving it is what asks for the re-timing, once.
  async enqueue(change: TemplateDurationsChange): Promise<void> {
    const data: RetimeCasesOfTemplateJobData = { templateId: change.templateId, actorId: change.actorId };
    await this.queue.add(JobName.RetimeCasesOfTemplate, data, {
      jobId: `retime-template-${change.templateId}`,
    });
  }

  // Resolves to the number of steps whose duration changed.
  async apply(templateId: string, actorId: string): Promise<number> {
    const reader = this.templates.reader();
    const template = await reader.findById(templateId);
    if (!template) return 0;
    const days = new Map((await reader.findSteps(templateId)).map((s) => [s.position, s.dueWorkingDays]));
    let changed = 0;
    for (const caseId of await this.cases.findOpenCaseIdsOfDuty(template.dutyId)) {
      changed += await this.engine.run(caseId, actorId, async (work) => {
        if (work.caseRow.status !== CaseStatus.Open) return 0;
        const targets = work.steps.filter((step) => {
          const next = days.get(step.position);
          return next !== undefined && next !== step.dueWorkingDays && isUnfinishedStep(step.status);
        });
        for (const step of targets) {
          const note = `按模板第 ${template.version} 版调整期限`;
          await this.engine.changeDuration(work, step, days.get(step.position) as number, note);
        }
        return targets.length;
      });
    }
    this.logger.log(
      `template ${templateId} (v${template.version}): ${changed} open step duration(s) changed`,
    );
    return changed;
  }
}
