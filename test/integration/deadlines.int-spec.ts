import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AuthUser } from 'src/auth/auth-user';
import { CalendarSeeder } from 'src/calendar/calendar.seeder';
import { CasesService } from 'src/workflow/cases.service';
import { Clock } from 'src/common/clock/clock';
import { rungJobId } from 'src/deadlines/deadline-jobs.service';
import { LadderService } from 'src/deadlines/ladder.service';
import { SweepService } from 'src/deadlines/sweep.service';
import { DutyListImporter } from 'src/duty-lists/duty-list.importer';
import { JobName, QueueName } from 'src/queue/queue.constants';
import { UserRole } from 'src/users/user-role';
import { UsersService } from 'src/users/users.service';
import { DeadlinesScheduler } from 'src/deadlines/deadlines.scheduler';
import { createTestApp } from 'test/utils/create-test-app';
import { resetDatabase } from 'test/utils/database';
import { FakeClock } from 'test/utils/fake-clock';
import { eventually, obliterateQueues } from 'test/utils/queues';
import { readSeed } from 'test/utils/seeds';

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
      `SELECT data FROM case_events WHERE "stepId" = $1 AND type = $2`,
      [stepId, type],
    );
  const openCase = async (title: string): Promise<string> =>
    (await app.get(CasesService).open(clerk, { templateId, title, subject: title })).id;

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

  it('should give a step started on Friday 2025-09-26 with 5 working days the due date 2025-10-10 and queue its rungs', async () => {
    const caseId = await openCase('期限测试一');
    const first = await step(caseId, 1);
    expect(first.status).toBe('ready');
    expect(first.dueDate).toBe('2025-10-10');
    expect(first.remindAt).toEqual(new Date('2025-09-30T09:00:00+08:00'));
    const queue = app.get<Queue>(getQueueToken(QueueName.Deadlines));
    const overdueJob = await eventually(
      async () =>
        (await queue.getJob(rungJobId(JobName.MarkStepOverdue, first.id, first.dueAt))) ?? undefined,
      10_000,
      'the overdue job',
    );
    expect(overdueJob.delay).toBe(first.dueAt.getTime() - clock.now().getTime());
    expect(await queue.getJob(rungJobId(JobName.EscalateStep, first.id, first.dueAt, 2))).toBeDefined();
  });

  it('should climb each rung exactly once, at its time and not before', async () => {
    const caseId = await openCase('期限测试二');
    const { id, dueAt } = await step(caseId, 1);

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

  it('should ignore a job for a deadline that has since moved', async () => {
    clock.set('2025-11-03T10:00:00');
    const caseId = await openCase('期限测试三');
    const { id, dueAt } = await step(caseId, 1);
    const stale = new Date(dueAt.getTime() - 86_400_000);
    clock.set('2025-12-01T10:00:00');
    expect(await ladder.markOverdue(id, stale)).toBe(false);
    expect((await step(caseId, 1)).overdueAt).toBeNull();
  });

  it('should mark every due step through the sweep after Redis lost all jobs', async () => {
    clock.set('2025-12-01T10:00:00');
    const caseIds = await Promise.all(['扫描一', '扫描二', '扫描三'].map((title) => openCase(title)));
    // Redis loses every job of this run (its own prefix only: never FLUSHALL a shared Redis).
    await obliterateQueues(app);

    clock.set('2025-12-31T10:00:00');
    const summary = await sweeps.sweep(2, 100); // tiny batches: proves the keyset paging
    expect(summary.failed).toBe(0);
    expect(summary.overdue).toBeGreaterThanOrEqual(6); // two open steps per case
    for (const caseId of caseIds) {
      for (const position of [1, 3]) {
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
    const before = await step(caseId, 1);
    expect(before.dueDate).toBe('2026-03-09'); // Mon 03-02 + 5 working days
    await dataSource.query(
      `INSERT INTO calendar_days (date, year, kind, name) VALUES ('2026-03-04', 2026, 'holiday', '测试假日')`,
    );
    await dataSource.query(`UPDATE calendar_years SET revision = gen_random_uuid() WHERE year = 2026`);
    const moved = await ladder.retimeOpenSteps(100);
    expect(moved).toBeGreaterThanOrEqual(1);
    const after = await step(caseId, 1);
    expect(after.dueDate).toBe('2026-03-10');
    const [event] = await dataSource.query<{ data: { from: string; to: string } }[]>(
      `SELECT data FROM case_events WHERE "stepId" = $1 AND type = 'step_retimed'`,
      [before.id],
    );
    expect(event.data).toEqual({ from: '2026-03-09', to: '2026-03-10' });
  });
});
