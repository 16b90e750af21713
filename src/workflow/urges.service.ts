import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertCanViewCase } from 'src/auth/access-policy';
import { AuthUser } from 'src/auth/auth-user';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { OutboxEventType } from 'src/notifications/outbox-event';
import { CaseEventType } from './case-event.entity';
import { CaseEventRow, CaseEventsRepository } from './case-events.repository';
import { UrgeDto } from './dto/urge.dto';
import { CasesRepository } from './cases.repository';
import { StepsRepository } from './steps.repository';
import { holderOfOpenCase } from './step-guards';
import { WorkflowEngine } from './workflow-engine.service';

// 催办反馈: the unit holding an urged step answers the urge; the county's supervisors are notified
// and see the answer under the urge (GET /steps/:id/urges).
@Injectable()
export class UrgesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly steps: StepsRepository,
    private readonly cases: CasesRepository,
    private readonly events: CaseEventsRepository,
    private readonly engine: WorkflowEngine,
  ) {}

  async reply(user: AuthUser, stepId: string, note: string): Promise<UrgeDto[]> {
    await this.engine.runOnStep(user, stepId, holderOfOpenCase, async (work, step) => {
      const urges = (await this.events.listUrges(stepId)).filter((e) => e.type === CaseEventType.StepUrged);
      const urge = urges.at(-1);
      if (!urge) throw new DomainError(ErrorCode.INVALID_TRANSITION, '该环节没有被催办过，无需反馈');
      work.record({ stepId, type: CaseEventType.UrgeReplied, note, data: { urgeEventId: urge.id } });
      work.outbox.push({
        type: OutboxEventType.UrgeReplied,
        payload: {
          caseId: work.caseRow.id,
          stepId,
          caseTitle: work.caseRow.title,
          stepText: step.text,
          units: [{ kind: 'county', id: work.caseRow.county }],
          dueDate: step.dueDate,
          note,
        },
      });
    });
    return this.list(user, stepId);
  }

  async list(user: AuthUser, stepId: string): Promise<UrgeDto[]> {
    const caseRow = await this.cases.findById(this.dataSource.manager, await this.caseOf(stepId));
    if (!caseRow) throw new DomainError(ErrorCode.STEP_NOT_FOUND, `环节 ${stepId} 不存在`, { field: 'id' });
    assertCanViewCase(user, caseRow);
    return groupUrges(await this.events.listUrges(stepId));
  }

  private async caseOf(stepId: string): Promise<string> {
    const caseId = await this.steps.findCaseIdOfStep(stepId);
    if (!caseId) throw new DomainError(ErrorCode.STEP_NOT_FOUND, `环节 ${stepId} 不存在`, { field: 'id' });
    return caseId;
  }
}

// Each reply belongs to the urge it answered (data.urgeEventId).
export function groupUrges(events: CaseEventRow[]): UrgeDto[] {
  const urges: UrgeDto[] = events
    .filter((e) => e.type === CaseEventType.StepUrged)
    .map((e) => ({
      id: e.id,
      note: e.note,
      urgedBy: e.actorId,
      urgedByName: e.actorName,
      urgedAt: e.createdAt,
      replies: [],
    }));
  for (const reply of events.filter((e) => e.type === CaseEventType.UrgeReplied)) {
    const urge = urges.find((u) => u.id === String(reply.data?.urgeEventId));
    urge?.replies.push({
      id: reply.id,
      note: reply.note,
      repliedBy: reply.actorId,
      repliedByName: reply.actorName,
      repliedAt: reply.createdAt,
    });
  }
  return urges;
}
