import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CalendarService } from 'src/calendar/calendar.service';
import { WorkingCalendar } from 'src/calendar/working-days';
import { CaseEventType } from 'src/workflow/case-event.entity';
import { CaseEventsRepository, NewCaseEvent } from 'src/workflow/case-events.repository';
import { CASE_STATUS_LABELS, CASE_TRANSITIONS, CaseStatus } from 'src/workflow/case-status';
import { CaseRow, CasesRepository } from 'src/workflow/cases.repository';
import { Clock } from 'src/common/clock/clock';
import { assertTransition } from 'src/common/state-machine/transitions';
import { OutboxEventInput, OutboxEventType, UnitRef } from 'src/notifications/outbox-event';
import { OutboxRepository } from 'src/notifications/outbox.repository';
import { OPEN_STEP_STATUSES, STEP_STATUS_LABELS, STEP_TRANSITIONS, StepStatus } from 'src/domain/step-status';
import { StepPatch, StepRow, StepsRepository } from './steps.repository';
import { reminderAt } from 'src/deadlines/ladder';
import { isCaseComplete, stepsBecomingReady } from 'src/domain/workflow';

// One unit of work on one locked case: status changes go through `transition`, which checks the
// transition table and queues the audit event; `commit` writes events and outbox rows.
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

  unitsOf(step: StepRow): UnitRef[] {
    return step.lane === 'department'
      ? step.assigneeDepartmentIds.map((id) => ({ kind: 'department' as const, id }))
      : [{ kind: 'township' as const, id: this.caseRow.townshipId }];
  }

  notify(type: OutboxEventType, step: StepRow, note?: string): void {
    this.outbox.push({
      type,
      payload: {
        caseId: this.caseRow.id,
        stepId: step.id,
        caseTitle: this.caseRow.title,
        stepText: step.text,
        units: this.unitsOf(step),
        dueDate: step.dueDate,
        note,
      },
    });
  }
}

const LADDER_RESET: StepPatch = {
  remindAt: null,
  remindedAt: null,
  overdueAt: null,
  escalationLevel: 0,
  escalatedAt: null,
};

@Injectable()
export class WorkflowEngine {
  constructor(
    private readonly cases: CasesRepository,
    private readonly stepsRepository: StepsRepository,
    private readonly events: CaseEventsRepository,
    private readonly outbox: OutboxRepository,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  // Locks the case row (every change to a case and its steps is serialised on it), loads its steps.
  async begin(manager: EntityManager, caseId: string, actorId: string | null): Promise<CaseWork | null> {
    const caseRow = await this.cases.findById(manager, caseId, true);
    if (!caseRow) return null;
    const steps = await this.stepsRepository.findByCase(manager, caseId);
    return new CaseWork(manager, caseRow, steps, actorId, this.clock.now(), await this.calendar.snapshot());
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
    await this.stepsRepository.update(work.manager, step.id, full);
    work.events.push({
      caseId: work.caseRow.id,
      stepId: step.id,
      actorId: work.actorId,
      type: CaseEventType.StepStatusChanged,
      fromStatus: step.status,
      toStatus: to,
      note: note ?? null,
      data: full.dueDate ? { dueDate: full.dueDate } : null,
    });
    Object.assign(step, full, { revision: step.revision + 1 });
    if (full.dueAt !== undefined) work.clockChanged.add(step.id);
  }

  // Deadline when a step (re)starts; completion stamps; claims end when the step leaves in-progress.
  private statusFields(work: CaseWork, step: StepRow, to: StepStatus): StepPatch {
    const fields: StepPatch = {};
    if (to !== StepStatus.InProgress) fields.claimedBy = null;
    if (to === StepStatus.Completed) Object.assign(fields, { completedAt: work.now });
    else if (step.status === StepStatus.Completed)
      Object.assign(fields, { completedAt: null, completedBy: null });
    if (to === StepStatus.Ready && step.status !== StepStatus.InProgress) {
      Object.assign(fields, this.startClock(work, step.dueWorkingDays));
    }
    if (to === StepStatus.Pending)
      Object.assign(fields, { readyAt: null, dueDate: null, dueAt: null, ...LADDER_RESET });
    return fields;
  }

  // A fresh deadline and ladder from now: due date in working days, reminder time, rungs cleared.
  startClock(work: CaseWork, dueWorkingDays: number): StepPatch {
    return this.restartClockAt(work, work.now, dueWorkingDays);
  }

  // The deadline and ladder of a clock that started at `readyAt` (a duration change keeps the start).
  restartClockAt(work: CaseWork, readyAt: Date, dueWorkingDays: number): StepPatch {
    const deadline = work.calendar.deadline(readyAt, dueWorkingDays);
    const remindAt = reminderAt(readyAt, dueWorkingDays, deadline.dueAt, work.calendar);
    return { readyAt, dueDate: deadline.dueDate, dueAt: deadline.dueAt, ...LADDER_RESET, remindAt };
  }

  // A new duration for a step that has not finished; an open step's deadline is recomputed from when
  // its clock started (the ladder restarts for the new deadline).
  async changeDuration(work: CaseWork, step: StepRow, dueWorkingDays: number, note: string): Promise<void> {
    const from = step.dueDate;
    const open = OPEN_STEP_STATUSES.includes(step.status) && step.readyAt !== null;
    const retime = open && step.readyAt ? this.restartClockAt(work, step.readyAt, dueWorkingDays) : {};
    const patch: StepPatch = { dueWorkingDays, ...retime };
    await this.stepsRepository.update(work.manager, step.id, patch);
    Object.assign(step, patch, { revision: step.revision + 1 });
    if (retime.dueAt) work.clockChanged.add(step.id);
    work.events.push({
      caseId: work.caseRow.id,
      stepId: step.id,
      actorId: work.actorId,
      type: CaseEventType.StepRetimed,
      note,
      data: { from, to: step.dueDate, dueWorkingDays },
    });
  }

  // After any change: start every step whose dependencies are done, then close the case if all are.
  async advance(work: CaseWork): Promise<void> {
    if (work.caseRow.status !== CaseStatus.Open) return;
    for (const step of stepsBecomingReady(work.steps)) {
      await this.transition(work, step, StepStatus.Ready);
      work.notify(OutboxEventType.StepReady, step);
    }
    if (isCaseComplete(work.steps)) await this.setCaseStatus(work, CaseStatus.Completed);
  }

  async setCaseStatus(work: CaseWork, to: CaseStatus, reason?: string): Promise<void> {
    assertTransition(CASE_TRANSITIONS, CASE_STATUS_LABELS, '该办件', work.caseRow.status, to);
    await this.cases.setStatus(work.manager, work.caseRow.id, to, {
      completedAt: to === CaseStatus.Completed ? work.now : null,
      cancelledAt: to === CaseStatus.Cancelled ? work.now : null,
      cancelReason: reason ?? null,
    });
    const type = to === CaseStatus.Completed ? CaseEventType.CaseCompleted : CaseEventType.CaseCancelled;
    work.events.push({
      caseId: work.caseRow.id,
      stepId: null,
      actorId: to === CaseStatus.Completed ? null : work.actorId,
      type,
      fromStatus: work.caseRow.status,
      toStatus: to,
      note: reason ?? null,
    });
    work.caseRow.status = to;
  }

  async commit(work: CaseWork): Promise<void> {
    await this.events.add(work.manager, work.events);
    await this.outbox.add(work.manager, work.outbox);
  }
}
