import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { assertCanViewCase } from 'src/auth/access-policy';
import { AuthUser } from 'src/auth/auth-user';
import { CalendarService } from 'src/calendar/calendar.service';
import { WorkingCalendar } from 'src/calendar/working-days';
import { Clock } from 'src/common/clock/clock';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { DomainEvents } from 'src/common/events/domain-events';
import { nextReplayedWork, recordCommittedWork } from 'src/common/idempotency/idempotent-work';
import { assertTransition } from 'src/common/state-machine/transitions';
import { holdersOf } from 'src/domain/step-holders';
import { isOpenStep, STEP_STATUS_LABELS, STEP_TRANSITIONS, StepStatus } from 'src/domain/step-status';
import { UnitRef } from 'src/domain/vocabulary';
import { isCaseComplete, standingStepsLeftOpen, stepsBecomingReady } from 'src/domain/workflow';
import { OutboxEventInput, OutboxEventType } from 'src/notifications/outbox-event';
import { OutboxRepository } from 'src/notifications/outbox.repository';
import { CaseEventType } from './case-event.entity';
import { CaseEventsRepository, NewCaseEvent } from './case-events.repository';
import { CASE_STATUS_LABELS, CASE_TRANSITIONS, CaseStatus } from './case-status';
import { CaseRow, CasesRepository } from './cases.repository';
import { stepClock } from './step-clock';
import { StepPatch, StepRow, StepsRepository } from './steps.repository';

// One unit of work on one locked case. Status changes go through WorkflowEngine.transition, which
// checks the transition table and queues the audit event; the engine writes events and outbox rows
// before the commit and announces clock changes and outbox rows after it.
export class CaseWork {
  readonly events: NewCaseEvent[] = [];
  readonly outbox: OutboxEventInput[] = [];
  // Steps whose deadline started, moved or stopped: their ladder jobs are (re)scheduled after commit.
  readonly clockChanged = new Set<string>();

  constructor(
    readonly manager: EntityManager,
    readonly caseRow: CaseRow,
    readonly steps: StepRow[],
    readonly actorId: string | null,
    readonly now: Date,
    readonly calendar: WorkingCalendar,
  ) {}

  step(stepId: string): StepRow | undefined {
    return this.steps.find((step) => step.id === stepId);
  }

  byPosition(position: number): StepRow | undefined {
    return this.steps.find((step) => step.position === position);
  }

  holdersOf(step: StepRow): UnitRef[] {
    return holdersOf(step, this.caseRow.townshipId);
  }

  assertCaseOpen(): void {
    if (this.caseRow.status === CaseStatus.Open) return;
    const state = this.caseRow.status === CaseStatus.Completed ? '办结' : '撤销';
    throw new DomainError(ErrorCode.INVALID_TRANSITION, `办件已${state}，不能再操作其环节`);
  }

  record(event: Omit<NewCaseEvent, 'caseId' | 'actorId'> & { actorId?: string | null }): void {
    this.events.push({ caseId: this.caseRow.id, actorId: this.actorId, ...event });
  }

  notify(type: OutboxEventType, step: StepRow, note?: string): void {
    this.outbox.push({
      type,
      payload: {
        caseId: this.caseRow.id,
        stepId: step.id,
        caseTitle: this.caseRow.title,
        stepText: step.text,
        units: this.holdersOf(step),
        dueDate: step.dueDate,
        note,
      },
    });
  }
}

// Who may run a step action, checked after "may see the case" (see step-guards.ts).
export type StepGuard = (user: AuthUser, work: CaseWork, step: StepRow) => void;

const CORRECTION_RESUBMITTED = '退回补正的材料已补正并重新提交，请继续办理';

const LADDER_RESET: StepPatch = {
  remindAt: null,
  remindedAt: null,
  overdueAt: null,
  escalationLevel: 0,
  escalatedAt: null,
};

// The audit note when a standing duty closes with its case.
export const STANDING_NOT_APPLICABLE = '常态化职责：办件其余环节均已办结，本环节不适用';

