import { Injectable } from '@nestjs/common';
import { AuthUser } from 'src/auth/auth-user';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { isOpenStep, StepStatus } from 'src/domain/step-status';
import { planReturn } from 'src/domain/workflow';
import { OutboxEventType } from 'src/notifications/outbox-event';
import { CaseEventType } from './case-event.entity';
import { ReturnStepDto } from './dto/step.dto';
import { holderOfOpenCase } from './step-guards';
import { StepRow } from './steps.repository';
import { WorkflowEngine } from './workflow-engine.service';

// 退回: the target step reopens (its clock restarts) and every step after it that had started goes
// back to waiting; they start again, with fresh deadlines, as their predecessors complete.
@Injectable()
export class StepReturnService {
  constructor(private readonly engine: WorkflowEngine) {}

  sendBack(user: AuthUser, stepId: string, input: ReturnStepDto): Promise<StepRow> {
    return this.engine.runOnStep(user, stepId, holderOfOpenCase, async (work, step) => {
      if (!isOpenStep(step.status)) {
        throw new DomainError(ErrorCode.INVALID_TRANSITION, '只能退回正在办理（待办理或办理中）的环节');
      }
      const target = input.toStepId ? work.step(input.toStepId) : undefined;
      if (input.toStepId && !target)
        throw new DomainError(ErrorCode.RETURN_TARGET_INVALID, '退回目标环节不属于本办件', {
          field: 'toStepId',
        });
      const plan = planReturn(work.steps, step.position, target?.position);
      if (typeof plan === 'string')
        throw new DomainError(ErrorCode.RETURN_TARGET_INVALID, plan, { field: 'toStepId' });
      const reopened = work.byPosition(plan.reopen) as StepRow;
      for (const position of plan.reset) {
        const reset = work.byPosition(position) as StepRow;
        await this.engine.transition(work, reset, StepStatus.Pending, {}, input.reason);
      }
      await this.engine.transition(work, reopened, StepStatus.Ready, {}, input.reason);
      work.record({
        stepId: step.id,
        type: CaseEventType.StepReturned,
        note: input.reason,
        data: { toStepId: reopened.id, toPosition: reopened.position, reset: plan.reset },
      });
      work.notify(OutboxEventType.StepReturned, reopened, input.reason);
    });
  }
}
