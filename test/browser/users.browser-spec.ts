import { DataSource } from 'typeorm';
import { UserRole } from 'src/users/user-role';
import { UsersService } from 'src/users/users.service';
import { obliterateQueues } from 'test/utils/queues';
import { BrowserRig, seedQitaiSangezhuangzi, signInAs, startBrowserRig } from './browser';

const PASSWORD = 'browser-pass-123';

// An admin creates a department's 负责人, picking the department by its name; the API's message shows
// next to the field it names; the new person can sign in.
describe('用户管理 in a real browser', () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await startBrowserRig('users');
    await seedQitaiSangezhuangzi(rig);
    await rig.app.get(UsersService).create({
      username: 'admin',
      displayName: '系统管理员',
      password: PASSWORD,
      role: UserRole.Admin,
    });
  });

  afterAll(async () => {
    await obliterateQueues(rig.app);
    await rig.close();
  });

  it('should create a department 负责人 picked by name, show a field error first, and let them sign in', async () => {
    const { page } = await rig.newPerson();
    await signInAs(page, 'admin', PASSWORD);
    await page.getByRole('menuitem', { name: '用户管理' }).first().click();
    await page.getByRole('heading', { name: '用户管理' }).waitFor();
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog', { name: '新建用户' });
    await dialog.getByLabel('登录名').fill('qt-canlian-leader');
    await dialog.getByLabel('姓名').fill('赵主任');
    await dialog.getByRole('combobox', { name: '用户角色' }).click({ force: true });
    await page.getByRole('option', { name: '县直部门工作人员' }).click();
    await dialog.getByRole('combobox', { name: '所属部门' }).click();
    await page.getByRole('option', { name: '奇台县残联', exact: true }).click();
    await dialog.getByText('本单位负责人').click();
    // A weak password: the API's message appears at 初始密码.
    await dialog.getByLabel('初始密码').fill('short');
    await dialog.getByRole('button', { name: '确定新建' }).click();
    await dialog.locator('.el-form-item__error').first().waitFor();
    await rig.screenshot(page, 'users-create-error');
    await dialog.getByLabel('初始密码').fill('Canlian-2026!');
    await dialog.getByRole('button', { name: '确定新建' }).click();
    await page.getByText('已新建用户 赵主任（qt-canlian-leader）').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'qt-canlian-leader' });
    await row.getByText('负责人', { exact: true }).waitFor();
    await row.getByRole('button', { name: '取消负责人' }).waitFor();
    await row.getByText('奇台县残联').waitFor();
    await rig.screenshot(page, 'users-created');

    const stored = await rig.app
      .get(DataSource)
      .query(
        `SELECT u.role, u."isLeader", d.name FROM users u JOIN departments d ON d.id = u."departmentId" WHERE u.username = $1`,
        ['qt-canlian-leader'],
      );
    expect(stored).toEqual([{ role: 'department_staff', isLeader: true, name: '奇台县残联' }]);

    const other = await rig.newPerson();
    await signInAs(other.page, 'qt-canlian-leader', 'Canlian-2026!');
    expect(rig.pageErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });

  // Only the refused URL is typed at a private address; nothing here is ever POSTed anywhere.
  it("should set a unit's webhook by its name, refuse a private address at the field, and list it with its last delivery", async () => {
    const { page } = await rig.newPerson();
    await signInAs(page, 'admin', PASSWORD);
    await page.getByRole('menuitem', { name: '用户管理' }).first().click();
    await page.getByRole('heading', { name: '单位推送地址（webhook）' }).waitFor();
    await page.getByRole('button', { name: '设置单位推送' }).click();
    const dialog = page.getByRole('dialog', { name: '设置单位推送' });
    await dialog.getByRole('combobox', { name: '推送单位' }).click();
    await page.getByRole('option', { name: '奇台县残联', exact: true }).click();
    await dialog.getByLabel('推送地址').fill('http://192.168.10.20/hook');
    await dialog.getByRole('button', { name: '保存' }).click();
    const urlError = dialog
      .locator('.el-form-item')
      .filter({ hasText: '推送地址' })
      .locator('.el-form-item__error');
    await urlError.waitFor();
    expect(await urlError.innerText()).toContain(
      'webhook 地址不可用：目标地址 192.168.10.20 属于本机、内网或保留网段',
    );
    await rig.screenshot(page, 'webhook-refused');

    await dialog.getByLabel('推送地址').fill('https://oa.example.gov.cn/dutyflow/hook');
    await dialog.getByLabel('签名密钥').fill('canlian-secret-2026');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存推送地址').waitFor();
    const section = page.getByRole('region', { name: '单位推送地址（webhook）' });
    const row = page.getByRole('row').filter({ hasText: 'https://oa.example.gov.cn/dutyflow/hook' });
    await row.getByText('奇台县残联').waitFor();
    await row.getByText('已设置').waitFor();
    await row.getByText('尚未推送').waitFor();

    // A delivery that failed earlier (recorded, never sent): the list names it in words.
    const db = rig.app.get(DataSource);
    const [{ unitId }] = await db.query<{ unitId: string }[]>(
      `SELECT "unitId" FROM unit_webhooks WHERE url = 'https://oa.example.gov.cn/dutyflow/hook'`,
    );
    const [{ id: outboxId }] = await db.query<{ id: string }[]>(
      `INSERT INTO outbox_events (type, payload, "dispatchedAt") VALUES ('step_ready', '{}', now()) RETURNING id`,
    );
    await db.query(
      `INSERT INTO notifications ("outboxId", "unitKind", "unitId", type, title, body, "webhookStatus", "webhookAttempts", "webhookLastError")
       VALUES ($1, 'department', $2, 'step_ready', '新环节待办理', '', 'failed', 5, 'HTTP 503')`,
      [outboxId, unitId],
    );
    await page.reload();
    await row.getByText('发送失败').waitFor();
    await row.getByText('对方返回错误（HTTP 503）').waitFor();
    await row.getByText('（尝试 5 次）').waitFor();
    expect(await section.innerText()).toContain('奇台县残联');
    expect(await section.innerText()).not.toContain('canlian-secret-2026');
    await rig.screenshot(page, 'webhook-listed');
    const [stored] = await db.query<{ secret: string }[]>(`SELECT secret FROM unit_webhooks`);
    expect(stored.secret).not.toContain('canlian-secret-2026'); // sealed at rest
    expect(rig.pageErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });
});