@Injectable()
export class WorkflowEngine {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesRepository,
    private readonly stepsRepository: StepsRepository,
    private readonly caseEvents: CaseEventsRepository,
    private readonly outbox: OutboxRepository,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly domainEvents: DomainEvents,
  ) {}

  // The unit of work: transaction → case lock → `work` → audit events and outbox rows → commit →
  // after-commit events. Every change to a case and its steps goes through here (or open/runOnStep).
  run<T>(caseId: string, actorId: string | null, work: (work: CaseWork) => Promise<T>): Promise<T> {
    return this.execute(actorId, () => Promise.resolve(caseId), work);
  }

  // The same for a case that `create` inserts inside the transaction (opening a case).
  open<T>(
    actorId: string,
    create: (manager: EntityManager) => Promise<string>,
    work: (work: CaseWork) => Promise<T>,
  ): Promise<T> {
    return this.execute(actorId, create, work);
  }

  // A step action: 404 for an unknown step, 403 unless the user may see the case and passes `guard`;
  // answers the step as the action left it.
  async runOnStep(
    user: AuthUser,
    stepId: string,
    guard: StepGuard,
    action: (work: CaseWork, step: StepRow) => Promise<void>,
  ): Promise<StepRow> {
    const caseId = await this.stepsRepository.findCaseIdOfStep(stepId);
    if (!caseId) throw new DomainError(ErrorCode.STEP_NOT_FOUND, `环节 ${stepId} 不存在`, { field: 'id' });
    return this.run(caseId, user.id, async (work) => {
      const step = work.step(stepId) as StepRow;
      assertCanViewCase(user, work.caseRow);
      guard(user, work, step);
      await action(work, step);
      return { ...step };
    });
  }

  private async execute<T>(
    actorId: string | null,
    locate: (manager: EntityManager) => Promise<string>,
    work: (work: CaseWork) => Promise<T>,
  ): Promise<T> {
    // A retried Idempotency-Key whose work committed before its answer was lost: the committed result.
    const replayed = nextReplayedWork();
    if (replayed) return replayed.result as T;
    let committed: CaseWork | undefined;
    const result = await this.dataSource.transaction(async (manager) => {
      const caseWork = await this.begin(manager, await locate(manager), actorId);
      const value = await work(caseWork);
      await this.caseEvents.add(manager, caseWork.events);
      await this.outbox.add(manager, caseWork.outbox);
      await recordCommittedWork(manager, value);
      committed = caseWork;
      return value;
    });
    if (committed) this.announce(committed);
    return result;
  }

  // Locks the case row (every change to a case and its steps is serialised on it), loads its steps.
  private async begin(manager: EntityManager, caseId: string, actorId: string | null): Promise<CaseWork> {
    await this.cases.lock(manager, caseId);
    const caseRow = await this.cases.findById(manager, caseId);
    if (!caseRow) throw new DomainError(ErrorCode.CASE_NOT_FOUND, `办件 ${caseId} 不存在`, { field: 'id' });
    const steps = await this.stepsRepository.findByCase(manager, caseId);
    return new CaseWork(manager, caseRow, steps, actorId, this.clock.now(), await this.calendar.snapshot());
  }

  // After commit, never awaited by the caller: both reactions have a reconciling sweep behind them.
  private announce(work: CaseWork): void {
    if (work.outbox.length > 0) void this.domainEvents.publish('outbox.written', {});
    if (work.clockChanged.size > 0)
      void this.domainEvents.publish('step.clocks-changed', { stepIds: [...work.clockChanged] });
  }

  async transition(
    work: CaseWork,
    step: StepRow,
    to: StepStatus,
    patch: StepPatch = {},
    note?: string,
  ): Promise<void> {
    assertTransition(STEP_TRANSITIONS, STEP_STATUS_LABELS, '该环节', step.status, to);
    const full: StepPatch = { ...patch, status: to, ...this.statusFields(work, step, to) };
    const from = step.status;
    await this.patch(work, step, full);
    work.record({
      stepId: step.id,
      type: CaseEventType.StepStatusChanged,
      fromStatus: from,
      toStatus: to,
      note: note ?? null,
      data: full.dueDate ? { dueDate: full.dueDate } : null,
    });
  }

  // Writes a change to one step (bumping its revision) and notes a moved clock for after commit.
  async patch(work: CaseWork, step: StepRow, patch: StepPatch): Promise<void> {
    await this.stepsRepository.update(work.manager, step.id, patch);
    // A step leaving ready/in-progress loses its ladder timer as well.
    const clockStops = patch.status !== undefined && isOpenStep(step.status) && !isOpenStep(patch.status);
    Object.assign(step, patch, { revision: step.revision + 1 });
    if (patch.dueAt !== undefined || clockStops) work.clockChanged.add(step.id);
  }

  // Deadline when a step (re)starts; completion stamps; claims end when the step leaves in-progress.
  private statusFields(work: CaseWork, step: StepRow, to: StepStatus): StepPatch {
    const fields: StepPatch = {};
    if (to !== StepStatus.InProgress) fields.claimedBy = null;
    if (to === StepStatus.Completed) Object.assign(fields, { completedAt: work.now });
    else if (step.status === StepStatus.Completed)
      Object.assign(fields, { completedAt: null, completedBy: null });
    if (to === StepStatus.Ready && step.status !== StepStatus.InProgress) {
      Object.assign(fields, this.clockFrom(work, work.now, step.dueWorkingDays));
    }
    if (to === StepStatus.Pending)
      Object.assign(fields, { readyAt: null, dueDate: null, dueAt: null, ...LADDER_RESET });
    return fields;
  }

  // The deadline and a fresh ladder of a clock that started at `readyAt` (now, for a fresh start;
  // the original start, for a duration change).
  clockFrom(work: CaseWork, readyAt: Date, dueWorkingDays: number): StepPatch {
    return { ...LADDER_RESET, ...stepClock(readyAt, dueWorkingDays, work.calendar) };
  }

  // A new duration for a step that has not finished; an open step's deadline is recomputed from when
  // its clock started (the ladder restarts for the new deadline).
  async changeDuration(work: CaseWork, step: StepRow, dueWorkingDays: number, note: string): Promise<void> {
    const from = step.dueDate;
    const retime =
      isOpenStep(step.status) && step.readyAt ? this.clockFrom(work, step.readyAt, dueWorkingDays) : {};
    await this.patch(work, step, { dueWorkingDays, ...retime });
    work.record({
      stepId: step.id,
      type: CaseEventType.StepRetimed,
      note,
      data: { from, to: step.dueDate, dueWorkingDays },
    });
  }

  // After any change: start every step whose dependencies are done, then close the case if all are.
  async advance(work: CaseWork): Promise<void> {
    if (work.caseRow.status !== CaseStatus.Open) return;
    for (const step of stepsBecomingReady(work.steps)) {
      // A step that had sent the case back for correction: its unit learns the work came back.
      const resumed = step.awaitingCorrection;
      await this.transition(work, step, StepStatus.Ready, resumed ? { awaitingCorrection: false } : {});
      work.notify(OutboxEventType.StepReady, step, resumed ? CORRECTION_RESUBMITTED : undefined);
    }
    if (!isCaseComplete(work.steps)) return;
    for (const step of standingStepsLeftOpen(work.steps))
      await this.transition(work, step, StepStatus.NotApplicable, {}, STANDING_NOT_APPLICABLE);
    await this.setCaseStatus(work, CaseStatus.Completed);
  }

  async setCaseStatus(work: CaseWork, to: CaseStatus, reason?: string): Promise<void> {
    assertTransition(CASE_TRANSITIONS, CASE_STATUS_LABELS, '该办件', work.caseRow.status, to);
    await this.cases.setStatus(work.manager, work.caseRow.id, to, {
      completedAt: to === CaseStatus.Completed ? work.now : null,
      cancelledAt: to === CaseStatus.Cancelled ? work.now : null,
      cancelReason: reason ?? null,
    });
    const type = to === CaseStatus.Completed ? CaseEventType.CaseCompleted : CaseEventType.CaseCancelled;
    work.record({
      stepId: null,
      actorId: to === CaseStatus.Completed ? null : work.actorId,
      type,
      fromStatus: work.caseRow.status,
      toStatus: to,
      note: reason ?? null,
    });
    work.caseRow.status = to;
  }
}
