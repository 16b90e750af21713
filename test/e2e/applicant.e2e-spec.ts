import request from 'supertest';
import { DataSource } from 'typeorm';
import { tableRowCounts } from 'test/utils/database';
import { auth, DisabilityDuty, setUpDisabilityDuty } from 'test/utils/disability-duty';
import { eventually, obliterateQueues } from 'test/utils/queues';

const ID = '652325198503120024';
const MASKED_ID = '6523********0024';
const PHONE = '13912345678';

interface Applicant {
  name: string;
  idNumber: string | null;
  phone: string | null;
  village: string | null;
  address: string | null;
  masked: boolean;
}

// 办理对象 as structured data: checked on opening (GB 11643 check digit, phone formats, template
// fields), masked everywhere but the case view of the units concerned, searchable by full number.
describe('the applicant (办理对象) of a case', () => {
  let duty: DisabilityDuty;
  let caseId: string;
  const open = (body: Record<string, unknown>, token = duty.clerk) =>
    request(duty.http)
      .post('/api/cases')
      .set(auth(token))
      .send({ templateId: duty.templateId, ...body });
  const applicant = {
    name: '张三',
    idNumber: ID,
    phone: PHONE,
    village: '三个庄子村',
    address: '三个庄子村 3 组 12 号',
  };
  const extraFields = { disabilityCategory: '肢体' };
  const caseFields = [
    {
      key: 'disabilityCategory',
      label: '残疾类别',
      type: 'select',
      required: true,
      options: ['肢体', '视力'],
    },
    { key: 'guardianPhone', label: '监护人电话', type: 'phone', required: false },
  ];

  beforeAll(async () => {
    duty = await setUpDisabilityDuty(caseFields);
  });

  afterAll(async () => {
    await obliterateQueues(duty.app);
    await duty.app.close();
  });

  it('should show the template’s extra fields to the clerk who opens a case', async () => {
    const template = await request(duty.http)
      .get(`/api/templates/${duty.templateId}`)
      .set(auth(duty.clerk))
      .expect(200);
    expect(template.body.caseFields).toEqual(caseFields);
  });

  it('should refuse a wrong check digit, a bad phone or a missing template field with a 400 naming it, writing nothing', async () => {
    const before = await tableRowCounts(duty.app.get(DataSource));
    const badId = await open({
      applicant: { ...applicant, idNumber: '652325198503120025' },
      extraFields,
    }).expect(400);
    expect(badId.body.message).toContain('applicant.idNumber');
    expect(badId.body.message).toContain('公民身份号码');
    expect(badId.body.message).toContain('校验码');
    const shortId = await open({
      applicant: { ...applicant, idNumber: '65232519850312' },
      extraFields,
    }).expect(400);
    expect(shortId.body.details.fields).toEqual([
      { field: 'applicant.idNumber', problems: [expect.stringContaining('18 位')] },
    ]);
    const badPhone = await open({ applicant: { ...applicant, phone: '1234567' }, extraFields }).expect(400);
    expect(badPhone.body.message).toContain('applicant.phone');
    expect(badPhone.body.message).toContain('联系电话');
    const missing = await open({ applicant }).expect(400);
    expect(missing.body.message).toContain('extraFields.disabilityCategory');
    expect(missing.body.message).toContain('残疾类别为必填项');
    const wrongOption = await open({ applicant, extraFields: { disabilityCategory: '其他' } }).expect(400);
    expect(wrongOption.body.message).toContain('肢体、视力');
    const unknownField = await open({ applicant, extraFields: { ...extraFields, foo: 1 } }).expect(400);
    expect(unknownField.body.message).toContain('extraFields.foo');
    const badGuardian = await open({
      applicant,
      extraFields: { ...extraFields, guardianPhone: '12' },
    }).expect(400);
    expect(badGuardian.body.message).toContain('监护人电话有误');
    const noName = await open({ applicant: { name: ' ' }, extraFields }).expect(400);
    expect(noName.body.message).toContain('applicant.name');
    expect(await tableRowCounts(duty.app.get(DataSource))).toEqual(before);
  });

  it('should open the case with the title 办理对象 + 事项名称 and show the full numbers to the town', async () => {
    const opened = await open({
      applicant: { ...applicant, idNumber: '11010519491231002x', phone: '+86 139 1234 5678' },
      extraFields: { disabilityCategory: '肢体', guardianPhone: '0994-5812345' },
    }).expect(201);
    caseId = opened.body.id as string;
    expect(opened.body.title).toBe('张三 残疾人证管理');
    const view = await request(duty.http).get(`/api/cases/${caseId}`).set(auth(duty.clerk)).expect(200);
    expect(view.body.applicant).toEqual({
      name: '张三',
      idNumber: '11010519491231002X',
      phone: PHONE,
      village: '三个庄子村',
      address: '三个庄子村 3 组 12 号',
      remarks: null,
      masked: false,
    });
    expect(view.body.extraFields).toEqual({ disabilityCategory: '肢体', guardianPhone: '0994-5812345' });
  });

  it('should show full numbers only to units that hold or held a step and to the county supervisors', async () => {
    const second = await open({ applicant, extraFields, title: `张三（${ID}）残疾人证申请` }).expect(201);
    const id = second.body.id as string;
    const seenBy = async (token: string): Promise<{ applicant: Applicant; title: string }> =>
      (await request(duty.http).get(`/api/cases/${id}`).set(auth(token)).expect(200)).body as {
        applicant: Applicant;
        title: string;
      };
    expect((await seenBy(duty.supervisor)).applicant.idNumber).toBe(ID);
    expect((await seenBy(duty.clerk)).title).toContain(ID);
    // 县残联 holds no started step yet (its step waits for the town): masked, also in the title.
    const early = await seenBy(duty.canlian);
    expect(early.applicant).toMatchObject({
      idNumber: MASKED_ID,
      phone: '139****5678',
      address: null,
      masked: true,
    });
    expect(early.title).toContain(MASKED_ID);
    expect(early.title).not.toContain(ID);
    expect((await seenBy(duty.admin)).applicant.idNumber).toBe(MASKED_ID);
    // Once the work reaches 县残联 (town steps 3–7 done), it holds a step and sees the full number.
    const detail = await request(duty.http).get(`/api/cases/${id}`).set(auth(duty.clerk)).expect(200);
    for (const position of [3, 4, 5, 6, 7]) {
      const step = (detail.body.steps as { id: string; position: number }[]).find(
        (s) => s.position === position,
      );
      await request(duty.http)
        .post(`/api/steps/${step?.id}/complete`)
        .set(auth(duty.clerk))
        .send({})
        .expect(200);
    }
    expect((await seenBy(duty.canlian)).applicant.idNumber).toBe(ID);
  });

  it('should mask identity numbers and phones in every list and find a person by the full number only', async () => {
    const list = await request(duty.http).get('/api/cases').set(auth(duty.clerk)).expect(200);
    const text = JSON.stringify(list.body);
    expect(text).not.toContain(ID);
    expect(text).not.toContain(PHONE);
    expect(list.body.items[0].applicant).toMatchObject({
      idNumber: MASKED_ID,
      phone: '139****5678',
      masked: true,
    });
    const byNumber = await request(duty.http)
      .get('/api/cases')
      .query({ q: ID })
      .set(auth(duty.clerk))
      .expect(200);
    expect(byNumber.body.total).toBe(1);
    const lowerX = await request(duty.http)
      .get('/api/cases')
      .query({ q: '11010519491231002x' })
      .set(auth(duty.supervisor))
      .expect(200);
    expect(lowerX.body.items.map((c: { id: string }) => c.id)).toEqual([caseId]);
    const partial = await request(duty.http)
      .get('/api/cases')
      .query({ q: '1101051949' })
      .set(auth(duty.clerk))
      .expect(200);
    expect(partial.body.total).toBe(0);
    const byName = await request(duty.http)
      .get('/api/cases')
      .query({ q: '张三' })
      .set(auth(duty.clerk))
      .expect(200);
    expect(byName.body.total).toBe(2);
    const inbox = await request(duty.http).get('/api/inbox').set(auth(duty.canlian)).expect(200);
    expect(JSON.stringify(inbox.body)).not.toContain(ID);
  });

  it('should mask numbers in notifications (and so in webhooks, built from them)', async () => {
    const notifications = await eventually(
      async () => {
        const res = await request(duty.http).get('/api/notifications').set(auth(duty.canlian)).expect(200);
        const items = res.body.items as { title: string; body: string }[];
        return items.some((n) => n.title.includes('6523')) ? items : undefined;
      },
      10_000,
      'the 县残联 notification',
    );
    const text = JSON.stringify(notifications);
    expect(text).toContain(MASKED_ID);
    expect(text).not.toContain(ID);
  });

  it('should mask numbers in the overdue export', async () => {
    const dataSource = duty.app.get(DataSource);
    await dataSource.query(
      `UPDATE case_steps SET "dueAt" = now() - interval '20 days', "dueDate" = (now() - interval '20 days')::date
       WHERE status IN ('ready', 'in_progress')`,
    );
    const csv = await request(duty.http)
      .get('/api/supervision/overdue/export')
      .query({ format: 'csv' })
      .set(auth(duty.supervisor))
      .expect(200);
    expect(csv.text).toContain('公民身份号码');
    expect(csv.text).toContain(MASKED_ID);
    expect(csv.text).not.toContain(ID);
    const list = await request(duty.http)
      .get('/api/supervision/overdue')
      .set(auth(duty.supervisor))
      .expect(200);
    expect(JSON.stringify(list.body)).not.toContain(ID);
  });
});
