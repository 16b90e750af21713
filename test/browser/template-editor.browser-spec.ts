import { DataSource } from 'typeorm';
import { UserRole } from 'src/users/user-role';
import { UsersService } from 'src/users/users.service';
import { CasesService } from 'src/workflow/cases.service';
import { obliterateQueues } from 'test/utils/queues';
import { BrowserRig, seedQitaiSangezhuangzi, signInAs, startBrowserRig } from './browser';

const PASSWORD = 'browser-pass-123';

interface StoredStep {
  position: number;
  text: string;
  dependsOn: number[];
  dueWorkingDays: number;
  standing: boolean;
}

// A county supervisor opens a 流程模板, changes a step's 办理时限 and adds a dependency picked by the
// step's text, sees the difference, saves, and lands on version 2 with the change stored.
describe('流程模板 editor in a real browser', () => {
  let rig: BrowserRig;
  let dataSource: DataSource;
  let clerk: Awaited<ReturnType<UsersService['create']>>;

  const stepsOf = (version: number): Promise<StoredStep[]> =>
    dataSource.query(
      `SELECT s.position, s.text, s."dependsOn", s."dueWorkingDays", s.standing
       FROM template_steps s JOIN workflow_templates w ON w.id = s."templateId"
       JOIN duties d ON d.id = w."dutyId" JOIN townships t ON t.id = d."townshipId"
       WHERE d.name = '残疾人证管理' AND t.name = '三个庄子镇' AND w.version = $1 ORDER BY s.position`,
      [version],
    );

  beforeAll(async () => {
    rig = await startBrowserRig('template-editor');
    dataSource = rig.app.get(DataSource);
    await seedQitaiSangezhuangzi(rig);
    clerk = await rig.app.get(UsersService).create({
      username: 'sgzz-clerk',
      displayName: '王芳',
      password: PASSWORD,
      role: UserRole.TownshipStaff,
      township: '三个庄子镇',
    });
    await rig.app.get(UsersService).create({
      username: 'qt-supervisor',
      displayName: '李督办',
      password: PASSWORD,
      role: UserRole.Supervisor,
      county: '奇台县',
    });
  });

  afterAll(async () => {
    await obliterateQueues(rig.app);
    await rig.close();
  });

  it('should edit a step and a dependency, save, and show version 2', async () => {
    const before = await stepsOf(1);
    const flowing = before.filter((step) => !step.standing);
    const last = flowing[flowing.length - 1];
    // A step the last one does not wait for yet and that does not (transitively) wait for it.
    const waitsFor = (position: number, seen = new Set<number>()): Set<number> => {
      for (const on of before.find((s) => s.position === position)?.dependsOn ?? [])
        if (!seen.has(on)) waitsFor(on, seen.add(on));
      return seen;
    };
    const first = flowing.find(
      (s) => s !== last && !last.dependsOn.includes(s.position) && !waitsFor(s.position).has(last.position),
    )!;
    expect(first).toBeDefined();

    const { page } = await rig.newPerson();
    await signInAs(page, 'qt-supervisor', PASSWORD);
    await page.getByRole('menuitem', { name: '流程模板' }).first().click();
    await page.getByRole('heading', { name: '流程模板' }).waitFor();
    await page.getByLabel('事项名称').fill('残疾人证');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('link', { name: '残疾人证管理' }).click();
    await page.getByRole('heading', { name: '残疾人证管理（第 1 版）' }).waitFor();
    await page
      .getByRole('img', { name: /流程图/ })
      .locator('svg')
      .first()
      .waitFor();

    await page.getByLabel(`环节 ${first.position} 办理时限`).fill(String(first.dueWorkingDays + 3));
    await page.getByRole('combobox', { name: `环节 ${last.position} 添加前序` }).click();
    await page.getByRole('option', { name: new RegExp(`^环节 ${first.position}：`) }).click();
    await page
      .getByRole('list', { name: `环节 ${last.position} 的前序环节` })
      .getByText(`环节 ${first.position}：`)
      .waitFor();
    await page.getByRole('button', { name: '添加附加字段' }).click();
    await page.getByLabel('附加字段 1 名称').fill('残疾类别');
    await page.getByLabel('附加字段 1 必填').check();
    await rig.screenshot(page, 'template-edited');

    await page.getByRole('button', { name: '保存为新版本' }).click();
    const dialog = page.getByRole('dialog', { name: '保存为第 2 版' });
    await dialog.getByText(`环节 ${last.position} 增加前序：环节 ${first.position}`).waitFor();
    await dialog
      .getByText(
        `环节 ${first.position} 办理时限 ${first.dueWorkingDays} → ${first.dueWorkingDays + 3} 个工作日`,
      )
      .waitFor();
    await rig.screenshot(page, 'template-save-dialog');
    await dialog.getByRole('button', { name: '确定保存' }).click();
    await page.getByRole('heading', { name: '残疾人证管理（第 2 版）' }).waitFor();
    await page.getByText('已保存为第 2 版').waitFor();
    // The new dependency is shown as a person's.
    await page
      .getByRole('list', { name: `环节 ${last.position} 的前序环节` })
      .getByText('人工设置')
      .waitFor();
    await rig.screenshot(page, 'template-version-2');

    const after = await stepsOf(2);
    expect(after.find((s) => s.position === first.position)?.dueWorkingDays).toBe(first.dueWorkingDays + 3);
    expect(after.find((s) => s.position === last.position)?.dependsOn).toContain(first.position);
    // A case opened now follows version 2: its step waits for the added dependency.
    const [duty] = await dataSource.query<{ dutyId: string }[]>(
      `SELECT w."dutyId" FROM workflow_templates w JOIN duties d ON d.id = w."dutyId" WHERE d.name = '残疾人证管理' LIMIT 1`,
    );
    const opened = await rig.app.get(CasesService).open(
      { ...clerk, departmentId: null, county: '奇台县' },
      {
        dutyId: duty.dutyId,
        title: '李四 残疾人证申请',
        subject: '李四',
        extraFields: { field1: '视力残疾' },
      },
    );
    expect(opened.templateVersion).toBe(2);
    expect(opened.steps.find((s) => s.position === last.position)?.dependsOn).toContain(first.position);
    const [saved] = await dataSource.query<{ caseFields: unknown }[]>(
      `SELECT w."caseFields" FROM workflow_templates w WHERE w."dutyId" = $1 AND w.version = 2`,
      [duty.dutyId],
    );
    expect(saved.caseFields).toEqual([{ key: 'field1', label: '残疾类别', type: 'text', required: true }]);
    expect(rig.pageErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });
});
