// Benchmark (not a test): the supervisor views on 1,000,000 case steps (~100,000 open).
// Run: npm run bench:supervision   (needs Postgres and a build; drops and recreates its own database)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { AuthUser } from 'src/auth/auth-user';
import type { OverdueQueryDto, StatsQueryDto } from 'src/supervision/dto/supervision-query.dto';
import type { SupervisionService } from 'src/supervision/supervision.service';
import type { BoardService } from 'src/supervision/board.service';
import { recreateBenchDatabase } from './lib/bench-database';

const BENCH_DB =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/dutyflow_bench_supervision';
const SEEDS = join(__dirname, '..', 'seeds', 'duty-lists');
const TARGET_STEPS = 1_000_000;
const OVERDUE_ROUNDS = 200;
const STATS_ROUNDS = 5;
const BOARD_ROUNDS = 40;
// BENCH_REUSE=1: keep the database a previous run generated (skips the ~2 minutes of generation).
const REUSE = process.env.BENCH_REUSE === '1';

// Cases spread over two years, templates (and so townships and departments) by modulo. Per step a hash
// decides: 10% open (ready / in_progress, ready 0–11 days ago, 10% of them 30+ days; due 7 days after
// ready, so ~40% of open steps are overdue), 3% pending, 2% skipped, 85% completed (0–11 days after ready
// against a 7-day deadline). Set-based: one INSERT … SELECT per table.
const CASES_SQL = `
  WITH tpl AS (
    SELECT array_agg(w.id ORDER BY w.id) AS ids, array_agg(d."townshipId" ORDER BY w.id) AS towns
    FROM workflow_templates w JOIN duties d ON d.id = w."dutyId"),
  u AS (SELECT id FROM users WHERE username = 'bench-admin')
  INSERT INTO cases (id, "templateId", "townshipId", title, subject, status, "createdBy", "createdAt")
  SELECT md5('bench-case-' || g)::uuid, tpl.ids[1 + g % cardinality(tpl.ids)], tpl.towns[1 + g % cardinality(tpl.ids)],
         '基准办件 ' || g, '申请人' || g, 'open', u.id, now() - make_interval(days => g % 730, hours => g % 9)
  FROM tpl, u, generate_series(1, $1::int) g`;

const STEPS_SQL = `
  INSERT INTO case_steps ("caseId", "templateStepId", position, lane, section, "order", text, "assigneeDepartmentIds",
    "dependsOn", "dueWorkingDays", status, "readyAt", "dueDate", "dueAt", "completedAt", "escalationLevel")
  SELECT c.id, ts.id, ts.position, ts.lane, ts.section, ts."order", ts.text, ts."assigneeDepartmentIds", ts."dependsOn",
         ts."dueWorkingDays", x.status, x.ready, x.due,
         ((x.due + 1)::timestamp AT TIME ZONE 'UTC') - interval '8 hours 0.001 seconds', x.completed, x.esc
  FROM cases c JOIN template_steps ts ON ts."templateId" = c."templateId"
  CROSS JOIN LATERAL (SELECT abs(hashtext(c.id::text || ts.position)) AS h) hh
  CROSS JOIN LATERAL (SELECT hh.h % 100 AS r,
     (hh.h / 100) % 12 + CASE WHEN (hh.h / 1200) % 10 = 0 THEN 30 ELSE 0 END AS age,
     LEAST(c."createdAt" + make_interval(days => ts.position), now() - interval '13 days') AS done_ready) p
  CROSS JOIN LATERAL (SELECT CASE WHEN p.r < 10 THEN now() - make_interval(days => p.age, hours => hh.h % 7)
                                  WHEN p.r < 15 THEN NULL ELSE p.done_ready END AS ready) q
  CROSS JOIN LATERAL (SELECT
     CASE WHEN p.r < 10 THEN (CASE WHEN (hh.h / 7) % 3 = 0 THEN 'in_progress' ELSE 'ready' END)
          WHEN p.r < 13 THEN 'pending' WHEN p.r < 15 THEN 'skipped' ELSE 'completed' END AS status,
     q.ready,
     ((q.ready AT TIME ZONE 'UTC') + interval '8 hours')::date + 7 AS due,
     CASE WHEN p.r >= 15 THEN q.ready + make_interval(days => (hh.h / 100) % 12, hours => (hh.h / 7) % 10) END AS completed,
     CASE WHEN p.r < 10 AND p.age > 8 THEN (hh.h / 11) % 3 ELSE 0 END AS esc) x`;

