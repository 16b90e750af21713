import { Injectable } from '@nestjs/common';
import { AuthUser } from 'src/auth/auth-user';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { isOpenStep, isUnfinishedStep, StepStatus } from 'src/domain/step-status';
import { OutboxEventType } from 'src/notifications/outbox-event';
import { TemplatesRepository } from 'src/templates/templates.repository';
import { CaseEventType } from './case-event.entity';
import { ChangeDueDaysDto, ReassignStepDto, UrgeStepDto } from './dto/step.dto';
import { supervisorOfOpenCase } from './step-guards';
import { StepRow } from './steps.repository';
import { WorkflowEngine } from './workflow-engine.service';

// What supervisors of the county (or admins) do to a running step: 转办, 催办, 调整期限.
@Injectable()
export class StepOversightService {
  constructor(
    private readonly engine: WorkflowEngine,
    private readonly templates: TemplatesRepository,
  ) {}

  // 转办: a department-lane step moves to another department of the county; the new holder gets the
  // step's full duration from now.
  reassign(user: AuthUser, stepId: string, input: ReassignStepDto): Promise<StepRow> {
    return this.engine.runOnStep(user, stepId, supervisorOfOpenCase('转办环节'), async (work, step) => {
      if (step.lane !== 'department')
        throw new DomainError(ErrorCode.INVALID_TRANSITION, '乡镇环节不能转办给县直部门');
      if (!isUnfinishedStep(step.status)) {
        throw new DomainError(ErrorCode.INVALID_TRANSITION, '已办结的环节不能转办');
      }
      const valid = await this.templates
        .reader(work.manager)
        .departmentsInCounty(work.caseRow.county, [input.departmentId]);
      if (valid.length === 0)
        throw new DomainError(
          ErrorCode.DEPARTMENT_NOT_FOUND,
          `部门 ${input.departmentId} 不存在或不属于${work.caseRow.county}`,
          { field: 'departmentId' },
        );
      const from = step.assigneeDepartmentIds;
      if (step.status === StepStatus.InProgress)
        await this.engine.transition(work, step, StepStatus.Ready, {}, input.reason);
      const restart =
        step.status === StepStatus.Ready ? this.engine.clockFrom(work, work.now, step.dueWorkingDays) : {};
      await this.engine.patch(work, step, { assigneeDepartmentIds: [input.departmentId], ...restart });
      work.record({
        stepId: step.id,
        type: CaseEventType.StepReassigned,
        note: input.reason ?? null,
        data: { from, to: [input.departmentId], dueDate: step.dueDate },
      });
      if (step.status === StepStatus.Ready) work.notify(OutboxEventType.StepReassigned, step, input.reason);
    });
  }

  // 催办: recorded, and the holder is notified.
  urge(user: AuthUser, stepId: string, input: UrgeStepDto): Promise<StepRow> {
    return this.engine.runOnStep(user, stepId, supervisorOfOpenCase('催办'), (work, step) => {
      if (!isOpenStep(step.status)) {
        throw new DomainError(ErrorCode.INVALID_TRANSITION, '只能催办待办理或办理中的环节');
      }
      const note = input.note?.trim() || '请尽快办理';
      work.record({ stepId: step.id, type: CaseEventType.StepUrged, note });
      work.notify(OutboxEventType.StepUrged, step, note);
      return Promise.resolve();
    });
  }

  // One step's duration; an open step's deadline is recomputed from when its clock started (the
  // ladder restarts for the new deadline).
  changeDueDays(user: AuthUser, stepId: string, input: ChangeDueDaysDto): Promise<StepRow> {
    return this.engine.runOnStep(user, stepId, supervisorOfOpenCase('调整期限'), async (work, step) => {
      if (!isUnfinishedStep(step.status)) {
        throw new DomainError(ErrorCode.INVALID_TRANSITION, '已办结的环节不能调整期限');
      }
      await this.engine.changeDuration(work, step, input.dueWorkingDays, input.reason);
    });
  }
}
