import { DataSource } from 'typeorm';
import { CalendarSeeder } from 'src/calendar/calendar.seeder';
import { DutyListImporter } from 'src/duty-lists/duty-list.importer';
import { UserRole } from 'src/users/user-role';
import { UsersService } from 'src/users/users.service';
import { resetDatabase } from 'test/utils/database';
import { obliterateQueues } from 'test/utils/queues';
import { readSeed } from 'test/utils/seeds';
import { BrowserRig, signInAs, startBrowserRig } from './browser';

const PASSWORD = 'browser-pass-123';

// An admin creates a department's 负责人, picking the department by its name; the API's message shows
// next to the field it names; the new person can sign in.
describe('用户管理 in a real browser', () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await startBrowserRig('users');
    await resetDatabase(rig.app.get(DataSource));
    await rig.app.get(CalendarSeeder).seedFromFile();
    await rig.app
      .get(DutyListImporter)
      .importFile(readSeed('qitai-sangezhuangzi.txt'), 'qitai-sangezhuangzi.txt');
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
});
