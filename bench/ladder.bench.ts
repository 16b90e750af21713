// Benchmark (not a test): while 100,000 open steps each wait on their one ladder timer (a delayed BullMQ
// job for the next rung only), a step is marked overdue within 1 s (p99) of its deadline — by its own
// timer, not by the 30 s sweep — and the timers' Redis memory per open step is measured.
// The server (API + worker, real clock) runs as a child process on 127.0.0.1; the 100,000 open steps
// are inserted with set-based SQL and their ladder jobs queued by the product's DeadlineJobs.schedule.
// Run: npm run bench:ladder   (needs PostgreSQL and Redis; builds dist/ first; recreates its own database)
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import type { DataSource } from 'typeorm';
import { QueueName } from 'src/queue/queue.constants';
import { ApiServer, freePort } from './lib/api-server';
import { postgresVersion, recreateBenchDatabase } from './lib/bench-database';
import { obliterateBenchQueues } from './lib/bench-queues';

// Own database and queue prefix, so dutyflow / dutyflow_test / dutyflow_ci and other benches are never touched.
const BENCH_DB =
  process.env.BENCH_LADDER_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/dutyflow_bench_ladder';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BULLMQ_PREFIX = 'dutyflow-bench-ladder';

// The background load: open steps whose next rung (the reminder, weeks ahead) waits in Redis.
const BACKGROUND_STEPS = Number(process.env.BENCH_LADDER_STEPS ?? 100_000);
const STEPS_PER_CASE = 10;
const DUE_WORKING_DAYS = 20; // ≈ four weeks ahead: none of these rungs comes due during the run
const SCHEDULE_BATCH = 1_000; // step ids per DeadlineJobs.schedule call
const SCHEDULE_CONCURRENCY = 4;
const SPOT_CHECKS = 200; // background steps whose one timer is looked up (and its memory measured)

// The measured steps: due 3 s … ~12.9 s after they are scheduled, one every 100 ms.
const PROBES = 100;
const PROBE_FIRST_DUE_MS = 3_000;
const PROBE_SPACING_MS = 100;
const LAG_BOUND_P99_MS = 1_000;
const MEMORY_BOUND_PER_STEP_BYTES = 1_024;
// Probes start this long after a sweep run, so the next sweep (every 30 s) comes after all of them.
const AFTER_SWEEP_MS = 500;
const PROBE_WAIT_AFTER_LAST_DUE_MS = 60_000;
const POLL_MS = 100;

const QUEUE_IDLE_TIMEOUT_MS = 120_000;
const HEALTH_POLL_MS = 250;

interface ProbeResult {
  stepId: string;
  dueAt: string;
  overdueAt: string | null;
  lagMs: number | null;
  stampedBy: 'delayed-job' | 'other (sweep)' | 'not stamped';
  jobProcessedLagMs: number | null; // when the worker picked the MarkStepOverdue job up, after dueAt
}

// ---------- database and queues ----------

// ---------- the server (API + worker) ----------

// ---------- the bench's own application context (producer side only: no processors) ----------

interface Producer {
  app: INestApplicationContext;
  dataSource: DataSource;
  queue: Queue;
  schedule: (stepIds: string[]) => Promise<void>;
  deadline: (start: Date, days: number) => Promise<{ dueDate: string; dueAt: Date; remindAt: Date | null }>;
  timerJobId: (stepId: string) => string;
}