async function generate(dataSource: DataSource): Promise<Record<string, unknown>> {
  await dataSource.query(
    `INSERT INTO users (username, "displayName", "passwordHash", role) VALUES ('bench-admin', '基准', 'x', 'admin')`,
  );
  const [{ avg }] = await dataSource.query<{ avg: number }[]>(
    `SELECT count(*)::float / count(DISTINCT "templateId") AS avg FROM template_steps`,
  );
  const cases = Math.round(TARGET_STEPS / avg);
  const start = performance.now();
  await dataSource.query(CASES_SQL, [cases]);
  await dataSource.query(STEPS_SQL);
  const generateMs = performance.now() - start;
  const vacuumStart = performance.now();
  await dataSource.query('VACUUM ANALYZE');
  const counts = await dataSource.query<{ status: string; n: number }[]>(
    `SELECT status, count(*)::int AS n FROM case_steps GROUP BY status ORDER BY status`,
  );
  const [{ overdue }] = await dataSource.query<{ overdue: number }[]>(
    `SELECT count(*)::int AS overdue FROM supervision_open_steps WHERE "dueAt" < now()`,
  );
  return {
    cases,
    steps: counts.reduce((sum, c) => sum + c.n, 0),
    byStatus: Object.fromEntries(counts.map((c) => [c.status, c.n])),
    overdue,
    generateMs: Math.round(generateMs),
    vacuumAnalyzeMs: Math.round(performance.now() - vacuumStart),
  };
}

