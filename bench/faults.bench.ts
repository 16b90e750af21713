// Fault benchmark (issue 11): 8 clients open cases and complete steps over HTTP with Idempotency-Keys,
// retrying each operation under its key until it is acknowledged, while the script in turn kill -9s
// the API, kill -9s the worker, restarts Redis empty (its data lost, as after a restart without AOF)
// and restarts PostgreSQL. Afterwards it counts what must be zero: acknowledged transitions lost,
// duplicate cases, idempotency keys stuck (an operation that no retry gets acknowledged), 5xx answers
// other than 503 (503 + Retry-After is the answer during an outage), jobs stuck (failed, or
// waiting/active after the queues had time to drain, and undispatched outbox rows), audit events
// written twice, partial cases, steps started before a predecessor finished, steps made due during the
// faults that did not get their overdue mark within 60 s, and notifications lost (bench/lib/fault-checks.ts).
// BENCH_FAULTS_TAMPER=1 breaks the private database once per count before counting (each must show 1+).
// Everything runs on private servers under /tmp (initdb/pg_ctl, redis-server) — never the shared ones.
// Run: npm run bench:faults   (builds dist/ first; needs initdb/pg_ctl/psql and redis-server on PATH)
import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { QueueName } from 'src/queue/queue.constants';
import { PrivatePostgres } from 'test/utils/private-postgres';
import { PrivateRedis } from 'test/utils/private-redis';
import { ApiServer } from './lib/api-server';
import {
  DueProbe,
  duplicatedEvents,
  lateOverdueMarks,
  lostNotifications,
  makeDueSoon,
  OVERDUE_WITHIN_MS,
  partialCases,
  stepsReadyTooEarly,
  tamper,
} from './lib/fault-checks';

const execFileAsync = promisify(execFile);
const CLI = `${__dirname}/../dist/src/cli.js`;

const PG_PORT = Number(process.env.BENCH_FAULTS_PG_PORT ?? 5442);
const REDIS_PORT = Number(process.env.BENCH_FAULTS_REDIS_PORT ?? 6392);
const API_PORT = Number(process.env.BENCH_FAULTS_API_PORT ?? 3533);
const PREFIX = process.env.BENCH_FAULTS_PREFIX ?? 'df-faults-bench';
const TAMPER = process.env.BENCH_FAULTS_TAMPER === '1';
const CLIENTS = 8;
const PASSWORD = 'bench-faults-password';
const TOWN_USER = '奇台县三个庄子镇';
const TEMPLATE_NAME = '残疾人证管理';
// Calm time between faults, so the clients get work through in between.
const BETWEEN_FAULTS_MS = Number(process.env.BENCH_FAULTS_CALM_MS ?? 8_000);
// After the clients stop: how long an unacknowledged operation may be retried, and the queues drain.
const FINAL_RETRY_MS = 120_000;
const DRAIN_MS = 120_000;
const RETRY_PAUSE_MS = 250;
const REQUEST_TIMEOUT_MS = 15_000;
// Steps made due during the faults: how many, the first one's deadline after they are set, spacing
// (40 × 1.5 s spans the fault schedule).
const DUE_PROBES = 40;
const FIRST_DUE_MS = 5_000;
const DUE_SPACING_MS = 1_500;

interface Counters {
  requests: number;
  answered503: number;
  other5xx: number;
  networkErrors: number;
  conflicts409: number;
}

interface Acknowledged {
  cases: Map<string, string>; // applicant name → case id
  completedSteps: Set<string>;
}

const counters: Counters = { requests: 0, answered503: 0, other5xx: 0, networkErrors: 0, conflicts409: 0 };
const fiveHundreds: string[] = [];

