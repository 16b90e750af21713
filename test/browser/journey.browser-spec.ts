import { Locator, Page } from 'playwright-core';
import { UserRole } from 'src/users/user-role';
import { UsersService } from 'src/users/users.service';
import { obliterateQueues } from 'test/utils/queues';
import { PDF_BYTES } from 'test/utils/files';
import { BrowserRig, seedQitaiSangezhuangzi, PHONE, signInAs, startBrowserRig } from './browser';

const PASSWORD = 'journey-pass-123';
const ID_NUMBER = '652325198503120024';
const MASKED_ID = '6523********0024';
const NEW_PASSWORD = 'journey-new-456';
const ISO_OR_UUID = /\d{4}-\d{2}-\d{2}T\d{2}:|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const ENUM_WORDS =
  /\b(pending|ready|in_progress|completed|skipped|cancelled|township_staff|department_staff)\b/;

// The 残疾人证管理 duty of 三个庄子镇 from the first click to 已办结, as three people in their own browsers:
// the town's clerk opens the case for an applicant with a 公民身份号码 and a file (and takes back a step
// finished too early: 撤回), 奇台县残联 sends it back for correction, the town attaches a corrected file
// and resubmits, the county's supervisor urges and 县残联 answers (催办反馈) and finishes, and another
// clerk of the town distributes the certificate.
describe('残疾人证管理 journey of 三个庄子镇 in a real browser', () => {
  let rig: BrowserRig;
  let town: Page;
  let canlian: Page;
  let distributor: Page;
  let caseUrl: string;

  const step = (page: Page, label: string): Locator =>
    page.getByRole('listitem', { name: label, exact: true });

  // The county supervisor's 催办, through the API as a script would (the 督办看板 has its own spec).
  async function urgeAsSupervisor(
    lane: 'department' | 'township',
    order: number,
    note: string,
  ): Promise<void> {
    const post = async (path: string, body: unknown, token?: string): Promise<Response> =>
      fetch(`${rig.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
    const login = await post('/api/auth/login', { username: 'qt-supervisor', password: PASSWORD });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const found = await fetch(`${rig.baseUrl}/api${caseUrl}`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    const { steps } = (await found.json()) as { steps: { id: string; lane: string; order: number }[] };
    const target = steps.find((s) => s.lane === lane && s.order === order);
    const urged = await post(`/api/steps/${target?.id}/urge`, { note }, accessToken);
    expect(urged.status).toBe(200);
  }

  async function act(
    page: Page,
    label: string,
    action: string,
    fill: Record<string, string> = {},
  ): Promise<void> {
    await step(page, label).getByRole('button', { name: action, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: action });
    await dialog.waitFor();
    for (const [field, value] of Object.entries(fill)) await dialog.getByLabel(field).fill(value);
    await dialog.getByRole('button', { name: `确定${action}` }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  // Waits until the step shows the status word (the page reloads the case after each action).
  async function expectStatus(page: Page, label: string, word: string): Promise<void> {
    await step(page, label).getByText(word, { exact: true }).waitFor();
  }

  // The left menu, or on a phone the menu drawer behind 菜单.
  async function openMenu(page: Page, name: string): Promise<void> {
    const toggle = page.getByRole('button', { name: '打开菜单' });
    const phone = await toggle.isVisible();
    if (phone) await toggle.click();
    await page.getByRole('menuitem', { name }).filter({ visible: true }).click();
    // The drawer slides away before the page is read or photographed.
    if (phone) await page.getByRole('dialog', { name: '菜单' }).waitFor({ state: 'hidden' });
  }

  async function expectNoSideways(page: Page): Promise<void> {
    await expect(
      page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth'),
    ).resolves.toBeLessThanOrEqual(0);
  }

  // Nothing a person reads may be an ISO timestamp, a UUID or an enum value.
  async function expectOnlyPeopleWords(page: Page): Promise<void> {
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(ISO_OR_UUID);
    expect(text).not.toMatch(ENUM_WORDS);
  }

  beforeAll(async () => {
    rig = await startBrowserRig('journey');
    await seedQitaiSangezhuangzi(rig);
    const users = rig.app.get(UsersService);
    const people = [
      {
        username: 'sgzz-wangfang',
        displayName: '王芳',
        role: UserRole.TownshipStaff,
        township: '三个庄子镇',
      },
      {
        username: 'sgzz-zhaoqiang',
        displayName: '赵强',
        role: UserRole.TownshipStaff,
        township: '三个庄子镇',
      },
      {
        username: 'qt-canlian-lina',
        displayName: '李娜',
        role: UserRole.DepartmentStaff,
        department: '奇台县残联',
      },
      {
        username: 'qt-supervisor',
        displayName: '孙督办',
        role: UserRole.Supervisor,
        county: '奇台县',
      },
      {
        username: 'qt-minzheng-zhou',
        displayName: '周敏',
        role: UserRole.DepartmentStaff,
        department: '奇台县民政局',
      },
    ];
    for (const person of people) await users.create({ ...person, password: PASSWORD });
    town = (await rig.newPerson()).page;
    canlian = (await rig.newPerson(PHONE)).page; // 县残联 works on a phone (政务微信)
    distributor = (await rig.newPerson()).page;
  });

  afterAll(async () => {
    await obliterateQueues(rig.app);
    await rig.close();
  });

  it('should let the town clerk find the duty, see its flow and open a case for an applicant', async () => {
    await signInAs(town, 'sgzz-wangfang', PASSWORD);
    await openMenu(town, '发起办件');
    await town.getByLabel('事项名称').fill('残疾人证');
    await town.getByRole('button', { name: '查询' }).click();
    const row = town.getByRole('row').filter({ hasText: '残疾人证管理' }).first();
    await row.getByRole('button', { name: '选择' }).click();
    await town.getByRole('img', { name: /流程图/ }).waitFor();
    await town.getByLabel('姓名', { exact: true }).fill('张秀兰');
    // A mistyped check digit is named next to the field before anything is sent.
    await town.getByLabel('公民身份号码').fill('652325198503120025');
    await town.getByRole('button', { name: '提交办件' }).click();
    await town.getByText('公民身份号码校验码不正确').waitFor();
    await town.getByLabel('公民身份号码').fill(ID_NUMBER);
    await town.getByLabel('联系电话').fill('13912345678');
    await town.getByLabel('所在村（社区）').fill('三个庄子村');
    await town.getByLabel('选择材料文件').setInputFiles({
      name: '残疾人证申请表.pdf',
      mimeType: 'application/pdf',
      buffer: PDF_BYTES,
    });
    await town.getByRole('list', { name: '待上传的材料' }).getByText('残疾人证申请表.pdf').waitFor();
    await expect(town.getByLabel('办件名称').getAttribute('placeholder')).resolves.toContain(
      '张秀兰 残疾人证管理',
    );
    await rig.screenshot(town, '01-new-case');
    await town.getByRole('button', { name: '提交办件' }).click();
    await town.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    caseUrl = new URL(town.url()).pathname;
    await town.getByRole('heading', { name: '残疾人证管理 · 张秀兰' }).waitFor();
    // The town's own case shows the full number; the file arrived with the case.
    await town.getByText(ID_NUMBER, { exact: true }).waitFor();
    await town
      .getByRole('region', { name: '材料' })
      .getByRole('link', { name: '残疾人证申请表.pdf' })
      .waitFor();
    await expectStatus(town, '乡镇第 1 步', '待签收');
    await expectStatus(town, '部门第 1 步', '未开始');
    await expect(step(town, '部门第 1 步').innerText()).resolves.toContain('等待 乡镇第 5 步');
  });

  it('should list the new case under 我发起的, masked, found by the whole 公民身份号码', async () => {
    await openMenu(town, '我发起的');
    await town.getByRole('heading', { name: '我发起的' }).waitFor();
    // Lists show the 公民身份号码 masked, whoever reads them.
    const row = town.getByRole('row').filter({ hasText: MASKED_ID });
    await expect(row.innerText()).resolves.toContain('张秀兰');
    await expect(row.innerText()).resolves.toMatch(/剩 \d+ 个工作日/);
    await town.getByLabel('办理对象姓名、公民身份号码或事项').fill('李四');
    await town.getByRole('button', { name: '查询' }).click();
    await town.getByText('暂无我发起的办件').waitFor();
    await town.getByLabel('办理对象姓名、公民身份号码或事项').fill(ID_NUMBER);
    await town.getByRole('button', { name: '查询' }).click();
    await row.waitFor();
    await expect(row.count()).resolves.toBe(1);
    await expectOnlyPeopleWords(town);
    await rig.screenshot(town, '02-mine');
    await row.click();
    await town.waitForURL((url) => url.pathname === caseUrl);
  });

  it('should let the town do its five steps before the hand-over to 县残联', async () => {
    for (const order of [1, 2, 3, 4, 5]) {
      await act(town, `乡镇第 ${order} 步`, '办结', { 办理意见: `第 ${order} 步已完成` });
      await expectStatus(town, `乡镇第 ${order} 步`, '已办结');
    }
    await expectStatus(town, '部门第 1 步', '待签收');
    await expectOnlyPeopleWords(town);
  });

  it('should let the town take back (撤回) its last step while 县残联 has not claimed the case', async () => {
    await act(town, '乡镇第 5 步', '撤回', { '撤回原因（可不填）': '漏附照片，撤回补充' });
    await expectStatus(town, '乡镇第 5 步', '办理中');
    await expectStatus(town, '部门第 1 步', '未开始');
    await expect(town.getByRole('region', { name: '办理记录' }).innerText()).resolves.toContain(
      '撤回 · 乡镇第 5 步',
    );
    await act(town, '乡镇第 5 步', '办结', { 办理意见: '照片已补充' });
    await expectStatus(town, '部门第 1 步', '待签收');
  });

  it('should show the case in the 待办 of 县残联 and let it send the case back to the town for correction', async () => {
    await signInAs(canlian, 'qt-canlian-lina', PASSWORD);
    await openMenu(canlian, '待办');
    // Found by the applicant's whole 公民身份号码; the list shows it masked.
    await canlian.getByLabel('办理对象姓名、公民身份号码或事项').fill(ID_NUMBER);
    await canlian.getByRole('button', { name: '查询' }).click();
    await expect(canlian.getByRole('list', { name: '待办列表' }).innerText()).resolves.toContain(MASKED_ID);
    await canlian
      .getByRole('list', { name: '待办列表' })
      .getByRole('link')
      .filter({ hasText: '张秀兰' })
      .click();
    await canlian.waitForURL((url) => url.pathname === caseUrl);
    await expectNoSideways(canlian);
    await act(canlian, '部门第 1 步', '签收');
    await expectStatus(canlian, '部门第 1 步', '办理中');
    await act(canlian, '部门第 1 步', '退回（补正）', {
      '退回原因（需补正的内容）': '身份证复印件不清晰，请重新提供',
    });
    await expectStatus(canlian, '乡镇第 5 步', '待签收');
    await expectStatus(canlian, '部门第 1 步', '未开始');
    await rig.screenshot(canlian, '02-sent-back');
  });

  it('should let the town attach the corrected file to the step sent back and resubmit', async () => {
    await town.reload();
    await expect(step(town, '乡镇第 5 步').innerText()).resolves.toContain('已被退回补正 1 次');
    const materials = town.getByRole('region', { name: '材料' });
    await expect(materials.innerText()).resolves.toContain('乡镇第 5 步（补正材料）');
    await materials.getByLabel('上传材料文件').setInputFiles({
      name: '身份证复印件（补正）.pdf',
      mimeType: 'application/pdf',
      buffer: PDF_BYTES,
    });
    const corrected = materials.getByRole('listitem').filter({ hasText: '身份证复印件（补正）.pdf' });
    await corrected.waitFor();
    await expect(corrected.innerText()).resolves.toContain('乡镇第 5 步');
    await rig.screenshot(town, '03-corrected-file');
    await act(town, '乡镇第 5 步', '办结', { 办理意见: '已重新提供清晰的身份证复印件' });
    await expectStatus(town, '部门第 1 步', '待签收');
  });

  it('should name the missing field next to it when a send-back has no reason', async () => {
    await canlian.reload();
    await act(canlian, '部门第 1 步', '签收');
    await step(canlian, '部门第 1 步').getByRole('button', { name: '退回（补正）' }).click();
    const dialog = canlian.getByRole('dialog', { name: '退回（补正）' });
    await dialog.getByRole('button', { name: '确定退回（补正）' }).click();
    await dialog.getByText('不能为空').waitFor();
    await expectNoSideways(canlian);
    await rig.screenshot(canlian, '04-phone-field-error');
    await dialog.getByRole('button', { name: '取消' }).click();
  });

  it("should let 县残联 answer the supervisor's 催办 on the phone", async () => {
    await urgeAsSupervisor('department', 1, '请于本周五前办结');
    await canlian.reload();
    await expect(step(canlian, '部门第 1 步').innerText()).resolves.toContain('请于本周五前办结');
    await step(canlian, '部门第 1 步').getByRole('button', { name: '催办反馈', exact: true }).click();
    const dialog = canlian.getByRole('dialog', { name: '催办反馈' });
    await dialog.getByText('请于本周五前办结').waitFor();
    await dialog.getByRole('button', { name: '确定催办反馈' }).click();
    await dialog.getByText(/不能为空|请填写/).waitFor();
    await dialog.getByLabel('反馈内容').fill('材料已补齐，今天办结');
    await rig.screenshot(canlian, '05-phone-urge-reply');
    await dialog.getByRole('button', { name: '确定催办反馈' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await step(canlian, '部门第 1 步')
      .getByText(/催办反馈（李娜.*材料已补齐，今天办结/)
      .waitFor();
  });

  it('should let 县残联 finish its steps after the correction', async () => {
    // 办结 with 材料: the receipt is attached to the step as it is finished.
    await step(canlian, '部门第 1 步').getByRole('button', { name: '办结', exact: true }).click();
    const complete = canlian.getByRole('dialog', { name: '办结' });
    await complete.getByLabel('办理意见').fill('材料齐全，已制证并发放至三个庄子镇');
    await complete.getByLabel('附办结材料').setInputFiles({
      name: '残疾人证制证回执.pdf',
      mimeType: 'application/pdf',
      buffer: PDF_BYTES,
    });
    await complete.getByText('残疾人证制证回执.pdf').waitFor();
    await complete.getByRole('button', { name: '确定办结' }).click();
    await complete.waitFor({ state: 'hidden' });
    await expectStatus(canlian, '部门第 1 步', '已办结');
    const receipt = canlian
      .getByRole('region', { name: '材料' })
      .getByRole('listitem')
      .filter({ hasText: '残疾人证制证回执.pdf' });
    await expect(receipt.innerText()).resolves.toContain('部门第 1 步');
    await act(canlian, '部门第 2 步', '签收');
    // A second 催办, answered straight from 消息.
    await urgeAsSupervisor('department', 2, '系统信息请今天更新');
    await openMenu(canlian, '消息');
    // The message is delivered by the worker (outbox): look again until it is there.
    const messages = canlian.getByRole('list', { name: '消息列表' });
    const urge = messages.getByRole('listitem').filter({ hasText: '系统信息请今天更新' });
    for (let tries = 0; tries < 20; tries++) {
      await messages.getByRole('listitem').first().waitFor();
      if ((await urge.count()) > 0) break;
      await canlian.reload();
    }
    await urge.getByRole('button', { name: '催办反馈' }).click();
    const dialog = canlian.getByRole('dialog', { name: '催办反馈' });
    await dialog.getByLabel('反馈内容').fill('正在录入，今天完成');
    await dialog.getByRole('button', { name: '确定催办反馈' }).click();
    await urge.getByText('已反馈').waitFor();
    await canlian.goto(caseUrl);
    await step(canlian, '部门第 2 步')
      .getByText(/催办反馈（李娜.*正在录入，今天完成/)
      .waitFor();
    await act(canlian, '部门第 2 步', '办结', { 办理意见: '已更新全国残疾人系统信息' });
    await expectStatus(canlian, '部门第 2 步', '已办结');
  });

  it('should let another town clerk distribute the certificate and close the case with its full 办理记录', async () => {
    await signInAs(distributor, 'sgzz-zhaoqiang', PASSWORD);
    await distributor.goto(caseUrl);
    await act(distributor, '乡镇第 6 步', '办结', { 办理意见: '已发放给张秀兰本人' });
    await expectStatus(distributor, '乡镇第 6 步', '已办结');
    // The town's standing duty (定期动态核查) has no predecessor: open since the case started, unless
    // the template marks it 不适用 (常态化职责).
    const standing = await step(distributor, '乡镇第 7 步')
      .getByText(/^(待签收|不适用)$/)
      .innerText();
    if (standing === '待签收') await act(distributor, '乡镇第 7 步', '办结', { 办理意见: '已纳入动态核查' });
    const header = distributor.getByRole('group', { name: '办件概况' });
    await header.getByText('已办结', { exact: true }).waitFor();
    const timeline = distributor.getByRole('region', { name: '办理记录' });
    for (const entry of [
      '发起办件',
      '签收 · 部门第 1 步',
      '退回（补正） · 部门第 1 步',
      '办结 · 乡镇第 6 步',
      '办件办结',
    ])
      await expect(timeline.innerText()).resolves.toContain(entry);
    await expectOnlyPeopleWords(distributor);
    await rig.screenshot(distributor, '06-case-completed');
  });

  it('should list the finished steps under 已办 of 县残联 with whether they were on time', async () => {
    await openMenu(canlian, '已办');
    const list = canlian.getByRole('list', { name: '已办列表' });
    const card = list.getByRole('listitem').filter({ hasText: '部门第 2 步' });
    await card.waitFor();
    await expect(card.innerText()).resolves.toContain('张秀兰');
    await expect(card.innerText()).resolves.toContain('按期办结');
    await expect(card.innerText()).resolves.toContain('已办结');
    await expectNoSideways(canlian);
    await rig.screenshot(canlian, '07-phone-done');
    await card.getByRole('link').click();
    await canlian.waitForURL((url) => url.pathname === caseUrl);
  });

  it('should let a clerk change the password (修改密码) and sign in with the new one', async () => {
    await distributor.getByRole('link', { name: '赵强' }).click();
    await distributor.getByRole('heading', { name: '修改密码' }).waitFor();
    await distributor.getByLabel('原密码').fill('not-my-password');
    await distributor.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await distributor.getByLabel('确认新密码').fill(NEW_PASSWORD);
    await distributor.getByRole('button', { name: '修改密码' }).click();
    await distributor.getByText('原密码不正确').waitFor();
    await rig.screenshot(distributor, '08-password-error');
    await distributor.getByLabel('原密码').fill(PASSWORD);
    await distributor.getByRole('button', { name: '修改密码' }).click();
    await distributor.waitForURL(/\/login/);
    await signInAs(distributor, 'sgzz-zhaoqiang', NEW_PASSWORD);
    await expect(distributor.getByText('三个庄子镇', { exact: true }).first().isVisible()).resolves.toBe(
      true,
    );
  });

  it('should refuse a department that holds no step of the case, in Chinese', async () => {
    const { page } = await rig.newPerson();
    await signInAs(page, 'qt-minzheng-zhou', PASSWORD);
    await page.goto(caseUrl);
    const alert = page.getByRole('alert').filter({ hasText: '无权查看' });
    await expect(alert.innerText()).resolves.toContain('无权查看该办件');
    await expect(page.getByRole('button', { name: '签收' }).count()).resolves.toBe(0);
    await rig.screenshot(page, '09-forbidden');
  });

  it('should fit 待办 and 办件详情 on a 390-px phone without sideways scrolling', async () => {
    await openMenu(canlian, '待办');
    await canlian.getByRole('heading', { name: '待办' }).waitFor();
    await expectNoSideways(canlian);
    await rig.screenshot(canlian, '10-phone-inbox');
    await canlian.goto(caseUrl);
    await canlian.getByRole('heading', { name: /张秀兰/ }).waitFor();
    await expectNoSideways(canlian);
    await rig.screenshot(canlian, '11-phone-case');
  });
});
