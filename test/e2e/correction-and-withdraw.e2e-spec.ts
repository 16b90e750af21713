import request from 'supertest';
import { DataSource } from 'typeorm';
import { auth, DisabilityDuty, setUpDisabilityDuty } from 'test/utils/disability-duty';
import { DOCX_BYTES, PDF_BYTES } from 'test/utils/files';
import { eventually, obliterateQueues } from 'test/utils/queues';

interface Step {
  id: string;
  position: number;
  lane: string;
  status: string;
  readyAt: string | null;
  dueDate: string | null;
  returnCount: number;
}

// The 残疾人证管理 case of 三个庄子镇 as clerks work it: a named applicant and two files; 县残联 sends the
// case back for correction to the town's submission step (退回补正, across lanes); the town attaches a
// corrected file and resubmits; 县残联 finishes; the town distributes; the case completes. And 撤回.
describe('退回补正 across lanes and 撤回', () => {
  let duty: DisabilityDuty;
  let caseId: string;
  let steps: Map<number, Step>;

  const refresh = async (): Promise<Map<number, Step>> => {
    const body = (await request(duty.http).get(`/api/cases/${caseId}`).set(auth(duty.clerk)).expect(200))
      .body as { steps: Step[] };
    steps = new Map(body.steps.map((step) => [step.position, step]));
    return steps;
  };
  const idOf = (position: number): string => steps.get(position)?.id as string;
  const act = (token: string, position: number, action: string, body: Record<string, unknown> = {}) =>
    request(duty.http)
      .post(`/api/steps/${idOf(position)}/${action}`)
      .set(auth(token))
      .send(body);
  const upload = (name: string, bytes: Buffer, stepId?: string) => {
    const req = request(duty.http).post(`/api/cases/${caseId}/materials`).set(auth(duty.clerk));
    if (stepId) void req.field('stepId', stepId);
    return req.attach('file', bytes, { filename: name, contentType: 'application/octet-stream' });
  };
  const notificationsOf = async (token: string): Promise<{ type: string; title: string; body: string }[]> =>
    (await request(duty.http).get('/api/notifications').set(auth(token)).expect(200)).body.items as {
      type: string;
      title: string;
      body: string;
    }[];

  beforeAll(async () => {
    duty = await setUpDisabilityDuty();
  });

  afterAll(async () => {
    await obliterateQueues(duty.app);
    await duty.app.close();
  });

  it('should open the case for a named applicant with two files, and the town submit it to 县残联', async () => {
    const opened = await request(duty.http)
      .post('/api/cases')
      .set(auth(duty.clerk))
      .send({
        templateId: duty.templateId,
        applicant: {
          name: '王五',
          idNumber: '652325198503120024',
          phone: '13912345678',
          village: '三个庄子村',
        },
      })
      .expect(201);
    caseId = opened.body.id as string;
    expect(opened.body.title).toBe('王五 残疾人证管理');
    await upload('残疾人证申请表.pdf', PDF_BYTES).expect(201);
    await upload('户口簿.docx', DOCX_BYTES).expect(201);
    await refresh();
    for (const position of [3, 4, 5, 6, 7]) await act(duty.clerk, position, 'complete').expect(200);
    await refresh();
    expect(steps.get(1)?.status).toBe('ready');
  });

  it('should refuse a send-back without a reason, by another unit, or to a step that is not before it', async () => {
    const before = (await refresh()).get(1);
    await act(duty.canlian, 1, 'return', {}).expect(400);
    await act(duty.clerk, 1, 'return', { reason: '不是我的环节' }).expect(403);
    const sideways = await act(duty.canlian, 1, 'return', { toStepId: idOf(9), reason: '材料缺页' }).expect(
      422,
    );
    expect(sideways.body.message).toContain('之前');
    expect((await refresh()).get(1)?.status).toBe(before?.status);
  });

  it('should let 县残联 send the case back to the town’s submission step by default, with a fresh clock', async () => {
    await act(duty.canlian, 1, 'claim').expect(200);
    const returned = await act(duty.canlian, 1, 'return', { reason: '缺少二代身份证复印件，请补正' }).expect(
      200,
    );
    expect(returned.body.status).toBe('pending');
    await refresh();
    expect(steps.get(7)).toMatchObject({ status: 'ready', returnCount: 1 });
    expect(steps.get(1)?.status).toBe('pending');
    // The supervisor's statistics count the send-back against the town's step (issue 10).
    const stats = await request(duty.http)
      .get('/api/supervision/stats')
      .set(auth(duty.supervisor))
      .expect(200);
    const town = (
      stats.body.townships as { unitName: string; returns: number; returnedSteps: number }[]
    ).find((row) => row.unitName === '三个庄子镇');
    expect(town).toMatchObject({ returns: 1, returnedSteps: 1 });
    expect(stats.body.mostReturned).toEqual([
      expect.objectContaining({ stepId: idOf(7), caseId, returnCount: 1, lane: 'township' }),
    ]);
    // The town is told; its step starts a fresh clock and ladder.
    const note = await eventually(
      async () => {
        const items = await notificationsOf(duty.clerk);
        return items.find((n) => n.type === 'step_returned');
      },
      10_000,
      'the town’s send-back notice',
    );
    expect(note.body).toContain('缺少二代身份证复印件');
    const events = await request(duty.http)
      .get(`/api/cases/${caseId}/events`)
      .set(auth(duty.clerk))
      .expect(200);
    expect(events.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'step_returned', note: '缺少二代身份证复印件，请补正' }),
      ]),
    );
  });

  it('should let the town attach the corrected file and resubmit; 县残联 is told the work came back', async () => {
    const corrected = await upload('身份证复印件（补正）.pdf', PDF_BYTES, idOf(7)).expect(201);
    expect(corrected.body.stepPosition).toBe(7);
    await act(duty.clerk, 7, 'complete', { note: '已补正' }).expect(200);
    await refresh();
    expect(steps.get(1)?.status).toBe('ready');
    const back = await eventually(
      async () => {
        const items = await notificationsOf(duty.canlian);
        return items.find((n) => n.type === 'step_ready' && n.body.includes('补正'));
      },
      10_000,
      '县残联’s work-came-back notice',
    );
    expect(back.title).toContain('王五');
  });

  it('should let 县残联 finish, the town distribute, and the case complete', async () => {
    await act(duty.canlian, 1, 'complete', { note: '审核通过，已制证' }).expect(200);
    await refresh();
    await act(duty.canlian, 2, 'complete').expect(200);
    await act(duty.clerk, 8, 'complete', { note: '已发放' }).expect(200);
    await refresh();
    await act(duty.clerk, 9, 'complete').expect(200);
    const detail = await request(duty.http).get(`/api/cases/${caseId}`).set(auth(duty.clerk)).expect(200);
    expect(detail.body.status).toBe('completed');
    const materials = await request(duty.http)
      .get(`/api/cases/${caseId}/materials`)
      .set(auth(duty.canlian))
      .expect(200);
    expect(materials.body).toHaveLength(3);
  });
});

