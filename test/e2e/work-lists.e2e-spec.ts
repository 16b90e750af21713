import request from 'supertest';
import { auth, DisabilityDuty, setUpDisabilityDuty } from 'test/utils/disability-duty';
import { eventually, obliterateQueues } from 'test/utils/queues';

interface Item {
  id: string;
  caseId: string;
  position: number;
  status: string;
  caseSubject: string;
  caseStatus: string;
  applicantIdNumber: string | null;
  completedByName: string | null;
}

// 待办, 已办 and 我发起的 with their filters, and 催办反馈.
describe('a clerk’s lists and urge replies', () => {
  let duty: DisabilityDuty;
  const cases: Record<string, string> = {};
  const get = (token: string, path: string, query: Record<string, unknown> = {}) =>
    request(duty.http).get(path).query(query).set(auth(token)).expect(200);
  const stepOf = async (caseId: string, position: number): Promise<string> => {
    const detail = await get(duty.clerk, `/api/cases/${caseId}`);
    return (detail.body.steps as { id: string; position: number }[]).find((s) => s.position === position)
      ?.id as string;
  };

  beforeAll(async () => {
    duty = await setUpDisabilityDuty();
    for (const [name, idNumber] of [
      ['张三', '652325198503120024'],
      ['李四', '652325200107040516'],
    ]) {
      const opened = await request(duty.http)
        .post('/api/cases')
        .set(auth(duty.clerk))
        .send({ templateId: duty.templateId, applicant: { name, idNumber } })
        .expect(201);
      cases[name] = opened.body.id as string;
    }
    // 张三's town steps 3–7 are done: the work is with 县残联.
    for (const position of [3, 4, 5, 6, 7]) {
      await request(duty.http)
        .post(`/api/steps/${await stepOf(cases['张三'], position)}/complete`)
        .set(auth(duty.clerk))
        .send({})
        .expect(200);
    }
  });

  afterAll(async () => {
    await obliterateQueues(duty.app);
    await duty.app.close();
  });

  it('should list 待办 by due date, filterable by applicant, status and duty', async () => {
    const town = await get(duty.clerk, '/api/inbox');
    expect((town.body.items as Item[]).map((i) => [i.caseSubject, i.position])).toEqual([['李四', 3]]);
    expect(town.body.items[0].applicantIdNumber).toBe('6523********0516');
    const canlian = await get(duty.canlian, '/api/inbox', { q: '652325198503120024' });
    expect((canlian.body.items as Item[]).map((i) => [i.caseSubject, i.position])).toEqual([['张三', 1]]);
    expect(canlian.body.items[0]).toMatchObject({ lane: 'department', order: 1 });
    expect((await get(duty.canlian, '/api/inbox', { q: '李四' })).body.total).toBe(0);
    expect((await get(duty.canlian, '/api/inbox', { status: 'in_progress' })).body.total).toBe(0);
    const dutyId = (await get(duty.clerk, `/api/cases/${cases['张三']}`)).body.dutyId as string;
    expect((await get(duty.canlian, '/api/inbox', { duty: dutyId })).body.total).toBe(1);
    expect(
      (await get(duty.canlian, '/api/inbox', { duty: '00000000-0000-4000-8000-000000000000' })).body.total,
    ).toBe(0);
    await request(duty.http)
      .get('/api/inbox')
      .query({ status: 'completed' })
      .set(auth(duty.canlian))
      .expect(400);
    await request(duty.http).get('/api/done').set(auth(duty.supervisor)).expect(403);
  });

  it('should list 已办 newest first with who finished each step, filterable by date and case status', async () => {
    const done = await get(duty.clerk, '/api/done');
    expect((done.body.items as Item[]).map((i) => i.position)).toEqual([7, 6, 5, 4, 3]);
    expect(done.body.items[0]).toMatchObject({
      caseSubject: '张三',
      completedByName: 'sgzz-clerk',
      caseStatus: 'open',
    });
    expect((await get(duty.clerk, '/api/done', { status: 'completed' })).body.total).toBe(0);
    expect((await get(duty.clerk, '/api/done', { q: '李四' })).body.total).toBe(0);
    expect((await get(duty.clerk, '/api/done', { from: '2000-01-01', to: '2000-12-31' })).body.total).toBe(0);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await get(duty.clerk, '/api/done', { from: today, to: today })).body.total).toBe(5);
    expect((await get(duty.canlian, '/api/done')).body.total).toBe(0);
    await request(duty.http).get('/api/done').query({ from: '2025-02-30' }).set(auth(duty.clerk)).expect(400);
  });

  it('should list 我发起的 (cases I opened)', async () => {
    const mine = await get(duty.clerk, '/api/cases', { mine: true });
    expect(mine.body.total).toBe(2);
    // Each row carries who opened it and the nearest 应办结日期 of its open steps (the traffic light).
    const zhang = (
      mine.body.items as { id: string; nextDueDate: string | null; createdByName: string }[]
    ).find((c) => c.id === cases['张三']);
    const withCanlian = await get(duty.canlian, '/api/inbox', { q: '张三' });
    expect(zhang).toMatchObject({
      createdByName: 'sgzz-clerk',
      nextDueDate: withCanlian.body.items[0].dueDate,
    });
    expect(zhang?.nextDueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await get(duty.supervisor, '/api/cases', { mine: true })).body.total).toBe(0);
    expect(
      (await get(duty.clerk, '/api/cases', { mine: true, q: '652325200107040516' })).body.items[0].id,
    ).toBe(cases['李四']);
  });

  it('should let the urged unit reply to a 催办 and the supervisor see the reply', async () => {
    const stepId = await stepOf(cases['张三'], 1);
    const early = await request(duty.http)
      .post(`/api/steps/${stepId}/urge-replies`)
      .set(auth(duty.canlian))
      .send({ note: '正在审核' })
      .expect(409);
    expect(early.body.message).toContain('没有被催办');
    await request(duty.http)
      .post(`/api/steps/${stepId}/urge`)
      .set(auth(duty.supervisor))
      .send({ note: '请于周五前办结' })
      .expect(200);
    await request(duty.http)
      .post(`/api/steps/${stepId}/urge-replies`)
      .set(auth(duty.clerk))
      .send({ note: '不是我的环节' })
      .expect(403);
    await request(duty.http)
      .post(`/api/steps/${stepId}/urge-replies`)
      .set(auth(duty.canlian))
      .send({})
      .expect(400);
    await request(duty.http)
      .post(`/api/steps/${stepId}/urge-replies`)
      .set(auth(duty.canlian))
      .send({ note: '材料已齐，周四办结' })
      .expect(200);
    const urges = await get(duty.supervisor, `/api/steps/${stepId}/urges`);
    expect(urges.body).toEqual([
      expect.objectContaining({
        note: '请于周五前办结',
        urgedByName: 'qt-supervisor',
        replies: [expect.objectContaining({ note: '材料已齐，周四办结', repliedByName: 'qt-canlian' })],
      }),
    ]);
    const notified = await eventually(
      async () => {
        const res = await get(duty.supervisor, '/api/notifications');
        const items = res.body.items as { type: string; body: string }[];
        return items.find((n) => n.type === 'urge_replied');
      },
      10_000,
      'the 催办反馈 notification',
    );
    expect(notified.body).toContain('材料已齐，周四办结');
  });
});
