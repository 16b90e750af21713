import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { CalendarSeeder } from 'src/calendar/calendar.seeder';
import { DutyListImporter } from 'src/duty-lists/duty-list.importer';
import { createBpmnModdle } from 'src/templates/bpmn/bpmn-moddle-loader';
import { UserRole } from 'src/users/user-role';
import { loginAs } from 'test/utils/auth';
import { createTestApp } from 'test/utils/create-test-app';
import { resetDatabase } from 'test/utils/database';
import { eventually, obliterateQueues } from 'test/utils/queues';
import { readSeed } from 'test/utils/seeds';

interface Step {
  id: string;
  position: number;
  lane: string;
  status: string;
  dueDate: string | null;
  revision: number;
}

// The 残疾人证管理 duty of 三个庄子镇 (奇台县残联 and the town), from opening to completion, through HTTP.
describe('a 残疾人证管理 case from opening to completion', () => {
  let app: INestApplication;
  let http: App;
  let clerk: string; // 三个庄子镇 township staff
  let canlian: string; // 奇台县残联 department staff
  let minzheng: string; // 奇台县民政局 department staff
  let supervisor: string;
  let templateV2: string;
  let caseId: string;
  let steps: Map<number, Step>;

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const refresh = async (): Promise<Map<number, Step>> => {
    const body = (await request(http).get(`/api/cases/${caseId}`).set(auth(clerk)).expect(200)).body as {
      steps: Step[];
    };
    steps = new Map(body.steps.map((step) => [step.position, step]));
    return steps;
  };
  const statusOf = (position: number): string | undefined => steps.get(position)?.status;
  const complete = (token: string, position: number, note = '已办理') =>
    request(http)
      .post(`/api/steps/${steps.get(position)?.id}/complete`)
      .set(auth(token))
      .send({ note });

  beforeAll(async () => {
    app = await createTestApp();
    http = app.getHttpServer() as App;
    await resetDatabase(app.get(DataSource));
    await app.get(CalendarSeeder).seedFromFile();
    await app
      .get(DutyListImporter)
      .importFile(readSeed('qitai-sangezhuangzi.txt'), 'qitai-sangezhuangzi.txt');
    clerk = await loginAs(app, {
      username: 'sgzz-clerk',
      role: UserRole.TownshipStaff,
      township: '三个庄子镇',
    });
    canlian = await loginAs(app, {
      username: 'qt-canlian',
      role: UserRole.DepartmentStaff,
      department: '奇台县残联',
    });
    minzheng = await loginAs(app, {
      username: 'qt-minzheng',
      role: UserRole.DepartmentStaff,
      department: '奇台县民政局',
    });
    supervisor = await loginAs(app, {
      username: 'qt-supervisor',
      role: UserRole.Supervisor,
      county: '奇台县',
    });
  });

  afterAll(async () => {
    await obliterateQueues(app);
    await app.close();
  });

  it('should find the imported template and save a version where the town hands the file to 县残联', async () => {
    const list = await request(http)
      .get('/api/templates')
      .query({ township: '三个庄子镇', q: '残疾人证' })
      .set(auth(clerk))
      .expect(200);
    expect(list.body.total).toBe(1);
    const v1 = await request(http)
      .get(`/api/templates/${list.body.items[0].id}`)
      .set(auth(clerk))
      .expect(200);
    expect(v1.body.version).toBe(1);
    expect(v1.body.steps.map((s: Step) => s.lane)).toEqual([
      ...Array(2).fill('department'),
      ...Array(7).fill('township'),
    ]);

    // The importer reads the real order from the text: town steps 3–7, then 县残联 1 (审核、制证), then
    // 县残联 2 and town 8 (领取发放); 9 (定期动态核查) is a standing duty. The supervisor's version below
    // also times the steps and makes 9 an ordinary step after 8.
    expect(v1.body.origin).toBe('document');
    expect(v1.body.steps[0].dependsOn).toEqual([7]);
    expect(v1.body.steps[0].evidence[0].rule).toBe('township-to-department');
    expect(v1.body.steps[8]).toMatchObject({ standing: true, dependsOn: [] });
    const dependsOn: Record<number, number[]> = {
      1: [7],
      2: [1],
      3: [],
      4: [3],
      5: [4],
      6: [5],
      7: [6],
      8: [1],
      9: [8],
    };
    const edited = v1.body.steps.map((s: Record<string, unknown>) => ({
      position: s.position,
      lane: s.lane,
      section: s.section,
      text: s.text,
      assigneeDepartmentIds: s.assigneeDepartmentIds,
      dependsOn: dependsOn[s.position as number],
      dueWorkingDays: s.position === 6 ? 5 : 3,
      optional: false,
    }));
    await request(http)
      .put(`/api/templates/${v1.body.id}`)
      .set(auth(clerk))
      .send({ steps: edited })
      .expect(403);
    const v2 = await request(http)
      .put(`/api/templates/${v1.body.id}`)
      .set(auth(supervisor))
      .send({ steps: edited })
      .expect(200);
    expect(v2.body.version).toBe(2);
    expect(v2.body.steps[0].dependsOn).toEqual([7]);
    templateV2 = v2.body.id as string;
    const stale = await request(http)
      .put(`/api/templates/${v1.body.id}`)
      .set(auth(supervisor))
      .send({ steps: edited })
      .expect(409);
    expect(stale.body.message).toContain('第 2 版');
    const cyclic = edited.map((s: { position: number }) => (s.position === 3 ? { ...s, dependsOn: [9] } : s));
    const bad = await request(http)
      .put(`/api/templates/${templateV2}`)
      .set(auth(supervisor))
      .send({ steps: cyclic })
      .expect(422);
    expect(bad.body.message).toContain('循环依赖');
  });

  it('should export the template as BPMN that bpmn-moddle reads without warnings', async () => {
    const response = await request(http)
      .get(`/api/templates/${templateV2}/bpmn`)
      .set(auth(clerk))
      .expect(200);
    expect(response.headers['content-type']).toContain('application/xml');
    const { warnings } = await createBpmnModdle().fromXML(response.text);
    expect(warnings).toEqual([]);
    expect(response.text).toContain('奇台县残联');
    expect(response.text).toContain('三个庄子镇');
  });

  it('should reject opening without a token, with a malformed body, or with an unknown template', async () => {
    await request(http)
      .post('/api/cases')
      .send({ templateId: templateV2, title: 'x', subject: 'y' })
      .expect(401);
    const malformed = await request(http)
      .post('/api/cases')
      .set(auth(clerk))
      .send({ templateId: 'nope', subject: '', extra: 1 })
      .expect(400);
    const fields = (malformed.body.details.fields as { field: string }[]).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['templateId', 'title', 'subject', 'extra']));
    await request(http)
      .post('/api/cases')
      .set(auth(clerk))
      .send({
        templateId: '00000000-0000-4000-8000-000000000000',
        title: '张三 残疾人证申请',
        subject: '张三',
      })
      .expect(404);
    await request(http)
      .post('/api/cases')
      .set(auth(canlian))
      .send({ templateId: templateV2, title: 't', subject: 's' })
      .expect(403);
  });

  it('should open the case with every step and start only the first town step', async () => {
    const opened = await request(http)
      .post('/api/cases')
      .set(auth(clerk))
      .send({
        templateId: templateV2,
        title: '张三 残疾人证申请',
        subject: '张三',
        note: '首次申请',
        stepDueDays: [{ position: 3, dueWorkingDays: 10 }],
      })
      .expect(201);
    caseId = opened.body.id as string;
    expect(opened.body.templateVersion).toBe(2);
    await refresh();
    expect(steps.size).toBe(9);
    expect([...steps.values()].filter((s) => s.status === 'ready').map((s) => s.position)).toEqual([3]);
    // Step 3 got 10 working days for this case (the template says 3), counted by the calendar.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const expected = await request(http)
      .get('/api/calendar/add-working-days')
      .query({ from: today, days: 10 })
      .set(auth(clerk))
      .expect(200);
    expect(steps.get(3)?.dueDate).toBe(expected.body.date);
    expect(statusOf(1)).toBe('pending');
  });

  it('should let only the town act on town steps and answer 409 for a finished step', async () => {
    await complete(canlian, 3).expect(403);
    await request(http)
      .post(`/api/steps/${steps.get(3)?.id}/claim`)
      .set(auth(clerk))
      .expect(200);
    await complete(clerk, 3).expect(200);
    const again = await complete(clerk, 3).expect(409);
    expect(again.body.message).toContain('已完成');
    for (const position of [4, 5, 6]) await complete(clerk, position).expect(200);
    await refresh();
    expect(statusOf(7)).toBe('ready');
    expect(statusOf(1)).toBe('pending');
  });

  it('should replay a repeated POST with the same Idempotency-Key without acting twice', async () => {
    const key = `complete-7-${caseId}`;
    const first = await complete(clerk, 7).set('Idempotency-Key', key).expect(200);
    const second = await complete(clerk, 7).set('Idempotency-Key', key).expect(200);
    expect(second.body).toEqual(first.body);
    const events = await request(http).get(`/api/cases/${caseId}/events`).set(auth(clerk)).expect(200);
    const completions = (events.body as { stepId: string; toStatus: string }[]).filter(
      (e) => e.stepId === steps.get(7)?.id && e.toStatus === 'completed',
    );
    expect(completions).toHaveLength(1);
    await refresh();
    expect(statusOf(1)).toBe('ready');
  });

  it('should put the 县残联 step in its inbox and keep other departments out', async () => {
    const inbox = await request(http).get('/api/inbox').set(auth(canlian)).expect(200);
    expect(
      (inbox.body.items as { id: string; caseTitle: string; dutyName: string }[]).map((i) => i.id),
    ).toContain(steps.get(1)?.id);
    expect(inbox.body.items[0].dutyName).toBe('残疾人证管理');
    const other = await request(http).get('/api/inbox').set(auth(minzheng)).expect(200);
    expect(other.body.total).toBe(0);
    const denied = await complete(minzheng, 1).expect(403);
    expect(denied.body.code).toBe('FORBIDDEN');
    await request(http).get(`/api/cases/${caseId}`).set(auth(minzheng)).expect(403);
    const notified = await eventually(
      async () => {
        const list = await request(http).get('/api/notifications').set(auth(canlian)).expect(200);
        const items = list.body.items as { type: string; stepId: string; title: string }[];
        return items.find((n) => n.type === 'step_ready' && n.stepId === steps.get(1)?.id);
      },
      20_000,
      'the 县残联 notification',
    );
    expect(notified.title).toContain('张三 残疾人证申请');

    await request(http)
      .post(`/api/steps/${steps.get(1)?.id}/urge`)
      .set(auth(clerk))
      .send({})
      .expect(403);
    await request(http)
      .post(`/api/steps/${steps.get(1)?.id}/urge`)
      .set(auth(supervisor))
      .send({ note: '请今天办结' })
      .expect(200);
    await eventually(
      async () => {
        const list = await request(http).get('/api/notifications').set(auth(canlian)).expect(200);
        return (list.body.items as { type: string }[]).find((n) => n.type === 'step_urged');
      },
      20_000,
      'the urge notification',
    );

    const longer = await request(http)
      .post(`/api/steps/${steps.get(1)?.id}/due-days`)
      .set(auth(supervisor))
      .send({ dueWorkingDays: 8, reason: '等待省级系统开通' })
      .expect(200);
    expect(longer.body.dueWorkingDays).toBe(8);
    expect(longer.body.dueDate > (steps.get(1)?.dueDate ?? '')).toBe(true);
    await request(http)
      .post(`/api/steps/${steps.get(1)?.id}/due-days`)
      .set(auth(canlian))
      .send({ dueWorkingDays: 30, reason: 'x' })
      .expect(403);

    await complete(canlian, 1, '材料齐全，已制证').expect(200);
    await refresh();
    expect([statusOf(2), statusOf(8)]).toEqual(['ready', 'ready']);
  });

  it('should send back from 领取发放 to 送材料, restarting the clock and resetting the steps after it', async () => {
    const before = steps.get(7);
    const response = await request(http)
      .post(`/api/steps/${steps.get(8)?.id}/return`)
      .set(auth(clerk))
      .send({ toStepId: steps.get(7)?.id, reason: '照片不合格，需重新提交' })
      .expect(200);
    expect(response.body.status).toBe('pending');
    await refresh();
    expect(statusOf(7)).toBe('ready');
    expect(steps.get(7)?.revision).toBeGreaterThan(before?.revision ?? 0);
    expect([statusOf(1), statusOf(2), statusOf(8)]).toEqual(['pending', 'pending', 'pending']);
    expect(steps.get(1)?.dueDate).toBeNull();
    const outside = await request(http)
      .post(`/api/steps/${steps.get(7)?.id}/return`)
      .set(auth(clerk))
      .send({ toStepId: steps.get(9)?.id, reason: 'x' })
      .expect(422);
    expect(outside.body.details.field).toBe('toStepId');
    await complete(clerk, 7, '已重新提交照片').expect(200);
    await refresh();
    expect(statusOf(1)).toBe('ready');
    await complete(canlian, 1).expect(200);
  });

  it('should let exactly one of two racing completions win', async () => {
    await refresh();
    const id = steps.get(2)?.id;
    const results = await Promise.all([
      request(http).post(`/api/steps/${id}/complete`).set(auth(canlian)).send({ note: 'A' }),
      request(http).post(`/api/steps/${id}/complete`).set(auth(canlian)).send({ note: 'B' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('should complete the case when the last step is done and keep the full history', async () => {
    await complete(clerk, 8).expect(200);
    await complete(clerk, 9).expect(200);
    const done = await request(http).get(`/api/cases/${caseId}`).set(auth(clerk)).expect(200);
    expect(done.body.status).toBe('completed');
    expect(done.body.completedAt).toEqual(expect.any(String));
    await complete(clerk, 9).expect(409);

    const events = (await request(http).get(`/api/cases/${caseId}/events`).set(auth(clerk)).expect(200))
      .body as {
      type: string;
      fromStatus: string | null;
      toStatus: string | null;
      actorName: string | null;
      note: string | null;
      createdAt: string;
    }[];
    expect(events[0]).toMatchObject({ type: 'case_opened', actorName: 'sgzz-clerk', note: '首次申请' });
    expect(events[events.length - 1]).toMatchObject({ type: 'case_completed', toStatus: 'completed' });
    expect(events.filter((e) => e.type === 'step_returned')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'step_urged')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'step_retimed')).toHaveLength(1);
    expect(events.filter((e) => e.toStatus === 'completed' && e.type === 'step_status_changed')).toHaveLength(
      11,
    );
    expect(events.some((e) => e.fromStatus === 'completed' && e.toStatus === 'pending')).toBe(true);
    expect(events.every((e) => typeof e.createdAt === 'string')).toBe(true);
  });

  it("should list cases by the caller's scope and the filters", async () => {
    const mine = await request(http)
      .get('/api/cases')
      .query({ status: 'completed', q: '张三' })
      .set(auth(clerk))
      .expect(200);
    expect((mine.body.items as { id: string }[]).map((c) => c.id)).toEqual([caseId]);
    const department = await request(http).get('/api/cases').set(auth(canlian)).expect(200);
    expect(department.body.total).toBe(1);
    const outsider = await request(http).get('/api/cases').set(auth(minzheng)).expect(200);
    expect(outsider.body.total).toBe(0);
    const open = await request(http)
      .get('/api/cases')
      .query({ status: 'open' })
      .set(auth(supervisor))
      .expect(200);
    expect(open.body.total).toBe(0);
    await request(http).get('/api/cases').query({ status: 'closed' }).set(auth(clerk)).expect(400);
  });

  it('should re-time the open steps of running cases when a version is saved with retimeOpenCases', async () => {
    const second = await request(http)
      .post('/api/cases')
      .set(auth(clerk))
      .send({ templateId: templateV2, title: '李四 残疾人证申请', subject: '李四' })
      .expect(201);
    const v2 = await request(http).get(`/api/templates/${templateV2}`).set(auth(clerk)).expect(200);
    const edited = v2.body.steps.map((s: Record<string, unknown>) => ({
      position: s.position,
      lane: s.lane,
      section: s.section,
      text: s.text,
      assigneeDepartmentIds: s.assigneeDepartmentIds,
      dependsOn: s.dependsOn,
      dueWorkingDays: s.position === 3 ? 20 : s.dueWorkingDays,
      optional: s.optional,
    }));
    const v3 = await request(http)
      .put(`/api/templates/${templateV2}`)
      .set(auth(supervisor))
      .send({ steps: edited, retimeOpenCases: true })
      .expect(200);
    expect(v3.body.version).toBe(3);
    expect(v3.body.retimeOpenCasesQueued).toBe(true); // re-timing runs in a worker job, not in the PUT
    type RetimedStep = Step & { dueWorkingDays: number };
    const step3 = await eventually(
      async () => {
        const after = await request(http).get(`/api/cases/${second.body.id}`).set(auth(clerk)).expect(200);
        expect(after.body.templateVersion).toBe(2); // the case stays on its version; only durations moved
        const found = (after.body.steps as RetimedStep[]).find((s) => s.position === 3);
        return found?.dueWorkingDays === 20 ? found : undefined;
      },
      20_000,
      'the re-timing job',
    );
    const retimed = await app
      .get(DataSource)
      .query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM case_events WHERE type = 'step_retimed' AND "caseId" = $1`,
        [second.body.id],
      );
    expect(retimed[0].n).toBe(1); // only step 3 of 李四's case; 张三's case is completed
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const expected = await request(http)
      .get('/api/calendar/add-working-days')
      .query({ from: today, days: 20 })
      .set(auth(clerk))
      .expect(200);
    expect(step3?.dueDate).toBe(expected.body.date);
  });

  it('should keep the audit trail append-only', async () => {
    await expect(app.get(DataSource).query(`UPDATE case_events SET note = 'edited'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(app.get(DataSource).query(`DELETE FROM case_events`)).rejects.toThrow(/append-only/);
  });

  it('should answer 404 for unknown ids and 400 for malformed ones', async () => {
    await request(http)
      .post('/api/steps/00000000-0000-4000-8000-000000000000/complete')
      .set(auth(clerk))
      .send({})
      .expect(404);
    await request(http).get('/api/cases/00000000-0000-4000-8000-000000000000').set(auth(clerk)).expect(404);
    await request(http).post('/api/steps/not-a-uuid/complete').set(auth(clerk)).send({}).expect(400);
  });
});
