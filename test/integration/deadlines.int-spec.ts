import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AuthUser } from 'src/auth/auth-user';
import { CalendarSeeder } from 'src/calendar/calendar.seeder';
import { CasesService } from 'src/workflow/cases.service';
import { Clock } from 'src/common/clock/clock';
import { stepTimerJobId } from 'src/deadlines/deadline-jobs.service';
import { LadderService } from 'src/deadlines/ladder.service';
import { SweepService } from 'src/deadlines/sweep.service';
import { DutyListImporter } from 'src/duty-lists/duty-list.importer';
import { QueueName, StepTimerJobData } from 'src/queue/queue.constants';
import { StepOversightService } from 'src/workflow/step-oversight.service';
import { StepProgressService } from 'src/workflow/step-progress.service';
import { StepReturnService } from 'src/workflow/step-return.service';
import { UserRole } from 'src/users/user-role';
import { UsersService } from 'src/users/users.service';
import { NotificationsService } from 'src/notifications/notifications.service';
import { OutboxEventType } from 'src/notifications/outbox-event';
import { DeadlinesScheduler } from 'src/deadlines/deadlines.scheduler';
import { createTestApp } from 'test/utils/create-test-app';
import { resetDatabase } from 'test/utils/database';
import { FakeClock } from 'test/utils/fake-clock';
import { eventually, obliterateQueues } from 'test/utils/queues';
import { readSeed } from 'test/utils/seeds';

// 残疾人证管理 of 三个庄子镇 as imported: the town's first step (3) and its standing step (9) start at once;
// 县残联's steps wait for the town's hand-over.
const OPEN_AT_START = [3, 9];
const FIRST_READY = OPEN_AT_START[0];

interface StepState {
  id: string;
  position: number;
  status: string;
  dueDate: string;
  dueAt: Date;
  remindAt: Date | null;
  remindedAt: Date | null;
  overdueAt: Date | null;
  escalationLevel: number;
}