async function createProducer(): Promise<Producer> {
  // Loaded after the environment is set, as the app would be.
  const { Module } = await import('@nestjs/common');
  const { NestFactory } = await import('@nestjs/core');
  const { getQueueToken } = await import('@nestjs/bullmq');
  const { DataSource: DataSourceToken } = await import('typeorm');
  const { CoreModule } = await import('src/app.module');
  const { CalendarService } = await import('src/calendar/calendar.service');
  const { DeadlinesModule } = await import('src/deadlines/deadlines.module');
  const { DeadlineJobs, stepTimerJobId } = await import('src/deadlines/deadline-jobs.service');
  const { reminderAt } = await import('src/workflow/step-clock');

  @Module({ imports: [CoreModule, DeadlinesModule] })
  class LadderBenchModule {}
  const app = await NestFactory.createApplicationContext(LadderBenchModule, { logger: false });
  const jobs = app.get(DeadlineJobs);
  const queue = app.get<Queue>(getQueueToken(QueueName.Deadlines));
  const calendar = app.get(CalendarService);
  return {
    app,
    dataSource: app.get(DataSourceToken),
    queue,
    schedule: (stepIds) => jobs.schedule(stepIds),
    deadline: async (start, days) => {
      const snapshot = await calendar.snapshot();
      const { dueDate, dueAt } = snapshot.deadline(start, days);
      return { dueDate, dueAt, remindAt: reminderAt(start, days, dueAt, snapshot) };
    },
    timerJobId: (stepId) => stepTimerJobId(stepId),
  };
}

// ---------- data ----------

async function waitForIdleQueue(queue: Queue): Promise<void> {
  // Start-up work (e.g. re-timing after the calendar seed) finishes before any step exists.
  const deadline = Date.now() + QUEUE_IDLE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
    if (counts.waiting + counts.active + counts.prioritized === 0) return;
    await sleep(HEALTH_POLL_MS);
  }
  throw new Error(`supervision queue still busy after ${QUEUE_IDLE_TIMEOUT_MS} ms`);
}

// Cases by modulo over the seeded templates (and so townships); steps on the township lane, ready now,
// with the deadline, reminder time and so ladder the engine would give a 20-working-day step.
async function insertBackgroundSteps(producer: Producer): Promise<{ cases: number; ms: number }> {
  const { dataSource } = producer;
  await dataSource.query(
    `INSERT INTO users (username, "displayName", "passwordHash", role) VALUES ('bench-ladder', '基准', 'x', 'admin')`,
  );
  const readyAt = new Date();
  const { dueDate, dueAt, remindAt } = await producer.deadline(readyAt, DUE_WORKING_DAYS);
  const cases = Math.ceil(BACKGROUND_STEPS / STEPS_PER_CASE);
  const start = performance.now();
  await dataSource.query(
    `WITH tpl AS (
       SELECT array_agg(w.id ORDER BY w.id) AS ids, array_agg(d."townshipId" ORDER BY w.id) AS towns
       FROM workflow_templates w JOIN duties d ON d.id = w."dutyId"),
     u AS (SELECT id FROM users WHERE username = 'bench-ladder')
     INSERT INTO cases (id, "templateId", "townshipId", title, subject, status, "createdBy")
     SELECT md5('bench-ladder-case-' || g)::uuid, tpl.ids[1 + g % cardinality(tpl.ids)],
            tpl.towns[1 + g % cardinality(tpl.ids)], '期限基准办件 ' || g, '申请人' || g, 'open', u.id
     FROM tpl, u, generate_series(1, $1::int) g`,
    [cases],
  );
  await dataSource.query(
    `INSERT INTO case_steps ("caseId", position, lane, "order", text, "dueWorkingDays", status, "readyAt",
       "dueDate", "dueAt", "remindAt")
     SELECT md5('bench-ladder-case-' || (1 + (g - 1) / $2))::uuid, 1 + (g - 1) % $2, 'township', 1 + (g - 1) % $2,
            '期限基准环节 ' || g, $3, 'ready', $4, $5, $6, $7
     FROM generate_series(1, $1::int) g`,
    [BACKGROUND_STEPS, STEPS_PER_CASE, DUE_WORKING_DAYS, readyAt, dueDate, dueAt, remindAt],
  );
  await dataSource.query('ANALYZE cases, case_steps');
  return { cases, ms: performance.now() - start };
}