describe('撤回 (withdraw)', () => {
  let duty: DisabilityDuty;
  let caseId: string;
  let steps: Map<number, Step>;
  const refresh = async (): Promise<Map<number, Step>> => {
    const body = (await request(duty.http).get(`/api/cases/${caseId}`).set(auth(duty.clerk)).expect(200))
      .body as { steps: Step[] };
    steps = new Map(body.steps.map((step) => [step.position, step]));
    return steps;
  };
  const act = (token: string, position: number, action: string, body: Record<string, unknown> = {}) =>
    request(duty.http)
      .post(`/api/steps/${steps.get(position)?.id}/${action}`)
      .set(auth(token))
      .send(body);

  beforeAll(async () => {
    duty = await setUpDisabilityDuty();
    const opened = await request(duty.http)
      .post('/api/cases')
      .set(auth(duty.clerk))
      .send({ templateId: duty.templateId, applicant: { name: '赵六' } })
      .expect(201);
    caseId = opened.body.id as string;
    await refresh();
    for (const position of [3, 4, 5, 6, 7]) await act(duty.clerk, position, 'complete').expect(200);
    await refresh();
  });

  afterAll(async () => {
    await obliterateQueues(duty.app);
    await duty.app.close();
  });

  it('should take back a finished step while the released step is untouched, and tell the unit that lost it', async () => {
    expect(steps.get(1)?.status).toBe('ready');
    await act(duty.canlian, 7, 'withdraw').expect(403);
    const withdrawn = await act(duty.clerk, 7, 'withdraw', { reason: '误点办结' }).expect(200);
    expect(withdrawn.body.status).toBe('in_progress');
    await refresh();
    expect(steps.get(1)).toMatchObject({ status: 'pending', readyAt: null, dueDate: null });
    const lost = await eventually(
      async () => {
        const res = await request(duty.http).get('/api/notifications').set(auth(duty.canlian)).expect(200);
        return (res.body.items as { type: string; body: string }[]).find((n) => n.type === 'step_withdrawn');
      },
      10_000,
      '县残联’s withdraw notice',
    );
    expect(lost.body).toContain('误点办结');
    const events = await request(duty.http)
      .get(`/api/cases/${caseId}/events`)
      .set(auth(duty.clerk))
      .expect(200);
    expect((events.body as { type: string }[]).map((e) => e.type)).toContain('step_withdrawn');
    // Finishing it again releases 县残联's step again.
    await act(duty.clerk, 7, 'complete').expect(200);
    expect((await refresh()).get(1)?.status).toBe('ready');
  });

  it('should refuse once the released step was claimed, and for a step not finished', async () => {
    await act(duty.canlian, 1, 'claim').expect(200);
    const late = await act(duty.clerk, 7, 'withdraw').expect(409);
    expect(late.body.message).toContain('已签收或办结');
    const open = await act(duty.canlian, 1, 'withdraw').expect(409);
    expect(open.body.message).toContain('已办结');
    const rows = await duty.app
      .get(DataSource)
      .query(`SELECT status FROM case_steps WHERE "caseId" = $1 AND position IN (1, 7) ORDER BY position`, [
        caseId,
      ]);
    expect(rows).toEqual([{ status: 'in_progress' }, { status: 'completed' }]);
  });
});
