import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { Clock } from 'src/common/clock/clock';
import { UserRole } from 'src/users/user-role';
import { UsersService } from 'src/users/users.service';
import { createTestApp } from 'test/utils/create-test-app';
import { resetDatabase } from 'test/utils/database';
import { FakeClock } from 'test/utils/fake-clock';
import { obliterateQueues } from 'test/utils/queues';
import { DutyListImporter } from 'src/duty-lists/duty-list.importer';
import { readSeed } from 'test/utils/seeds';

const PASSWORD = 'session-pass-123';

// The browser's sign-in: cookie session with CSRF protection, idle expiry and server-side 退出.
describe('browser sessions (cookie + CSRF)', () => {
  let app: INestApplication;
  let http: App;
  const clock = new FakeClock();

  const signIn = async (): Promise<{ cookie: string; csrf: string }> => {
    const response = await request(http)
      .post('/api/auth/session')
      .send({ username: 'sgzz-clerk', password: PASSWORD })
      .expect(200);
    const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    const session = setCookie.find((line) => line.startsWith('dutyflow_session='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(response.body).not.toHaveProperty('accessToken');
    return { cookie: session!.split(';')[0], csrf: (response.body as { csrfToken: string }).csrfToken };
  };

  beforeAll(async () => {
    app = await createTestApp((builder) => builder.overrideProvider(Clock).useValue(clock));
    http = app.getHttpServer() as App;
    await resetDatabase(app.get(DataSource));
    await app
      .get(DutyListImporter)
      .importFile(readSeed('qitai-sangezhuangzi.txt'), 'qitai-sangezhuangzi.txt');
    await app.get(UsersService).create({
      username: 'sgzz-clerk',
      displayName: '王芳',
      password: PASSWORD,
      role: UserRole.TownshipStaff,
      township: '三个庄子镇',
    });
  });

  afterAll(async () => {
    await obliterateQueues(app);
    await app.close();
  });

  beforeEach(() => clock.set('2026-12-09T09:00:00'));

  it('should sign in with a cookie that reads like a bearer token, and name the user and unit', async () => {
    const { cookie } = await signIn();
    await request(http).get('/api/inbox').set('Cookie', cookie).expect(200);
    const current = await request(http).get('/api/auth/session').set('Cookie', cookie).expect(200);
    expect(current.body.user).toMatchObject({
      username: 'sgzz-clerk',
      displayName: '王芳',
      unitName: '三个庄子镇',
      isLeader: false,
    });
  });

  it('should refuse a wrong password without setting a cookie', async () => {
    const response = await request(http)
      .post('/api/auth/session')
      .send({ username: 'sgzz-clerk', password: 'nope-nope-nope' })
      .expect(401);
    expect(response.body.message).toBe('用户名或密码错误');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('should refuse a write with the cookie but without the right CSRF token or from another origin', async () => {
    const { cookie, csrf } = await signIn();
    const missing = await request(http).post('/api/auth/session/logout').set('Cookie', cookie).expect(403);
    expect(missing.body.message).toContain('CSRF');
    await request(http)
      .post('/api/auth/session/logout')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', `${csrf}x`)
      .expect(403);
    await request(http)
      .post('/api/auth/session/logout')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', csrf)
      .set('Origin', 'https://evil.example')
      .expect(403);
    // Still signed in: none of the refused requests ended the session.
    await request(http).get('/api/inbox').set('Cookie', cookie).expect(200);
  });

  it('should end the session after the idle time without a request, but not while it is used', async () => {
    const { cookie } = await signIn();
    clock.set('2026-12-09T09:25:00');
    await request(http).get('/api/inbox').set('Cookie', cookie).expect(200);
    clock.set('2026-12-09T09:50:00'); // 25 minutes after the last request: still inside 30
    await request(http).get('/api/inbox').set('Cookie', cookie).expect(200);
    clock.set('2026-12-09T10:21:00'); // 31 minutes idle
    const expired = await request(http).get('/api/inbox').set('Cookie', cookie).expect(401);
    expect(expired.body.message).toBe('登录已超时或已退出，请重新登录');
  });

  it('should end the session on the server at 退出 and clear the cookie', async () => {
    const { cookie, csrf } = await signIn();
    const out = await request(http)
      .post('/api/auth/session/logout')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', csrf)
      .expect(204);
    expect(([] as string[]).concat(out.headers['set-cookie'] ?? []).join()).toMatch(/dutyflow_session=;/);
    await request(http).get('/api/inbox').set('Cookie', cookie).expect(401);
  });

  it('should keep bearer tokens working for scripts, with no CSRF token needed', async () => {
    const login = await request(http)
      .post('/api/auth/login')
      .send({ username: 'sgzz-clerk', password: PASSWORD })
      .expect(200);
    const token = (login.body as { accessToken: string }).accessToken;
    await request(http).get('/api/inbox').set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('should send Content-Security-Policy allowing only the app own scripts', async () => {
    const response = await request(http).get('/health/live').expect(200);
    const policy = response.headers['content-security-policy'];
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});
