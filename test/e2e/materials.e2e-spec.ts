import { createHash } from 'node:crypto';
import request, { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { tableRowCounts } from 'test/utils/database';
import { auth, DisabilityDuty, setUpDisabilityDuty } from 'test/utils/disability-duty';
import { DOCX_BYTES, EXE_BYTES, OFD_BYTES, PDF_BYTES } from 'test/utils/files';
import { obliterateQueues } from 'test/utils/queues';

const binary = (res: Response, done: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

interface Material {
  id: string;
  fileName: string;
  kind: string;
  size: number;
  sha256: string;
  uploadedByName: string;
  stepId: string | null;
}

// Materials (附件): type by content, size and name checked before anything is written; bytes in
// PostgreSQL; listed with uploader, size and SHA-256; downloads and uploads in the audit trail.
describe('materials of a case', () => {
  let duty: DisabilityDuty;
  let caseId: string;
  const upload = (token: string, name: string, bytes: Buffer, stepId?: string) => {
    const req = request(duty.http).post(`/api/cases/${caseId}/materials`).set(auth(token));
    if (stepId) void req.field('stepId', stepId);
    return req.attach('file', bytes, { filename: name, contentType: 'application/octet-stream' });
  };
  const counts = () => tableRowCounts(duty.app.get(DataSource));

  beforeAll(async () => {
    duty = await setUpDisabilityDuty();
    const opened = await request(duty.http)
      .post('/api/cases')
      .set(auth(duty.clerk))
      .send({ templateId: duty.templateId, applicant: { name: '李四' } })
      .expect(201);
    caseId = opened.body.id as string;
  });

  afterAll(async () => {
    await obliterateQueues(duty.app);
    await duty.app.close();
  });

  it('should store PDF, DOCX and OFD files with their SHA-256 and list them with the uploader', async () => {
    const pdf = await upload(duty.clerk, '残疾人证申请表.pdf', PDF_BYTES).expect(201);
    expect(pdf.body).toMatchObject({
      fileName: '残疾人证申请表.pdf',
      kind: 'pdf',
      mediaType: 'application/pdf',
      size: PDF_BYTES.length,
      sha256: createHash('sha256').update(PDF_BYTES).digest('hex'),
      stepId: null,
    });
    await upload(duty.clerk, '户口簿.docx', DOCX_BYTES).expect(201);
    // The content decides, not the name: an OFD named .pdf is stored as OFD.
    const ofd = await upload(duty.clerk, '电子证照.pdf', OFD_BYTES).expect(201);
    expect(ofd.body.kind).toBe('ofd');
    const list = await request(duty.http)
      .get(`/api/cases/${caseId}/materials`)
      .set(auth(duty.clerk))
      .expect(200);
    expect((list.body as Material[]).map((m) => [m.fileName, m.kind, m.uploadedByName])).toEqual([
      ['残疾人证申请表.pdf', 'pdf', 'sgzz-clerk'],
      ['户口簿.docx', 'docx', 'sgzz-clerk'],
      ['电子证照.pdf', 'ofd', 'sgzz-clerk'],
    ]);
  });

  it('should let whoever may see the case download the exact bytes, and record uploads and downloads', async () => {
    const [first] = (
      await request(duty.http).get(`/api/cases/${caseId}/materials`).set(auth(duty.supervisor)).expect(200)
    ).body as Material[];
    const res = await request(duty.http)
      .get(`/api/materials/${first.id}/content`)
      .set(auth(duty.supervisor))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(Buffer.compare(res.body as Buffer, PDF_BYTES)).toBe(0);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('残疾人证申请表.pdf')}`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const events = await request(duty.http)
      .get(`/api/cases/${caseId}/events`)
      .set(auth(duty.clerk))
      .expect(200);
    const types = (events.body as { type: string }[]).map((e) => e.type);
    expect(types.filter((t) => t === 'material_uploaded')).toHaveLength(3);
    expect(types.filter((t) => t === 'material_downloaded')).toHaveLength(1);
  });

  it('should refuse other counties, units without work on the case, and unknown materials', async () => {
    await request(duty.http).get(`/api/cases/${caseId}/materials`).set(auth(duty.minzheng)).expect(403);
    // 县残联's step has not started: it may see nothing yet to upload to.
    await upload(duty.canlian, 'x.pdf', PDF_BYTES).expect(403);
    await request(duty.http)
      .get('/api/materials/00000000-0000-4000-8000-000000000000/content')
      .set(auth(duty.clerk))
      .expect(404);
    await request(duty.http).get(`/api/cases/${caseId}/materials`).expect(401);
  });

  it.each([
    ['an empty file', '空白.pdf', Buffer.alloc(0), 422, '空'],
    ['a renamed .exe', '扫描件.pdf', EXE_BYTES, 422, 'Windows 可执行程序'],
    ['a 300-character name', `${'材'.repeat(296)}.pdf`, PDF_BYTES, 422, '文件名过长'],
    [
      'an oversize file',
      '大文件.pdf',
      Buffer.concat([PDF_BYTES, Buffer.alloc(20 * 1024 * 1024)]),
      413,
      '过大',
    ],
  ])(
    'should refuse %s with a Chinese message naming the file, writing nothing',
    async (_, name, bytes, status, why) => {
      const before = await counts();
      const res = await upload(duty.clerk, name, bytes).expect(status);
      expect(res.body.message).toContain(`附件“${name.slice(0, 100)}`);
      expect(res.body.message).toContain(why);
      expect(await counts()).toEqual(before);
    },
  );

  it('should refuse a request without a file and a step that is not the caller’s', async () => {
    const none = await request(duty.http)
      .post(`/api/cases/${caseId}/materials`)
      .set(auth(duty.clerk))
      .expect(400);
    expect(none.body.message).toContain('file');
    const detail = await request(duty.http).get(`/api/cases/${caseId}`).set(auth(duty.clerk)).expect(200);
    const canlianStep = (detail.body.steps as { id: string; position: number }[]).find(
      (s) => s.position === 1,
    );
    await upload(duty.clerk, 'a.pdf', PDF_BYTES, canlianStep?.id).expect(403);
    const townStep = (detail.body.steps as { id: string; position: number }[]).find((s) => s.position === 3);
    const attached = await upload(duty.clerk, '补正.pdf', PDF_BYTES, townStep?.id).expect(201);
    expect(attached.body.stepId).toBe(townStep?.id);
    expect(attached.body.stepPosition).toBe(3);
  });
});
