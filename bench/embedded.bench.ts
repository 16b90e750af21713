// Benchmark (not a test): the embedded mode (PGlite in-process, BullMQ on PostgreSQL) side by side
// with PostgreSQL + Redis, in one run on one machine: start-up to /health 200 (first start with the
// seed import, and a restart), case openings and step completions per second over HTTP, the lag of
// an overdue mark behind its deadline, and the server's resident memory.
// Run: npm run bench:embedded   (the server side needs PostgreSQL and Redis; builds dist/ first)
// Each mode runs in a child process of its own (BullMQ's backend choice is process-wide).
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { ApiServer, freePort } from './lib/api-server';
import { withAdminClient } from './lib/bench-database';
import { obliterateBenchQueues } from './lib/bench-queues';
import { LoadShape, measureHttp, PhaseStats } from './lib/engine-load';

type Mode = 'embedded' | 'servers';

const BENCH_DB =
  process.env.BENCH_EMBEDDED_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/dutyflow_bench_embedded';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BULLMQ_PREFIX = process.env.BENCH_EMBEDDED_PREFIX ?? 'dutyflow-bench-embedded';
// Fixed ports / data directory prefix for a shared machine (default: any free port, the system temp directory).
const FIXED_PORT = Number(process.env.BENCH_EMBEDDED_PORT ?? 0);
const DATA_DIR_PREFIX = process.env.BENCH_EMBEDDED_DATA_PREFIX ?? join(tmpdir(), 'dutyflow-bench-embedded-');

// Smaller than bench:engine (8 clients, 20 s): a township office's load, and two modes per run.
const LOAD: LoadShape = {
  clients: 4,
  phaseSeconds: 15,
  warmupOpenings: 50,
  minTownStepsForCompletions: 3_000,
};
const PROBES = 10;
const PROBE_FIRST_DUE_MS = 3_000;
const PROBE_SPACING_MS = 500;
const PROBE_WAIT_MS = 45_000;

interface ModeResult {
  mode: Mode;
  startupMs: { firstStart: number; restart: number };
  rssMb: { afterStart: number; afterLoad: number; peak: number };
  openings: PhaseStats;
  completions: PhaseStats;
  overdueLagMs: { probes: number; stamped: number; p50: number | null; max: number | null };
}

function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

async function timedStart(env: NodeJS.ProcessEnv, port: number): Promise<{ server: ApiServer; ms: number }> {
  const begin = performance.now();
  const server = ApiServer.start(env, port);
  await server.waitUntilHealthy();
  return { server, ms: Math.round(performance.now() - begin) };
}

