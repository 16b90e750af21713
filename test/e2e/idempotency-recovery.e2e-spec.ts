import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { UserRole } from 'src/users/user-role';
import { loginAs } from 'test/utils/auth';
import { createTestApp } from 'test/utils/create-test-app';
import { resetDatabase } from 'test/utils/database';
import { obliterateQueues } from 'test/utils/queues';

// Issue 11, item 3 (in part): a claim left "in progress" by a process that died must not answer 409
// forever.
describe('an abandoned Idempotency-Key claim', () => {
  let app: INestApplication;
  let http: App;
  let token: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await createTestApp();
    http = app.getHttpServer() as App;
    dataSource = app.get(DataSource);
    await resetDatabase(dataSource);
    await dataSource.query(
      `INSERT INTO townships (name, county, prefecture) VALUES ('三个庄子镇', '奇台县', '昌吉回族自治州')`,
    );
    token = await loginAs(app, {
      username: 'idem-clerk',
      role: UserRole.TownshipStaff,
      township: '三个庄子镇',
    });
  });

  afterAll(async () => {
    await obliterateQueues(app);
    await app.close();
  });

  const post = (key: string) =>
    request(http)
      .post('/api/notifications/6f1c1a52-6a0e-4a39-9a57-3a5a4bd0a009/read')
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', key);

  it('should answer 409 while a claim is fresh, and run the request once the claim has expired', async () => {
    await post('first-attempt-key').expect(404); // the answer (a refusal) is stored
    // The process died after claiming: the row has no answer.
    await dataSource.query(
      `UPDATE idempotency_keys SET "responseStatus" = NULL, "responseBody" = NULL WHERE key = 'first-attempt-key'`,
    );
    await post('first-attempt-key').expect(409);

    await dataSource.query(
      `UPDATE idempotency_keys SET "createdAt" = now() - interval '20 minutes' WHERE key = 'first-attempt-key'`,
    );
    await post('first-attempt-key').expect(404);
    await post('first-attempt-key').expect(404); // and the new answer is stored again
    const [row] = await dataSource.query<{ responseStatus: number }[]>(
      `SELECT "responseStatus" FROM idempotency_keys WHERE key = 'first-attempt-key'`,
    );
    expect(row.responseStatus).toBe(404);
  });
});