async function scheduleAll(producer: Producer, stepIds: string[]): Promise<number> {
  const batches: string[][] = [];
  for (let i = 0; i < stepIds.length; i += SCHEDULE_BATCH) batches.push(stepIds.slice(i, i + SCHEDULE_BATCH));
  const start = performance.now();
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < batches.length) {
      const batch = batches[next];
      next += 1;
      await producer.schedule(batch);
    }
  };
  await Promise.all(Array.from({ length: SCHEDULE_CONCURRENCY }, lane));
  return performance.now() - start;
}

// DeadlineJobs.schedule logs and swallows its failures, so the queue itself is checked: each sampled
// step has exactly one timer, delayed, for its next rung. Its bytes in Redis are measured key by key
// (MEMORY USAGE of the job hash, plus its share of the delayed set), so
// other tenants of a shared Redis do not disturb the figure.
async function spotCheck(
  producer: Producer,
): Promise<{ checked: number; oneDelayedTimer: number; bytesPerOpenStep: number }> {
  const { queue } = producer;
  const rows = await producer.dataSource.query<{ id: string }[]>(
    `SELECT s.id FROM case_steps s TABLESAMPLE BERNOULLI (1) LIMIT $1`,
    [SPOT_CHECKS],
  );
  const client = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  const memory = async (key: string): Promise<number> =>
    Number((await client.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) ?? 0);
  let oneDelayedTimer = 0;
  let bytes = 0;
  for (const row of rows) {
    const jobId = producer.timerJobId(row.id);
    const job = await queue.getJob(jobId);
    if (job && (await job.isDelayed())) oneDelayedTimer += 1;
    bytes += await memory(queue.toKey(jobId));
  }
  const delayedSet = await memory(queue.toKey('delayed'));
  const delayedCount = (await queue.getJobCounts('delayed')).delayed;
  await client.quit();
  const bytesPerOpenStep = Math.round(
    bytes / Math.max(1, rows.length) + delayedSet / Math.max(1, delayedCount),
  );
  return { checked: rows.length, oneDelayedTimer, bytesPerOpenStep };
}

// Waits until just after the next sweep run, so the following one is 30 s away: any probe stamped
// before then was stamped by its delayed job (also confirmed per probe from the job's return value).
async function alignAfterSweep(queue: Queue): Promise<number | null> {
  const scheduler = await queue.getJobScheduler('ladder-sweep');
  if (!scheduler?.next) return null;
  const waitMs = Math.max(0, scheduler.next - Date.now()) + AFTER_SWEEP_MS;
  await sleep(waitMs);
  return scheduler.next;
}

interface Probe {
  id: string;
  dueAt: Date;
  timerJobId: string; // the job that should stamp it
}

async function createProbes(producer: Producer): Promise<Probe[]> {
  const base = Date.now();
  const readyAt = new Date(base);
  const probes = Array.from(
    { length: PROBES },
    (_, i) => new Date(base + PROBE_FIRST_DUE_MS + i * PROBE_SPACING_MS),
  );
  // A case of its own; dueDate is the China date of the deadline (escalation rungs count from it).
  const rows = await producer.dataSource.query<{ id: string; dueAt: Date }[]>(
    `WITH c AS (
       INSERT INTO cases ("templateId", "townshipId", title, subject, status, "createdBy")
       SELECT w.id, d."townshipId", '期限探针办件', '探针', 'open', (SELECT id FROM users WHERE username = 'bench-ladder')
       FROM workflow_templates w JOIN duties d ON d.id = w."dutyId" ORDER BY w.id LIMIT 1
       RETURNING id)
     INSERT INTO case_steps ("caseId", position, lane, "order", text, "dueWorkingDays", status, "readyAt",
       "dueDate", "dueAt")
     SELECT c.id, p.n, 'township', p.n, '期限探针环节 ' || p.n, 0, 'ready', $1,
            ((p.due AT TIME ZONE 'UTC') + interval '8 hours')::date, p.due
     FROM c, unnest($2::timestamptz[]) WITH ORDINALITY AS p(due, n)
     RETURNING id, "dueAt"`,
    [readyAt, probes],
  );
  await producer.schedule(rows.map((row) => row.id));
  return rows.map((row) => ({ ...row, timerJobId: producer.timerJobId(row.id) }));
}

