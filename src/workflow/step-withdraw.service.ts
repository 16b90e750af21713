import { Injectable } from '@nestjs/common';
import { AuthUser } from 'src/auth/auth-user';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { StepStatus } from 'src/domain/step-status';
import { planWithdraw } from 'src/domain/workflow';
import { OutboxEventType } from 'src/notifications/outbox-event';
import { CaseEventType } from './case-event.entity';
import { WithdrawStepDto } from './dto/step.dto';
import { holderOfOpenCase } from './step-guards';
import { StepRow } from './steps.repository';
import { WorkflowEngine } from './workflow-engine.service';

// 撤回: the unit that finished a step takes it back while nobody has started on what it released.
// The step returns to 办理中 (claimed by the caller), the steps it released to 未开始; their units
// are told the work was taken back.
@Injectable()
export class StepWithdrawService {
  constructor(private readonly engine: WorkflowEngine) {}

  withdraw(user: AuthUser, stepId: string, input: WithdrawStepDto): Promise<StepRow> {
    return this.engine.runOnStep(user, stepId, holderOfOpenCase, async (work, step) => {
      const plan = planWithdraw(work.steps, step.position);
      if (typeof plan === 'string') throw new DomainError(ErrorCode.INVALID_TRANSITION, plan);
      const reason = input.reason?.trim() || '办结有误，撤回重办';
      for (const position of plan.released) {
        const released = work.byPosition(position) as StepRow;
        await this.engine.transition(work, released, StepStatus.Pending, {}, reason);
        work.notify(OutboxEventType.StepWithdrawn, released, reason);
      }
      await this.engine.transition(work, step, StepStatus.InProgress, { claimedBy: user.id }, reason);
      // The ladder of the step's (unchanged) deadline is scheduled again: its jobs ended with the completion.
      work.clockChanged.add(step.id);
      work.record({
        stepId: step.id,
        type: CaseEventType.StepWithdrawn,
        note: reason,
        data: { released: plan.released },
      });
    });
  }
}