// Probe steps due a few seconds ahead, their ladders queued by the product's DeadlineJobs in a
// context of the bench's own (same database and queue as the server); the server's worker stamps them.
async function overdueLag(databaseUrl: string, env: NodeJS.ProcessEnv): Promise<ModeResult['overdueLagMs']> {
  Object.assign(process.env, { ...env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' });
  if (!env.REDIS_URL) delete process.env.REDIS_URL;
  const { Module } = await import('@nestjs/common');
  const { NestFactory } = await import('@nestjs/core');
  const { DataSource } = await import('typeorm');
  const { CoreModule } = await import('src/app.module');
  const { DeadlinesModule } = await import('src/deadlines/deadlines.module');
  const { DeadlineJobs } = await import('src/deadlines/deadline-jobs.service');
  const { openDatabase } = await import('src/database/database-target');
  const { loadEnvironment } = await import('src/config/load-env');
  await openDatabase(loadEnvironment(), 'command');

  @Module({ imports: [CoreModule, DeadlinesModule] })
  class ProbeModule {}
  const app = await NestFactory.createApplicationContext(ProbeModule, { logger: false });
  try {
    const dataSource = app.get(DataSource);
    const base = Date.now();
    const dues = Array.from(
      { length: PROBES },
      (_, i) => new Date(base + PROBE_FIRST_DUE_MS + i * PROBE_SPACING_MS),
    );
    const rows = await dataSource.query<{ id: string; dueAt: Date }[]>(
      `WITH c AS (
         INSERT INTO cases ("templateId", "townshipId", title, subject, status, "createdBy")
         SELECT w.id, d."townshipId", '期限探针办件', '探针', 'open', (SELECT id FROM users WHERE username = 'admin')
         FROM workflow_templates w JOIN duties d ON d.id = w."dutyId" ORDER BY w.id LIMIT 1
         RETURNING id)
       INSERT INTO case_steps ("caseId", position, lane, "order", text, "dueWorkingDays", status, "readyAt",
         "dueDate", "dueAt")
       SELECT c.id, p.n, 'township', p.n, '期限探针环节 ' || p.n, 0, 'ready', now(),
              ((p.due AT TIME ZONE 'UTC') + interval '8 hours')::date, p.due
       FROM c, unnest($1::timestamptz[]) WITH ORDINALITY AS p(due, n)
       RETURNING id, "dueAt"`,
      [dues],
    );
    await app.get(DeadlineJobs).schedule(rows.map((row) => row.id));
    const ids = rows.map((row) => row.id);
    const deadline = base + PROBE_FIRST_DUE_MS + PROBES * PROBE_SPACING_MS + PROBE_WAIT_MS;
    let stamped: { id: string; dueAt: Date; overdueAt: Date | null }[] = [];
    do {
      await sleep(200);
      stamped = await dataSource.query(
        `SELECT id, "dueAt", "overdueAt" FROM case_steps WHERE id = ANY($1::uuid[])`,
        [ids],
      );
    } while (stamped.some((row) => !row.overdueAt) && Date.now() < deadline);
    const lags = stamped
      .filter((row) => row.overdueAt)
      .map((row) => (row.overdueAt as Date).getTime() - row.dueAt.getTime())
      .sort((a, b) => a - b);
    return {
      probes: PROBES,
      stamped: lags.length,
      p50: lags.length ? lags[Math.floor(lags.length / 2)] : null,
      max: lags.length ? lags[lags.length - 1] : null,
    };
  } finally {
    await app.close();
  }
}

async function runMode(mode: Mode): Promise<ModeResult> {
  const port = FIXED_PORT || (await freePort());
  const dataDir = mkdtempSync(DATA_DIR_PREFIX);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    BULLMQ_PREFIX,
    DATA_DIR: dataDir,
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  if (mode === 'servers') {
    Object.assign(env, { DATABASE_URL: BENCH_DB, REDIS_URL });
    const name = new URL(BENCH_DB).pathname.slice(1);
    await withAdminClient(BENCH_DB, (client) =>
      client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    );
    await obliterateBenchQueues(REDIS_URL, BULLMQ_PREFIX);
  }
  try {
    // First start: empty data directory / no database — create, migrate, import the five documents.
    const first = await timedStart(env, port);
    await first.server.stop();
    const restart = await timedStart(env, port);
    const { server } = restart;
    try {
      const afterStart = memoryMb(server.pid);
      const http = await measureHttp(server, env, LOAD);
      const afterLoad = memoryMb(server.pid);
      const databaseUrl =
        mode === 'servers'
          ? BENCH_DB
          : `postgres://postgres@127.0.0.1:${(JSON.parse(readFileSync(join(dataDir, 'dutyflow.lock'), 'utf8')) as { port: number }).port}/postgres`;
      const overdueLagMs = await overdueLag(databaseUrl, env);
      return {
        mode,
        startupMs: { firstStart: first.ms, restart: restart.ms },
        rssMb: { afterStart: afterStart.rss, afterLoad: memoryMb(server.pid).rss, peak: afterLoad.peak },
        openings: http.openings,
        completions: http.completions,
        overdueLagMs,
      };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    if (mode === 'servers') await obliterateBenchQueues(REDIS_URL, BULLMQ_PREFIX);
  }
}

const execFileAsync = promisify(execFile);

async function main(): Promise<void> {
  const only = process.argv[2] as Mode | undefined;
  if (only) {
    process.stdout.write(`${JSON.stringify(await runMode(only))}\n`);
    process.exit(0);
  }
  const results: ModeResult[] = [];
  for (const mode of ['embedded', 'servers'] as const) {
    const tsNode = require.resolve('ts-node/dist/bin.js');
    const args = [tsNode, '-r', 'tsconfig-paths/register', '--transpile-only', __filename, mode];
    const { stdout } = await execFileAsync(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
    results.push(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ModeResult);
  }
  const load = spawnSync('uptime', { encoding: 'utf8' }).stdout.trim();
  const row = (label: string, value: (r: ModeResult) => string | number | null): string =>
    `| ${label} | ${results.map((r) => String(value(r))).join(' | ')} |`;
  const table = [
    `| | ${results.map((r) => r.mode).join(' | ')} |`,
    `|---|${results.map(() => '---').join('|')}|`,
    row('first start → /health 200 (ms, incl. migrations + seed import)', (r) => r.startupMs.firstStart),
    row('restart → /health 200 (ms)', (r) => r.startupMs.restart),
    row(`case openings /s (${LOAD.clients} clients, ${LOAD.phaseSeconds} s)`, (r) => r.openings.perSecond),
    row('  p50 / p95 ms', (r) => `${r.openings.okLatencyMs.p50} / ${r.openings.okLatencyMs.p95}`),
    row(`step completions /s`, (r) => r.completions.perSecond),
    row('  p50 / p95 ms', (r) => `${r.completions.okLatencyMs.p50} / ${r.completions.okLatencyMs.p95}`),
    row(
      `overdue mark lag p50 / max ms (${PROBES} probes)`,
      (r) => `${r.overdueLagMs.p50} / ${r.overdueLagMs.max}`,
    ),
    row(
      'server RSS MB after start / after load / peak',
      (r) => `${r.rssMb.afterStart} / ${r.rssMb.afterLoad} / ${r.rssMb.peak}`,
    ),
  ].join('\n');
  const machine = { cpus: cpus().length, node: process.version, load };
  process.stdout.write(`${JSON.stringify({ machine, results }, null, 2)}\n\n${table}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