async function awaitProbes(
  producer: Producer,
  probes: { id: string; dueAt: Date }[],
): Promise<Map<string, Date | null>> {
  const lastDue = Math.max(...probes.map((probe) => probe.dueAt.getTime()));
  const deadline = lastDue + PROBE_WAIT_AFTER_LAST_DUE_MS;
  const ids = probes.map((probe) => probe.id);
  for (;;) {
    const rows = await producer.dataSource.query<{ id: string; overdueAt: Date | null }[]>(
      `SELECT id, "overdueAt" FROM case_steps WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const stamped = new Map(rows.map((row) => [row.id, row.overdueAt]));
    if (rows.every((row) => row.overdueAt !== null) || Date.now() > deadline) return stamped;
    await sleep(POLL_MS);
  }
}

async function probeResults(
  producer: Producer,
  probes: Probe[],
  stamped: Map<string, Date | null>,
): Promise<ProbeResult[]> {
  const results: ProbeResult[] = [];
  for (const probe of probes) {
    const overdueAt = stamped.get(probe.id) ?? null;
    // The timer ran (and now waits for the first escalation); the sweep did not run meanwhile.
    const job = await producer.queue.getJob(probe.timerJobId);
    const byJob = !!job?.processedOn && job.processedOn >= probe.dueAt.getTime();
    results.push({
      stepId: probe.id,
      dueAt: probe.dueAt.toISOString(),
      overdueAt: overdueAt?.toISOString() ?? null,
      lagMs: overdueAt ? overdueAt.getTime() - probe.dueAt.getTime() : null,
      stampedBy: !overdueAt ? 'not stamped' : byJob ? 'delayed-job' : 'other (sweep)',
      jobProcessedLagMs: job?.processedOn ? job.processedOn - probe.dueAt.getTime() : null,
    });
  }
  return results;
}

function percentile(sorted: number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

// ---------- main ----------

async function run(producer: Producer): Promise<Record<string, unknown>> {
  const { queue, dataSource } = producer;
  await waitForIdleQueue(queue);

  const inserted = await insertBackgroundSteps(producer);
  const stepIds = (
    await dataSource.query<{ id: string }[]>(
      `SELECT id FROM case_steps ORDER BY id`, // the fresh database holds only the background steps so far
    )
  ).map((row) => row.id);
  const scheduleMs = await scheduleAll(producer, stepIds);
  const afterScheduling = await queue.getJobCounts('delayed', 'waiting', 'active', 'completed', 'failed');
  const spot = await spotCheck(producer);

  const sweepRanAt = await alignAfterSweep(queue);
  const delayedAtProbeStart = (await queue.getJobCounts('delayed')).delayed;
  const probes = await createProbes(producer);
  const stamped = await awaitProbes(producer, probes);
  const delayedAtProbeEnd = (await queue.getJobCounts('delayed')).delayed;
  const results = await probeResults(producer, probes, stamped);

  const lags = results
    .map((result) => result.lagMs)
    .filter((lag): lag is number => lag !== null)
    .sort((a, b) => a - b);
  const allStampedByJob = results.every((result) => result.stampedBy === 'delayed-job');
  const maxLag = lags.length === probes.length ? lags[lags.length - 1] : null;
  const p99 = lags.length === probes.length ? percentile(lags, 0.99) : null;
  const totalJobs = afterScheduling.delayed;
  return {
    backgroundLoad: {
      openSteps: stepIds.length,
      cases: inserted.cases,
      insertMs: Math.round(inserted.ms),
      ladderPerStep: 'one timer: the next rung only (the reminder, weeks ahead), re-armed as each rung fires',
    },
    scheduling: {
      via: 'DeadlineJobs.schedule (findClocks + nextRung + job state, Queue.addBulk / changeDelay / remove)',
      steps: stepIds.length,
      batchSize: SCHEDULE_BATCH,
      concurrency: SCHEDULE_CONCURRENCY,
      ms: Math.round(scheduleMs),
      stepsPerSecond: Math.round(stepIds.length / (scheduleMs / 1000)),
      jobsPerSecond: Math.round(totalJobs / (scheduleMs / 1000)),
      queueCountsAfter: afterScheduling,
      timerSpotCheck: spot,
    },
    delayedJobsWaiting: {
      atProbeStart: delayedAtProbeStart,
      timersPerOpenStep: +(delayedAtProbeStart / stepIds.length).toFixed(3),
      atProbeEnd: delayedAtProbeEnd,
    },
    redisMemory: { bytesPerOpenStep: spot.bytesPerOpenStep, bound: MEMORY_BOUND_PER_STEP_BYTES },
    sweep: {
      everyMs: 30_000,
      lastRunBeforeProbes: sweepRanAt ? new Date(sweepRanAt).toISOString() : null,
      nextRunAfterProbes: sweepRanAt ? new Date(sweepRanAt + 30_000).toISOString() : null,
    },
    probes: results,
    lagMs: {
      probes: probes.length,
      stamped: lags.length,
      p50: percentile(lags, 0.5),
      p95: percentile(lags, 0.95),
      p99,
      max: maxLag,
      min: percentile(lags, 0),
    },
    verdict: {
      bound: `p99 of overdueAt − dueAt < ${LAG_BOUND_P99_MS} ms, every probe stamped by its own timer, with ≥ 100,000 open steps' timers waiting (one each) and ≤ ${MEMORY_BOUND_PER_STEP_BYTES} bytes of Redis per open step`,
      allStampedByDelayedJob: allStampedByJob,
      pass:
        allStampedByJob &&
        p99 !== null &&
        p99 < LAG_BOUND_P99_MS &&
        delayedAtProbeStart >= Math.min(100_000, stepIds.length) &&
        delayedAtProbeStart <= stepIds.length + PROBES &&
        spot.oneDelayedTimer === spot.checked &&
        spot.bytesPerOpenStep <= MEMORY_BOUND_PER_STEP_BYTES,
    },
  };
}

