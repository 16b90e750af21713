import { INestApplication } from '@nestjs/common';
import { Workbook } from 'exceljs';
import request, { Response } from 'supertest';
import { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { CalendarSeeder } from 'src/calendar/calendar.seeder';
import { Clock } from 'src/common/clock/clock';
import { DutyListImporter } from 'src/duty-lists/duty-list.importer';
import { UserRole } from 'src/users/user-role';
import { loginAs } from 'test/utils/auth';
import { createTestApp } from 'test/utils/create-test-app';
import { resetDatabase } from 'test/utils/database';
import { obliterateQueues } from 'test/utils/queues';
import { readSeed } from 'test/utils/seeds';

interface OverdueItem {
  stepId: string;
  case: { id: string; title: string };
  duty: { name: string; category: string };
  template: { version: number };
  step: { position: number; lane: string };
  holder: { kind: string; names: string[] };
  township: { name: string; county: string };
  heldSince: string;
  dueDate: string;
  daysOverdue: number;
  escalationLevel: number;
}

interface UnitStats {
  unitName: string;
  open: number;
  overdue: number;
  completedOnTime: number;
  completedLate: number;
  onTimeRate: number | null;
  medianWorkingDays: number | null;
  aging: Record<string, number>;
}

const at = (iso: string): Date => new Date(iso);
// exceljs types its input as its own ArrayBuffer-like Buffer; hand it the exact bytes as an ArrayBuffer.
const readWorkbook = async (body: Buffer): Promise<Workbook> => {
  const workbook = new Workbook();
  await workbook.xlsx.load(
    body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
  );
  return workbook;
};
const binary = (res: Response, done: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

// Cases of 三个庄子镇 (奇台县) and 大石头乡 (木垒县) with deadlines set to chosen dates, seen on 2025-10-09
// (after the National Day holiday 10-01…10-08) through the injectable Clock, without sleeping.
describe('supervisor views: overdue list, statistics, exports', () => {
  let app: INestApplication;
  let http: App;
  let dataSource: DataSource;
  let now = at('2025-09-22T09:00:00+08:00');
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const auth = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const get = (who: string, path: string, query: Record<string, unknown> = {}) =>
    request(http).get(path).query(query).set(auth(who));
  const overdue = async (who: string, query: Record<string, unknown> = {}) =>
    (await get(who, '/api/supervision/overdue', query).expect(200)).body as {
      items: OverdueItem[];
      total: number;
    };
  const stepOf = async (caseId: string, lane: string): Promise<string> => {
    const rows: { id: string }[] = await dataSource.query(
      `SELECT id FROM case_steps WHERE "caseId" = $1 AND lane = $2 AND status = 'ready' ORDER BY position LIMIT 1`,
      [caseId, lane],
    );
    return rows[0].id;
  };
  const setDue = (stepId: string | null, dueDate: string) =>
    dataSource.query(
      `UPDATE case_steps SET "dueDate" = $2::date,
         "dueAt" = (($2::date + 1)::timestamp AT TIME ZONE 'UTC') - interval '8 hours 0.001 seconds'
       WHERE ($1::uuid IS NULL OR id = $1) AND status IN ('ready', 'in_progress')`,
      [stepId, dueDate],
    );
  const open = async (who: string, templateId: string, title: string): Promise<string> =>
    (
      await request(http)
        .post('/api/cases')
        .set(auth(who))
        .send({ templateId, title, subject: title.split(' ')[0] })
        .expect(201)
    ).body.id as string;
  const complete = (who: string, stepId: string) =>
    request(http).post(`/api/steps/${stepId}/complete`).set(auth(who)).send({ note: '已办理' }).expect(200);

  beforeAll(async () => {
    app = await createTestApp();
    http = app.getHttpServer() as App;
    dataSource = app.get(DataSource);
    await resetDatabase(dataSource);
    jest.spyOn(app.get(Clock), 'now').mockImplementation(() => new Date(now));
    await app.get(CalendarSeeder).seedFromFile();
    const importer = app.get(DutyListImporter);
    await importer.importFile(readSeed('qitai-sangezhuangzi.txt'), 'qitai-sangezhuangzi.txt');
    await importer.importFile(readSeed('mulei-dashitou.txt'), 'mulei-dashitou.txt');
    const users: [string, Parameters<typeof loginAs>[1]][] = [
      ['clerk', { username: 'sgzz-clerk', role: UserRole.TownshipStaff, township: '三个庄子镇' }],
      ['mlClerk', { username: 'dst-clerk', role: UserRole.TownshipStaff, township: '大石头乡' }],
      ['canlian', { username: 'qt-canlian', role: UserRole.DepartmentStaff, department: '奇台县残联' }],
      ['qtSupervisor', { username: 'qt-supervisor', role: UserRole.Supervisor, county: '奇台县' }],
      ['mlSupervisor', { username: 'ml-supervisor', role: UserRole.Supervisor, county: '木垒县' }],
      ['admin', { username: 'root', role: UserRole.Admin }],
    ];
    for (const [key, input] of users) tokens[key] = await loginAs(app, input);
    await openCases();
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await obliterateQueues(app);
    await app.close();
  });

  // A (残疾人证管理 v1): town steps completed on time and late; 县残联 step due 09-30 (1 working day over).
  // B (another category): town step due 09-10 (16 over), escalated. C (残疾人证 v2): town step due 09-26 (4).
  // D (木垒县): due 09-30. Every other open step is due 10-20 (not overdue).
  async function openCases(): Promise<void> {
    const [tplA] = await dataSource.query<{ id: string; category: string }[]>(
      `SELECT w.id, d.category FROM workflow_templates w JOIN duties d ON d.id = w."dutyId"
       JOIN townships t ON t.id = d."townshipId" WHERE d.name = '残疾人证管理' AND w.version = 1 AND t.name = '三个庄子镇'`,
    );
    const [tplB] = await dataSource.query<{ id: string; category: string }[]>(
      `SELECT w.id, d.category FROM workflow_templates w JOIN duties d ON d.id = w."dutyId"
       JOIN townships t ON t.id = d."townshipId"
       WHERE t.name = '三个庄子镇' AND d.category <> $1
         AND EXISTS (SELECT 1 FROM template_steps s WHERE s."templateId" = w.id AND s.lane = 'township' AND s."dependsOn" = '{}')
       ORDER BY d.no LIMIT 1`,
      [tplA.category],
    );
    const [tplD] = await dataSource.query<{ id: string }[]>(
      `SELECT w.id FROM workflow_templates w JOIN duties d ON d.id = w."dutyId" JOIN townships t ON t.id = d."townshipId"
       WHERE t.name = '大石头乡' AND EXISTS (SELECT 1 FROM template_steps s WHERE s."templateId" = w.id AND s.lane = 'township' AND s."dependsOn" = '{}')
       ORDER BY d.no LIMIT 1`,
    );
    Object.assign(ids, { tplA: tplA.id, categoryA: tplA.category, categoryB: tplB.category });
    // These views need 县残联 and the towns at work at once: run the lanes in parallel (as imported
    // templates did before handoffs were inferred), keeping only the dependencies within a lane.
    await dataSource.query(
      `UPDATE template_steps s SET "dependsOn" = ARRAY(SELECT d FROM unnest(s."dependsOn") d WHERE EXISTS (
         SELECT 1 FROM template_steps o WHERE o."templateId" = s."templateId" AND o.position = d AND o.lane = s.lane))
       WHERE s."templateId" = ANY($1)`,
      [[tplA.id, tplB.id, tplD.id]],
    );
    const v1 = (await get('clerk', `/api/templates/${tplA.id}`).expect(200)).body as {
      steps: Record<string, unknown>[];
    };
    const steps = v1.steps.map((s) => ({
      ...Object.fromEntries(
        ['position', 'lane', 'section', 'text', 'assigneeDepartmentIds', 'dependsOn'].map((k) => [k, s[k]]),
      ),
      dueWorkingDays: 3,
      optional: false,
    }));
    // Case A follows v1: it is opened while v1 is still the latest (an older version's id is refused).
    ids.caseA = await open('clerk', tplA.id, '张三 残疾人证申请');
    const v2 = await request(http)
      .put(`/api/templates/${tplA.id}`)
      .set(auth('qtSupervisor'))
      .send({ steps })
      .expect(200);

    ids.caseB = await open('clerk', tplB.id, '李四 办件');
    ids.caseC = await open('clerk', v2.body.id as string, '王五 残疾人证申请');
    ids.caseD = await open('mlClerk', tplD.id, '赵六 办件');
    // The imported flow now waits for the town's handoff before 县残联 starts (inferred from the step
    // text); these views need a 县残联 step running from the start, as a supervisor's edit would make it.
    await dataSource.query(
      `UPDATE case_steps SET status = 'ready', "readyAt" = $2, "dueDate" = '2025-10-20', "dueAt" = '2025-10-20T15:59:59.999Z'
       WHERE "caseId" = ANY($1) AND lane = 'department' AND position = 1`,
      [[ids.caseA, ids.caseC], now],
    );
    ids.a1 = await stepOf(ids.caseA, 'department');
    ids.a3 = await stepOf(ids.caseA, 'township');
    ids.bx = await stepOf(ids.caseB, 'township');
    ids.c3 = await stepOf(ids.caseC, 'township');
    ids.dx = await stepOf(ids.caseD, 'township');

    now = at('2025-09-24T10:00:00+08:00');
    await complete('clerk', ids.a3); // 2 working days, on time
    ids.a4 = await stepOf(ids.caseA, 'township');
    await setDue(ids.a4, '2025-09-30');
    now = at('2025-10-09T11:00:00+08:00');
    await complete('clerk', ids.a4); // 09-25,26,28(调休),29,30,10-09 = 6 working days, late

    await setDue(null, '2025-10-20');
    await setDue(ids.a1, '2025-09-30');
    await setDue(ids.bx, '2025-09-10');
    await setDue(ids.c3, '2025-09-26');
    await setDue(ids.dx, '2025-09-30');
    await dataSource.query(`UPDATE case_steps SET "escalationLevel" = 2 WHERE id = $1`, [ids.bx]);
    now = at('2025-10-09T15:00:00+08:00');
  }

  describe('access', () => {
    it('should refuse township and department staff with a Chinese 403', async () => {
      for (const who of ['clerk', 'canlian']) {
        for (const path of [
          '/api/supervision/overdue',
          '/api/supervision/stats',
          '/api/supervision/overdue/export',
        ]) {
          const denied = await get(who, path).expect(403);
          expect(denied.body.message).toContain('无权');
        }
      }
    });

    it('should show a supervisor only their county and refuse another county', async () => {
      const qt = await overdue('qtSupervisor');
      expect(qt.total).toBe(3);
      expect(new Set(qt.items.map((i) => i.township.county))).toEqual(new Set(['奇台县']));
      const ml = await overdue('mlSupervisor');
      expect(ml.items.map((i) => i.stepId)).toEqual([ids.dx]);
      const other = await get('qtSupervisor', '/api/supervision/overdue', { county: '木垒县' }).expect(403);
      expect(other.body.message).toContain('奇台县');
    });

    it('should show admins every county, or one county when asked', async () => {
      expect((await overdue('admin')).total).toBe(4);
      expect((await overdue('admin', { county: '木垒县' })).total).toBe(1);
    });

    it('should reject unknown parameters and out-of-range values', async () => {
      const bad: [string, Record<string, unknown>, string][] = [
        ['/api/supervision/overdue', { bogus: 1 }, 'bogus'],
        ['/api/supervision/overdue', { pageSize: 201 }, 'pageSize'],
        ['/api/supervision/overdue', { sort: 'name' }, 'sort'],
        ['/api/supervision/overdue', { minDaysOverdue: -1 }, 'minDaysOverdue'],
        ['/api/supervision/stats', { from: '2025-02-30' }, 'from'],
      ];
      for (const [path, query, field] of bad) {
        const response = await get('admin', path, query).expect(400);
        expect(response.body.details.fields.map((f: { field: string }) => f.field)).toEqual([field]);
      }
    });
  });

  describe('GET /supervision/overdue', () => {
    it('should count overdue days in working days across the National Day holiday', async () => {
      const { items } = await overdue('qtSupervisor');
      expect(items.map((i) => [i.stepId, i.dueDate, i.daysOverdue])).toEqual([
        [ids.bx, '2025-09-10', 16],
        [ids.c3, '2025-09-26', 4],
        [ids.a1, '2025-09-30', 1],
      ]);
    });

    it('should say who holds each step, since when, the escalation level and the case, duty and template', async () => {
      const { items } = await overdue('qtSupervisor');
      const a1 = items.find((i) => i.stepId === ids.a1);
      expect(a1).toMatchObject({
        holder: { kind: 'department', names: ['奇台县残联'] },
        case: { id: ids.caseA, title: '张三 残疾人证申请' },
        duty: { name: '残疾人证管理', category: ids.categoryA },
        template: { version: 1 },
        step: { lane: 'department' },
        township: { name: '三个庄子镇', county: '奇台县' },
        heldSince: at('2025-09-22T09:00:00+08:00').toISOString(),
      });
      const c3 = items.find((i) => i.stepId === ids.c3);
      expect(c3).toMatchObject({
        holder: { kind: 'township', names: ['三个庄子镇'] },
        template: { version: 2 },
      });
      expect(items.find((i) => i.stepId === ids.bx)?.escalationLevel).toBe(2);
    });

    it('should filter by working days overdue, department, township, category and template (all versions)', async () => {
      const stepIds = async (query: Record<string, unknown>) =>
        (await overdue('qtSupervisor', query)).items.map((i) => i.stepId);
      expect(await stepIds({ minDaysOverdue: 2 })).toEqual([ids.bx, ids.c3]);
      expect(await stepIds({ minDaysOverdue: 5 })).toEqual([ids.bx]);
      expect(await stepIds({ minDaysOverdue: 17 })).toEqual([]);
      const [canlian] = await dataSource.query<{ id: string }[]>(
        `SELECT id FROM departments WHERE name = '奇台县残联'`,
      );
      expect(await stepIds({ department: canlian.id })).toEqual([ids.a1]);
      const [town] = await dataSource.query<{ id: string }[]>(
        `SELECT id FROM townships WHERE name = '三个庄子镇'`,
      );
      expect(await stepIds({ township: town.id })).toHaveLength(3);
      expect(await stepIds({ category: ids.categoryB })).toEqual([ids.bx]);
      expect(await stepIds({ template: ids.tplA })).toEqual([ids.c3, ids.a1]);
    });

    it('should sort by days overdue, due date, department and township, and paginate', async () => {
      const order = async (query: Record<string, unknown>) =>
        (await overdue('qtSupervisor', query)).items.map((i) => i.stepId);
      expect(await order({ sort: 'daysOverdue', order: 'asc' })).toEqual([ids.a1, ids.c3, ids.bx]);
      expect(await order({ sort: 'dueAt', order: 'desc' })).toEqual([ids.a1, ids.c3, ids.bx]);
      expect((await order({ sort: 'department', order: 'asc' }))[0]).toBe(ids.a1);
      expect(await order({ sort: 'township' })).toHaveLength(3);
      const page2 = await overdue('qtSupervisor', { pageSize: 2, page: 2 });
      expect([page2.total, page2.items.map((i) => i.stepId)]).toEqual([3, [ids.a1]]);
    });

    it('should see a step overdue once the Clock passes the end of its due day', async () => {
      now = at('2025-10-20T23:59:59+08:00');
      expect((await overdue('admin')).total).toBe(4);
      now = at('2025-10-21T00:00:01+08:00');
      expect((await overdue('admin')).total).toBeGreaterThan(4);
      now = at('2025-10-09T15:00:00+08:00');
    });
  });

  describe('GET /supervision/stats', () => {
    const unit = (rows: UnitStats[], name: string) => rows.find((r) => r.unitName === name);

    it('should give per-department and per-township counts, on-time rate, median working days and aging', async () => {
      const body = (await get('qtSupervisor', '/api/supervision/stats').expect(200)).body as {
        departments: UnitStats[];
        townships: UnitStats[];
      };
      const [{ n: townOpen }] = await dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM case_steps s JOIN cases c ON c.id = s."caseId"
         WHERE c.id = ANY($1) AND s.lane = 'township' AND s.status IN ('ready', 'in_progress')`,
        [[ids.caseA, ids.caseB, ids.caseC]],
      );
      expect(unit(body.townships, '三个庄子镇')).toEqual({
        unitId: expect.any(String),
        unitName: '三个庄子镇',
        open: townOpen,
        overdue: 2,
        completedOnTime: 1,
        completedLate: 1,
        onTimeRate: 0.5,
        medianWorkingDays: 4, // (2 + 6) / 2
        aging: { d0to2: 0, d3to5: 1, d6to10: 0, over10: 1 },
        returns: 0, // 退回补正: none in these cases (counted in correction-and-withdraw.e2e-spec)
        returnedSteps: 0,
      });
      expect(unit(body.departments, '奇台县残联')).toMatchObject({
        open: 2,
        overdue: 1,
        completedOnTime: 0,
        onTimeRate: null,
        medianWorkingDays: null,
        aging: { d0to2: 1, d3to5: 0, d6to10: 0, over10: 0 },
      });
      expect(unit(body.townships, '大石头乡')).toBeUndefined();
    });

    it('should restrict to steps that became ready within from/to and to the supervisor county', async () => {
      const body = (
        await get('qtSupervisor', '/api/supervision/stats', { from: '2025-10-01', to: '2025-10-09' }).expect(
          200,
        )
      ).body as { departments: UnitStats[]; townships: UnitStats[] };
      expect(body.departments).toEqual([]);
      expect(body.townships).toEqual([
        expect.objectContaining({
          unitName: '三个庄子镇',
          open: 1,
          overdue: 0,
          completedOnTime: 0,
          completedLate: 0,
        }),
      ]);
      const ml = (await get('mlSupervisor', '/api/supervision/stats').expect(200)).body as {
        townships: UnitStats[];
      };
      expect(ml.townships.map((t) => [t.unitName, t.overdue])).toEqual([['大石头乡', 1]]);
    });
  });

  describe('exports', () => {
    const download = (who: string, path: string, query: Record<string, unknown>) =>
      get(who, path, query).buffer(true).parse(binary).expect(200);

    it('should export the overdue list as .xlsx with Chinese headers and a UTF-8 file name', async () => {
      const res = await download('qtSupervisor', '/api/supervision/overdue/export', { format: 'xlsx' });
      expect(res.headers['content-type']).toContain('spreadsheetml.sheet');
      expect(res.headers['content-disposition']).toContain(
        `filename*=UTF-8''${encodeURIComponent('逾期环节_2025-10-09.xlsx')}`,
      );
      const workbook = await readWorkbook(res.body as Buffer);
      const sheet = workbook.getWorksheet('逾期环节');
      expect(sheet?.getRow(1).getCell(1).value).toBe('奇台县逾期环节台账　统计截止时间：2025-10-09 15:00');
      const headers = sheet?.getRow(2).values as unknown[];
      expect(headers).toEqual(
        expect.arrayContaining([
          '承办单位',
          '事项名称',
          '事项类别',
          '办件',
          '环节',
          '应办结日期',
          '逾期工作日',
          '督办级别',
        ]),
      );
      expect(headers[1]).toBe('序号');
      expect(sheet?.rowCount).toBe(5);
      const dayColumn = headers.indexOf('逾期工作日');
      expect([3, 4, 5].map((r) => sheet?.getRow(r).getCell(dayColumn).value)).toEqual([16, 4, 1]);
      expect([3, 4, 5].map((r) => sheet?.getRow(r).getCell(1).value)).toEqual([1, 2, 3]);
      const due = sheet?.getRow(5).getCell(headers.indexOf('应办结日期'));
      expect(due?.value).toEqual(new Date('2025-09-30T00:00:00Z'));
      expect(due?.numFmt).toBe('yyyy-mm-dd');
      expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
      expect(sheet?.autoFilter).toBeTruthy();
    });

    it('should export the overdue list as CSV with a BOM and a header row, with the same filters', async () => {
      const res = await download('qtSupervisor', '/api/supervision/overdue/export', {
        format: 'csv',
        minDaysOverdue: 2,
      });
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      const body = res.body as Buffer;
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = body.toString('utf8').slice(1).trimEnd().split('\r\n');
      expect(lines[0].split(',').slice(0, 3)).toEqual(['序号', '承办单位', '单位类型']);
      expect(lines).toHaveLength(3);
      expect(res.headers['x-total-count']).toBe('2');
    });

    it('should export the statistics with one sheet per table, and as one CSV', async () => {
      const xlsx = await download('admin', '/api/supervision/stats/export', { format: 'xlsx' });
      const workbook = await readWorkbook(xlsx.body as Buffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['县直部门', '乡镇']);
      expect(workbook.getWorksheet('乡镇')?.getRow(1).values).toEqual(
        expect.arrayContaining([
          '单位',
          '逾期环节',
          '按期办结率',
          '办理用时中位数（工作日）',
          '逾期10个工作日以上',
        ]),
      );
      const csv = await download('admin', '/api/supervision/stats/export', { format: 'csv' });
      const text = (csv.body as Buffer).toString('utf8');
      expect(text.startsWith('\uFEFF统计表,序号,单位,')).toBe(true);
      expect(text).toContain('乡镇,1,三个庄子镇,乡镇,');
    });
  });
});
