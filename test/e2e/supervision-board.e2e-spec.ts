import { INestApplication } from '@nestjs/common';
import { Workbook } from 'exceljs';
import request, { Response } from 'supertest';
import { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CalendarSeeder } from 'src/calendar/calendar.seeder';
import { Clock } from 'src/common/clock/clock';
import { DutyListImporter } from 'src/duty-lists/duty-list.importer';
import { BoardHistoryService } from 'src/supervision/board-history.service';
import { UserRole } from 'src/users/user-role';
import { loginAs } from 'test/utils/auth';
import { createTestApp } from 'test/utils/create-test-app';
import { resetDatabase } from 'test/utils/database';
import { obliterateQueues } from 'test/utils/queues';
import { readSeed } from 'test/utils/seeds';

interface UnitStats {
  unitId: string;
  unitName: string;
  open: number;
  overdue: number;
  completedOnTime: number;
  completedLate: number;
  medianWorkingDays: number | null;
  aging: Record<string, number>;
}
interface Stats {
  departments: UnitStats[];
  townships: UnitStats[];
}
interface Card {
  value: number | null;
  lastMonth: number | null;
}
interface Board {
  today: string;
  month: string;
  cards: Record<'openCases' | 'openSteps' | 'overdueSteps' | 'onTimeRate' | 'averageWorkingDays', Card>;
  byDepartment: { unitId: string; unitName: string; overdue: number }[];
  byTownship: { unitId: string; unitName: string; overdue: number }[];
  aging: { key: string; department: number; township: number }[];
  weekly: { weekStart: string; weekEnd: string; overdue: number | null; live: boolean }[];
}

