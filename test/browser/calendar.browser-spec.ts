import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CalendarSeeder } from 'src/calendar/calendar.seeder';
import { UserRole } from 'src/users/user-role';
import { UsersService } from 'src/users/users.service';
import { resetDatabase } from 'test/utils/database';
import { obliterateQueues } from 'test/utils/queues';
import { BrowserRig, signInAs, startBrowserRig } from './browser';

const PASSWORD = 'browser-pass-123';
const NOTICE = readFileSync(
  join(__dirname, '..', 'fixtures', 'calendar-notices', '2027-made-up.txt'),
  'utf8',
);

// An admin enters next year's holidays by pasting the notice, checks the proposal in the year grid,
// corrects one day and saves.
describe('工作日历: entering a year from a pasted notice in a real browser', () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await startBrowserRig('calendar');
    await resetDatabase(rig.app.get(DataSource));
    await rig.app.get(CalendarSeeder).seedFromFile();
    await rig.app.get(UsersService).create({
      username: 'admin',
      displayName: '管理员',
      password: PASSWORD,
      role: UserRole.Admin,
    });
  });

  afterAll(async () => {
    await obliterateQueues(rig.app);
    await rig.close();
  });

  it('should read the notice, show it in the grid, take a correction and save the year', async () => {
    const { page } = await rig.newPerson();
    await signInAs(page, 'admin', PASSWORD);
    await page.goto('/calendar');
    await page.getByRole('heading', { name: '工作日历' }).waitFor();
    await page.getByRole('radio', { name: '2026 年' }).waitFor();
    // The seeded year is coloured: 2026-10-01 is a holiday, 2026-10-10 a make-up workday.
    await page.getByLabel('2026-10-01 国庆节', { exact: true }).waitFor();
    await page.getByLabel('2026-10-10 国庆节调休上班', { exact: true }).waitFor();

    await page.getByLabel('通知全文').fill(NOTICE);
    await page.getByRole('button', { name: '识别通知' }).click();
    await page.getByText('识别出 2027 年放假 27 天、调休上班 4 天').waitFor();
    await page.getByLabel('2027-02-14 春节调休上班', { exact: true }).waitFor();
    await rig.screenshot(page, 'calendar-proposal');

    // Correct: 2027-06-10 is also a holiday (one click = 放假).
    await page.getByLabel('新增放假日名称').fill('端午节');
    await page.getByLabel('2027-06-10 工作日', { exact: true }).click();
    await page.getByLabel('2027-06-10 端午节', { exact: true }).waitFor();
    await page.getByRole('button', { name: '确认保存 2027 年' }).click();
    await page.getByText('已保存 2027 年节假日安排').waitFor();
    await page.getByRole('radio', { name: '2027 年' }).waitFor();

    const saved = await rig.app
      .get(DataSource)
      .query<{ date: string; kind: string }[]>(
        `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind FROM calendar_days WHERE date BETWEEN '2027-01-01' AND '2027-12-31' ORDER BY date`,
      );
    expect(saved).toHaveLength(32);
    expect(saved).toContainEqual({ date: '2027-06-10', kind: 'holiday' });
    expect(saved).toContainEqual({ date: '2027-10-09', kind: 'workday' });
    // Script errors only: the shared layout asks for things an admin or supervisor may not have (403/404).
    expect(rig.pageErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });
});
