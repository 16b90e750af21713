import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { UserRole } from 'src/users/user-role';
import { loginAs } from 'test/utils/auth';
import { createTestApp } from 'test/utils/create-test-app';
import { resetDatabase } from 'test/utils/database';
import { eventually, obliterateQueues } from 'test/utils/queues';
import { readSeed } from 'test/utils/seeds';

interface ImportBody {
  id: string;
  status: string;
  progress: number;
  documentId: string | null;
  result: { counts: Record<string, number>; duties: Record<string, number> } | null;
  failure: { message: string } | null;
}

describe('POST /imports, GET /imports/:id, GET /duties', () => {
  let app: INestApplication;
  let http: App;
  let admin: string;

  beforeAll(async () => {
    app = await createTestApp();
    http = app.getHttpServer() as App;
    await resetDatabase(app.get(DataSource));
    admin = await loginAs(app, { username: 'import-admin', role: UserRole.Admin });
  });

  afterAll(async () => {
    await obliterateQueues(app);
    await app.close();
  });

  const upload = (fileName: string, content: Buffer, token = admin): request.Test =>
    request(http)
      .post('/api/imports')
      .set('Authorization', `Bearer ${token}`)
      .attach('file', content, fileName);

  const finished = (id: string): Promise<ImportBody> =>
    eventually(
      async () => {
        const response = await request(http)
          .get(`/api/imports/${id}`)
          .set('Authorization', `Bearer ${admin}`)
          .expect(200);
        const body = response.body as ImportBody;
        return body.status === 'succeeded' || body.status === 'failed' ? body : undefined;
      },
      30_000,
      `import ${id}`,
    );

  it('should import an uploaded document through the queue and report progress and result', async () => {
    const accepted = await upload('qitai-sangezhuangzi.txt', readSeed('qitai-sangezhuangzi.txt')).expect(202);
    expect(accepted.body.status).toBe('queued');
    expect(accepted.body.statusLabel).toBe('排队中');

    const done = await finished(accepted.body.id as string);
    expect(done.status).toBe('succeeded');
    expect(done.progress).toBe(100);
    expect(done.result?.counts).toEqual({ basic: 106, cooperative: 97, withdrawn: 37 });
    expect(done.result?.duties.created).toBe(240);
  });

  it('should list the rows to review of the OCR-damaged document', async () => {
    const accepted = await upload('shufu-wukusake.txt', readSeed('shufu-wukusake.txt')).expect(202);
    const done = await finished(accepted.body.id as string);
    expect(done.status).toBe('succeeded');
    const response = await request(http)
      .get(`/api/imports/${done.id}/warnings`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(response.body.rowsToReview).toBeGreaterThan(0);
    for (const warning of response.body.warnings as Record<string, unknown>[]) {
      expect(warning).toEqual(
        expect.objectContaining({
          code: expect.any(String),
          field: expect.any(String),
          message: expect.any(String),
        }),
      );
    }
    const review = await request(http)
      .get('/api/duties')
      .query({ township: '吾库萨克镇', needsReview: 'true', pageSize: 200 })
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(review.body.total).toBe(response.body.rowsToReview);
  });

  it('should show each warning with its source line and raw cell, and record 标记已复核 once, admins only', async () => {
    const accepted = await upload('shufu-wukusake.txt', readSeed('shufu-wukusake.txt')).expect(202);
    const done = await finished(accepted.body.id as string);
    const lines = readSeed('shufu-wukusake.txt').toString('utf8').split('\n');
    const listed = await request(http)
      .get(`/api/imports/${done.id}/warnings`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    type Warning = {
      line: number;
      field: string;
      rowKey: string;
      sourceLine: string | null;
      rawCell: string | null;
      reviewedAt: string | null;
    };
    const warnings = listed.body.warnings as Warning[];
    for (const warning of warnings) expect(warning.sourceLine).toBe(lines[warning.line - 1]);
    const withCell = warnings.find((w) => w.field === 'departments' && w.rawCell !== null);
    expect(withCell).toBeDefined();
    expect(withCell!.sourceLine).toContain(withCell!.rawCell!.split(' ')[0]);
    expect(warnings.every((w) => w.reviewedAt === null)).toBe(true);

    const path = `/api/duty-lists/${done.documentId}/reviews`;
    const supervisor = await loginAs(app, {
      username: 'review-supervisor',
      role: UserRole.Supervisor,
      county: '疏附县',
    });
    await request(http)
      .post(path)
      .set('Authorization', `Bearer ${supervisor}`)
      .send({ rowKey: withCell!.rowKey })
      .expect(403);
    const unknown = await request(http)
      .post(path)
      .set('Authorization', `Bearer ${admin}`)
      .send({ rowKey: 'basic:9999' })
      .expect(404);
    expect(unknown.body.details.field).toBe('rowKey');
    const malformed = await request(http)
      .post(path)
      .set('Authorization', `Bearer ${admin}`)
      .send({ rowKey: 'drop table' })
      .expect(400);
    expect(malformed.body.details.fields[0].field).toBe('rowKey');

    const first = await request(http)
      .post(path)
      .set('Authorization', `Bearer ${admin}`)
      .send({ rowKey: withCell!.rowKey })
      .expect(200);
    expect(first.body).toEqual({
      rowKey: withCell!.rowKey,
      reviewedAt: expect.any(String),
      reviewedByName: 'import-admin',
    });
    const again = await request(http)
      .post(path)
      .set('Authorization', `Bearer ${admin}`)
      .send({ rowKey: withCell!.rowKey })
      .expect(200);
    expect(again.body).toEqual(first.body);
    const stored = await app
      .get(DataSource)
      .query(`SELECT "rowKey", "reviewedBy" FROM duty_list_reviews WHERE "documentId" = $1`, [
        done.documentId,
      ]);
    expect(stored).toEqual([{ rowKey: withCell!.rowKey, reviewedBy: expect.any(String) }]);

    const relisted = await request(http)
      .get(`/api/duty-lists/${done.documentId}/warnings`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    const reviewed = (relisted.body.warnings as Warning[]).filter((w) => w.reviewedAt !== null);
    expect(reviewed.length).toBeGreaterThan(0);
    expect(reviewed.every((w) => w.rowKey === withCell!.rowKey)).toBe(true);
  });

  it('should refuse a file that is not a duty list with 422 naming the file and line, and queue nothing', async () => {
    const before = await app.get(DataSource).query(`SELECT count(*)::int AS n FROM imports`);
    const response = await upload(
      'notes.txt',
      Buffer.from('这是一份会议纪要\n与履职事项无关\n', 'utf8'),
    ).expect(422);
    expect(response.body.code).toBe('DUTY_LIST_INVALID');
    expect(response.body.message).toContain('notes.txt');
    expect(response.body.details.line).toEqual(expect.any(Number));
    const binary = await upload('scan.pdf', Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0xff])).expect(
      422,
    );
    expect(binary.body.message).toContain('scan.pdf');
    const after = await app.get(DataSource).query(`SELECT count(*)::int AS n FROM imports`);
    expect(after).toEqual(before);
  });

  // Issue 11, item 5: the last 30 bytes cut off change the last duty's text to "…负责对": flagged, not silent.
  it('should flag the last row of a document cut inside that row, and mark its duty for review', async () => {
    const whole = readSeed('toksun-yilahu.txt');
    expect((await finished((await upload('toksun.txt', whole).expect(202)).body.id as string)).status).toBe(
      'succeeded',
    );
    const cut = await upload('toksun-cut.txt', whole.subarray(0, whole.length - 30)).expect(202);
    const done = await finished(cut.body.id as string);
    expect(done.status).toBe('succeeded');
    const { body } = await request(http)
      .get(`/api/imports/${done.id}/warnings`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    const flagged = (body.warnings as { code: string; message: string; list?: string; no?: number }[]).filter(
      (warning) => warning.code === 'POSSIBLY_TRUNCATED',
    );
    expect(flagged).toEqual([expect.objectContaining({ list: 'withdrawn', no: 34 })]);
    expect(flagged[0].message).toContain('负责对」结束');
    expect(flagged[0].message).toContain('截断');
    const review = await request(http)
      .get('/api/duties')
      .query({ township: '伊拉湖镇', needsReview: 'true', list: 'withdrawn', pageSize: 200 })
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect((review.body.items as { no: number; list: string }[]).map((d) => `${d.list}-${d.no}`)).toContain(
      'withdrawn-34',
    );
  });

  it('should refuse a document that ends on the 序号 of a row with nothing after it', async () => {
    const whole = readSeed('toksun-yilahu.txt').toString('utf8');
    const cut = whole.slice(0, whole.lastIndexOf('\n34\t') + 4);
    const refused = await upload('toksun-no.txt', Buffer.from(cut)).expect(422);
    expect(refused.body.message).toContain('序号「34」');
    expect(refused.body.message).toContain('截断');
  });

  it('should answer 400 without a file, 404 for an unknown import and 400 for a malformed id', async () => {
    const missing = await request(http)
      .post('/api/imports')
      .set('Authorization', `Bearer ${admin}`)
      .expect(400);
    expect(missing.body.details.field).toBe('file');
    await request(http)
      .get('/api/imports/00000000-0000-4000-8000-000000000000')
      .set('Authorization', `Bearer ${admin}`)
      .expect(404);
    const malformed = await request(http)
      .get('/api/imports/abc')
      .set('Authorization', `Bearer ${admin}`)
      .expect(400);
    expect(malformed.body.message).toContain('id');
  });

  it('should let only admins upload', async () => {
    const clerk = await loginAs(app, {
      username: 'clerk-sgzz',
      role: UserRole.TownshipStaff,
      township: '三个庄子镇',
    });
    const response = await upload(
      'qitai-sangezhuangzi.txt',
      readSeed('qitai-sangezhuangzi.txt'),
      clerk,
    ).expect(403);
    expect(response.body.message).toContain('系统管理员');
    await request(http)
      .get('/api/duties')
      .query({ q: '残疾人证' })
      .set('Authorization', `Bearer ${clerk}`)
      .expect(200);
  });

  it('should answer "whose duty is this" by Chinese substring across the lists', async () => {
    const response = await request(http)
      .get('/api/duties')
      .query({ q: '残疾人证', township: '三个庄子镇' })
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    const rows = response.body.items as {
      name: string;
      list: string;
      departments: { name: string }[];
      templateId: string | null;
    }[];
    const cooperative = rows.find((row) => row.list === 'cooperative');
    expect(cooperative?.name).toContain('残疾人证');
    expect(cooperative?.departments.map((d) => d.name)).toEqual(['奇台县残联']);
    expect(cooperative?.templateId).toEqual(expect.any(String));
    const withdrawn = await request(http)
      .get('/api/duties')
      .query({ list: 'withdrawn', township: '三个庄子镇', pageSize: 100 })
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(withdrawn.body.total).toBe(37);
  });

  it('should reject bad lookup parameters with 400 and an unknown township with 404', async () => {
    const bad = await request(http)
      .get('/api/duties')
      .query({ list: 'other', pageSize: 0 })
      .set('Authorization', `Bearer ${admin}`)
      .expect(400);
    const fields = (bad.body.details.fields as { field: string }[]).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['list', 'pageSize']));
    const unknown = await request(http)
      .get('/api/duties')
      .query({ township: '不存在镇' })
      .set('Authorization', `Bearer ${admin}`)
      .expect(404);
    expect(unknown.body.details.field).toBe('township');
  });
});
