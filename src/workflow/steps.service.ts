import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertCanViewCase, assertHoldsStep } from 'src/auth/access-policy';
import { AuthUser } from 'src/auth/auth-user';
import { CaseEventType } from 'src/workflow/case-event.entity';
import { CaseEventRow, CaseEventsRepository } from 'src/workflow/case-events.repository';
import { CaseStatus } from 'src/workflow/case-status';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { StepClockSignal } from 'src/deadlines/step-clock-signal';
import { OutboxDispatchTrigger } from 'src/notifications/outbox-dispatch-trigger';
import { OutboxEventType } from 'src/notifications/outbox-event';
import { TemplatesRepository } from 'src/templates/templates.repository';
import { UserRole } from 'src/users/user-role';
import { ChangeDueDaysDto, CommentDto, ReassignStepDto, ReturnStepDto, UrgeStepDto } from './dto/step.dto';
import { OPEN_STEP_STATUSES, StepStatus } from 'src/domain/step-status';
import { InboxRow, StepRow, StepsRepository } from './steps.repository';
import { CaseWork, WorkflowEngine } from './workflow-engine.service';
import { planReturn } from 'src/domain/workflow';

type StepAction = (work: CaseWork, step: StepRow) => Promise<void>;

@Injectable()
export class StepsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly steps: StepsRepository,
    private readonly events: CaseEventsRepository,
    private readonly templates: TemplatesRepository,
    private readonly engine: WorkflowEngine,
    private readonly outboxTrigger: OutboxDispatchTrigger,
    private readonly stepClock: StepClockSignal,
  ) {}

  claim(user: AuthUser, stepId: string): Promise<StepRow> {
    return this.act(user, stepId, true, async (work, step) => {
      await this.engine.transition(work, step, StepStatus.InProgress, { claimedBy: user.id });
    });
  }

  complete(user: AuthUser, stepId: string, note?: string): Promise<StepRow> {
    return this.act(user, stepId, true, async (work, step) => {
      await this.engine.transition(
        work,
        step,
        StepStatus.Completed,
        { completedBy: user.id, note: note ?? null },
        note,
      );
      await this.engine.advance(work);
    });
  }

  skip(user: AuthUser, stepId: string, reason: string): Promise<StepRow> {
    return this.act(user, stepId, true, async (work, step) => {
      if (!step.optional) throw new DomainError(ErrorCode.INVALID_TRANSITION, '该环节不是可选环节，不能跳过');
      await this.engine.transition(work, step, StepStatus.Skipped, { note: reason }, reason);
      await this.engine.advance(work);
    });
  }

  // 退回: the target step reopens (its clock restarts) and every step after it that had started goes
  // back to waiting; they start again, with fresh deadlines, as their predecessors complete.
  sendBack(user: AuthUser, stepId: string, input: ReturnStepDto): Promise<StepRow> {
    return this.act(user, stepId, true, async (work, step) => {
      if (![StepStatus.Ready, StepStatus.InProgress].includes(step.status)) {
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
        await this.engine.transition(
          work,
          work.byPosition(position) as StepRow,
          StepStatus.Pending,
          {},
          input.reason,
        );
      }
      await this.engine.transition(work, reopened, StepStatus.Ready, {}, input.reason);
      work.events.push({
        caseId: work.caseRow.id,
        stepId: step.id,
        actorId: user.id,
        type: CaseEventType.StepReturned,
        note: input.reason,
        data: { toStepId: reopened.id, toPosition: reopened.position, reset: plan.reset },
      });
      work.notify(OutboxEventType.StepReturned, reopened, input.reason);
    });
  }

  // 转办 by a supervisor of the county (or an admin): a department-lane step moves to another
  // department; the new holder gets the step's full duration from now.
  reassign(user: AuthUser, stepId: string, input: ReassignStepDto): Promise<StepRow> {
    return this.act(user, stepId, false, async (work, step) => {
      if (user.role !== UserRole.Supervisor && user.role !== UserRole.Admin)
        throw new DomainError(ErrorCode.FORBIDDEN, '只有督办人员可以转办环节');
      if (step.lane !== 'department')
        throw new DomainError(ErrorCode.INVALID_TRANSITION, '乡镇环节不能转办给县直部门');
      if (![StepStatus.Pending, StepStatus.Ready, StepStatus.InProgress].includes(step.status)) {
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
        step.status === StepStatus.Ready ? this.engine.startClock(work, step.dueWorkingDays) : {};
      const patch = { assigneeDepartmentIds: [input.departmentId], ...restart };
      await this.steps.update(work.manager, step.id, patch);
      Object.assign(step, patch);
      if (restart.dueAt) work.clockChanged.add(step.id);
      work.events.push({
        caseId: work.caseRow.id,
        stepId: step.id,
        actorId: user.id,
        type: CaseEventType.StepReassigned,
        note: input.reason ?? null,
        data: { from, to: [input.departmentId], dueDate: step.dueDate },
      });
      if (step.status === StepStatus.Ready) work.notify(OutboxEventType.StepReassigned, step, input.reason);
    });
  }

  // 催办 by a supervisor of the county (or an admin): recorded, and the holder is notified.
  urge(user: AuthUser, stepId: string, input: UrgeStepDto): Promise<StepRow> {
    return this.act(user, stepId, false, (work, step) => {
      assertSupervisor(user, '催办');
      if (!OPEN_STEP_STATUSES.includes(step.status)) {
        throw new DomainError(ErrorCode.INVALID_TRANSITION, '只能催办待办理或办理中的环节');
      }
      const note = input.note?.trim() || '请尽快办理';
      work.events.push({
        caseId: work.caseRow.id,
        stepId: step.id,
        actorId: user.id,
        type: CaseEventType.StepUrged,
        note,
      });
      work.notify(OutboxEventType.StepUrged, step, note);
      return Promise.resolve();
    });
  }

  // A supervisor changes one step's duration; an open step's deadline is recomputed from when its
  // clock started (the ladder restarts for the new deadline).
  changeDueDays(user: AuthUser, stepId: string, input: ChangeDueDaysDto): Promise<StepRow> {
    return this.act(user, stepId, false, async (work, step) => {
      assertSupervisor(user, '调整期限');
      if (![StepStatus.Pending, ...OPEN_STEP_STATUSES].includes(step.status)) {
        throw new DomainError(ErrorCode.INVALID_TRANSITION, '已办结的环节不能调整期限');
      }
      await this.engine.changeDuration(work, step, input.dueWorkingDays, input.reason);
    });
  }

  // Anyone who may see the case may comment on its steps.
  comment(user: AuthUser, stepId: string, input: CommentDto): Promise<StepRow> {
    const addComment: StepAction = (work, step) => {
      work.events.push({
        caseId: work.caseRow.id,
        stepId: step.id,
        actorId: user.id,
        type: CaseEventType.StepComment,
        note: input.text,
      });
      return Promise.resolve();
    };
    return this.act(user, stepId, false, addComment, false);
  }

  async listComments(user: AuthUser, stepId: string): Promise<CaseEventRow[]> {
    await this.act(user, stepId, false, () => Promise.resolve(), false);
    return this.events.listComments(stepId);
  }

  // The caller's unit's ready and in-progress steps, earliest due first.
  async inbox(
    user: AuthUser,
    page: number,
    pageSize: number,
  ): Promise<{ items: InboxRow[]; total: number; page: number; pageSize: number }> {
    const unit =
      user.role === UserRole.DepartmentStaff && user.departmentId
        ? { departmentId: user.departmentId }
        : user.role === UserRole.TownshipStaff && user.townshipId
          ? { townshipId: user.townshipId }
          : null;
    if (!unit)
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        '待办箱属于县直部门或乡镇；督办人员请使用办件列表与督办视图',
      );
    const [items, total] = await Promise.all([
      this.steps.inbox(unit, pageSize, (page - 1) * pageSize),
      this.steps.countInbox(unit),
    ]);
    return { items, total, page, pageSize };
  }

  // Locks the case, checks the caller may see it (and, for holder actions, holds the step), runs the
  // action, writes events and outbox rows, commits; then nudges the notification dispatcher.
  private async act(
    user: AuthUser,
    stepId: string,
    holderOnly: boolean,
    action: StepAction,
    needsOpenCase = true,
  ): Promise<StepRow> {
    const caseId = await this.steps.findCaseIdOfStep(stepId);
    if (!caseId) throw new DomainError(ErrorCode.STEP_NOT_FOUND, `环节 ${stepId} 不存在`, { field: 'id' });
    const clockChanged = new Set<string>();
    const result = await this.dataSource.transaction(async (manager) => {
      const work = (await this.engine.begin(manager, caseId, user.id)) as CaseWork;
      const step = work.step(stepId) as StepRow;
      assertCanViewCase(user, work.caseRow);
      if (holderOnly) assertHoldsStep(user, { ...step, townshipId: work.caseRow.townshipId });
      if (needsOpenCase && work.caseRow.status !== CaseStatus.Open) {
        throw new DomainError(
          ErrorCode.INVALID_TRANSITION,
          `办件已${work.caseRow.status === CaseStatus.Completed ? '办结' : '撤销'}，不能再操作其环节`,
        );
      }
      await action(work, step);
      await this.engine.commit(work);
      work.clockChanged.forEach((id) => clockChanged.add(id));
      return { ...step };
    });
    this.outboxTrigger.kick();
    this.stepClock.raise(clockChanged);
    return result;
  }
}

function assertSupervisor(user: AuthUser, what: string): void {
  if (user.role !== UserRole.Supervisor && user.role !== UserRole.Admin) {
    throw new DomainError(ErrorCode.FORBIDDEN, `只有督办人员可以${what}`);
  }
}