async function post(path: string, token: string, key: string, body: unknown) {
  counters.requests += 1;
  try {
    const response = await fetch(`http://127.0.0.1:${API_PORT}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': key,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    if (response.status === 503) counters.answered503 += 1;
    else if (response.status >= 500) {
      counters.other5xx += 1;
      fiveHundreds.push(`${response.status} ${path} ${text.slice(0, 200)}`);
    } else if (response.status === 409) counters.conflicts409 += 1;
    return { status: response.status, json: text ? (JSON.parse(text) as unknown) : null };
  } catch {
    counters.networkErrors += 1;
    return { status: 0, json: null };
  }
}

// One logical operation under one key, retried until acknowledged (2xx) or `until` has passed.
async function untilAcknowledged(
  path: string,
  token: string,
  key: string,
  body: unknown,
  until: () => boolean,
): Promise<unknown> {
  for (;;) {
    const { status, json } = await post(path, token, key, body);
    if (status >= 200 && status < 300) return json;
    if (status >= 400 && status < 500 && status !== 409 && status !== 429)
      throw new Error(`${path} refused ${status}: ${JSON.stringify(json)}`);
    if (until()) return undefined;
    await sleep(RETRY_PAUSE_MS);
  }
}

interface StepView {
  id: string;
  lane: string;
  status: string;
}

// A client: open a case, complete its first ready town step; again. The last unacknowledged
// operation is handed back so the final phase retries it under the same key.
async function client(
  index: number,
  token: string,
  templateId: string,
  acked: Acknowledged,
  running: () => boolean,
  pending: (() => Promise<void>)[],
): Promise<void> {
  for (let n = 1; running(); n += 1) {
    const name = `基准${index}-${n}`;
    const openKey = `bench-open-${index}-${n}`;
    const body = { templateId, applicant: { name } };
    const open = async (until: () => boolean): Promise<boolean> => {
      const opened = (await untilAcknowledged('/api/cases', token, openKey, body, until)) as {
        id: string;
        steps: StepView[];
      } | null;
      if (!opened) return false;
      acked.cases.set(name, opened.id);
      const step = opened.steps.find((s) => s.lane === 'township' && s.status === 'ready');
      if (!step) return true;
      const completeKey = `bench-complete-${step.id}`;
      const complete = async (later: () => boolean): Promise<boolean> => {
        const done = await untilAcknowledged(
          `/api/steps/${step.id}/complete`,
          token,
          completeKey,
          { note: '已办理' },
          later,
        );
        if (done) acked.completedSteps.add(step.id);
        return Boolean(done);
      };
      if (!(await complete(() => !running())))
        pending.push(async () => void (await complete(finalDeadline())));
      return true;
    };
    if (!(await open(() => !running()))) pending.push(async () => void (await open(finalDeadline())));
  }
}

function finalDeadline(): () => boolean {
  const end = Date.now() + FINAL_RETRY_MS;
  return () => Date.now() > end;
}

async function login(): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${API_PORT}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: TOWN_USER, password: PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login answered ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function templateIdOf(token: string): Promise<string> {
  const query = new URLSearchParams({ township: '三个庄子镇', q: '残疾人证' });
  const response = await fetch(`http://127.0.0.1:${API_PORT}/api/templates?${query.toString()}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const { items } = (await response.json()) as { items: { id: string; name: string }[] };
  const found = items.find((item) => item.name === TEMPLATE_NAME);
  if (!found) throw new Error(`no ${TEMPLATE_NAME} template`);
  return found.id;
}

// The overdue marks of the probes are counted once the last one had its 60 s (or all are marked).
async function untilOverdueWindowPassed(probes: DueProbe[]): Promise<void> {
  if (probes.length === 0) return;
  const last = Math.max(...probes.map((probe) => probe.dueAt.getTime()));
  const wait = last + OVERDUE_WITHIN_MS + 2_000 - Date.now();
  if (wait > 0) await sleep(wait);
}

function log(message: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function stuckJobs(redisUrl: string, databaseUrl: string): Promise<Record<string, number>> {
  const deadline = Date.now() + DRAIN_MS;
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    return await drained(redisUrl, db, deadline);
  } finally {
    await db.end();
  }
}

async function drained(redisUrl: string, db: Client, deadline: number): Promise<Record<string, number>> {
  for (;;) {
    const counts = { failed: 0, waiting: 0, active: 0, outboxUndispatched: 0 };
    for (const name of Object.values(QueueName)) {
      const queue = new Queue(name, { connection: { url: redisUrl }, prefix: PREFIX });
      const c = await queue.getJobCounts('failed', 'waiting', 'active');
      counts.failed += c.failed;
      counts.waiting += c.waiting;
      counts.active += c.active;
      await queue.close();
    }
    const [{ n }] = (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbox_events WHERE "dispatchedAt" IS NULL`,
      )
    ).rows;
    counts.outboxUndispatched = n;
    const total = counts.failed + counts.waiting + counts.active + counts.outboxUndispatched;
    if (total === 0 || Date.now() > deadline) return counts;
    await sleep(2_000);
  }
}

async function main(): Promise<void> {
  const postgres = new PrivatePostgres(PG_PORT);
  const redis = new PrivateRedis(REDIS_PORT);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: postgres.url('dutyflow'),
    REDIS_URL: redis.url,
    BULLMQ_PREFIX: PREFIX,
    LOG_LEVEL: 'warn',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    SHUTDOWN_TIMEOUT_SECONDS: '3',
  };
  let api: ApiServer | undefined;
  let worker: ApiServer | undefined;
  const db = new Client({ connectionString: postgres.url('dutyflow') });
  try {
    await postgres.start();
    postgres.createDatabase('dutyflow');
    await redis.start();
    log(`private PostgreSQL :${PG_PORT}, Redis :${REDIS_PORT}; starting API :${API_PORT} + worker`);
    // /health is 200 only once the worker has registered the job schedulers: the worker starts too.
    api = ApiServer.start(env, API_PORT, ['serve', '--import-seeds']);
    await sleep(5_000); // the API migrates first; the worker then finds the schema current
    worker = ApiServer.startWorker(env);
    await api.waitUntilHealthy();
    await execFileAsync(process.execPath, [CLI, 'users', 'demo', '--password', PASSWORD], { env });
    const token = await login();
    const templateId = await templateIdOf(token);

    const acked: Acknowledged = { cases: new Map(), completedSteps: new Set() };
    const pending: (() => Promise<void>)[] = [];
    let running = true;
    const clients = Array.from({ length: CLIENTS }, (_, i) =>
      client(i + 1, token, templateId, acked, () => running, pending),
    );

    const faults: [string, () => Promise<void>][] = [
      [
        'kill -9 the API, start it again',
        async () => {
          process.kill(api!.pid, 'SIGKILL');
          await sleep(1_000);
          api = ApiServer.start(env, API_PORT, ['serve']);
          await api.waitUntilHealthy();
        },
      ],
      [
        'kill -9 the worker, start it again',
        async () => {
          process.kill(worker!.pid, 'SIGKILL');
          await sleep(1_000);
          worker = ApiServer.startWorker(env);
        },
      ],
      [
        'stop Redis (its data is lost), start it again empty',
        async () => {
          await redis.stop();
          await sleep(5_000);
          await redis.start();
        },
      ],
      [
        'restart PostgreSQL (fast shutdown: connections cut)',
        async () => {
          await postgres.stop();
          await sleep(5_000);
          await postgres.start();
        },
      ],
    ];
    // The orchestrator's part (systemd/Kubernetes restart policy): a process that exited — a start-up
    // refused while Redis or PostgreSQL was away fails fast by design — is started again, and the
    // next fault waits until /health is 200 (schedulers registered, both stores up).
    let restarts = 0;
    const supervise = async (): Promise<void> => {
      if (!api?.running) {
        restarts += 1;
        api = ApiServer.start(env, API_PORT, ['serve']);
      }
      if (!worker?.running) {
        restarts += 1;
        worker = ApiServer.startWorker(env);
      }
      await api.waitUntilHealthy();
    };
    await sleep(BETWEEN_FAULTS_MS);
    const start = Date.now() + FIRST_DUE_MS;
    const dues = Array.from({ length: DUE_PROBES }, (_, i) => new Date(start + i * DUE_SPACING_MS));
    const { probes, timersMoved } = await makeDueSoon(postgres.url('dutyflow'), redis.url, PREFIX, dues);
    log(`${probes.length} open steps made due in the next ${(DUE_PROBES * DUE_SPACING_MS) / 1000} s`);
    for (const [what, fault] of faults) {
      log(`fault: ${what}`);
      await fault();
      await sleep(BETWEEN_FAULTS_MS);
      await supervise();
    }
    running = false;
    await Promise.all(clients);
    log(`clients stopped; retrying ${pending.length} unacknowledged operation(s) under their keys`);
    const before = pending.length;
    await Promise.all(pending.map((retry) => retry()));
    await supervise();
    await untilOverdueWindowPassed(probes);
    const jobs = await stuckJobs(redis.url, postgres.url('dutyflow'));
    // Nothing changes the database while it is counted (and a tampered row is not healed meanwhile).
    await Promise.all([api.stop(), worker.stop()]);

    await db.connect();
    if (TAMPER) {
      const untouched = {
        events: await duplicatedEvents(db),
        partial: await partialCases(db),
        early: await stepsReadyTooEarly(db),
        late: (await lateOverdueMarks(db, probes)).late,
        lostNotices: await lostNotifications(db),
      };
      log(`before tampering: ${JSON.stringify(untouched)}; breaking each count once`);
      await tamper(db, probes);
    }
    const opened = acked.cases.size;
    const lostCases = (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM unnest($1::uuid[]) id WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = id)`,
        [[...acked.cases.values()]],
      )
    ).rows[0].n;
    const lostCompletions = (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM unnest($1::uuid[]) sid
         WHERE NOT EXISTS (SELECT 1 FROM case_steps s WHERE s.id = sid AND s.status = 'completed')`,
        [[...acked.completedSteps]],
      )
    ).rows[0].n;
    const duplicates = (
      await db.query<{ n: number }>(
        `SELECT coalesce(sum(n - 1), 0)::int AS n FROM (SELECT count(*) AS n FROM cases GROUP BY subject) s`,
      )
    ).rows[0].n;
    const unacknowledged = (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM idempotency_keys WHERE "responseStatus" IS NULL`,
      )
    ).rows[0].n;
    const events = await duplicatedEvents(db);
    const partial = await partialCases(db);
    const early = await stepsReadyTooEarly(db);
    const overdue = await lateOverdueMarks(db, probes);
    const lostNotices = await lostNotifications(db);
    const stuckJobTotal = jobs.failed + jobs.waiting + jobs.active + jobs.outboxUndispatched;
    const results = {
      'cases opened (acknowledged)': opened,
      'steps completed (acknowledged)': acked.completedSteps.size,
      requests: counters.requests,
      '503 answers (outage, with Retry-After)': counters.answered503,
      'network errors (API down)': counters.networkErrors,
      '409 answers (key in progress, retried)': counters.conflicts409,
      'operations retried after the run': before,
      'processes restarted by the supervisor (exited at start-up during an outage)': restarts,
      'LOST acknowledged transitions': lostCases + lostCompletions,
      'DUPLICATE cases': duplicates,
      'STUCK keys (never acknowledged / left without answer)': unacknowledged,
      '5xx answers other than 503': counters.other5xx,
      'STUCK jobs (failed + waiting + active + undispatched outbox)': stuckJobTotal,
      'DUPLICATED events (a transition recorded twice)': events,
      'PARTIAL cases (opening event or template steps missing)': partial,
      'steps READY TOO EARLY (a predecessor unfinished)': early,
      'steps made due during the faults': probes.length,
      '  of them: timers moved in Redis (the rest: sweep only)': timersMoved,
      '  largest lag due → overdue mark (ms)': overdue.maxLagMs ?? '-',
      [`LATE overdue marks (none within ${OVERDUE_WITHIN_MS / 1000} s of due)`]: overdue.late,
      'LOST notifications (step ready / overdue without its unit notice)': lostNotices,
    };
    console.table(results);
    if (fiveHundreds.length > 0) console.log(fiveHundreds.slice(0, 10).join('\n'));
    console.log(JSON.stringify({ jobs }));
    const zero =
      lostCases +
      lostCompletions +
      duplicates +
      unacknowledged +
      counters.other5xx +
      stuckJobTotal +
      events +
      partial +
      early +
      overdue.late +
      lostNotices;
    process.exitCode = zero === 0 ? 0 : 1;
  } finally {
    await db.end().catch(() => undefined);
    await Promise.all([api?.stop(), worker?.stop()]);
    await redis.dispose();
    await postgres.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