async function main(): Promise<void> {
  const port = Number(process.env.BENCH_LADDER_PORT ?? (await freePort()));
  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: BENCH_DB,
    REDIS_URL,
    PORT: String(port),
    BULLMQ_PREFIX,
    LOG_LEVEL: 'warn',
  };
  await recreateBenchDatabase(BENCH_DB, serverEnv);
  const version = await postgresVersion(BENCH_DB);
  await obliterateBenchQueues(REDIS_URL, BULLMQ_PREFIX);

  Object.assign(process.env, {
    DATABASE_URL: BENCH_DB,
    REDIS_URL,
    BULLMQ_PREFIX,
    LOG_LEVEL: 'silent',
    MIGRATIONS_RUN: 'false',
  });
  const server = ApiServer.start(serverEnv, port);
  let producer: Producer | undefined;
  let report: Record<string, unknown>;
  try {
    await server.waitUntilHealthy();
    producer = await createProducer();
    report = await run(producer);
  } catch (error) {
    process.stderr.write(`server log tail:\n${server.logTail()}\n`);
    throw error;
  } finally {
    await server.stop();
    await producer?.app.close();
    const cleanup = performance.now();
    await obliterateBenchQueues(REDIS_URL, BULLMQ_PREFIX);
    process.stderr.write(`queues obliterated in ${Math.round(performance.now() - cleanup)} ms\n`);
  }

  const summary = {
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, postgres: version },
    ...report,
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
