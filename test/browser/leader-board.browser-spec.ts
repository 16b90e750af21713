import { DataSource } from 'typeorm';
import { AuthUser } from 'src/auth/auth-user';
import { SupervisionService } from 'src/supervision/supervision.service';
import { UserRole } from 'src/users/user-role';
import { UsersService } from 'src/users/users.service';
import { CasesService } from 'src/workflow/cases.service';
import { StepOversightService } from 'src/workflow/step-oversight.service';
import { UrgesService } from 'src/workflow/urges.service';
import { obliterateQueues } from 'test/utils/queues';
import { BrowserRig, seedQitaiSangezhuangzi, signInAs, startBrowserRig } from './browser';

const PASSWORD = 'browser-pass-123';

// 奇台县残联's 负责人 opens the 督办看板: only the department's work, no 催办/转办 of their own, and the
// 催办 history shows the supervisor's 催办 with the department's 催办反馈.
describe("督办看板 for a department's 负责人 in a real browser", () => {
  let rig: BrowserRig;
  let leader: AuthUser;
  let stepId = '';

  beforeAll(async () => {
    rig = await startBrowserRig('leader-board');
    const dataSource = rig.app.get(DataSource);
    await seedQitaiSangezhuangzi(rig);
    const users = rig.app.get(UsersService);
    const supervisor = await users.create({
      username: 'qt-supervisor',
      displayName: '李督办',
      password: PASSWORD,
      role: UserRole.Supervisor,
      county: '奇台县',
    });
    const created = await users.create({
      username: 'qt-canlian-head',
      displayName: '赵主任',
      password: PASSWORD,
      role: UserRole.DepartmentStaff,
      department: '奇台县残联',
      isLeader: true,
    });
    const [canlian] = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM departments WHERE name = '奇台县残联'`,
    );
    leader = {
      ...created,
      role: UserRole.DepartmentStaff,
      departmentId: canlian.id,
      townshipId: null,
      county: '奇台县',
      isLeader: true,
    };
    const clerk = await users.create({
      username: 'sgzz-clerk',
      displayName: '王芳',
      password: PASSWORD,
      role: UserRole.TownshipStaff,
      township: '三个庄子镇',
    });
    const [template] = await dataSource.query<{ id: string }[]>(
      `SELECT w.id FROM workflow_templates w JOIN duties d ON d.id = w."dutyId" JOIN townships t ON t.id = d."townshipId"
       WHERE d.name = '残疾人证管理' AND t.name = '三个庄子镇' ORDER BY w.version DESC LIMIT 1`,
    );
    const opened = await rig.app
      .get(CasesService)
      .open(
        { ...clerk, departmentId: null, county: '奇台县' },
        { templateId: template.id, title: '张三 残疾人证申请', subject: '张三' },
      );
    const [step] = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM case_steps WHERE "caseId" = $1 AND lane = 'department' AND position = 1`,
      [opened.id],
    );
    stepId = step.id;
    // The imported flow starts 县残联 after the town's handoff; here it runs from the start, overdue.
    await dataSource.query(
      `UPDATE case_steps SET status = 'ready', "readyAt" = now() - interval '60 days', "dueDate" = '2025-09-30',
         "dueAt" = '2025-09-30T15:59:59.999Z' WHERE id = $1`,
      [stepId],
    );
    const supervisorUser = { ...supervisor, departmentId: null, townshipId: null, county: '奇台县' };
    await rig.app.get(StepOversightService).urge(supervisorUser, stepId, { note: '请于本周内办结' });
    await rig.app.get(UrgesService).reply(leader, stepId, '已安排专人，周五前办结');
  });

  afterAll(async () => {
    await obliterateQueues(rig.app);
    await rig.close();
  });

  it("should show only the department's work with its 催办 and 催办反馈, without 催办 actions", async () => {
    const api = await rig.app.get(SupervisionService).overdue(leader, {
      light: 'red',
      sort: 'daysOverdue',
      order: 'desc',
      page: 1,
      pageSize: 20,
    });
    expect(api.total).toBeGreaterThan(0);
    expect(api.items.every((item) => item.holder.ids.includes(leader.departmentId!))).toBe(true);

    const { page } = await rig.newPerson();
    await signInAs(page, 'qt-canlian-head', PASSWORD);
    await page.getByRole('menuitem', { name: '督办看板' }).first().click();
    await page.getByRole('heading', { name: '督办看板' }).waitFor();
    await page.getByText('本部门（奇台县残联）承办的环节').waitFor();
    await page
      .getByTestId('card-overdueSteps')
      .filter({ hasText: String(api.total) })
      .waitFor();
    const row = page.getByRole('row').filter({ hasText: '张三' }).first();
    await row.waitFor();
    await expect(row.getByRole('button', { name: '催办', exact: true }).count()).resolves.toBe(0);
    await row.getByRole('button', { name: '催办记录' }).click();
    const drawer = page.getByRole('dialog', { name: '催办记录' });
    await drawer.getByText('请于本周内办结').waitFor();
    await drawer.getByText('已安排专人，周五前办结').waitFor();
    await drawer.getByText('催办反馈').waitFor();
    await rig.screenshot(page, 'leader-board-urge-history');
    expect(rig.pageErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });
});
