import { UserRole } from 'src/users/user-role';
import { UsersService } from 'src/users/users.service';
import { obliterateQueues } from 'test/utils/queues';
import { BrowserRig, seedQitaiSangezhuangzi, signInAs, startBrowserRig } from './browser';

const PASSWORD = 'browser-pass-123';

describe('登录、会话与退出 in a real browser', () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await startBrowserRig('session');
    await seedQitaiSangezhuangzi(rig);
    await rig.app.get(UsersService).create({
      username: 'sgzz-clerk',
      displayName: '王芳',
      password: PASSWORD,
      role: UserRole.TownshipStaff,
      township: '三个庄子镇',
    });
  });

  afterAll(async () => {
    await obliterateQueues(rig.app);
    await rig.close();
  });

  it('should refuse a wrong password with the Chinese message on the 登录 page', async () => {
    const { page } = await rig.newPerson();
    await page.goto('/login');
    await page.getByLabel('用户名').fill('sgzz-clerk');
    await page.getByLabel('密码', { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
    await rig.screenshot(page, 'login-failed');
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('should send a deep link to 登录 and come back to it after signing in', async () => {
    const { page } = await rig.newPerson();
    await page.goto('/inbox');
    await page.waitForURL(/\/login\?redirect=/);
    await page.getByLabel('用户名').fill('sgzz-clerk');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === '/inbox');
    await page.getByRole('heading', { name: '待办' }).waitFor();
    await expect(page.getByText('三个庄子镇').first().isVisible()).resolves.toBe(true);
    await rig.screenshot(page, 'inbox-after-redirect');
  });

  it('should keep the sign-in in an httpOnly SameSite cookie and end it on the server at 退出', async () => {
    const { context, page } = await rig.newPerson();
    await signInAs(page, 'sgzz-clerk', PASSWORD);
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    const [cookie] = (await context.cookies()).filter((c) => c.name === 'dutyflow_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    await expect(page.evaluate<string>('document.cookie')).resolves.not.toContain('dutyflow_session');

    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    // The old cookie value no longer signs anyone in, even if a copy of it survived.
    const replay = await context.request.get('/api/inbox', {
      headers: { cookie: `dutyflow_session=${cookie.value}` },
    });
    expect(replay.status()).toBe(401);
  });

  it('should go to 登录 when the session is lost mid-work and come back to the page afterwards', async () => {
    const { context, page } = await rig.newPerson();
    await signInAs(page, 'sgzz-clerk', PASSWORD);
    // The session ends on the server (as after 退出 in another tab or the idle limit).
    const current = (await (await context.request.get('/api/auth/session')).json()) as { csrfToken: string };
    const ended = await context.request.post('/api/auth/session/logout', {
      headers: { 'X-CSRF-Token': current.csrfToken },
    });
    expect(ended.status()).toBe(204);
    await page.getByRole('menuitem', { name: '消息' }).click();
    await page.waitForURL(
      (url) => url.pathname === '/login' && url.searchParams.get('redirect') === '/messages',
    );
    await page.getByLabel('用户名').fill('sgzz-clerk');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === '/messages');
    await expect(page.getByRole('heading', { name: '消息' }).isVisible()).resolves.toBe(true);
  });

  it('should refuse a write made with the cookie but without the CSRF token', async () => {
    const { context, page } = await rig.newPerson();
    await signInAs(page, 'sgzz-clerk', PASSWORD);
    const forged = await context.request.post('/api/auth/session/logout');
    expect(forged.status()).toBe(403);
    expect(((await forged.json()) as { message: string }).message).toContain('跨站请求被拒绝');
  });

  it('should load every page script under the Content-Security-Policy without a violation', async () => {
    const { page } = await rig.newPerson();
    const response = await page.goto('/login');
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await signInAs(page, 'sgzz-clerk', PASSWORD);
    expect(rig.pageErrors.filter((text) => /Content Security Policy|Refused/i.test(text))).toEqual([]);
  });
});
