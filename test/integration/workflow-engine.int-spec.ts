import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from 'src/auth/auth-user';
import { CalendarSeeder } from 'src/calendar/calendar.seeder';
import { Clock } from 'src/common/clock/clock';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { DutyListImporter } from 'src/duty-lists/duty-list.importer';
import { TemplatesService } from 'src/templates/templates.service';
import { UserRole } from 'src/users/user-role';
import { UsersService } from 'src/users/users.service';
import { CaseDetail, CasesService } from 'src/workflow/cases.service';
import { StepOversightService } from 'src/workflow/step-oversight.service';
import { StepProgressService } from 'src/workflow/step-progress.service';
import { StepReturnService } from 'src/workflow/step-return.service';
import { StepRow } from 'src/workflow/steps.repository';
import { createTestApp } from 'test/utils/create-test-app';
import { resetDatabase } from 'test/utils/database';
import { FakeClock } from 'test/utils/fake-clock';
import { eventually, obliterateQueues } from 'test/utils/queues';
import { readSeed } from 'test/utils/seeds';

// The engine's rules, action by action, through its services on the real database with an injected
// clock. Every test opens its own case, so none depends on another's state. The flow (a version of the
// 残疾人证管理 duty of 三个庄子镇 saved for these tests):
//
//   1 town ─┬─ 2 残联 (一、审核) ── 3 残联 (一、审核, optional) ─┬─ 5 town (join) ── 6 残联
//           └─ 4 民政 (二、救助) ────────────────────────────────┘
describe('workflow engine: every action and its rules', () => {
  let app: INestApplication;
  let dataSource: DataSource;
  const clock = new FakeClock();
  let templateId: string;
  let users: Record<'clerk' | 'canlian' | 'minzheng' | 'supervisor' | 'admin', AuthUser>;
  let departments: Record<'canlian' | 'minzheng', string>;
  let cases: CasesService;
  let progress: StepProgressService;
  let returns: StepReturnService;
  let oversight: StepOversightService;

  const MONDAY = '2026-03-02T10:00:00'; // no holiday in March 2026: +5 working days = 03-09, +10 = 03-16

  const open = async (extra: { sections?: string[] } = {}): Promise<CaseDetail> =>
    cases.open(users.clerk, { templateId, title: '王五 残疾人证申请', subject: '王五', ...extra });
  const stepsOf = async (caseId: string): Promise<Map<number, StepRow>> =>
    new Map((await cases.get(users.admin, caseId)).steps.map((step) => [step.position, step]));
  const statuses = async (caseId: string): Promise<Record<number, string>> =>
    Object.fromEntries([...(await stepsOf(caseId))].map(([position, step]) => [position, step.status]));
  const idOf = async (caseId: string, position: number): Promise<string> =>
    (await stepsOf(caseId)).get(position)?.id as string;
  const failure = async (work: Promise<unknown>): Promise<DomainError> => {
    const error: unknown = await work.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
    return error;
  };
  const completeAt = async (caseId: string, position: number, who: AuthUser): Promise<void> => {
    await progress.complete(who, await idOf(caseId, position));
  };

  beforeAll(async () => {
    app = await createTestApp((builder) => builder.overrideProvider(Clock).useValue(clock));
    dataSource = app.get(DataSource);
    await resetDatabase(dataSource);
    await app.get(CalendarSeeder).seedFromFile();
    await app
      .get(DutyListImporter)
      .importFile(readSeed('qitai-sangezhuangzi.txt'), 'qitai-sangezhuangzi.txt');
    const make = async (username: string, input: Record<string, string>): Promise<AuthUser> => {
      const user = await app
        .get(UsersService)
        .create({ username, password: 'engine-pass-1', ...input } as never);
      return {
        id: user.id,
        username: user.username,
        role: user.role,
        departmentId: user.departmentId,
        townshipId: user.townshipId,
        county: user.county,
      };
    };
    users = {
      clerk: await make('e-clerk', { role: UserRole.TownshipStaff, township: '三个庄子镇' }),
      canlian: await make('e-canlian', { role: UserRole.DepartmentStaff, department: '奇台县残联' }),
      minzheng: await make('e-minzheng', { role: UserRole.DepartmentStaff, department: '奇台县民政局' }),
      supervisor: await make('e-supervisor', { role: UserRole.Supervisor, county: '奇台县' }),
      admin: await make('e-admin', { role: UserRole.Admin }),
    };
    departments = {
      canlian: users.canlian.departmentId as string,
      minzheng: users.minzheng.departmentId as string,
    };
    const [v1] = await dataSource.query<{ id: string }[]>(
      `SELECT w.id FROM workflow_templates w JOIN duties d ON d.id = w."dutyId" WHERE d.name = '残疾人证管理'`,
    );
    const step = (
      position: number,
      lane: 'department' | 'township',
      section: string | null,
      dependsOn: number[],
      department?: string,
      optional = false,
    ) => ({
      position,
      lane,
      section,
      text: `环节${position}`,
      assigneeDepartmentIds: department ? [department] : [],
      dependsOn,
      dueWorkingDays: 5,
      optional,
    });
    const saved = await app.get(TemplatesService).saveNewVersion(users.admin, v1.id, {
      steps: [
        step(1, 'township', null, []),
        step(2, 'department', '一、审核', [1], departments.canlian),
        step(3, 'department', '一、审核', [2], departments.canlian, true),
        step(4, 'department', '二、救助', [1], departments.minzheng),
        step(5, 'township', null, [3, 4]),
        step(6, 'department', null, [5], departments.canlian),
      ],
    });
    templateId = saved.id;
    cases = app.get(CasesService);
    progress = app.get(StepProgressService);
    returns = app.get(StepReturnService);
    oversight = app.get(StepOversightService);
  });

  beforeEach(() => clock.set(MONDAY));

  afterAll(async () => {
    await obliterateQueues(app);
    await app.close();
  });

  describe('opening a case', () => {
    it('should copy every step and start only those without predecessors, due in working days', async () => {
      const opened = await open();
      expect(opened.steps.map((s) => [s.position, s.status])).toEqual([
        [1, 'ready'],
        [2, 'pending'],
        [3, 'pending'],
        [4, 'pending'],
        [5, 'pending'],
        [6, 'pending'],
      ]);
      expect(opened.steps[0].dueDate).toBe('2026-03-09');
    });

    it('should copy only the chosen sections (and the steps outside any section)', async () => {
      const opened = await open({ sections: ['一、审核'] });
      expect(opened.steps.map((s) => s.position)).toEqual([1, 2, 3, 5, 6]);
      expect(opened.sections).toEqual(['一、审核']);
      // Step 5 joins 3 and 4; with 4 not chosen it waits for 3 only.
      await completeAt(opened.id, 1, users.clerk);
      await completeAt(opened.id, 2, users.canlian);
      await completeAt(opened.id, 3, users.canlian);
      expect((await statuses(opened.id))[5]).toBe('ready');
    });

    it('should refuse a section the template does not have', async () => {
      const error = await failure(open({ sections: ['三、不存在'] }));
      expect(error.code).toBe(ErrorCode.CASE_INVALID);
      expect(error.details).toEqual({ field: 'sections' });
    });
  });

  describe('skip', () => {
    it('should refuse a step that is not optional and change nothing', async () => {
      const opened = await open();
      await completeAt(opened.id, 1, users.clerk);
      const second = await idOf(opened.id, 2);
      const error = await failure(progress.skip(users.canlian, second, '不需要'));
      expect(error.code).toBe(ErrorCode.INVALID_TRANSITION);
      expect((await stepsOf(opened.id)).get(2)?.status).toBe('ready');
    });

    it('should skip an optional step, which satisfies the steps after it', async () => {
      const opened = await open();
      await completeAt(opened.id, 1, users.clerk);
      await completeAt(opened.id, 2, users.canlian);
      await completeAt(opened.id, 4, users.minzheng);
      const skipped = await progress.skip(users.canlian, await idOf(opened.id, 3), '无需复核');
      expect(skipped.status).toBe('skipped');
      expect((await statuses(opened.id))[5]).toBe('ready');
    });

    it('should let only the holder skip', async () => {
      const opened = await open();
      await completeAt(opened.id, 1, users.clerk);
      await completeAt(opened.id, 2, users.canlian);
      const error = await failure(progress.skip(users.minzheng, await idOf(opened.id, 3), '无需复核'));
      expect(error.code).toBe(ErrorCode.STEP_NOT_ASSIGNED); // 民政 sees the case (step 4) but holds not step 3
    });
  });

  describe('reassign (转办)', () => {
    it('should move the step to the new department and restart its clock from now', async () => {
      const opened = await open();
      await completeAt(opened.id, 1, users.clerk); // step 2 ready on Monday 03-02, due 03-09
      const before = (await stepsOf(opened.id)).get(2) as StepRow;
      expect(before.dueDate).toBe('2026-03-09');
      await progress.claim(users.canlian, before.id);

      clock.set('2026-03-05T15:00:00'); // Thursday
      const moved = await oversight.reassign(users.supervisor, before.id, {
        departmentId: departments.minzheng,
        reason: '职责调整',
      });

      expect(moved.assigneeDepartmentIds).toEqual([departments.minzheng]);
      expect(moved.status).toBe('ready');
      expect(moved.readyAt).toEqual(clock.now());
      expect(moved.dueDate).toBe('2026-03-12'); // Thursday + 5 working days
      expect(moved.claimedBy).toBeNull();
      expect((await failure(progress.claim(users.canlian, moved.id))).code).toBe(ErrorCode.STEP_NOT_ASSIGNED);
      expect((await progress.claim(users.minzheng, moved.id)).status).toBe('in_progress');
    });

    it('should refuse everyone but supervisors and admins', async () => {
      const opened = await open();
      await completeAt(opened.id, 1, users.clerk);
      const second = await idOf(opened.id, 2);
      for (const who of [users.canlian, users.clerk]) {
        const error = await failure(
          oversight.reassign(who, second, { departmentId: departments.minzheng, reason: '试试' }),
        );
        expect(error.code).toBe(ErrorCode.FORBIDDEN);
      }
      expect((await stepsOf(opened.id)).get(2)?.assigneeDepartmentIds).toEqual([departments.canlian]);
      const byAdmin = await oversight.reassign(users.admin, second, { departmentId: departments.minzheng });
      expect(byAdmin.assigneeDepartmentIds).toEqual([departments.minzheng]);
    });

    it('should refuse a finished step and a town step', async () => {
      const opened = await open();
      const first = await idOf(opened.id, 1);
      const townStep = await failure(
        oversight.reassign(users.supervisor, first, { departmentId: departments.minzheng }),
      );
      expect(townStep.code).toBe(ErrorCode.INVALID_TRANSITION);
      await completeAt(opened.id, 1, users.clerk);
      await completeAt(opened.id, 2, users.canlian);
      const finished = await failure(
        oversight.reassign(users.supervisor, await idOf(opened.id, 2), {
          departmentId: departments.minzheng,
        }),
      );
      expect(finished.code).toBe(ErrorCode.INVALID_TRANSITION);
    });
  });

  describe('cancel', () => {
    it('should cancel every unfinished step (waiting, ready, in progress) and keep finished ones', async () => {
      const opened = await open();
      await completeAt(opened.id, 1, users.clerk);
      await progress.claim(users.canlian, await idOf(opened.id, 2)); // 2 in progress, 4 ready, 3/5/6 waiting

      const cancelled = await cases.cancel(users.clerk, opened.id, { reason: '申请人撤回' });

      expect(cancelled.status).toBe('cancelled');
      expect(cancelled.steps.map((s) => [s.position, s.status])).toEqual([
        [1, 'completed'],
        [2, 'cancelled'],
        [3, 'cancelled'],
        [4, 'cancelled'],
        [5, 'cancelled'],
        [6, 'cancelled'],
      ]);
      expect(cancelled.steps[1].claimedBy).toBeNull();
      const again = await failure(progress.complete(users.minzheng, cancelled.steps[3].id));
      expect(again.code).toBe(ErrorCode.INVALID_TRANSITION);
    });

    it('should let only the case township or an admin cancel', async () => {
      const opened = await open();
      for (const who of [users.supervisor, users.canlian]) {
        expect((await failure(cases.cancel(who, opened.id, { reason: '不办了' }))).code).toBe(
          ErrorCode.FORBIDDEN,
        );
      }
      expect((await cases.get(users.admin, opened.id)).status).toBe('open');
    });
  });

  describe('change of duration (调整期限)', () => {
    it('should re-time an open step from when it became ready, not from now', async () => {
      const opened = await open();
      await completeAt(opened.id, 1, users.clerk); // step 2 ready Monday 03-02
      const second = await idOf(opened.id, 2);
      clock.set('2026-03-05T15:00:00');

      const changed = await oversight.changeDueDays(users.supervisor, second, {
        dueWorkingDays: 10,
        reason: '需等待省级系统',
      });

      expect(changed.dueWorkingDays).toBe(10);
      expect(changed.readyAt).toEqual(new Date('2026-03-02T10:00:00+08:00'));
      expect(changed.dueDate).toBe('2026-03-16'); // 03-02 + 10 working days, not 03-05 + 10
    });

    it('should only store the duration of a waiting step, and refuse a finished one', async () => {
      const opened = await open();
      const waiting = await oversight.changeDueDays(users.supervisor, await idOf(opened.id, 6), {
        dueWorkingDays: 2,
        reason: '加快',
      });
      expect([waiting.dueWorkingDays, waiting.dueDate]).toEqual([2, null]);
      await completeAt(opened.id, 1, users.clerk);
      const finished = await failure(
        oversight.changeDueDays(users.supervisor, await idOf(opened.id, 1), {
          dueWorkingDays: 2,
          reason: '加快',
        }),
      );
      expect(finished.code).toBe(ErrorCode.INVALID_TRANSITION);
      const notSupervisor = await failure(
        oversight.changeDueDays(users.canlian, await idOf(opened.id, 2), {
          dueWorkingDays: 2,
          reason: '加快',
        }),
      );
      expect(notSupervisor.code).toBe(ErrorCode.FORBIDDEN);
    });
  });

  describe('send-back (退回)', () => {
    it('should refuse to send back from a step that is already finished', async () => {
      const opened = await open();
      await completeAt(opened.id, 1, users.clerk);
      await completeAt(opened.id, 2, users.canlian);
      const error = await failure(
        returns.sendBack(users.canlian, await idOf(opened.id, 2), { reason: '重办' }),
      );
      expect(error.code).toBe(ErrorCode.INVALID_TRANSITION);
      expect(await statuses(opened.id)).toEqual({
        1: 'completed',
        2: 'completed',
        3: 'ready',
        4: 'ready',
        5: 'pending',
        6: 'pending',
      });
    });

    it('should reopen the target with a fresh clock and make the join wait for every branch again', async () => {
      const opened = await open();
      await completeAt(opened.id, 1, users.clerk);
      await completeAt(opened.id, 2, users.canlian);
      await completeAt(opened.id, 3, users.canlian);
      await completeAt(opened.id, 4, users.minzheng); // the join (5) is ready
      const steps = await stepsOf(opened.id);
      clock.set('2026-03-04T11:00:00');

      await returns.sendBack(users.clerk, steps.get(5)?.id as string, {
        toStepId: steps.get(2)?.id,
        reason: '材料不全',
      });

      const after = await stepsOf(opened.id);
      expect(Object.fromEntries([...after].map(([p, s]) => [p, s.status]))).toEqual({
        1: 'completed',
        2: 'ready',
        3: 'pending',
        4: 'completed', // the other branch stays done
        5: 'pending',
        6: 'pending',
      });
      expect(after.get(2)?.readyAt).toEqual(clock.now());
      expect(after.get(2)?.dueDate).toBe('2026-03-11');
      expect(after.get(5)?.dueDate).toBeNull();

      await completeAt(opened.id, 2, users.canlian);
      expect((await statuses(opened.id))[5]).toBe('pending'); // still waits for 3
      await completeAt(opened.id, 3, users.canlian);
      expect((await statuses(opened.id))[5]).toBe('ready');
    });

    it('should refuse a target on another branch', async () => {
      const opened = await open();
      await completeAt(opened.id, 1, users.clerk);
      await completeAt(opened.id, 4, users.minzheng);
      const steps = await stepsOf(opened.id);
      const error = await failure(
        returns.sendBack(users.canlian, steps.get(2)?.id as string, {
          toStepId: steps.get(4)?.id,
          reason: '错',
        }),
      );
      expect(error.code).toBe(ErrorCode.RETURN_TARGET_INVALID);
    });
  });

  describe('the case lock', () => {
    it('should let exactly one of several racing completions of one step win', async () => {
      const opened = await open();
      const first = await idOf(opened.id, 1);
      const results = await Promise.allSettled(
        Array.from({ length: 4 }, () => progress.complete(users.clerk, first, '并发')),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const [{ n }] = await dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM case_events WHERE "stepId" = $1 AND "toStatus" = 'completed'`,
        [first],
      );
      expect(n).toBe(1);
    });
  });

  describe('template re-timing (retimeOpenCases)', () => {
    it('should give unfinished steps of open cases the new durations and leave finished steps alone', async () => {
      const opened = await open();
      await completeAt(opened.id, 1, users.clerk); // 1 completed (5 days); 2 and 4 ready since Monday
      const template = await app.get(TemplatesService).get(templateId);
      const edited = template.steps.map((s) => ({
        position: s.position,
        lane: s.lane,
        section: s.section,
        text: s.text,
        assigneeDepartmentIds: s.lane === 'township' ? [] : s.assigneeDepartmentIds,
        dependsOn: s.dependsOn,
        dueWorkingDays: 10,
        optional: s.optional,
      }));
      clock.set('2026-03-04T09:00:00');

      const saved = await app
        .get(TemplatesService)
        .saveNewVersion(users.supervisor, templateId, { steps: edited, retimeOpenCases: true });
      expect(saved.retimeOpenCasesQueued).toBe(true);

      const after = await eventually(
        async () => {
          const steps = await stepsOf(opened.id);
          return steps.get(6)?.dueWorkingDays === 10 ? steps : undefined;
        },
        20_000,
        'the re-timing job',
      );
      expect(after.get(1)).toEqual(expect.objectContaining({ dueWorkingDays: 5, status: 'completed' }));
      expect(after.get(1)?.dueDate).toBe('2026-03-09');
      expect(after.get(2)).toEqual(expect.objectContaining({ dueWorkingDays: 10, dueDate: '2026-03-16' }));
      expect((await cases.get(users.admin, opened.id)).templateId).toBe(templateId); // still on its version
    });
  });
});