// The ladder with time driven by an injected clock: each rung happens exactly once, stale jobs do
// nothing, and the sweep marks everything due even after Redis lost every job.
describe('deadline ladder: reminder, overdue, escalation', () => {
  let app: INestApplication;
  let dataSource: DataSource;
  let ladder: LadderService;
  let sweeps: SweepService;
  const clock = new FakeClock();
  let clerk: AuthUser;
  let templateId: string;

  const step = async (caseId: string, position: number): Promise<StepState> => {
    const rows = await dataSource.query<StepState[]>(
      `SELECT id, position, status, to_char("dueDate", 'YYYY-MM-DD') AS "dueDate", "dueAt", "remindAt", "remindedAt",
              "overdueAt", "escalationLevel" FROM case_steps WHERE "caseId" = $1 AND position = $2`,
      [caseId, position],
    );
    return rows[0];
  };
  const eventsOf = (stepId: string, type: string) =>
    dataSource.query<{ data: { level?: number } }[]>(
      `SELECT data FROM case_events WHERE "stepId" = $1 AND type = $2 ORDER BY id`,
      [stepId, type],
    );
  const openCase = async (title: string): Promise<string> =>
    (await app.get(CasesService).open(clerk, { templateId, title, subject: title })).id;
  const supervisionQueue = (): Queue => app.get<Queue>(getQueueToken(QueueName.Deadlines));
  // The step's one ladder timer, when it is waiting in Redis.
  const timerOf = async (stepId: string): Promise<Job<StepTimerJobData> | undefined> => {
    const job = (await supervisionQueue().getJob(stepTimerJobId(stepId))) as
      Job<StepTimerJobData> | undefined;
    return job && (await job.isDelayed()) ? job : undefined;
  };
  // Waits for the timer (armed after the commit) to be due `inMs` after the fake clock's now.
  const awaitTimer = (stepId: string, at: Date): Promise<Job<StepTimerJobData>> =>
    eventually(
      async () => {
        const job = await timerOf(stepId);
        return job?.delay === at.getTime() - clock.now().getTime() ? job : undefined;
      },
      10_000,
      `the timer of step ${stepId} for ${at.toISOString()}`,
    );
  const delayedTimersOf = async (caseId: string): Promise<string[]> => {
    const rows = await dataSource.query<{ id: string }[]>(`SELECT id FROM case_steps WHERE "caseId" = $1`, [
      caseId,
    ]);
    const ids = new Set(rows.map((row) => row.id));
    const delayed = (await supervisionQueue().getDelayed()) as Job<StepTimerJobData>[];
    return delayed
      .map((job) => job.data.stepId)
      .filter((id) => ids.has(id))
      .sort();
  };
  const openStepIds = async (caseId: string): Promise<string[]> =>
    (
      await dataSource.query<{ id: string }[]>(
        `SELECT id FROM case_steps WHERE "caseId" = $1 AND status IN ('ready', 'in_progress') ORDER BY id`,
        [caseId],
      )
    ).map((row) => row.id);
  // Exactly one waiting timer per open step of the case, none for its other steps.
  const expectOneTimerPerOpenStep = async (caseId: string): Promise<void> => {
    const open = await openStepIds(caseId);
    await eventually(
      async () => ((await delayedTimersOf(caseId)).join() === open.join() ? true : undefined),
      10_000,
      'one timer per open step',
    );
  };

  beforeAll(async () => {
    clock.set('2025-09-26T10:00:00');
    app = await createTestApp((builder) => builder.overrideProvider(Clock).useValue(clock));
    // The tests climb the ladder themselves; the every-30-s sweep must not race them once the clock
    // moves, so the worker's scheduler keeper is stopped before the sweep is removed.
    app.get(DeadlinesScheduler).onApplicationShutdown();
    await app.get<Queue>(getQueueToken(QueueName.Deadlines)).removeJobScheduler('ladder-sweep');
    dataSource = app.get(DataSource);
    await resetDatabase(dataSource);
    await app.get(CalendarSeeder).seedFromFile();
    await app
      .get(DutyListImporter)
      .importFile(readSeed('qitai-sangezhuangzi.txt'), 'qitai-sangezhuangzi.txt');
    const user = await app.get(UsersService).create({
      username: 'ladder-clerk',
      password: 'ladder-pass-1',
      role: UserRole.TownshipStaff,
      township: '三个庄子镇',
    });
    clerk = {
      id: user.id,
      username: user.username,
      role: user.role,
      departmentId: null,
      townshipId: user.townshipId,
      county: user.county,
    };
    const [template] = await dataSource.query<{ id: string }[]>(
      `SELECT w.id FROM workflow_templates w JOIN duties d ON d.id = w."dutyId" WHERE d.name = '残疾人证管理'`,
    );
    templateId = template.id;
    ladder = app.get(LadderService);
    sweeps = app.get(SweepService);
  });

  afterAll(async () => {
    await obliterateQueues(app);
    await app.close();
  });

  it('should give a step started on Friday 2025-09-26 with 5 working days the due date 2025-10-10 and arm only its next rung', async () => {
    const caseId = await openCase('期限测试一');
    const first = await step(caseId, FIRST_READY);
    expect(first.status).toBe('ready');
    expect(first.dueDate).toBe('2025-10-10');
    expect(first.remindAt).toEqual(new Date('2025-09-30T09:00:00+08:00'));
    await awaitTimer(first.id, new Date('2025-09-30T09:00:00+08:00'));
    await expectOneTimerPerOpenStep(caseId);
  });

  it('should climb each rung exactly once, at its time and not before', async () => {
    const caseId = await openCase('期限测试二');
    const { id, dueAt } = await step(caseId, FIRST_READY);

    clock.set('2025-09-29T18:00:00');
    expect(await ladder.remind(id, dueAt)).toBe(false); // not yet 09:00 on 09-30
    clock.set('2025-09-30T09:30:00');
    expect(await Promise.all([ladder.remind(id, dueAt), ladder.remind(id, dueAt)])).toEqual(
      expect.arrayContaining([true, false]),
    );
    expect(await ladder.markOverdue(id, dueAt)).toBe(false);

    clock.set('2025-10-11T00:30:00');
    expect(await ladder.markOverdue(id, dueAt)).toBe(true);
    expect(await ladder.markOverdue(id, dueAt)).toBe(false);
    expect(await ladder.escalate(id, dueAt)).toBe(false);

    // Rung 1: two working days after 10-10 → 10-11 (a make-up Saturday) and 10-13.
    clock.set('2025-10-14T10:00:00');
    expect(await ladder.escalate(id, dueAt)).toBe(true);
    expect(await ladder.escalate(id, dueAt)).toBe(false);
    clock.set('2025-10-17T10:00:00');
    expect(await ladder.escalate(id, dueAt)).toBe(true);
    expect(await ladder.escalate(id, dueAt)).toBe(false);

    expect(await eventsOf(id, 'step_reminded')).toHaveLength(1);
    expect(await eventsOf(id, 'step_overdue')).toHaveLength(1);
    expect((await eventsOf(id, 'step_escalated')).map((e) => e.data.level)).toEqual([1, 2]);
    const outbox = await dataSource.query<{ type: string; units: { kind: string }[] }[]>(
      `SELECT type, payload->'units' AS units FROM outbox_events WHERE payload->>'stepId' = $1 ORDER BY "createdAt"`,
      [id],
    );
    expect(outbox.map((o) => o.type)).toEqual([
      'step_ready',
      'step_reminder',
      'step_overdue',
      'step_escalated',
      'step_escalated',
    ]);
    expect(outbox[4].units).toEqual([{ kind: 'county', id: '奇台县' }]);
  });

  // Issue 10: rung 1 says "已报承办单位负责人" only when the holder unit has one; its 负责人 gets it.
  it('should report rung 1 to the unit’s 负责人 when it has one, and say so only then', async () => {
    const rung1Note = async (stepId: string): Promise<string> =>
      (
        await dataSource.query<{ note: string }[]>(
          `SELECT note FROM case_events WHERE "stepId" = $1 AND type = 'step_escalated' ORDER BY id LIMIT 1`,
          [stepId],
        )
      )[0].note;
    const climbToRung1 = async (title: string): Promise<string> => {
      clock.set('2025-09-26T10:00:00');
      const { id, dueAt } = await step(await openCase(title), FIRST_READY);
      clock.set('2025-10-14T10:00:00');
      expect(await ladder.markOverdue(id, dueAt)).toBe(true);
      expect(await ladder.escalate(id, dueAt)).toBe(true);
      return id;
    };
    const without = await climbToRung1('期限测试无负责人');
    expect(await rung1Note(without)).toBe('逾期升级：承办单位尚未设负责人，已报承办单位');

    const leader = await app.get(UsersService).create({
      username: 'ladder-town-leader',
      password: 'ladder-pass-2',
      role: UserRole.TownshipStaff,
      township: '三个庄子镇',
      isLeader: true,
    });
    const withLeader = await climbToRung1('期限测试有负责人');
    expect(await rung1Note(withLeader)).toBe('逾期升级：已报承办单位负责人');
    const leaderUser: AuthUser = { ...clerk, id: leader.id, username: leader.username, isLeader: true };
    const escalated = await eventually(
      async () => {
        const inbox = await app.get(NotificationsService).listInbox(leaderUser, { page: 1, pageSize: 50 });
        return inbox.items.find((n) => n.type === OutboxEventType.StepEscalated && n.stepId === withLeader);
      },
      15_000,
      'the rung-1 notice in the 负责人’s inbox',
    );
    expect(escalated.body).toContain('已报承办单位负责人');
  });

  it('should ignore a job for a deadline that has since moved', async () => {
    clock.set('2025-11-03T10:00:00');
    const caseId = await openCase('期限测试三');
    const { id, dueAt } = await step(caseId, FIRST_READY);
    const stale = new Date(dueAt.getTime() - 86_400_000);
    clock.set('2025-12-01T10:00:00');
    expect(await ladder.markOverdue(id, stale)).toBe(false);
    expect((await step(caseId, FIRST_READY)).overdueAt).toBeNull();
  });

  it('should mark every due step through the sweep after Redis lost all jobs', async () => {
    clock.set('2025-12-01T10:00:00');
    const caseIds = await Promise.all(['扫描一', '扫描二', '扫描三'].map((title) => openCase(title)));
    // Redis loses every job of this run (its own prefix only: never flush all of a shared Redis).
    await obliterateQueues(app);
    expect(await timerOf((await step(caseIds[0], FIRST_READY)).id)).toBeUndefined();

    clock.set('2025-12-31T10:00:00');
    const summary = await sweeps.sweep(2, 100); // tiny batches: proves the keyset paging
    expect(summary.failed).toBe(0);
    expect(summary.overdue).toBeGreaterThanOrEqual(6); // two open steps per case (OPEN_AT_START)
    for (const caseId of caseIds) {
      for (const position of OPEN_AT_START) {
        const s = await step(caseId, position);
        expect(s.overdueAt).not.toBeNull();
        expect(s.escalationLevel).toBe(2);
      }
    }
    const again = await sweeps.sweep();
    expect(again).toEqual({ reminded: 0, overdue: 0, escalated: 0, failed: 0 });
  });

  it('should send each county with overdue work one digest for its supervisors', async () => {
    const counties = await sweeps.dailyDigest();
    expect(counties).toBe(1);
    const [digest] = await dataSource.query<
      { payload: { units: unknown[]; caseTitle: string; daysOverdue: number } }[]
    >(`SELECT payload FROM outbox_events WHERE type = 'overdue_digest'`);
    expect(digest.payload.units).toEqual([{ kind: 'county', id: '奇台县' }]);
    expect(digest.payload.caseTitle).toBe('奇台县逾期环节日报');
    expect(digest.payload.daysOverdue).toBeGreaterThanOrEqual(6);
  });

  it('should re-time open deadlines when the calendar changes', async () => {
    clock.set('2026-03-02T10:00:00'); // Monday
    const caseId = await openCase('调休测试');
    const before = await step(caseId, FIRST_READY);
    expect(before.dueDate).toBe('2026-03-09'); // Mon 03-02 + 5 working days
    await dataSource.query(
      `INSERT INTO calendar_days (date, year, kind, name) VALUES ('2026-03-04', 2026, 'holiday', '测试假日')`,
    );
    await dataSource.query(`UPDATE calendar_years SET revision = gen_random_uuid() WHERE year = 2026`);
    const moved = await ladder.retimeOpenSteps(100);
    expect(moved).toBeGreaterThanOrEqual(1);
    const after = await step(caseId, FIRST_READY);
    expect(after.dueDate).toBe('2026-03-10');
    const [event] = await dataSource.query<{ data: { from: string; to: string } }[]>(
      `SELECT data FROM case_events WHERE "stepId" = $1 AND type = 'step_retimed'`,
      [before.id],
    );
    expect(event.data).toEqual({ from: '2026-03-09', to: '2026-03-10' });
  });

  it('should keep one timer per open step and climb each rung exactly once across a send-back and a moved deadline', async () => {
    clock.set('2025-11-03T10:00:00'); // Monday
    const caseId = await openCase('一步一个定时器');
    await expectOneTimerPerOpenStep(caseId); // the two steps open at the start (OPEN_AT_START)
    const town = await step(caseId, 3);

    clock.set('2025-11-04T10:00:00');
    await app.get(StepProgressService).complete(clerk, town.id, '已引导');
    const next = await step(caseId, 4);
    await awaitTimer(next.id, next.remindAt as Date);
    await expectOneTimerPerOpenStep(caseId); // 3 lost its timer, 4 got one
    expect(await timerOf(town.id)).toBeUndefined();

    clock.set('2025-11-05T10:00:00');
    await app
      .get(StepReturnService)
      .sendBack(clerk, next.id, { toStepId: town.id, reason: '材料不全，退回补正' });
    const reopened = await step(caseId, 3);
    expect(reopened.dueAt).not.toEqual(town.dueAt);
    await awaitTimer(town.id, reopened.remindAt as Date);
    await expectOneTimerPerOpenStep(caseId); // 4 is waiting again: no timer

    const supervisor = await app.get(UsersService).create({
      username: 'ladder-supervisor',
      password: 'ladder-pass-1',
      role: UserRole.Supervisor,
      county: '奇台县',
    });
    await app.get(StepOversightService).changeDueDays(
      {
        ...clerk,
        id: supervisor.id,
        username: supervisor.username,
        role: UserRole.Supervisor,
        townshipId: null,
      },
      town.id,
      { dueWorkingDays: 8, reason: '材料较多，延长期限' },
    );
    const moved = await step(caseId, 3);
    expect(moved.dueAt.getTime()).toBeGreaterThan(reopened.dueAt.getTime());
    expect(moved.remindAt?.getTime()).toBeGreaterThan(reopened.remindAt?.getTime() ?? Infinity);
    await awaitTimer(town.id, moved.remindAt as Date); // the same job, re-timed
    await expectOneTimerPerOpenStep(caseId);

    // Each rung at its time: the clock moves there and the real worker runs the timer (promoted to run
    // now), which climbs the rung and waits again, as the same job, for the next one.
    const nextEscalation = async (): Promise<Date> => {
      const [row] = await dataSource.query<{ at: Date }[]>(
        `SELECT "nextEscalationAt" AS at FROM case_steps WHERE id = $1`,
        [town.id],
      );
      return new Date(row.at.getTime() + 1);
    };
    const rungs: [string, number, () => Promise<Date>][] = [
      ['step_reminded', 1, () => Promise.resolve(moved.remindAt as Date)],
      ['step_overdue', 1, () => Promise.resolve(new Date(moved.dueAt.getTime() + 1))],
      ['step_escalated', 1, nextEscalation],
      ['step_escalated', 2, nextEscalation],
    ];
    for (const [type, count, due] of rungs) {
      const timer = await eventually(() => timerOf(town.id), 10_000, `the timer before ${type} #${count}`);
      clock.advance((await due()).getTime() - clock.now().getTime());
      await timer.promote();
      await eventually(
        async () => ((await eventsOf(town.id, type)).length === count ? true : undefined),
        10_000,
        `${type} #${count}`,
      );
    }
    await eventually(
      async () => ((await supervisionQueue().getJob(stepTimerJobId(town.id))) ? undefined : true),
      10_000,
      'the timer to end after the last rung',
    );

    expect(await eventsOf(town.id, 'step_reminded')).toHaveLength(1);
    expect(await eventsOf(town.id, 'step_overdue')).toHaveLength(1);
    expect((await eventsOf(town.id, 'step_escalated')).map((e) => e.data.level)).toEqual([1, 2]);
  });
});
