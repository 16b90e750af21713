import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertCanViewCase } from 'src/auth/access-policy';
import { AuthUser } from 'src/auth/auth-user';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { CaseEventType } from './case-event.entity';
import { CaseEventRow, CaseEventsRepository } from './case-events.repository';
import { CasesRepository } from './cases.repository';
import { CommentDto } from './dto/step.dto';
import { anyoneWhoSeesTheCase } from './step-guards';
import { StepRow, StepsRepository } from './steps.repository';
import { WorkflowEngine } from './workflow-engine.service';

// Comments on a step, kept in the audit trail: anyone who may see the case, also after it closed.
@Injectable()
export class StepCommentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: WorkflowEngine,
    private readonly steps: StepsRepository,
    private readonly cases: CasesRepository,
    private readonly events: CaseEventsRepository,
  ) {}

  comment(user: AuthUser, stepId: string, input: CommentDto): Promise<StepRow> {
    return this.engine.runOnStep(user, stepId, anyoneWhoSeesTheCase, (work, step) => {
      work.record({ stepId: step.id, type: CaseEventType.StepComment, note: input.text });
      return Promise.resolve();
    });
  }

  // A plain read: no transaction, no case lock.
  async list(user: AuthUser, stepId: string): Promise<CaseEventRow[]> {
    const caseId = await this.steps.findCaseIdOfStep(stepId);
    const found = caseId ? await this.cases.findById(this.dataSource.manager, caseId) : null;
    if (!found) throw new DomainError(ErrorCode.STEP_NOT_FOUND, `环节 ${stepId} 不存在`, { field: 'id' });
    assertCanViewCase(user, found);
    return this.events.listComments(stepId);
  }
}
