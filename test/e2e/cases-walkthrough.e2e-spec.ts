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
// Setup saves the version where the town hands the file to 县残联; every test then opens its own case
// (a unique title) and drives it to where it starts, so no test depends on another's state.
describe('a 残疾人证管理 case from opening to completion', () => {
  let app: INestApplication;
  let http: App;
  let clerk: string; // 三个庄子镇 township staff
  let canlian: string; // 奇台县残联 department staff
  let minzheng: string; // 奇台县民政局 department staff
  let supervisor: string;
  let templateV1: string;
  let templateV2: string;
  let editedSteps: Record<string, unknown>[];
  let opened = 0;

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const stepsOf = async (caseId: string): Promise<Map<number, Step>> => {
    const body = (await request(http).get(`/api/cases/${caseId}`).set(auth(clerk)).expect(200)).body as {
      steps: Step[];
    };
    return new Map(body.steps.map((step) => [step.position, step]));
  };
  const stepId = async (caseId: string, position: number): Promise<string> =>
    (await stepsOf(caseId)).get(position)?.id as string;
  const statuses = async (caseId: string, positions: number[]): Promise<(string | undefined)[]> => {
    const steps = await stepsOf(caseId);
    return positions.map((position) => steps.get(position)?.status);
  };
  // Completes the step at `position` and checks the answer's status.
  const complete = async (
    token: string,
    caseId: string,
    position: number,
    status: number,
    note = '已办理',
  ): Promise<request.Response> =>
    request(http)
      .post(`/api/steps/${await stepId(caseId, position)}/complete`)
      .set(auth(token))
      .send({ note })
      .expect(status);
  // A new case of 张三's kind with its own title; `extra` overrides the body.
  const openCase = async (extra: Record<string, unknown> = {}): Promise<{ id: string; title: string }> => {
    opened += 1;
    const title = `张三${opened} 残疾人证申请`;
    const response = await request(http)
      .post('/api/cases')
      .set(auth(clerk))
      .send({ templateId: templateV2, title, subject: `张三${opened}`, ...extra })
      .expect(201);
    return { id: response.body.id as string, title };
  };
  // The town's steps 3–7 done: 县残联's step 1 is ready.
  const throughTownSteps = async (caseId: string): Promise<void> => {
    for (const position of [3, 4, 5, 6, 7]) await complete(clerk, caseId, position, 200);
  };
  // …and 县残联 has made the card: step 2 (县残联) and step 8 (town, 领取发放) are ready.
  const throughCardMade = async (caseId: string): Promise<void> => {
    await throughTownSteps(caseId);
    await complete(canlian, caseId, 1, 200, '材料齐全，已制证');
  };
  const latestTemplateId = async (): Promise<string> => {
    const list = await request(http)
      .get('/api/templates')
      .query({ township: '三个庄子镇', q: '残疾人证' })
      .set(auth(clerk))
      .expect(200);
    return list.body.items[0].id as string;
  };

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
    templateV1 = await latestTemplateId();
    const v1 = await request(http).get(`/api/templates/${templateV1}`).set(auth(clerk)).expect(200);
    // Default flow runs the lanes in parallel; the real order is: town steps 3–7, then 县残联 1 (审核、制证),
    // then 县残联 2 and town 8 (领取发放) → 9.
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
    editedSteps = v1.body.steps.map((s: Record<string, unknown>) => ({
      position: s.position,
      lane: s.lane,
      section: s.section,
      text: s.text,
      assigneeDepartmentIds: s.assigneeDepartmentIds,
      dependsOn: dependsOn[s.position as number],
      dueWorkingDays: s.position === 6 ? 5 : 3,
      optional: false,
    }));
    const v2 = await request(http)
      .put(`/api/templates/${templateV1}`)
      .set(auth(supervisor))
      .send({ steps: editedSteps })
      .expect(200);
    templateV2 = v2.body.id as string;
  });

  afterAll(async () => {
    await obliterateQueues(app);
    await app.close();
  });

  it('should have imported the template and saved the version where the town hands the file to 县残联', async () => {
    const v1 = await request(http).get(`/api/templates/${templateV1}`).set(auth(clerk)).expect(200);
    expect(v1.body.version).toBe(1);
    expect(v1.body.steps.map((s: Step) => s.lane)).toEqual([
      ...Array(2).fill('department'),
      ...Array(7).fill('township'),
    ]);
    const v2 = await request(http).get(`/api/templates/${templateV2}`).set(auth(clerk)).expect(200);
    expect(v2.body.version).toBe(2);
    expect(v2.body.steps[0].dependsOn).toEqual([7]);
  });

  it('should refuse template edits by the town, from an old version, and with a cycle', async () => {
    await request(http)
      .put(`/api/templates/${templateV1}`)
      .set(auth(clerk))
      .send({ steps: editedSteps })
      .expect(403);
    const stale = await request(http)
      .put(`/api/templates/${templateV1}`)
      .set(auth(supervisor))
      .send({ steps: editedSteps })
      .expect(409);
    expect(stale.body.message).toMatch(/已有更新的第 \d+ 版/);
    const cyclic = editedSteps.map((s) => (s.position === 3 ? { ...s, dependsOn: [9] } : s));
    const bad = await request(http)
      .put(`/api/templates/${await latestTemplateId()}`)
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
    const { id } = await openCase({ note: '首次申请', stepDueDays: [{ position: 3, dueWorkingDays: 10 }] });
    const detail = await request(http).get(`/api/cases/${id}`).set(auth(clerk)).expect(200);
    expect(detail.body.templateVersion).toBe(2);
    const steps = await stepsOf(id);
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
    expect(steps.get(1)?.status).toBe('pending');
  });

  it('should let only the town act on town steps and answer 409 for a finished step', async () => {
    const { id } = await openCase();
    await complete(canlian, id, 3, 403);
    await request(http)
      .post(`/api/steps/${await stepId(id, 3)}/claim`)
      .set(auth(clerk))
      .expect(200);
    await complete(clerk, id, 3, 200);
    const again = await complete(clerk, id, 3, 409);
    expect(again.body.message).toContain('已完成');
    for (const position of [4, 5, 6]) await complete(clerk, id, position, 200);
    expect(await statuses(id, [7, 1])).toEqual(['ready', 'pending']);
  });

  it('should replay a repeated POST with the same Idempotency-Key without acting twice', async () => {
    const { id } = await openCase();
    for (const position of [3, 4, 5, 6]) await complete(clerk, id, position, 200);
    const seventh = await stepId(id, 7);
    const key = `complete-7-${id}`;
    const send = () =>
      request(http)
        .post(`/api/steps/${seventh}/complete`)
        .set(auth(clerk))
        .set('Idempotency-Key', key)
        .send({ note: '已办理' });
    const first = await send().expect(200);
    const second = await send().expect(200);
    expect(second.body).toEqual(first.body);
    const events = await request(http).get(`/api/cases/${id}/events`).set(auth(clerk)).expect(200);
    const completions = (events.body as { stepId: string; toStatus: string }[]).filter(
      (e) => e.stepId === seventh && e.toStatus === 'completed',
    );
    expect(completions).toHaveLength(1);
    expect(await statuses(id, [1])).toEqual(['ready']);
  });

  it('should put the 县残联 step in its inbox, keep other departments out, notify, urge and re-time', async () => {
    const { id, title } = await openCase();
    await throughTownSteps(id);
    const first = (await stepsOf(id)).get(1) as Step;
    const inbox = await request(http)
      .get('/api/inbox')
      .query({ pageSize: 200 })
      .set(auth(canlian))
      .expect(200);
    const mine = (inbox.body.items as { id: string; dutyName: string }[]).find((i) => i.id === first.id);
    expect(mine?.dutyName).toBe('残疾人证管理');
    const other = await request(http).get('/api/inbox').set(auth(minzheng)).expect(200);
    expect(other.body.total).toBe(0);
    const denied = await complete(minzheng, id, 1, 403);
    expect(denied.body.code).toBe('FORBIDDEN');
    await request(http).get(`/api/cases/${id}`).set(auth(minzheng)).expect(403);
    const notified = await eventually(
      async () => {
        const list = await request(http)
          .get('/api/notifications')
          .query({ pageSize: 200 })
          .set(auth(canlian))
          .expect(200);
        const items = list.body.items as { type: string; stepId: string; title: string }[];
        return items.find((n) => n.type === 'step_ready' && n.stepId === first.id);
      },
      20_000,
      'the 县残联 notification',
    );
    expect(notified.title).toContain(title);

    await request(http).post(`/api/steps/${first.id}/urge`).set(auth(clerk)).send({}).expect(403);
    await request(http)
      .post(`/api/steps/${first.id}/urge`)
      .set(auth(supervisor))
      .send({ note: '请今天办结' })
      .expect(200);
    await eventually(
      async () => {
        const list = await request(http)
          .get('/api/notifications')
          .query({ pageSize: 200 })
          .set(auth(canlian))
          .expect(200);
        return (list.body.items as { type: string; stepId: string }[]).find(
          (n) => n.type === 'step_urged' && n.stepId === first.id,
        );
      },
      20_000,
      'the urge notification',
    );

    const longer = await request(http)
      .post(`/api/steps/${first.id}/due-days`)
      .set(auth(supervisor))
      .send({ dueWorkingDays: 8, reason: '等待省级系统开通' })
      .expect(200);
    expect(longer.body.dueWorkingDays).toBe(8);
    expect(longer.body.dueDate > (first.dueDate ?? '')).toBe(true);
    await request(http)
      .post(`/api/steps/${first.id}/due-days`)
      .set(auth(canlian))
      .send({ dueWorkingDays: 30, reason: 'x' })
      .expect(403);

    await complete(canlian, id, 1, 200, '材料齐全，已制证');
    expect(await statuses(id, [2, 8])).toEqual(['ready', 'ready']);
  });

  it('should send back from 领取发放 to 送材料, restarting the clock and resetting the steps after it', async () => {
    const { id } = await openCase();
    await throughCardMade(id);
    const steps = await stepsOf(id);
    const before = steps.get(7);
    const response = await request(http)
      .post(`/api/steps/${steps.get(8)?.id}/return`)
      .set(auth(clerk))
      .send({ toStepId: steps.get(7)?.id, reason: '照片不合格，需重新提交' })
      .expect(200);
    expect(response.body.status).toBe('pending');
    const after = await stepsOf(id);
    expect(after.get(7)?.status).toBe('ready');
    expect(after.get(7)?.revision).toBeGreaterThan(before?.revision ?? 0);
    expect([1, 2, 8].map((p) => after.get(p)?.status)).toEqual(['pending', 'pending', 'pending']);
    expect(after.get(1)?.dueDate).toBeNull();
    const outside = await request(http)
      .post(`/api/steps/${after.get(7)?.id}/return`)
      .set(auth(clerk))
      .send({ toStepId: after.get(9)?.id, reason: 'x' })
      .expect(422);
    expect(outside.body.details.field).toBe('toStepId');
    await complete(clerk, id, 7, 200, '已重新提交照片');
    expect(await statuses(id, [1])).toEqual(['ready']);
  });

  it('should let exactly one of two racing completions win', async () => {
    const { id } = await openCase();
    await throughCardMade(id);
    const second = await stepId(id, 2);
    const results = await Promise.all([
      request(http).post(`/api/steps/${second}/complete`).set(auth(canlian)).send({ note: 'A' }),
      request(http).post(`/api/steps/${second}/complete`).set(auth(canlian)).send({ note: 'B' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('should complete the case when the last step is done and keep the full history', async () => {
    const { id } = await openCase({ note: '首次申请' });
    await throughCardMade(id);
    await request(http)
      .post(`/api/steps/${await stepId(id, 8)}/return`)
      .set(auth(clerk))
      .send({ toStepId: await stepId(id, 7), reason: '照片不合格，需重新提交' })
      .expect(200);
    await complete(clerk, id, 7, 200);
    await complete(canlian, id, 1, 200);
    await complete(canlian, id, 2, 200);
    await complete(clerk, id, 8, 200);
    await complete(clerk, id, 9, 200);
    const done = await request(http).get(`/api/cases/${id}`).set(auth(clerk)).expect(200);
    expect(done.body.status).toBe('completed');
    expect(done.body.completedAt).toEqual(expect.any(String));
    await complete(clerk, id, 9, 409);

    const events = (await request(http).get(`/api/cases/${id}/events`).set(auth(clerk)).expect(200)).body as {
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
    // 3–7, 1 before the send-back; 7, 1, 2, 8, 9 after it.
    expect(events.filter((e) => e.toStatus === 'completed' && e.type === 'step_status_changed')).toHaveLength(
      11,
    );
    expect(events.some((e) => e.fromStatus === 'completed' && e.toStatus === 'pending')).toBe(true);
    expect(events.every((e) => typeof e.createdAt === 'string')).toBe(true);
  });

  it("should list cases by the caller's scope and the filters", async () => {
    const { id, title } = await openCase();
    const mine = await request(http)
      .get('/api/cases')
      .query({ status: 'open', q: title })
      .set(auth(clerk))
      .expect(200);
    expect((mine.body.items as { id: string }[]).map((c) => c.id)).toEqual([id]);
    const department = await request(http)
      .get('/api/cases')
      .query({ q: title })
      .set(auth(canlian))
      .expect(200);
    expect(department.body.total).toBe(1);
    const outsider = await request(http).get('/api/cases').set(auth(minzheng)).expect(200);
    expect(outsider.body.total).toBe(0);
    const completed = await request(http)
      .get('/api/cases')
      .query({ status: 'completed', q: title })
      .set(auth(supervisor))
      .expect(200);
    expect(completed.body.total).toBe(0);
    await request(http).get('/api/cases').query({ status: 'closed' }).set(auth(clerk)).expect(400);
  });

  it('should re-time the open steps of running cases when a version is saved with retimeOpenCases', async () => {
    const second = await request(http)
      .post('/api/cases')
      .set(auth(clerk))
      .send({ templateId: templateV2, title: '李四 残疾人证申请', subject: '李四' })
      .expect(201);
    const latest = await latestTemplateId();
    const v2 = await request(http).get(`/api/templates/${latest}`).set(auth(clerk)).expect(200);
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
      .put(`/api/templates/${latest}`)
      .set(auth(supervisor))
      .send({ steps: edited, retimeOpenCases: true })
      .expect(200);
    expect(v3.body.version).toBe(v2.body.version + 1);
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
    expect(retimed[0].n).toBe(1); // only step 3 of 李四's case changed duration
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
