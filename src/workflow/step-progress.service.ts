import { Injectable } from '@nestjs/common';
import { AuthUser } from 'src/auth/auth-user';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { StepStatus } from 'src/domain/step-status';
import { holderOfOpenCase } from './step-guards';
import { StepRow } from './steps.repository';
import { WorkflowEngine } from './workflow-engine.service';

// The holder's everyday actions: claim (认领), complete (办结), skip an optional step (跳过).
@Injectable()
export class StepProgressService {
  constructor(private readonly engine: WorkflowEngine) {}

  claim(user: AuthUser, stepId: string): Promise<StepRow> {
    return this.engine.runOnStep(user, stepId, holderOfOpenCase, async (work, step) => {
      await this.engine.transition(work, step, StepStatus.InProgress, { claimedBy: user.id });
    });
  }

  complete(user: AuthUser, stepId: string, note?: string): Promise<StepRow> {
    return this.engine.runOnStep(user, stepId, holderOfOpenCase, async (work, step) => {
      const fields = { completedBy: user.id, note: note ?? null };
      await this.engine.transition(work, step, StepStatus.Completed, fields, note);
      await this.engine.advance(work);
    });
  }

  skip(user: AuthUser, stepId: string, reason: string): Promise<StepRow> {
    return this.engine.runOnStep(user, stepId, holderOfOpenCase, async (work, step) => {
      if (!step.optional) throw new DomainError(ErrorCode.INVALID_TRANSITION, '该环节不是可选环节，不能跳过');
      await this.engine.transition(work, step, StepStatus.Skipped, { note: reason }, reason);
      await this.engine.advance(work);
    });
  }
}
