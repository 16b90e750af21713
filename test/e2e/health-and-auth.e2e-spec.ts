import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { UserRole } from 'src/users/user-role';
import { createTestApp } from 'test/utils/create-test-app';
import { resetDatabase } from 'test/utils/database';
import { obliterateQueues } from 'test/utils/queues';
import { loginAs, TEST_PASSWORD } from 'test/utils/auth';
import { TEST_REDIS_URL } from 'test/test-env';

describe('health, docs and authentication', () => {
  let app: INestApplication;
  let http: App;

  beforeAll(async () => {
    app = await createTestApp();
    http = app.getHttpServer() as App;
    await resetDatabase(app.get(DataSource));
  });

  afterAll(async () => {
    await obliterateQueues(app);
    await app.close();
  });

  it('should report database, Redis (when configured), queue and storage mode without a token', async () => {
    const response = await request(http).get('/health').expect(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.info.database.status).toBe('up');
    expect(response.body.info.redis?.status).toBe(TEST_REDIS_URL ? 'up' : undefined);
    expect(response.body.info.queue.status).toBe('up');
    expect(response.body.info.storage).toEqual({
      status: 'up',
      database: 'server', // the tests pass DATABASE_URL (the embedded test database's socket, or a server)
      queue: TEST_REDIS_URL ? 'redis' : 'postgresql',
    });
    expect(response.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('should keep a caller-supplied request id', async () => {
    const response = await request(http).get('/health/live').set('X-Request-Id', 'trace-abc-1').expect(200);
    expect(response.headers['x-request-id']).toBe('trace-abc-1');
  });

  it('should keep health at the root and every API route under /api', async () => {
    await request(http).get('/api/health').expect(404);
    await request(http).post('/auth/login').send({ username: 'x', password: 'y' }).expect(404);
  });

  it('should serve the OpenAPI document without a token', async () => {
    const response = await request(http).get('/api/docs/openapi.json').expect(200);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/imports',
        '/api/imports/{id}',
        '/api/imports/{id}/warnings',
        '/api/duties',
        '/api/auth/login',
      ]),
    );
  });

  it('should answer 401 in Chinese without a token or with a bad one', async () => {
    const missing = await request(http).get('/api/duties').expect(401);
    expect(missing.body.code).toBe('UNAUTHENTICATED');
    expect(missing.body.message).toContain('请先登录');
    const bad = await request(http).get('/api/duties').set('Authorization', 'Bearer not-a-token').expect(401);
    expect(bad.body.message).toContain('令牌无效');
  });

  it('should sign in with the right password only', async () => {
    const token = await loginAs(app, { username: 'e2e-admin', role: UserRole.Admin });
    const me = await request(http).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body).toEqual(expect.objectContaining({ username: 'e2e-admin', role: 'admin' }));
    expect(me.body.passwordHash).toBeUndefined();
    const wrong = await request(http)
      .post('/api/auth/login')
      .send({ username: 'e2e-admin', password: 'wrong-password' })
      .expect(401);
    expect(wrong.body.message).toBe('用户名或密码错误');
    const unknown = await request(http)
      .post('/api/auth/login')
      .send({ username: 'nobody', password: TEST_PASSWORD })
      .expect(401);
    expect(unknown.body.message).toBe('用户名或密码错误');
  });

  it('should reject a malformed login body with 400 naming the fields', async () => {
    const response = await request(http)
      .post('/api/auth/login')
      .send({ username: 42, extra: true })
      .expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    const fields = (response.body.details.fields as { field: string }[]).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['username', 'password', 'extra']));
    expect(response.body.message).toContain('extra: 不是允许的字段');
  });

  it('should answer an unknown route with a Chinese 404', async () => {
    const token = await loginAs(app, { username: 'e2e-admin-2', role: UserRole.Admin });
    const response = await request(http)
      .get('/api/no-such-thing')
      .set('Authorization', `Bearer ${token}`)
      .expect(404);
    expect(response.body.message).toBe('请求的接口或资源不存在');
  });
});
