import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { CalendarSeeder } from 'src/calendar/calendar.seeder';
import { DutyListImporter } from 'src/duty-lists/duty-list.importer';
import { createBpmnModdle } from 'src/templates/bpmn/bpmn-moddle-loader';
import { UserRole } from 'src/users/user-role';
import { STANDING_NOT_APPLICABLE } from 'src/workflow/workflow-engine.service';
import { loginAs } from 'test/utils/auth';
import { createTestApp } from 'test/utils/create-test-app';
import { resetDatabase } from 'test/utils/database';
import { obliterateQueues } from 'test/utils/queues';
import { readSeed } from 'test/utils/seeds';

interface Evidence {
  on: number;
  rule: string;
  words: string[];
}
interface TemplateStep {
  position: number;
  lane: string;
  section: string | null;
  text: string;
  assigneeDepartmentIds: string[];
  dependsOn: number[];
  standing: boolean;
  evidence: Evidence[];
}
interface Template {
  id: string;
  dutyId: string;
  version: number;
  steps: TemplateStep[];
}
interface CaseStep {
  id: string;
  position: number;
  status: string;
}
interface BpmnElement {
  $type: string;
  id: string;
  name?: string;
  documentation?: { text: string }[];
  sourceRef?: BpmnElement;
  targetRef?: BpmnElement;
  incoming?: BpmnElement[];
  outgoing?: BpmnElement[];
  flowElements?: BpmnElement[];
}