const binary = (res: Response, done: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

// Cases of 三个庄子镇 (奇台县) and 大石头乡 (木垒县) opened in September and October 2025 with chosen
// deadlines, some steps completed on time and late, seen through the injectable Clock.
describe('督办看板: board, options, traffic lights, ledger, roll-up', () => {
  let app: INestApplication;
  let http: App;
  let dataSource: DataSource;
  let now = new Date('2025-09-22T09:00:00+08:00');
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const setNow = (chinaTime: string): void => {
    now = new Date(`${chinaTime}+08:00`);
  };
  const auth = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const get = (who: string, path: string, query: Record<string, unknown> = {}) =>
    request(http).get(path).query(query).set(auth(who));
  const body = async <T>(who: string, path: string, query: Record<string, unknown> = {}): Promise<T> =>
    (await get(who, path, query).expect(200)).body as T;
  const readySteps = (caseId: string): Promise<{ id: string; lane: string }[]> =>
    dataSource.query(
      `SELECT id, lane FROM case_steps WHERE "caseId" = $1 AND status = 'ready' ORDER BY position`,
      [caseId],
    );
  const setDue = (stepId: string, dueDate: string) =>
    dataSource.query(
      `UPDATE case_steps SET "dueDate" = $2::date,
         "dueAt" = (($2::date + 1)::timestamp AT TIME ZONE 'UTC') - interval '8 hours 0.001 seconds' WHERE id = $1`,
      [stepId, dueDate],
    );
  const complete = (who: string, stepId: string) =>
    request(http).post(`/api/steps/${stepId}/complete`).set(auth(who)).send({ note: '已办理' }).expect(200);
  const templateOf = async (township: string, offset: number): Promise<string> => {
    const rows: { id: string }[] = await dataSource.query(
      `SELECT w.id FROM workflow_templates w JOIN duties d ON d.id = w."dutyId" JOIN townships t ON t.id = d."townshipId"
       WHERE t.name = $1 AND EXISTS (SELECT 1 FROM template_steps s WHERE s."templateId" = w.id AND s.lane = 'township'
         AND s."dependsOn" = '{}') ORDER BY d.no OFFSET $2 LIMIT 1`,
      [township, offset],
    );
    return rows[0].id;
  };
  const open = async (who: string, templateId: string, title: string): Promise<string> =>
    (
      await request(http)
        .post('/api/cases')
        .set(auth(who))
        .send({ templateId, title, subject: title.split(' ')[0] })
        .expect(201)
    ).body.id as string;

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
      ['qtSupervisor', { username: 'qt-supervisor', role: UserRole.Supervisor, county: '奇台县' }],
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

  // Five cases in 三个庄子镇 and two in 大石头乡; in each, the first township step is completed (on
  // time or late) in September or October, and the next ones get deadlines spread around "today".
  async function openCases(): Promise<void> {
    const plan: [who: string, township: string, offset: number, done: string, due: string][] = [
      ['clerk', '三个庄子镇', 0, '2025-09-24T10:00:00', '2025-09-30'],
      ['clerk', '三个庄子镇', 1, '2025-09-29T10:00:00', '2025-10-20'],
      ['clerk', '三个庄子镇', 2, '2025-10-09T10:00:00', '2025-09-10'],
      ['clerk', '三个庄子镇', 3, '2025-10-10T10:00:00', '2025-10-13'],
      ['clerk', '三个庄子镇', 0, '2025-10-10T11:00:00', '2025-09-26'],
      ['mlClerk', '大石头乡', 0, '2025-09-25T10:00:00', '2025-09-30'],
      ['mlClerk', '大石头乡', 1, '2025-10-09T10:00:00', '2025-10-14'],
    ];
    const cases: string[] = [];
    for (const [i, [who, township, offset]] of plan.entries()) {
      cases.push(await open(who, await templateOf(township, offset), `办件${i + 1} 申请人${i + 1}`));
    }
    for (const [i, [who, , , done]] of plan.entries()) {
      setNow(done);
      const first = (await readySteps(cases[i])).find((s) => s.lane === 'township');
      if (first) await complete(who, first.id);
    }
    for (const [i, [, , , , due]] of plan.entries()) {
      for (const step of await readySteps(cases[i])) await setDue(step.id, due);
    }
    ids.case1 = cases[0];
    setNow('2025-10-10T15:00:00');
  }

  // Overdue open steps counted once per holding unit (a township step: the township; a department step:
  // each assigned department).
  const overdueHolders = async (): Promise<number> => {
    const [row] = await dataSource.query<{ n: number }[]>(
      `SELECT COALESCE(sum(CASE WHEN lane = 'township' THEN 1 ELSE cardinality("assigneeDepartmentIds") END), 0)::int AS n
       FROM case_steps WHERE status IN ('ready', 'in_progress') AND "dueAt" < $1`,
      [now],
    );
    return row.n;
  };
  const sum = (rows: UnitStats[], key: keyof UnitStats): number =>
    rows.reduce((t, r) => t + (r[key] as number), 0);

  // Every number on the board equals the API's statistics and overdue list for the same filter.
  async function expectBoardMatchesStats(who: string, filter: Record<string, unknown>): Promise<Board> {
    const board = await body<Board>(who, '/api/supervision/board', filter);
    const stats = await body<Stats>(who, '/api/supervision/stats', filter);
    const overdue = await body<{ total: number }>(who, '/api/supervision/overdue', filter);
    const all = await body<{ total: number }>(who, '/api/supervision/overdue', { ...filter, light: 'all' });
    const bars = (rows: UnitStats[]) =>
      rows
        .filter((r) => r.overdue > 0)
        .map((r) => ({ unitId: r.unitId, unitName: r.unitName, overdue: r.overdue }));
    expect(board.byDepartment).toEqual(bars(stats.departments));
    expect(board.byTownship).toEqual(bars(stats.townships));
    for (const bucket of board.aging) {
      expect(bucket.department).toBe(stats.departments.reduce((t, r) => t + r.aging[bucket.key], 0));
      expect(bucket.township).toBe(stats.townships.reduce((t, r) => t + r.aging[bucket.key], 0));
    }
    expect(board.cards.overdueSteps.value).toBe(overdue.total);
    expect(board.cards.openSteps.value).toBe(all.total);
    expect(board.weekly.at(-1)).toMatchObject({ live: true, overdue: overdue.total });
    // A step held by a joint block (县委组织部 with 县人社局, as the inferred flows now open) counts once per
    // holding unit in the per-unit statistics and once in the list: the sums are at least the step count,
    // and exactly the holder count (checked unfiltered below).
    expect(sum(stats.townships, 'overdue') + sum(stats.departments, 'overdue')).toBeGreaterThanOrEqual(
      overdue.total,
    );
    if (who === 'admin' && Object.keys(filter).length === 0)
      expect(sum(stats.townships, 'overdue') + sum(stats.departments, 'overdue')).toBe(
        await overdueHolders(),
      );
    return board;
  }

  describe('board', () => {
    it('should agree with the statistics and the overdue list for every filter and scope', async () => {
      const options = await body<{ townships: { id: string; name: string }[]; categories: string[] }>(
        'admin',
        '/api/supervision/options',
      );
      const township = options.townships.find((t) => t.name === '三个庄子镇')?.id;
      const filters: [string, Record<string, unknown>][] = [
        ['admin', {}],
        ['admin', { county: '木垒县' }],
        ['qtSupervisor', {}],
        ['qtSupervisor', { township }],
        ['qtSupervisor', { category: options.categories[0] }],
      ];
      for (const [who, filter] of filters) await expectBoardMatchesStats(who, filter);
      const board = await expectBoardMatchesStats('admin', {});
      expect(board.cards.overdueSteps.value).toBeGreaterThan(0);
      expect(board.cards.openCases.value).toBe(7);
    });

    it('should give this month and last month on-time rates from the completions of each month', async () => {
      const board = await body<Board>('admin', '/api/supervision/board');
      const months: { month: string; onTime: number; n: number }[] = await dataSource.query(
        `SELECT to_char((s."completedAt" AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM') AS month,
                count(*) FILTER (WHERE s."completedAt" <= s."dueAt")::int AS "onTime", count(*)::int AS n
         FROM case_steps s WHERE s.status = 'completed' GROUP BY 1`,
      );
      const rate = (m: string) => {
        const row = months.find((x) => x.month === m);
        return row ? Math.round((row.onTime / row.n) * 10_000) / 10_000 : null;
      };
      expect(board.cards.onTimeRate).toEqual({ value: rate('2025-10'), lastMonth: rate('2025-09') });
      expect(board.cards.averageWorkingDays.value).not.toBeNull();
    });

    it('should give the same statistics from the roll-up as from the full scan, also after a send-back', async () => {
      const scan = await body<Stats>('admin', '/api/supervision/stats');
      const cardsBefore = (await body<Board>('admin', '/api/supervision/board')).cards;
      setNow('2025-10-11T00:30:00');
      await app.get(BoardHistoryService).record();
      setNow('2025-10-10T15:00:00');
      const [{ n }] = await dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM supervision_completed_rollup`,
      );
      expect(n).toBeGreaterThan(0);
      expect(await body<Stats>('admin', '/api/supervision/stats')).toEqual(scan);
      expect((await body<Board>('admin', '/api/supervision/board')).cards).toEqual(cardsBefore);

      // Send a completed step back from the township step that waits on it: it leaves the completed counts.
      const [pair] = await dataSource.query<{ done: string; later: string }[]>(
        `SELECT d.id AS done, r.id AS later FROM case_steps d JOIN case_steps r ON r."caseId" = d."caseId"
         WHERE d.status = 'completed' AND r.status = 'ready' AND r.lane = 'township' AND d.position = ANY(r."dependsOn")
         ORDER BY d."completedAt" LIMIT 1`,
      );
      await request(http)
        .post(`/api/steps/${pair.later}/return`)
        .set(auth('clerk'))
        .send({ toStepId: pair.done, reason: '材料不全' })
        .expect(200);
      const corrected = await body<Stats>('admin', '/api/supervision/stats');
      const completed = (s: Stats) => sum(s.townships, 'completedOnTime') + sum(s.townships, 'completedLate');
      expect(completed(corrected)).toBe(completed(scan) - 1);
      await dataSource.query(`UPDATE supervision_rollup_state SET "calendarFingerprint" = 'stale'`);
      expect(await body<Stats>('admin', '/api/supervision/stats')).toEqual(corrected);
    });

    it('should draw the weekly line from the daily snapshots and last month from the first of the month', async () => {
      const history = app.get(BoardHistoryService);
      setNow('2025-10-01T00:10:00');
      await history.record();
      setNow('2025-10-06T00:10:00');
      await history.record();
      setNow('2025-10-10T15:00:00');
      const board = await body<Board>('admin', '/api/supervision/board');
      expect(board.weekly).toHaveLength(12);
      expect(board.weekly.at(-1)).toMatchObject({
        weekStart: '2025-10-06',
        weekEnd: '2025-10-12',
        live: true,
      });
      const snapshot = async (day: string): Promise<number> => {
        const [{ overdue }] = await dataSource.query<{ overdue: number }[]>(
          `SELECT COALESCE(sum(overdue) FILTER (WHERE "primaryUnit"), 0)::int AS overdue
           FROM supervision_daily_snapshots WHERE day = $1`,
          [day],
        );
        return overdue;
      };
      expect(board.weekly.at(-2)).toEqual({
        weekStart: '2025-09-29',
        weekEnd: '2025-10-05',
        overdue: await snapshot('2025-10-06'),
        live: false,
      });
      expect(board.weekly.at(-3)?.overdue).toBeNull();
      expect(board.cards.overdueSteps.lastMonth).toBe(await snapshot('2025-10-01'));
      expect(board.cards.overdueSteps.lastMonth).toBeGreaterThan(0);
    });
  });

  describe("a department's 负责人", () => {
    it('should see the same board limited to the department, and nobody else from the department may', async () => {
      const county = await body<Board>('admin', '/api/supervision/board', { county: '奇台县' });
      const bar = county.byDepartment[0];
      expect(bar).toBeDefined();
      const department = (
        await dataSource.query(`SELECT name FROM departments WHERE id = $1`, [bar.unitId])
      )[0].name as string;
      tokens.leader = await loginAs(app, {
        username: 'dept-leader',
        role: UserRole.DepartmentStaff,
        department,
        isLeader: true,
      });
      tokens.staff = await loginAs(app, {
        username: 'dept-staff',
        role: UserRole.DepartmentStaff,
        department,
      });

      const mine = await expectBoardMatchesStats('leader', {});
      const scoped = await body<Board>('qtSupervisor', '/api/supervision/board', { department: bar.unitId });
      expect(mine.cards).toEqual(scoped.cards);
      // A step held jointly shows its co-holders too, as the department filter does for a supervisor.
      expect(mine.byDepartment).toEqual(scoped.byDepartment);
      expect(mine.byDepartment).toContainEqual(bar);
      expect(mine.cards.overdueSteps.value).toBe(bar.overdue);
      const list = await body<{ items: { holder: { ids: string[] } }[] }>(
        'leader',
        '/api/supervision/overdue',
        {
          light: 'all',
          pageSize: 100,
        },
      );
      expect(list.items.length).toBeGreaterThan(0);
      expect(list.items.every((item) => item.holder.ids.includes(bar.unitId))).toBe(true);
      const options = await body<{ departments: { id: string }[] }>('leader', '/api/supervision/options');
      expect(options.departments.map((d) => d.id)).toEqual([bar.unitId]);

      const other = (
        await body<{ departments: { id: string }[] }>('admin', '/api/supervision/options')
      ).departments.find((d) => d.id !== bar.unitId);
      await get('leader', '/api/supervision/board', { department: other!.id }).expect(403);
      await get('leader', '/api/supervision/stats', { county: '木垒县' }).expect(403);
      await get('staff', '/api/supervision/board').expect(403);
      await get('staff', '/api/supervision/overdue').expect(403);
    });
  });

  describe("a township's 负责人", () => {
    it("should see the board of the township's own cases only, and nobody else from the township may", async () => {
      const [{ id: townshipId }] = await dataSource.query<{ id: string }[]>(
        `SELECT id FROM townships WHERE name = '三个庄子镇'`,
      );
      tokens.townLeader = await loginAs(app, {
        username: 'sgzz-leader',
        role: UserRole.TownshipStaff,
        township: '三个庄子镇',
        isLeader: true,
      });

      const mine = await expectBoardMatchesStats('townLeader', {});
      const scoped = await body<Board>('qtSupervisor', '/api/supervision/board', { township: townshipId });
      expect(mine.cards).toEqual(scoped.cards);
      expect(mine.byDepartment).toEqual(scoped.byDepartment);
      expect(mine.cards.overdueSteps.value).toBeGreaterThan(0);
      const all = await body<Board>('admin', '/api/supervision/board');
      expect(mine.cards.openCases.value).toBeLessThan(all.cards.openCases.value ?? 0); // 大石头乡's cases are left out
      const list = await body<{ items: { township: { name: string } }[] }>(
        'townLeader',
        '/api/supervision/overdue',
        {
          light: 'all',
          pageSize: 100,
        },
      );
      expect(list.items.length).toBeGreaterThan(0);
      expect(list.items.every((item) => item.township.name === '三个庄子镇')).toBe(true);
      const options = await body<{ townships: { id: string }[] }>('townLeader', '/api/supervision/options');
      expect(options.townships.map((t) => t.id)).toEqual([townshipId]);

      await get('townLeader', '/api/supervision/board', {
        township: '00000000-0000-4000-8000-000000000001',
      }).expect(403);
      await get('townLeader', '/api/supervision/stats', { county: '木垒县' }).expect(403);
      await get('clerk', '/api/supervision/board').expect(403);
      await get('clerk', '/api/supervision/overdue').expect(403);
    });
  });

  describe('options and filters', () => {
    it('should offer departments, townships, categories and duties by name, limited to the county', async () => {
      const mine = await body<{
        counties: string[];
        townships: { name: string }[];
        departments: { name: string; county: string }[];
        duties: { name: string; townshipName: string }[];
      }>('qtSupervisor', '/api/supervision/options');
      expect(mine.counties).toEqual(['奇台县']);
      expect(mine.townships.map((t) => t.name)).toEqual(['三个庄子镇']);
      expect(mine.departments.every((d) => d.county === '奇台县')).toBe(true);
      expect(mine.departments.map((d) => d.name)).toContain('奇台县残联');
      expect(new Set(mine.duties.map((d) => d.townshipName))).toEqual(new Set(['三个庄子镇']));
      await get('qtSupervisor', '/api/supervision/options', { county: '木垒县' }).expect(403);
      await get('clerk', '/api/supervision/board').expect(403);
    });

    it('should list open steps by traffic light and by duty', async () => {
      const lights = async (light: string) =>
        await body<{ items: { light: string; workingDaysLeft: number }[]; total: number }>(
          'admin',
          '/api/supervision/overdue',
          { light, pageSize: 200 },
        );
      const [red, yellow, green, all] = await Promise.all(['red', 'yellow', 'green', 'all'].map(lights));
      expect(red.items.every((i) => i.light === 'red')).toBe(true);
      expect(yellow.items.every((i) => i.light === 'yellow' && i.workingDaysLeft <= 2)).toBe(true);
      expect(yellow.total).toBeGreaterThan(0);
      expect(green.items.every((i) => i.light === 'green' && i.workingDaysLeft > 2)).toBe(true);
      expect(red.total + yellow.total + green.total).toBe(all.total);
      const duty = await dataSource.query<{ id: string }[]>(
        `SELECT w."dutyId" AS id FROM cases c JOIN workflow_templates w ON w.id = c."templateId" WHERE c.id = $1`,
        [ids.case1],
      );
      const byDuty = await body<{ items: { case: { id: string } }[] }>('admin', '/api/supervision/overdue', {
        duty: duty[0].id,
        light: 'all',
      });
      expect(byDuty.items.length).toBeGreaterThan(0);
      await get('admin', '/api/supervision/overdue', { light: 'blue' }).expect(400);
    });
  });

  describe('导出台账', () => {
    it('should export the ledger with a title row, 序号, real dates, frozen header, autofilter and a unit sheet', async () => {
      const res = await get('qtSupervisor', '/api/supervision/ledger/export', { format: 'xlsx' })
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(res.headers['content-disposition']).toContain(
        encodeURIComponent('奇台县督办台账_2025-10-10.xlsx'),
      );
      const workbook = new Workbook();
      const bytes = res.body as Buffer;
      await workbook.xlsx.load(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      );
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['逾期环节', '单位统计']);
      const sheet = workbook.getWorksheet('逾期环节');
      expect(sheet?.getCell('A1').value).toBe('奇台县逾期环节台账　统计截止时间：2025-10-10 15:00');
      const headers = sheet?.getRow(2).values as unknown[];
      expect(headers.slice(1, 3)).toEqual(['序号', '承办单位']);
      const overdue = await body<{ total: number }>('qtSupervisor', '/api/supervision/overdue');
      expect(sheet?.rowCount).toBe(2 + overdue.total);
      const held = sheet?.getRow(3).getCell(headers.indexOf('承办起始时间'));
      expect(held?.value).toBeInstanceOf(Date);
      expect(held?.numFmt).toBe('yyyy-mm-dd hh:mm');
      expect(sheet?.getColumn(headers.indexOf('环节')).width).toBeGreaterThan(20);
      const units = workbook.getWorksheet('单位统计');
      expect(units?.getRow(2).values).toEqual(
        expect.arrayContaining(['序号', '单位', '单位类型', '逾期环节']),
      );
      const csv = await get('qtSupervisor', '/api/supervision/ledger/export', { format: 'csv' })
        .buffer(true)
        .parse(binary)
        .expect(200);
      const lines = (csv.body as Buffer).toString('utf8').slice(1).trimEnd().split('\r\n');
      expect(lines).toHaveLength(1 + overdue.total);
      expect(lines[1]).toMatch(/,\d{4}-\d{2}-\d{2} \d{2}:\d{2},\d{4}-\d{2}-\d{2},/);
    });
  });

  describe('calendar notice reader', () => {
    it('should propose the days of a pasted notice without saving them', async () => {
      const text = readFileSync(join(__dirname, '..', 'fixtures', 'calendar-notices', '2026.txt'), 'utf8');
      const before = await dataSource.query(`SELECT count(*)::int AS n FROM calendar_days`);
      const res = await request(http)
        .post('/api/calendar/notice-proposal')
        .set(auth('admin'))
        .send({ text: text.replace(/2026/g, '2027') })
        .expect(200);
      expect(res.body.year).toBe(2027);
      expect(res.body.days.length).toBeGreaterThan(20);
      expect(res.body.warnings.length).toBeGreaterThan(0); // the 2026 weekdays do not fit 2027
      expect(await dataSource.query(`SELECT count(*)::int AS n FROM calendar_days`)).toEqual(before);
      await request(http)
        .post('/api/calendar/notice-proposal')
        .set(auth('qtSupervisor'))
        .send({ text })
        .expect(403);
      const bad = await request(http)
        .post('/api/calendar/notice-proposal')
        .set(auth('admin'))
        .send({})
        .expect(400);
      expect(JSON.stringify(bad.body.details)).toContain('text');
    });
  });

  // The board's open steps and open cases come from counters that triggers keep (migration
  // SupervisionOpenCounts); a recount from case_steps and cases must give the same rows at every moment.
  describe('open-work counters', () => {
    type Runner = Pick<DataSource, 'query'>;
    const drift = async (runner: Runner = dataSource): Promise<unknown[]> => [
      ...(await runner.query<unknown[]>(
        `WITH truth AS (
           SELECT c."townshipId", w."dutyId", s."dueDate", s."dueAt", u.kind, u.id AS "unitId", count(*)::int AS n
           FROM case_steps s JOIN cases c ON c.id = s."caseId" JOIN workflow_templates w ON w.id = c."templateId"
           CROSS JOIN LATERAL (SELECT 'step'::varchar AS kind, c."townshipId" AS id UNION ALL
             SELECT s.lane, x FROM unnest(CASE WHEN s.lane = 'department' THEN s."assigneeDepartmentIds"
                                              ELSE ARRAY[c."townshipId"] END) x) u
           WHERE s.status IN ('ready', 'in_progress') GROUP BY 1, 2, 3, 4, 5, 6)
         SELECT t.n AS truth, k.* FROM truth t
         FULL JOIN supervision_open_counts k USING ("townshipId", "dutyId", "dueDate", "dueAt", kind, "unitId")
         WHERE t.n IS DISTINCT FROM k.n`,
      )),
      ...(await runner.query<unknown[]>(
        `SELECT t.n AS truth, k.* FROM (SELECT "townshipId", "templateId", count(*)::int AS n FROM cases
                                         WHERE status = 'open' GROUP BY 1, 2) t
         FULL JOIN supervision_open_cases k USING ("townshipId", "templateId") WHERE t.n IS DISTINCT FROM k.n`,
      )),
    ];
    const openCasesAt = async (at: string): Promise<number> =>
      (
        await dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM cases WHERE "createdAt" <= $1
             AND ("completedAt" IS NULL OR "completedAt" > $1) AND ("cancelledAt" IS NULL OR "cancelledAt" > $1)`,
          [at],
        )
      )[0].n;
    const expectOpenCasesCard = async (): Promise<void> => {
      const board = await body<Board>('admin', '/api/supervision/board');
      expect(board.cards.openCases).toEqual({
        value: await openCasesAt(new Date(now).toISOString()),
        lastMonth: await openCasesAt(`${board.month}-01T00:00:00+08:00`),
      });
    };

    it('should equal a recount after a completion, a retiming, a reassignment, a send-back, a cancellation and a deletion', async () => {
      // Four cases opened before the month, the rest during it (the card's last-month figure differs).
      await dataSource.query(
        `UPDATE cases SET "createdAt" = CASE WHEN id IN (SELECT id FROM cases ORDER BY id LIMIT 4)
           THEN timestamptz '2025-09-01T00:00:00+08:00' ELSE timestamptz '2025-10-05T00:00:00+08:00' END`,
      );
      const [{ n: rows }] = await dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM supervision_open_counts`,
      );
      expect(rows).toBeGreaterThan(0);
      expect(await drift()).toEqual([]);
      await expectOpenCasesCard();

      const [township] = await dataSource.query<{ id: string; caseId: string }[]>(
        `SELECT s.id, s."caseId" FROM case_steps s JOIN cases c ON c.id = s."caseId" JOIN townships t ON t.id = c."townshipId"
         WHERE s.status = 'ready' AND s.lane = 'township' AND t.name = '三个庄子镇' ORDER BY s.id LIMIT 1`,
      );
      await complete('clerk', township.id);
      expect(await drift()).toEqual([]);

      const [department] = await dataSource.query<{ id: string }[]>(
        `SELECT id FROM case_steps WHERE status = 'ready' AND lane = 'department' ORDER BY id LIMIT 1`,
      );
      await setDue(department.id, '2025-10-01');
      const [other] = await dataSource.query<{ id: string }[]>(
        `SELECT id FROM departments ORDER BY id LIMIT 1`,
      );
      await dataSource.query(
        `UPDATE case_steps SET "assigneeDepartmentIds" = "assigneeDepartmentIds" || $2::uuid WHERE id = $1`,
        [department.id, other.id],
      );
      expect(await drift()).toEqual([]);
      await dataSource.query(
        `UPDATE case_steps SET status = 'ready', "completedAt" = NULL WHERE id = $1`, // as a send-back reopens it
        [township.id],
      );
      expect(await drift()).toEqual([]);

      await request(http)
        .post(`/api/cases/${township.caseId}/cancel`)
        .set(auth('admin'))
        .send({ reason: '申请人撤回申请' })
        .expect(200);
      expect(await drift()).toEqual([]);
      await expectOpenCasesCard();

      const runner = dataSource.createQueryRunner();
      await runner.startTransaction();
      try {
        await runner.query(`DELETE FROM cases WHERE id = (SELECT "caseId" FROM case_steps WHERE id = $1)`, [
          department.id,
        ]);
        expect(await drift(runner)).toEqual([]);
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    });
  });
});
