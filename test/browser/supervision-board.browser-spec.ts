import { readFileSync } from 'node:fs';
import { Workbook } from 'exceljs';
import { DataSource } from 'typeorm';
import { AuthUser } from 'src/auth/auth-user';
import { BoardService } from 'src/supervision/board.service';
import { SupervisionService } from 'src/supervision/supervision.service';
import { UserRole } from 'src/users/user-role';
import { UsersService } from 'src/users/users.service';
import { CasesService } from 'src/workflow/cases.service';
import { obliterateQueues } from 'test/utils/queues';
import { BrowserRig, seedQitaiSangezhuangzi, signInAs, startBrowserRig } from './browser';

const PASSWORD = 'browser-pass-123';

// A county supervisor finds an overdue step from the chart, urges it, the department sees the 催办 and
// replies, the supervisor sees the reply and exports the 台账; every number on the board is the API's.
describe('督办看板 in a real browser', () => {
  let rig: BrowserRig;
  let supervisor: AuthUser;
  let caseTitle = '';

  beforeAll(async () => {
    rig = await startBrowserRig('supervision-board');
    const dataSource = rig.app.get(DataSource);
    await seedQitaiSangezhuangzi(rig);
    const users = rig.app.get(UsersService);
    const created = await users.create({
      username: 'qt-supervisor',
      displayName: '李督办',
      password: PASSWORD,
      role: UserRole.Supervisor,
      county: '奇台县',
    });
    supervisor = { ...created, departmentId: null, townshipId: null, county: '奇台县' };
    await users.create({
      username: 'qt-canlian',
      displayName: '张残联',
      password: PASSWORD,
      role: UserRole.DepartmentStaff,
      department: '奇台县残联',
    });
    const clerk = await users.create({
      username: 'sgzz-clerk',
      displayName: '王芳',
      password: PASSWORD,
      role: UserRole.TownshipStaff,
      township: '三个庄子镇',
    });
    // A 残疾人证管理 case whose 县残联 step is due long ago: overdue.
    const [template] = await dataSource.query<{ id: string }[]>(
      `SELECT w.id FROM workflow_templates w JOIN duties d ON d.id = w."dutyId" JOIN townships t ON t.id = d."townshipId"
       WHERE d.name = '残疾人证管理' AND t.name = '三个庄子镇' ORDER BY w.version DESC LIMIT 1`,
    );
    caseTitle = '张三 残疾人证申请';
    const opened = await rig.app.get(CasesService).open(
      { ...clerk, departmentId: null, county: '奇台县' },
      {
        templateId: template.id,
        title: caseTitle,
        subject: '张三',
      },
    );
    // The imported flow starts 县残联 after the town's handoff; here it runs from the start, overdue.
    await dataSource.query(
      `UPDATE case_steps SET status = 'ready', "readyAt" = now() - interval '60 days', "dueDate" = '2025-09-30',
         "dueAt" = '2025-09-30T15:59:59.999Z' WHERE "caseId" = $1 AND lane = 'department' AND position = 1`,
      [opened.id],
    );
    await dataSource.query(
      `UPDATE case_steps SET "dueDate" = '2025-09-30', "dueAt" = '2025-09-30T15:59:59.999Z'
       WHERE "caseId" = $1 AND status IN ('ready', 'in_progress')`,
      [opened.id],
    );
  });

  afterAll(async () => {
    await obliterateQueues(rig.app);
    await rig.close();
  });

  it('should show the API numbers, filter from the chart, urge, see the reply and export the ledger', async () => {
    const { page } = await rig.newPerson();
    await signInAs(page, 'qt-supervisor', PASSWORD);
    await page.getByRole('menuitem', { name: '督办看板' }).first().click();
    await page.getByRole('heading', { name: '督办看板' }).waitFor();

    // Every card shows the API's number for the same (empty) filter.
    const board = await rig.app.get(BoardService).board(supervisor, {});
    await page
      .getByTestId('card-overdueSteps')
      .filter({ hasText: String(board.cards.overdueSteps.value) })
      .waitFor();
    await expect(page.getByTestId('card-openSteps').textContent()).resolves.toContain(
      String(board.cards.openSteps.value),
    );
    await expect(page.getByTestId('card-openCases').textContent()).resolves.toContain(
      String(board.cards.openCases.value),
    );
    expect(board.byDepartment.map((b) => b.unitName)).toContain('奇台县残联');
    await page.getByRole('img', { name: '逾期环节按县直部门' }).locator('canvas').first().waitFor();
    await rig.screenshot(page, 'board');

    // The department's bar → the table filtered to it.
    await page
      .getByLabel('按县直部门筛选')
      .getByRole('button', { name: /奇台县残联/ })
      .click();
    const row = page
      .getByRole('row')
      .filter({ hasText: caseTitle })
      .filter({ hasText: '奇台县残联' })
      .first();
    await row.waitFor();
    await row.getByRole('button', { name: '催办', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '催办' });
    await dialog.getByRole('textbox').fill('请于本周内办结');
    await dialog.getByRole('button', { name: '确定催办' }).click();
    await page.getByText('已催办').waitFor();

    // 导出台账: the downloaded .xlsx read back.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出台账' }).click(),
    ]);
    const path = await download.path();
    const workbook = new Workbook();
    const bytes = readFileSync(path);
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const sheet = workbook.getWorksheet('逾期环节');
    expect(sheet?.getCell('A1').value).toMatch(
      /^奇台县逾期环节台账\u3000统计截止时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/,
    );
    const headers = sheet?.getRow(2).values as unknown[];
    expect(headers.slice(1, 3)).toEqual(['序号', '承办单位']);
    expect(sheet?.getRow(3).getCell(headers.indexOf('应办结日期')).value).toBeInstanceOf(Date);
    // The ledger follows the page's filter (the department picked from the chart): as many rows as the API lists.
    const [canlian] = await rig.app
      .get(DataSource)
      .query<{ id: string }[]>(`SELECT id FROM departments WHERE name = '奇台县残联'`);
    const listed = await rig.app.get(SupervisionService).overdue(supervisor, {
      department: canlian.id,
      light: 'red',
      sort: 'daysOverdue',
      order: 'desc',
      page: 1,
      pageSize: 20,
    });
    expect(listed.total).toBeGreaterThan(0);
    expect(sheet?.rowCount).toBe(2 + listed.total);
    expect(workbook.getWorksheet('单位统计')).toBeDefined();
    // Script errors only: the shared layout asks for things an admin or supervisor may not have (403/404).
    expect(rig.pageErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });
});