// The templates as imported from the real 奇台县三个庄子镇 document, with nothing edited by hand: the
// handoffs inferred from the step text drive a case in the real order, and say why.
describe('templates inferred from the real document', () => {
  let app: INestApplication;
  let http: App;
  let dataSource: DataSource;
  let clerk: string;
  let canlian: string;
  let supervisor: string;
  let card: Template; // 残疾人证管理, as imported

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const templateOfDuty = async (no: number): Promise<Template> => {
    const [row] = await dataSource.query<{ id: string }[]>(
      `SELECT w.id FROM workflow_templates w JOIN duties d ON d.id = w."dutyId" JOIN townships t ON t.id = d."townshipId"
       WHERE t.name = '三个庄子镇' AND d.no = $1 ORDER BY w.version DESC LIMIT 1`,
      [no],
    );
    return (await request(http).get(`/api/templates/${row.id}`).set(auth(clerk)).expect(200))
      .body as Template;
  };
  const open = (body: Record<string, unknown>, status = 201): request.Test =>
    request(http)
      .post('/api/cases')
      .set(auth(clerk))
      .send({ subject: '张三', ...body })
      .expect(status);
  const stepsOf = async (caseId: string): Promise<Map<number, CaseStep>> => {
    const body = (await request(http).get(`/api/cases/${caseId}`).set(auth(clerk)).expect(200)).body as {
      steps: CaseStep[];
    };
    return new Map(body.steps.map((step) => [step.position, step]));
  };
  const ready = async (caseId: string): Promise<number[]> =>
    [...(await stepsOf(caseId)).values()].filter((s) => s.status === 'ready').map((s) => s.position);
  const complete = async (token: string, caseId: string, position: number): Promise<void> => {
    const step = (await stepsOf(caseId)).get(position) as CaseStep;
    await request(http)
      .post(`/api/steps/${step.id}/complete`)
      .set(auth(token))
      .send({ note: '已办理' })
      .expect(200);
  };
  const step = (template: Template, position: number): TemplateStep =>
    template.steps.find((s) => s.position === position) as TemplateStep;

  beforeAll(async () => {
    app = await createTestApp();
    http = app.getHttpServer() as App;
    dataSource = app.get(DataSource);
    await resetDatabase(dataSource);
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
    supervisor = await loginAs(app, {
      username: 'qt-supervisor',
      role: UserRole.Supervisor,
      county: '奇台县',
    });
    const list = await request(http)
      .get('/api/templates')
      .query({ township: '三个庄子镇', q: '残疾人证管理' })
      .set(auth(clerk))
      .expect(200);
    card = (await request(http).get(`/api/templates/${list.body.items[0].id}`).set(auth(clerk)).expect(200))
      .body as Template;
  });

  afterAll(async () => {
    await obliterateQueues(app);
    await app.close();
  });

  it('should show why 县残联 waits for the town and the town for 县残联, and mark the periodic check standing', () => {
    // 1 县残联审核办证材料…发放至三个庄子镇; 7 town: …送至县残联; 8 town: 领取残疾人证并发放; 9 town: 定期…动态核查.
    expect(step(card, 1)).toMatchObject({ dependsOn: [7], standing: false });
    expect(step(card, 1).evidence).toEqual([
      { on: 7, rule: 'township-to-department', words: ['送至…县残联', '审核'] },
    ]);
    expect(step(card, 8).dependsOn).toEqual([1, 7]);
    expect(step(card, 8).evidence[0]).toEqual({
      on: 1,
      rule: 'department-to-township',
      words: ['发放至三个庄子镇', '领取'],
    });
    expect(step(card, 9)).toMatchObject({ standing: true, dependsOn: [], evidence: [] });
    expect(card.steps.some((s) => s.dependsOn.includes(9))).toBe(false);
  });

  it('should draw each handoff with its evidence in the BPMN export, readable by bpmn-moddle', async () => {
    const response = await request(http).get(`/api/templates/${card.id}/bpmn`).set(auth(clerk)).expect(200);
    const { rootElement, warnings } = await createBpmnModdle().fromXML(response.text);
    expect(warnings).toEqual([]);
    const process = (rootElement as unknown as { rootElements: BpmnElement[] }).rootElements.find(
      (e) => e.$type === 'bpmn:Process',
    ) as BpmnElement;
    const flows = (process.flowElements ?? []).filter((e) => e.$type === 'bpmn:SequenceFlow');
    // A flow may run through a parallel gateway (a split or a join): follow it to the task.
    const task = (node: BpmnElement | undefined, way: 'incoming' | 'outgoing'): string | undefined => {
      if (!node || node.$type === 'bpmn:UserTask') return node?.name;
      const next = node[way]?.[0];
      return task(way === 'incoming' ? next?.sourceRef : next?.targetRef, way);
    };
    const documented = (rule: string) =>
      flows.filter((f) => (f.documentation ?? []).some((d) => d.text.includes(`（${rule}）`)));
    const up = documented('township-to-department');
    expect(up).toHaveLength(1);
    expect(up[0].documentation?.[0].text).toBe(
      '依据：乡镇报送部门（township-to-department）；触发词：送至…县残联 → 审核',
    );
    expect(task(up[0].sourceRef, 'incoming')).toContain('送至县残联');
    expect(task(up[0].targetRef, 'outgoing')).toContain('审核办证材料');
    const down = documented('department-to-township');
    expect(down).toHaveLength(1);
    expect(task(down[0].sourceRef, 'incoming')).toContain('审核办证材料');
    expect(task(down[0].targetRef, 'outgoing')).toContain('领取残疾人证');
  });

  it('should run a case in the real order and complete it with the periodic check closed as 不适用', async () => {
    const caseId = (await open({ templateId: card.id, title: '张三 残疾人证申请' })).body.id as string;
    // The town collects first; 县残联 has nothing yet. The standing check is open but holds nothing.
    expect(await ready(caseId)).toEqual([3, 9]);
    for (const position of [3, 4, 5, 6]) await complete(clerk, caseId, position);
    expect(await ready(caseId)).toEqual([7, 9]);
    await complete(clerk, caseId, 7); // 送至县残联
    expect(await ready(caseId)).toEqual([1, 9]);
    await complete(canlian, caseId, 1); // 审核、制证、发放至镇
    expect(await ready(caseId)).toEqual([2, 8, 9]);
    await complete(clerk, caseId, 8); // 领取并发放
    await complete(canlian, caseId, 2);

    const detail = (await request(http).get(`/api/cases/${caseId}`).set(auth(clerk)).expect(200)).body as {
      status: string;
      steps: CaseStep[];
    };
    expect(detail.status).toBe('completed');
    expect(detail.steps.find((s) => s.position === 9)?.status).toBe('not_applicable');
    const events = (await request(http).get(`/api/cases/${caseId}/events`).set(auth(clerk)).expect(200))
      .body as {
      type: string;
      stepId: string | null;
      fromStatus: string | null;
      toStatus: string | null;
      note: string | null;
    }[];
    const ninth = detail.steps.find((s) => s.position === 9) as CaseStep;
    expect(events.filter((e) => e.stepId === ninth.id && e.toStatus === 'not_applicable')).toEqual([
      expect.objectContaining({
        type: 'step_status_changed',
        fromStatus: 'ready',
        note: STANDING_NOT_APPLICABLE,
      }),
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'case_completed', toStatus: 'completed' });
    // Not applicable is finished: the step is in no open or overdue list of the supervisors.
    const listed = await request(http)
      .get('/api/supervision/overdue')
      .query({ light: 'all', pageSize: 100 })
      .set(auth(supervisor))
      .expect(200);
    expect(
      (listed.body.items as { case: { id: string } }[]).filter((item) => item.case.id === caseId),
    ).toEqual([]);
  });

  it("should run #80's department blocks in parallel, each in its own document order", async () => {
    const template = await templateOfDuty(80);
    const departments = template.steps.filter((s) => s.lane === 'department');
    const heads = departments.filter((s) => s.dependsOn.length === 0 && !s.standing).map((s) => s.position);
    const leads = new Set(heads.map((p) => step(template, p).assigneeDepartmentIds[0]));
    // 应急管理局, 自然资源局, 住建局, 水利局: four blocks, four starting steps, four lead departments.
    expect(leads.size).toBe(4);
    for (const s of departments.filter((d) => d.dependsOn.length > 0)) {
      for (const on of s.dependsOn.filter((p) => step(template, p).lane === 'department'))
        expect(step(template, on).assigneeDepartmentIds[0]).toBe(s.assigneeDepartmentIds[0]);
    }
    const caseId = (await open({ templateId: template.id, title: '防灾减灾 办件' })).body.id as string;
    const started = await ready(caseId);
    for (const head of heads) expect(started).toContain(head);
  });

  describe('opening a case on an older version', () => {
    let v2: string;

    beforeAll(async () => {
      const steps = card.steps.map((s) => ({
        position: s.position,
        lane: s.lane,
        section: s.section,
        text: s.text,
        assigneeDepartmentIds: s.assigneeDepartmentIds,
        dependsOn: s.dependsOn,
        dueWorkingDays: 5,
        optional: false,
      }));
      v2 = (
        await request(http).put(`/api/templates/${card.id}`).set(auth(supervisor)).send({ steps }).expect(200)
      ).body.id as string;
    });

    it('should refuse the old version id with 409 naming the latest version', async () => {
      const response = await open({ templateId: card.id, title: '李四 残疾人证申请' }, 409);
      expect(response.body.code).toBe('TEMPLATE_OUTDATED');
      expect(response.body.message).toContain('第 2 版');
      expect(response.body.message).toContain(v2);
      expect(response.body.details).toMatchObject({
        field: 'templateId',
        latestTemplateId: v2,
        latestVersion: 2,
      });
    });

    it('should open the latest version when the caller passes the duty', async () => {
      const byDuty = await open({ dutyId: card.dutyId, title: '王五 残疾人证申请' });
      expect(byDuty.body.templateId).toBe(v2);
      const both = await open({ dutyId: card.dutyId, templateId: card.id, title: '赵六 残疾人证申请' });
      expect(both.body.templateId).toBe(v2);
      await open({ templateId: v2, title: '钱七 残疾人证申请' });
    });

    it('should say which field is missing or wrong', async () => {
      const neither = await open({ title: '孙八 残疾人证申请' }, 400);
      expect(neither.body.message).toContain('templateId 与 dutyId 至少填写一项');
      const other = await templateOfDuty(80);
      const mismatch = await open({ dutyId: other.dutyId, templateId: v2, title: '周九 残疾人证申请' }, 422);
      expect(mismatch.body.details).toMatchObject({ field: 'templateId' });
      const unknownDuty = '00000000-0000-4000-8000-000000000000';
      const missing = await open({ dutyId: unknownDuty, title: '吴十 残疾人证申请' }, 404);
      expect(missing.body.details).toMatchObject({ field: 'dutyId' });
    });
  });
});
