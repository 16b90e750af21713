import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarService } from 'src/calendar/calendar.service';
import { toChinaDate, WorkingCalendar } from 'src/calendar/working-days';
import { CaseEventType } from 'src/workflow/case-event.entity';
import { CaseEventsRepository } from 'src/workflow/case-events.repository';
import { stepClock } from 'src/workflow/step-clock';
import { Clock } from 'src/common/clock/clock';
import { DomainEvents } from 'src/common/events/domain-events';
import { OutboxEventType } from 'src/notifications/outbox-event';
import { holdersOf } from 'src/domain/step-holders';
import { OPEN_STEP_STATUSES_SQL } from 'src/domain/step-status';
import { UnitRef } from 'src/domain/vocabulary';
import { OutboxRepository } from 'src/notifications/outbox.repository';
import { JobName } from 'src/queue/queue.constants';
import { DeadlineJobs, RungJobName } from './deadline-jobs.service';
import { MAX_ESCALATION_LEVEL } from './deadlines.constants';
import { escalationAt, escalationLevelDue } from './ladder';
import { LadderRepository, RungTarget } from './ladder.repository';

type Rung = 'reminder' | 'overdue' | 1 | 2;

const RUNG_EVENT: Record<string, { event: CaseEventType; outbox: OutboxEventType; note: string }> = {
  reminder: {
    event: CaseEventType.StepReminded,
    outbox: OutboxEventType.StepReminder,
    note: '期限将至，请抓紧办理',
  },
  overdue: { event: CaseEventType.StepOverdue, outbox: OutboxEventType.StepOverdue, note: '已超过办理期限' },
  1: {
    event: CaseEventType.StepEscalated,
    outbox: OutboxEventType.StepEscalated,
    note: '逾期升级：已报承办单位负责人',
  },
  2: {
    event: CaseEventType.StepEscalated,
    outbox: OutboxEventType.StepEscalated,
    note: '逾期升级：已报县督办',
  },
};

// Rung 1 when no holder unit has a 负责人 yet: the unit is told, and nobody is said to be informed who is not.
const RUNG_1_WITHOUT_LEADER = '逾期升级：承办单位尚未设负责人，已报承办单位';

// Each rung of a deadline: stamp the step (exactly once), write the audit event and the notification
// in the same transaction.
@Injectable()
export class LadderService {
  private readonly logger = new Logger(LadderService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ladder: LadderRepository,
    private readonly events: CaseEventsRepository,
    private readonly outbox: OutboxRepository,
    private readonly domainEvents: DomainEvents,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly jobs: DeadlineJobs,
  ) {}

  // A step's timer fired: climb every rung that is due now, in ladder order, and say when the next
  // one is due (null: none left, the timer ends). Each climb is exactly-once on its own, so a timer
  // that fires early, late or twice does no harm.
  async onTimer(stepId: string): Promise<{ climbed: number; nextInMs: number | null }> {
    let climbed = 0;
    for (let rungs = 0; rungs <= MAX_ESCALATION_LEVEL + 1; rungs += 1) {
      const [clock] = await this.ladder.findClocks([stepId]);
      const rung = clock ? (await this.jobs.planner())(clock) : null;
      if (!rung || rung.delay > 0) return { climbed, nextInMs: rung?.delay ?? null };
      if (await this.climbRung(rung.name, stepId, new Date(rung.data.dueAt))) climbed += 1;
    }
    const [clock] = await this.ladder.findClocks([stepId]);
    const rung = clock ? (await this.jobs.planner())(clock) : null;
    return { climbed, nextInMs: rung?.delay ?? null };
  }

  // A per-rung job queued by an earlier version: climb its rung, then give the step its one timer.
  async fireLegacyRung(name: RungJobName, stepId: string, dueAt: Date): Promise<boolean> {
    const climbed = await this.climbRung(name, stepId, dueAt);
    await this.jobs.schedule([stepId]);
    return climbed;
  }

  private climbRung(name: RungJobName, stepId: string, dueAt: Date): Promise<boolean> {
    if (name === JobName.RemindStep) return this.remind(stepId, dueAt);
    if (name === JobName.MarkStepOverdue) return this.markOverdue(stepId, dueAt);
    return this.escalate(stepId, dueAt);
  }

  remind(stepId: string, dueAt: Date): Promise<boolean> {
    return this.climb(stepId, dueAt, 'reminder', (manager, now) =>
      this.ladder.stampReminder(manager, stepId, dueAt, now),
    );
  }

  markOverdue(stepId: string, dueAt: Date): Promise<boolean> {
    return this.climb(stepId, dueAt, 'overdue', async (manager, now, target, calendar) =>
      this.ladder.stampOverdue(manager, stepId, dueAt, now, escalationAt(target.dueDate, 1, calendar)),
    );
  }

  // Climbs to the highest rung that is due now (a late job or sweep does not replay skipped rungs).
  escalate(stepId: string, dueAt: Date): Promise<boolean> {
    return this.climb(stepId, dueAt, 'escalation', async (manager, now, target, calendar) => {
      const level = escalationLevelDue(target.dueDate, now, calendar);
      if (level === 0 || level <= target.escalationLevel) return false;
      const next = level < MAX_ESCALATION_LEVEL ? escalationAt(target.dueDate, 2, calendar) : null;
      const stamped = await this.ladder.stampEscalation(manager, stepId, dueAt, level, now, next);
      if (stamped) target.escalationLevel = level;
      return stamped;
    });
  }

