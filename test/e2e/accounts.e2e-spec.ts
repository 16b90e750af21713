import { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppConfigService } from 'src/config/app-config.service';
import { EnvironmentVariables } from 'src/config/env.schema';
import request from 'supertest';
import { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { CalendarSeeder } from 'src/calendar/calendar.seeder';
import { DutyListImporter } from 'src/duty-lists/duty-list.importer';
import { UserRole } from 'src/users/user-role';
import { loginAs, TEST_PASSWORD } from 'test/utils/auth';
import { createTestApp } from 'test/utils/create-test-app';
import { resetDatabase, tableRowCounts } from 'test/utils/database';
import { auth } from 'test/utils/disability-duty';
import { obliterateQueues } from 'test/utils/queues';
import { readSeed } from 'test/utils/seeds';

class DefaultLoginLimits extends AppConfigService {
  override get auth(): AppConfigService['auth'] {
    return { ...super.auth, loginRatePerMinute: 10 };
  }
}

// Real accounts: several users per unit, 负责人, admin user management, self password change, tokens
// that stop working at once, and login limits kept in PostgreSQL.
describe('accounts', () => {
  let app: INestApplication;
  let http: App;
  let admin: string;
  let clerk: string;

  const login = (username: string, password: string) =>
    request(http).post('/api/auth/login').send({ username, password });
  const createUser = (body: Record<string, unknown>) =>
    request(http).post('/api/users').set(auth(admin)).send(body);

  beforeAll(async () => {
    // The test environment allows 1000 failures a minute per address; this file checks the real default.
    app = await createTestApp((builder) =>
      builder.overrideProvider(AppConfigService).useFactory({
        factory: (config: ConfigService<EnvironmentVariables, true>) => new DefaultLoginLimits(config),
        inject: [ConfigService],
      }),
    );
    http = app.getHttpServer() as App;
    await resetDatabase(app.get(DataSource));
    await app.get(CalendarSeeder).seedFromFile();
    await app
      .get(DutyListImporter)
      .importFile(readSeed('qitai-sangezhuangzi.txt'), 'qitai-sangezhuangzi.txt');
    admin = await loginAs(app, { username: 'admin', role: UserRole.Admin });
    clerk = await loginAs(app, {
      username: 'sgzz-clerk',
      role: UserRole.TownshipStaff,
      township: '三个庄子镇',
    });
  });

  afterAll(async () => {
    await obliterateQueues(app);
    await app.close();
  });

  it('should let an admin create several users of one unit, with a 负责人, display name and phone', async () => {
    const li = await createUser({
      username: 'canlian-li',
      displayName: '李娜',
      phone: '139 1234 5678',
      role: 'department_staff',
      department: '奇台县残联',
      password: 'Li-na-2026!',
    }).expect(201);
    expect(li.body).toMatchObject({
      username: 'canlian-li',
      displayName: '李娜',
      phone: '13912345678',
      role: 'department_staff',
      unitName: '奇台县残联',
      county: '奇台县',
      isLeader: false,
      active: true,
    });
    await createUser({
      username: 'canlian-wang',
      displayName: '王主任',
      role: 'department_staff',
      department: '奇台县残联',
      password: 'Wang-2026!',
      isLeader: true,
    }).expect(201);
    const unit = await request(http)
      .get('/api/users')
      .query({ department: li.body.departmentId })
      .set(auth(admin))
      .expect(200);
    expect(
      unit.body.items.map((u: { displayName: string; isLeader: boolean }) => [u.displayName, u.isLeader]),
    ).toEqual([
      ['王主任', true],
      ['李娜', false],
    ]);
    const me = await login('canlian-li', 'Li-na-2026!').expect(200);
    expect(me.body.user).toMatchObject({ username: 'canlian-li' });
  });

  it('should refuse bad input with a Chinese 4xx naming the field, writing nothing', async () => {
    const before = await tableRowCounts(app.get(DataSource));
    const base = { username: 'x-user', displayName: 'X', role: 'department_staff', department: '奇台县残联' };
    const weak = await createUser({ ...base, password: 'abcdefgh' }).expect(422);
    expect(weak.body).toMatchObject({ details: { field: 'password' } });
    expect(weak.body.message).toContain('两类');
    const phone = await createUser({ ...base, password: 'Good-pass-1', phone: '12345' }).expect(400);
    expect(phone.body.message).toContain('phone');
    const taken = await createUser({ ...base, username: 'canlian-li', password: 'Good-pass-1' }).expect(409);
    expect(taken.body.message).toContain('已存在');
    const noUnit = await createUser({ ...base, department: '不存在的局', password: 'Good-pass-1' }).expect(
      404,
    );
    expect(noUnit.body.message).toContain('不存在');
    const leaderAdmin = await createUser({ ...base, role: 'admin', password: 'Good-pass-1', isLeader: true });
    expect(leaderAdmin.status).toBe(422);
    expect(await tableRowCounts(app.get(DataSource))).toMatchObject(
      Object.fromEntries(Object.entries(before).filter(([table]) => !table.startsWith('login'))),
    );
  });

  it('should keep user management to admins', async () => {
    await request(http).get('/api/users').set(auth(clerk)).expect(403);
    await request(http).post('/api/users').set(auth(clerk)).send({}).expect(403);
    await request(http).get('/api/users').expect(401);
  });

  it('should end a disabled user’s tokens at once and let them in again when enabled', async () => {
    const token = (await login('canlian-li', 'Li-na-2026!').expect(200)).body.accessToken as string;
    await request(http).get('/api/inbox').set(auth(token)).expect(200);
    const { body: li } = await request(http)
      .get('/api/users')
      .query({ q: 'canlian-li' })
      .set(auth(admin))
      .expect(200);
    const id = li.items[0].id as string;
    const disabled = await request(http).post(`/api/users/${id}/disable`).set(auth(admin)).expect(200);
    expect(disabled.body.active).toBe(false);
    const refused = await request(http).get('/api/inbox').set(auth(token)).expect(401);
    expect(refused.body.message).toContain('停用');
    await login('canlian-li', 'Li-na-2026!').expect(401);
    await request(http).post(`/api/users/${id}/enable`).set(auth(admin)).expect(200);
    await request(http).get('/api/inbox').set(auth(token)).expect(401); // the old token stays dead
    await login('canlian-li', 'Li-na-2026!').expect(200);
    const self = (await request(http).get('/api/users').query({ q: 'admin' }).set(auth(admin))).body.items[0];
    await request(http).post(`/api/users/${self.id}/disable`).set(auth(admin)).expect(422);
  });

  it('should reset a password (old tokens end), make 负责人 and move a user to another unit', async () => {
    const { body } = await request(http)
      .get('/api/users')
      .query({ q: 'canlian-li' })
      .set(auth(admin))
      .expect(200);
    const id = body.items[0].id as string;
    const before = (await login('canlian-li', 'Li-na-2026!').expect(200)).body.accessToken as string;
    await request(http)
      .post(`/api/users/${id}/reset-password`)
      .set(auth(admin))
      .send({ password: '12345678' })
      .expect(422);
    await request(http)
      .post(`/api/users/${id}/reset-password`)
      .set(auth(admin))
      .send({ password: 'Reset-2026!' })
      .expect(200);
    await request(http).get('/api/inbox').set(auth(before)).expect(401);
    await login('canlian-li', 'Li-na-2026!').expect(401);
    await login('canlian-li', 'Reset-2026!').expect(200);
    const leader = await request(http)
      .post(`/api/users/${id}/leader`)
      .set(auth(admin))
      .send({ isLeader: true });
    expect(leader.body.isLeader).toBe(true);
    const moved = await request(http)
      .post(`/api/users/${id}/move`)
      .set(auth(admin))
      .send({ role: 'department_staff', department: '奇台县民政局' })
      .expect(200);
    expect(moved.body).toMatchObject({ unitName: '奇台县民政局', isLeader: false });
    const renamed = await request(http)
      .patch(`/api/users/${id}`)
      .set(auth(admin))
      .send({ displayName: '李娜娜', phone: '0994-5812345' })
      .expect(200);
    expect(renamed.body).toMatchObject({ displayName: '李娜娜', phone: '0994-5812345' });
    await request(http)
      .post(`/api/users/00000000-0000-4000-8000-000000000000/disable`)
      .set(auth(admin))
      .expect(404);
  });

  it('should let every user change their own password with the old one, ending older tokens', async () => {
    const token = (await login('sgzz-clerk', TEST_PASSWORD).expect(200)).body.accessToken as string;
    const wrongOld = await request(http)
      .post('/api/account/password')
      .set(auth(token))
      .send({ oldPassword: 'not-my-password', newPassword: 'New-pass-2026' })
      .expect(422);
    expect(wrongOld.body).toMatchObject({ details: { field: 'oldPassword' } });
    const weak = await request(http)
      .post('/api/account/password')
      .set(auth(token))
      .send({ oldPassword: TEST_PASSWORD, newPassword: 'short1' })
      .expect(422);
    expect(weak.body.message).toContain('至少 8 位');
    await request(http)
      .post('/api/account/password')
      .set(auth(token))
      .send({ oldPassword: TEST_PASSWORD, newPassword: 'New-pass-2026' })
      .expect(204);
    await request(http).get('/api/account').set(auth(token)).expect(401);
    await login('sgzz-clerk', TEST_PASSWORD).expect(401);
    const fresh = (await login('sgzz-clerk', 'New-pass-2026').expect(200)).body.accessToken as string;
    const account = await request(http).get('/api/account').set(auth(fresh)).expect(200);
    expect(account.body).toMatchObject({ username: 'sgzz-clerk', unitName: '三个庄子镇' });
    expect(account.body.passwordChangedAt).not.toBeNull();
  });

  it('should lock an account after repeated failures but not the other accounts signing in from the same address', async () => {
    await createUser({
      username: 'target',
      displayName: '目标',
      role: 'township_staff',
      township: '三个庄子镇',
      password: 'Secret-2026!',
    }).expect(201);
    await createUser({
      username: 'newcomer',
      displayName: '新人',
      role: 'township_staff',
      township: '三个庄子镇',
      password: 'Welcome-2026!',
    }).expect(201);
    // Earlier tests' failures from this address would count too: start this minute's counters afresh.
    await app.get(DataSource).query(`DELETE FROM login_throttles`);
    for (let i = 0; i < 5; i += 1) await login('target', `guess-${i}`).expect(401);
    const locked = await login('target', 'Secret-2026!').expect(429);
    expect(locked.body.message).toContain('该账号');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(60);
    // Another account from the same address still signs in.
    await login('newcomer', 'Welcome-2026!').expect(200);
    // Spraying many accounts from this address exhausts the address limit (10 failures a minute):
    // new pairs are refused, while accounts that signed in here before still get in.
    for (let i = 0; i < 5; i += 1) await login(`nobody-${i}`, 'guess').expect(401);
    const throttled = await login('nobody-x', 'guess').expect(429);
    expect(throttled.headers['retry-after']).toBeDefined();
    await login('target-2', 'Secret-2026!').expect(429);
    await login('newcomer', 'Welcome-2026!').expect(200);
    await login('admin', TEST_PASSWORD).expect(200);
  });
});
