import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CalendarSeeder } from 'src/calendar/calendar.seeder';
import { parseDutyList } from 'src/duty-lists/duty-list.parser';
import { UserRole } from 'src/users/user-role';
import { UsersService } from 'src/users/users.service';
import { resetDatabase } from 'test/utils/database';
import { obliterateQueues } from 'test/utils/queues';
import { ARTIFACTS_DIR, BrowserRig, signInAs, startBrowserRig } from './browser';

const PASSWORD = 'browser-pass-123';
const FILE = join(__dirname, '..', 'fixtures', 'duty-lists', 'shufu-ocr-damage.txt');
const LIST_WORDS: Record<string, string> = {
  basic: '基本履职事项',
  cooperative: '配合履职事项',
  withdrawn: '上级部门收回事项',
};

// An admin uploads an OCR-damaged document, watches the import finish, finds a flagged row with the
// source line it came from, and marks it reviewed (recorded with who and when).
describe('清单导入 · 待复核 in a real browser', () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await startBrowserRig('import-review');
    await resetDatabase(rig.app.get(DataSource));
    await rig.app.get(CalendarSeeder).seedFromFile();
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

  it('should upload, show a flagged row with its source line, and mark it reviewed', async () => {
    const content = readFileSync(FILE);
    const flagged = parseDutyList(content, 'shufu-ocr-damage.txt').warnings.find(
      (w) => w.list && w.no !== undefined && w.field === 'departments',
    )!;
    expect(flagged).toBeDefined();
    const sourceLine = content.toString('utf8').split('\n')[flagged.line - 1];

    const { page } = await rig.newPerson();
    await signInAs(page, 'admin', PASSWORD);
    await page.getByRole('menuitem', { name: '清单导入' }).first().click();
    await page.getByRole('heading', { name: '清单导入' }).waitFor();
    await page.getByLabel('选择清单文件').setInputFiles(FILE);
    await page.getByRole('button', { name: '上传并导入' }).click();
    await page.getByRole('progressbar', { name: 'shufu-ocr-damage.txt 导入进度' }).waitFor();
    await page.getByText('吾库萨克镇：基本履职事项').waitFor();
    await page.getByText('待复核：疏附县吾库萨克镇 · shufu-ocr-damage.txt').waitFor();

    const source = page.getByLabel(`源文件第 ${flagged.line} 行`).first();
    await source.waitFor();
    expect(await source.textContent()).toBe(sourceLine);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'import-review', 'import-review.png') });

    const mark = page
      .getByRole('button', {
        name: `标记已复核：${LIST_WORDS[flagged.list!]} 序号 ${flagged.no}`,
        exact: true,
      })
      .first();
    await mark.click();
    await page.getByText('已标记为已复核').waitFor();
    await expect(mark.count()).resolves.toBe(0);
    await source.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'import-review', 'import-reviewed-row.png') });

    const stored = await rig.app
      .get(DataSource)
      .query(`SELECT "rowKey", "reviewedByName" FROM duty_list_reviews`);
    expect(stored).toEqual([{ rowKey: `${flagged.list}:${flagged.no}`, reviewedByName: '系统管理员' }]);
    expect(rig.pageErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });
});
