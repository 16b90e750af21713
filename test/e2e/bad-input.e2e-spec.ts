import { createServer, request as httpRequest, RequestListener } from 'node:http';
import { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { CalendarSeeder } from 'src/calendar/calendar.seeder';
import { DutyListImporter } from 'src/duty-lists/duty-list.importer';
import { UserRole } from 'src/users/user-role';
import { loginAs } from 'test/utils/auth';
import { createTestApp } from 'test/utils/create-test-app';
import { resetDatabase } from 'test/utils/database';
import { obliterateQueues } from 'test/utils/queues';
import { readSeed } from 'test/utils/seeds';

// Malformed input found by the fault and fuzz campaign (issue 11, item 4): each answer is a 4xx
// with a Chinese message that names the field, never a 500.
describe('malformed input', () => {
  let app: INestApplication;
  let http: App;
  let admin: string;
  let clerk: string;
  let templateId: string;
  let townshipId: string;

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const expectChinese4xx = (response: request.Response, field: string) => {
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const body = response.body as { message: string; details?: unknown };
    expect(body.message).toMatch(/[\u4e00-\u9fff]/);
    expect(JSON.stringify(body)).toContain(field);
  };

  beforeAll(async () => {
    app = await createTestApp();
    http = app.getHttpServer() as App;
    await resetDatabase(app.get(DataSource));
    await app.get(CalendarSeeder).seedFromFile();
    await app
      .get(DutyListImporter)
      .importFile(readSeed('qitai-sangezhuangzi.txt'), 'qitai-sangezhuangzi.txt');
    admin = await loginAs(app, { username: 'bad-input-admin', role: UserRole.Admin });
    clerk = await loginAs(app, {
      username: 'bad-input-clerk',
      role: UserRole.TownshipStaff,
      township: '三个庄子镇',
    });
    const templates = await request(http).get('/api/templates?q=残疾人证').set(auth(clerk)).expect(200);
    templateId = (templates.body as { items: { id: string }[] }).items[0].id;
    const [township] = await app
      .get(DataSource)
      .query<{ id: string }[]>(`SELECT id FROM townships WHERE name = '三个庄子镇'`);
    townshipId = township.id;
  });

  afterAll(async () => {
    await obliterateQueues(app);
    await app.close();
  });

  it('should answer 413 in Chinese to a JSON body over the limit, also when it arrives gzipped', async () => {
    const huge = JSON.stringify({ templateId, title: 'x'.repeat(3_000_000), subject: '张三' });
    const plain = await request(http)
      .post('/api/cases')
      .set(auth(clerk))
      .set('content-type', 'application/json')
      .send(huge);
    expect(plain.status).toBe(413);
    expectChinese4xx(plain, 'body');

    const bomb = await postRaw(app, '/api/cases', gzipSync(Buffer.from(huge)), {
      ...auth(clerk),
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(bomb.status).toBe(413);
  });

  it('should refuse a NUL character in a query or a body field, naming the field', async () => {
    expectChinese4xx(await request(http).get('/api/cases?q=%00').set(auth(clerk)), 'q');
    expectChinese4xx(await request(http).get('/api/duties?q=a%00b').set(auth(clerk)), 'q');
    const body = await request(http)
      .post('/api/cases')
      .set(auth(clerk))
      .send({ templateId, title: '残疾人证\u0000办理', subject: '张三' });
    expectChinese4xx(body, 'title');
  });

  it('should refuse a lone surrogate in a text field, naming the field', async () => {
    const response = await request(http)
      .post('/api/cases')
      .set(auth(clerk))
      .set('content-type', 'application/json')
      .send(`{"templateId":"${templateId}","title":"残疾人证\\ud800","subject":"张三"}`);
    expectChinese4xx(response, 'title');
    const opened = await request(http)
      .post('/api/cases')
      .set(auth(clerk))
      .send({ templateId, title: '残疾人证办理', subject: '张三' })
      .expect(201);
    const caseBody = opened.body as { steps: { id: string }[] };
    const comment = await request(http)
      .post(`/api/steps/${caseBody.steps[0].id}/comments`)
      .set(auth(clerk))
      .set('content-type', 'application/json')
      .send('{"text":"\\udc00好"}');
    expectChinese4xx(comment, 'text');
  });

  it('should refuse huge page numbers and years', async () => {
    expectChinese4xx(await request(http).get('/api/cases?page=1e20').set(auth(clerk)), 'page');
    expectChinese4xx(await request(http).get('/api/duties?page=99999999999').set(auth(clerk)), 'page');
    expectChinese4xx(
      await request(http).get('/api/calendar/years/99999999999999999999').set(auth(clerk)),
      'year',
    );
  });

  it('should refuse a deeply nested JSON body instead of overflowing the stack', async () => {
    const deep = '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000);
    const response = await request(http)
      .post('/api/cases')
      .set(auth(clerk))
      .set('content-type', 'application/json')
      .send(deep);
    expectChinese4xx(response, 'body');
  });

  it('should not announce the framework in X-Powered-By', async () => {
    const response = await request(http).get('/health/live').expect(200);
    expect(response.headers).not.toHaveProperty('x-powered-by');
  });

  it('should refuse a null webhook secret, naming it', async () => {
    const response = await request(http)
      .put(`/api/webhooks/township/${townshipId}`)
      .set(auth(admin))
      .send({ url: 'https://oa.example.gov.cn/hook', secret: null });
    expectChinese4xx(response, 'secret');
  });

  it('should refuse an upload whose file name is longer than 255 characters', async () => {
    const response = await request(http)
      .post('/api/imports')
      .set(auth(admin))
      .attach('file', readSeed('qitai-sangezhuangzi.txt'), `${'清'.repeat(300)}.txt`);
    expectChinese4xx(response, 'file');
  });
});

// supertest would JSON-encode a Buffer sent as application/json; a gzip body needs the raw bytes.
async function postRaw(
  app: INestApplication,
  path: string,
  body: Buffer,
  headers: Record<string, string>,
): Promise<{ status: number }> {
  const server = createServer(app.getHttpAdapter().getInstance() as RequestListener).listen(0);
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((resolve, reject) => {
      const req = httpRequest(
        { port, path, method: 'POST', headers: { ...headers, 'content-length': body.length } },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  } finally {
    server.close();
  }
}