// The board reads daily snapshots the job writes once a day; a fresh database has only today's. The
// previous 90 days are copied from today's with the counts varied, so the 12-week chart reads as many
// rows as it would after three months of operation.
async function backfillSnapshots(dataSource: DataSource): Promise<number> {
  await dataSource.query(
    `INSERT INTO supervision_daily_snapshots (day, kind, "unitId", "primaryUnit", "townshipId", "dutyId", category, open, overdue)
     SELECT s.day - g, s.kind, s."unitId", s."primaryUnit", s."townshipId", s."dutyId", s.category,
            s.open + (g % 5), GREATEST(0, s.overdue - (g % 7))
     FROM supervision_daily_snapshots s CROSS JOIN generate_series(1, 90) g
     WHERE s.day = (SELECT max(day) FROM supervision_daily_snapshots)
     ON CONFLICT DO NOTHING`,
  );
  const [{ n }] = await dataSource.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM supervision_daily_snapshots`,
  );
  return n;
}

function percentiles(times: number[]): Record<string, number> {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number): number =>
    +sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))].toFixed(1);
  return { p50: at(0.5), p95: at(0.95), max: +sorted[sorted.length - 1].toFixed(1), rounds: times.length };
}

interface Scenario {
  user: AuthUser;
  query: Partial<OverdueQueryDto>;
}

async function scenarios(dataSource: DataSource): Promise<Scenario[]> {
  const pick = async (sql: string): Promise<string> => (await dataSource.query<{ v: string }[]>(sql))[0].v;
  const admin: AuthUser = {
    id: 'bench',
    username: 'admin',
    role: 'admin' as AuthUser['role'],
    departmentId: null,
    townshipId: null,
    county: null,
  };
  const supervisor: AuthUser = {
    ...admin,
    username: 'qt',
    role: 'supervisor' as AuthUser['role'],
    county: '奇台县',
  };
  const township = await pick(`SELECT id AS v FROM townships WHERE name = '三个庄子镇'`);
  const department = await pick(
    `SELECT u AS v FROM supervision_open_steps, unnest("assigneeDepartmentIds") u GROUP BY u ORDER BY count(*) DESC LIMIT 1`,
  );
  const template = await pick(`SELECT "templateId" AS v FROM cases LIMIT 1`);
  const category = await pick(
    `SELECT category AS v FROM duties GROUP BY category ORDER BY count(*) DESC LIMIT 1`,
  );
  const list: Partial<OverdueQueryDto>[] = [
    {},
    { county: '奇台县' },
    { township },
    { department },
    { category },
    { template },
    { minDaysOverdue: 3 },
    { minDaysOverdue: 10, sort: 'department', order: 'asc' },
    { sort: 'township', order: 'desc', page: 5 },
    { sort: 'dueAt', order: 'desc', pageSize: 200 },
  ];
  return list.flatMap((query) => [
    { user: admin, query },
    { user: supervisor, query: { ...query, county: undefined } },
  ]);
}

async function measureOverdue(
  service: SupervisionService,
  list: Scenario[],
): Promise<Record<string, unknown>> {
  const times: number[] = [];
  const slowest = { ms: 0, query: {} as Partial<OverdueQueryDto>, role: '' };
  for (let round = 0; round < OVERDUE_ROUNDS; round += 1) {
    const { user, query } = list[round % list.length];
    const defaults: Pick<OverdueQueryDto, 'light' | 'sort' | 'order' | 'page' | 'pageSize'> = {
      light: 'red',
      sort: 'daysOverdue',
      order: 'desc',
      page: 1,
      pageSize: 20,
    };
    const full: OverdueQueryDto = { ...defaults, ...query };
    const start = performance.now();
    await service.overdue(user, full);
    const ms = performance.now() - start;
    times.push(ms);
    if (ms > slowest.ms) Object.assign(slowest, { ms: +ms.toFixed(1), query, role: user.role });
  }
  return { ...percentiles(times), slowest };
}

async function measureStats(service: SupervisionService, list: Scenario[]): Promise<Record<string, unknown>> {
  const department = list.find((s) => s.query.department)?.query.department;
  const cases: [string, AuthUser, Partial<StatsQueryDto>][] = [
    ['admin, all counties', list[0].user, {}],
    ['supervisor 奇台县', list[1].user, {}],
    ['admin, one department', list[0].user, { department }],
    [
      'admin, readyAt in the last 90 days (full scan)',
      list[0].user,
      { from: isoDaysAgo(90), to: isoDaysAgo(0) },
    ],
  ];
  const result: Record<string, unknown> = {};
  for (const [label, user, query] of cases) {
    const times: number[] = [];
    for (let round = 0; round < STATS_ROUNDS; round += 1) {
      const start = performance.now();
      await service.stats(user, query);
      times.push(performance.now() - start);
    }
    result[label] = percentiles(times);
  }
  return result;
}

// Every board query the page makes: the board itself (cards, charts, weeks), the filter options and
// the overdue table, for each scope (admin: all counties; a county supervisor; one department).
async function measureBoard(
  board: BoardService,
  service: SupervisionService,
  list: Scenario[],
): Promise<Record<string, unknown>> {
  const department = list.find((s) => s.query.department)?.query.department;
  const township = list.find((s) => s.query.township)?.query.township;
  const scopes: [string, AuthUser, Partial<OverdueQueryDto>][] = [
    ['admin, all counties', list[0].user, {}],
    ['supervisor 奇台县', list[1].user, {}],
    ['one department (负责人 scope)', list[0].user, { department }],
    ['one township', list[0].user, { township }],
  ];
  const result: Record<string, unknown> = {};
  for (const [label, user, query] of scopes) {
    const times: Record<string, number[]> = { board: [], options: [], overdueRed: [], overdueYellow: [] };
    for (let round = 0; round < BOARD_ROUNDS; round += 1) {
      const timed = async (key: string, work: () => Promise<unknown>): Promise<void> => {
        const start = performance.now();
        await work();
        times[key].push(performance.now() - start);
      };
      await timed('board', () => board.board(user, query));
      await timed('options', () => service.options(user, query));
      const page = { sort: 'daysOverdue', order: 'desc', page: 1, pageSize: 20 } as const;
      await timed('overdueRed', () => service.overdue(user, { ...page, ...query, light: 'red' }));
      await timed('overdueYellow', () => service.overdue(user, { ...page, ...query, light: 'yellow' }));
    }
    result[label] = Object.fromEntries(Object.entries(times).map(([key, t]) => [key, percentiles(t)]));
  }
  return result;
}

function isoDaysAgo(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10);
}

async function main(): Promise<void> {
  Object.assign(process.env, {
    DATABASE_URL: BENCH_DB,
    LOG_LEVEL: 'silent',
    MIGRATIONS_RUN: 'false',
    BULLMQ_PREFIX: 'dutyflow-bench-supervision',
  });
  const { CoreModule } = await import('src/app.module');
  const { CalendarModule } = await import('src/calendar/calendar.module');
  const { CalendarSeeder } = await import('src/calendar/calendar.seeder');
  const { DutyListsModule } = await import('src/duty-lists/duty-lists.module');
  const { DutyListImporter } = await import('src/duty-lists/duty-list.importer');
  const { SupervisionModule } = await import('src/supervision/supervision.module');
  const { SupervisionService } = await import('src/supervision/supervision.service');
  const { BoardService } = await import('src/supervision/board.service');
  const { BoardHistoryService } = await import('src/supervision/board-history.service');

  if (!REUSE) await recreateBenchDatabase(BENCH_DB);
  @Module({ imports: [CoreModule, CalendarModule, DutyListsModule, SupervisionModule] })
  class BenchModule {}
  const app: INestApplicationContext = await NestFactory.createApplicationContext(BenchModule, {
    logger: false,
  });
  const dataSource = app.get(DataSource);
  let data: Record<string, unknown> = { reused: true };
  if (!REUSE) {
    await app.get(CalendarSeeder).seedFromFile();
    const importer = app.get(DutyListImporter);
    for (const file of readdirSync(SEEDS)
      .filter((f) => f.endsWith('.txt'))
      .sort()) {
      await importer.importFile(readFileSync(join(SEEDS, file)), file);
    }
    data = await generate(dataSource);
  }
  const historyStart = performance.now();
  const recorded = await app.get(BoardHistoryService).record();
  const history = {
    ...recorded,
    recordMs: Math.round(performance.now() - historyStart),
    snapshotRowsWithBackfill: await backfillSnapshots(dataSource),
  };
  const service = app.get(SupervisionService);
  const list = await scenarios(dataSource);
  const overdue = await measureOverdue(service, list);
  const stats = await measureStats(service, list);
  const board = await measureBoard(app.get(BoardService), service, list);
  await app.close();
  const summary = {
    data,
    history,
    overdueServiceCallMs: overdue,
    statsServiceCallMs: stats,
    boardQueriesMs: board,
    node: process.version,
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