  private async climb(
    stepId: string,
    dueAt: Date,
    rung: 'reminder' | 'overdue' | 'escalation',
    stamp: (
      manager: EntityManager,
      now: Date,
      target: RungTarget,
      calendar: WorkingCalendar,
    ) => Promise<boolean>,
  ): Promise<boolean> {
    const now = this.clock.now();
    const calendar = await this.calendar.snapshot();
    const done = await this.dataSource.transaction(async (manager) => {
      const target = await this.ladder.findTarget(manager, stepId);
      if (!target || target.dueAt.getTime() !== dueAt.getTime()) return false; // closed or re-timed: stale
      if (!(await stamp(manager, now, target, calendar))) return false;
      const which: Rung = rung === 'escalation' ? (target.escalationLevel as 1 | 2) : rung;
      await this.record(
        manager,
        target,
        which,
        calendar.workingDaysOverdue(target.dueDate, toChinaDate(now)),
      );
      return true;
    });
    if (done) void this.domainEvents.publish('outbox.written', {});
    return done;
  }

  private async record(
    manager: EntityManager,
    target: RungTarget,
    rung: Rung,
    daysOverdue: number,
  ): Promise<void> {
    const spec = { ...RUNG_EVENT[String(rung)] };
    const level = typeof rung === 'number' ? rung : undefined;
    const holders = holdersOf(target, target.townshipId);
    if (level === 1 && !(await this.hasLeader(manager, holders))) spec.note = RUNG_1_WITHOUT_LEADER;
    await this.events.add(manager, [
      {
        caseId: target.caseId,
        stepId: target.id,
        actorId: null,
        type: spec.event,
        note: spec.note,
        data: { dueDate: target.dueDate, daysOverdue, ...(level ? { level } : {}) },
      },
    ]);
    // Rung 1 goes to the holder units' inboxes, which their 负责人 read (GET /notifications).
    const units: UnitRef[] = level === 2 ? [{ kind: 'county', id: target.county }] : holders;
    const payload = {
      caseId: target.caseId,
      stepId: target.id,
      caseTitle: target.caseTitle,
      stepText: target.text,
      units,
    };
    await this.outbox.add(manager, [
      {
        type: spec.outbox,
        payload: { ...payload, dueDate: target.dueDate, note: spec.note, level, daysOverdue },
      },
    ]);
  }

  private hasLeader(manager: EntityManager, units: UnitRef[]): Promise<boolean> {
    const ids = (kind: UnitRef['kind']): string[] => units.filter((u) => u.kind === kind).map((u) => u.id);
    return this.ladder.hasLeader(manager, ids('department'), ids('township'));
  }

  // Re-times open steps after a calendar change: the deadline is recomputed from when the clock
  // started; steps whose due date moves get new ladder times (and jobs), with an audit event.
  async retimeOpenSteps(batchSize: number): Promise<number> {
    const calendar = await this.calendar.snapshot({ fresh: true });
    let after = '00000000-0000-0000-0000-000000000000';
    let moved = 0;
    for (;;) {
      const rows = await this.ladder.openClocks(after, batchSize);
      if (rows.length === 0) break;
      after = rows[rows.length - 1].id;
      const changed = rows.filter(
        (row) => calendar.deadline(row.readyAt, row.dueWorkingDays).dueDate !== row.dueDate,
      );
      const retimed = await Promise.allSettled(
        changed.map((row) => this.retimeOne(row.id, row.dueDate, calendar)),
      );
      const ids = changed
        .filter((_, i) => {
          const result = retimed[i];
          return result.status === 'fulfilled' && result.value;
        })
        .map((row) => row.id);
      moved += ids.length;
      await this.jobs.schedule(ids);
    }
    this.logger.log(`calendar change: ${moved} open step deadline(s) moved`);
    return moved;
  }

  private retimeOne(stepId: string, oldDueDate: string, calendar: WorkingCalendar): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { caseId: string; readyAt: Date; dueWorkingDays: number }[] = await manager.query(
        `SELECT s."caseId", s."readyAt", s."dueWorkingDays" FROM case_steps s JOIN cases c ON c.id = s."caseId"
         WHERE s.id = $1 AND s."dueDate" = $2 AND s.status IN (${OPEN_STEP_STATUSES_SQL}) FOR UPDATE OF c, s`,
        [stepId, oldDueDate],
      );
      if (rows.length === 0) return false;
      const { caseId, readyAt, dueWorkingDays } = rows[0];
      const next = stepClock(readyAt, dueWorkingDays, calendar);
      await this.ladder.retime(manager, stepId, next.dueDate, next.dueAt, next.remindAt);
      await this.events.add(manager, [
        {
          caseId,
          stepId,
          actorId: null,
          type: CaseEventType.StepRetimed,
          note: '节假日安排调整，期限重新计算',
          data: { from: oldDueDate, to: next.dueDate },
        },
      ]);
      return true;
    });
  }
}
