import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StepClockSignal } from 'src/deadlines/step-clock-signal';
import { OPEN_STEP_STATUSES, StepStatus } from 'src/domain/step-status';
import { WorkflowEngine } from 'src/workflow/workflow-engine.service';
import { TemplateDurationsChange, TemplateDurationsSignal } from 'src/templates/template-durations.signal';
import { CaseStatus } from './case-status';
import { CasesRepository } from './cases.repository';

// A template version saved with "re-time open cases": every open case of that duty (whatever version
// it runs) takes the new durations for its unfinished steps at the same position, one case per
// transaction under the case lock; open steps get deadlines recomputed from when their clock started.
@Injectable()
export class CaseRetimeService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesRepository,
    private readonly engine: WorkflowEngine,
    private readonly durations: TemplateDurationsSignal,
    private readonly stepClock: StepClockSignal,
  ) {}

  onModuleInit(): void {
    this.durations.bind((change) => this.apply(change));
  }

  async apply(change: TemplateDurationsChange): Promise<number> {
    let changed = 0;
    for (const caseId of await this.cases.findOpenCaseIdsOfDuty(change.dutyId)) {
      changed += await this.applyToCase(caseId, change);
    }
    return changed;
  }

  private async applyToCase(caseId: string, change: TemplateDurationsChange): Promise<number> {
    const days = new Map(change.durations.map((d) => [d.position, d.dueWorkingDays]));
    const unfinished: StepStatus[] = [StepStatus.Pending, ...OPEN_STEP_STATUSES];
    const clockChanged = new Set<string>();
    const count = await this.dataSource.transaction(async (manager) => {
      const work = await this.engine.begin(manager, caseId, change.actorId);
      if (!work || work.caseRow.status !== CaseStatus.Open) return 0;
      const targets = work.steps.filter((step) => {
        const next = days.get(step.position);
        return next !== undefined && next !== step.dueWorkingDays && unfinished.includes(step.status);
      });
      for (const step of targets) {
        await this.engine.changeDuration(
          work,
          step,
          days.get(step.position) as number,
          `按模板第 ${change.version} 版调整期限`,
        );
      }
      await this.engine.commit(work);
      work.clockChanged.forEach((id) => clockChanged.add(id));
      return targets.length;
    });
    this.stepClock.raise(clockChanged);
    return count;
  }
}
