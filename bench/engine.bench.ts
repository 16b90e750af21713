// Benchmark (not a test): case openings (POST /api/cases) and step completions (POST /api/steps/:id/complete)
// per second over real HTTP on 127.0.0.1, beside pgbench on the same Postgres as a yardstick for what
// this machine's database can do at all; first with 1 API + 1 worker process, then 2 + 2 (the clients
// spread requests over the API processes as a load balancer would). Per operation it reports the CPU of
// the API, worker and PostgreSQL backend processes and of the whole machine (from /proc), commits and
// rows written; the API processes' peak resident memory; and the hot tables' growth per 10,000 cases.
// Run: npm run bench:engine   (needs PostgreSQL 15 with pgbench on PATH and Redis; builds dist/ first)
import { execFile } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { QueueName } from 'src/queue/queue.constants';
import { ApiServer, freePort } from './lib/api-server';
import { postgresVersion, recreateBenchDatabase, withAdminClient } from './lib/bench-database';
import { obliterateBenchQueues } from './lib/bench-queues';
import { CpuMeter, RssSampler } from './lib/proc-stats';

const execFileAsync = promisify(execFile);

// Own databases and queue prefix, so dutyflow / dutyflow_test / dutyflow_ci are never touched.
const BENCH_DB =
  process.env.BENCH_ENGINE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/dutyflow_bench_engine';
const PGBENCH_DB_NAME = process.env.BENCH_PGBENCH_DATABASE ?? 'dutyflow_pgbench';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BULLMQ_PREFIX = process.env.BENCH_ENGINE_PREFIX ?? 'dutyflow-bench-engine';
// API and worker processes per measured run: one of each, then two of each (scale-out on one machine).
const TOPOLOGIES: [number, number][] = (process.env.BENCH_ENGINE_TOPOLOGIES ?? '1x1,2x2')
  .split(',')
  .map((pair) => pair.split('x').map(Number) as [number, number]);
const CLI = join(__dirname, '..', 'dist', 'src', 'cli.js');

// Both sides get the same load shape: 8 concurrent clients for 20 s.
const CLIENTS = 8;
const PHASE_SECONDS = 20;
// A second bound besides time, so a surprisingly fast run still stops at a known count.
const MAX_REQUESTS_PER_PHASE = 200_000;
const PGBENCH_SCALE = 10;
const PGBENCH_THREADS = 2;

const PASSWORD = 'bench-engine-password';
const TOWNSHIP = '三个庄子镇';
const TOWN_USER = '奇台县三个庄子镇'; // `users demo` names township staff county + township
const TEMPLATE_QUERY = '残疾人证';
const TEMPLATE_NAME = '残疾人证管理';
const TOWN_LANE = 'township';

// Untimed openings before the timed phase: JIT, connection pools and caches warm up first.
const WARMUP_OPENINGS = 200;
// The completion phase must not run dry within its 20 s (each 残疾人证管理 case carries 7 town steps).
const MIN_TOWN_STEPS_FOR_COMPLETIONS = Number(process.env.BENCH_ENGINE_TOWN_STEPS ?? 20_000);
const REQUEST_TIMEOUT_MS = 30_000;

interface TownChain {
  caseId: string;
  stepIds: string[]; // the case's town-lane steps in position order; each completion readies the next
  next: number;
}

interface Outcome {
  status: number; // 0 = no HTTP response (network error or timeout)
  ms: number;
}

interface PhaseStats {
  requests: number;
  ok: number;
  errors: Record<string, number>;
  seconds: number;
  perSecond: number;
  okLatencyMs: { p50: number; p95: number; p99: number; max: number }; // of 2xx answers only
  stoppedBy: 'time' | 'count' | 'work list exhausted';
}

interface PgbenchResult {
  scale: number;
  clients: number;
  threads: number;
  seconds: number;
  transactions: number;
  tps: number;
  latencyAvgMs: number;
}

// ---------- databases and queues ----------

async function ensurePgbenchDatabase(): Promise<void> {
  await withAdminClient(BENCH_DB, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [PGBENCH_DB_NAME]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${PGBENCH_DB_NAME}"`);
  });
}

// ---------- pgbench ----------

function pgbenchConnectionArgs(): string[] {
  const parsed = new URL(BENCH_DB);
  return [
    '-h',
    parsed.hostname,
    '-p',
    parsed.port || '5432',
    '-U',
    decodeURIComponent(parsed.username || 'postgres'),
    PGBENCH_DB_NAME,
  ];
}

function pgbenchEnv(): NodeJS.ProcessEnv {
  const password = decodeURIComponent(new URL(BENCH_DB).password);
  return password ? { ...process.env, PGPASSWORD: password } : process.env;
}

function matchNumber(output: string, pattern: RegExp, what: string): number {
  const match = pattern.exec(output);
  if (!match) throw new Error(`pgbench output has no ${what}:\n${output}`);
  return Number(match[1]);
}

async function runPgbench(): Promise<PgbenchResult> {
  await ensurePgbenchDatabase();
  // -i drops and recreates pgbench's own tables, so every run starts from the same state.
  await execFileAsync('pgbench', ['-i', '-q', '-s', String(PGBENCH_SCALE), ...pgbenchConnectionArgs()], {
    env: pgbenchEnv(),
  });
  const { stdout } = await execFileAsync(
    'pgbench',
    [
      '-c',
      String(CLIENTS),
      '-j',
      String(PGBENCH_THREADS),
      '-T',
      String(PHASE_SECONDS),
      ...pgbenchConnectionArgs(),
    ],
    { env: pgbenchEnv() },
  );
  return {
    scale: PGBENCH_SCALE,
    clients: CLIENTS,
    threads: PGBENCH_THREADS,
    seconds: PHASE_SECONDS,
    transactions: matchNumber(
      stdout,
      /number of transactions actually processed: (\d+)/,
      'transaction count',
    ),
    // PostgreSQL 14+ says "without initial connection time"; older versions "excluding connections establishing".
    tps: matchNumber(
      stdout,
      /tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/,
      'tps',
    ),
    latencyAvgMs: matchNumber(stdout, /latency average = ([\d.]+) ms/, 'average latency'),
  };
}

// ---------- the API server ----------

// ---------- HTTP ----------

async function request(
  baseUrl: string,
  path: string,
  token: string | undefined,
  body?: unknown,
): Promise<{ status: number; json: unknown; ms: number }> {
  const start = performance.now();
  const response = await fetch(`${baseUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  // The body is read inside the timing: a client has not got its answer until it has all of it.
  const text = await response.text();
  const ms = performance.now() - start;
  return { status: response.status, json: text ? JSON.parse(text) : null, ms };
}

async function login(baseUrl: string, username: string): Promise<string> {
  const { status, json } = await request(baseUrl, '/api/auth/login', undefined, {
    username,
    password: PASSWORD,
  });
  if (status !== 200) throw new Error(`login as ${username} answered ${status}: ${JSON.stringify(json)}`);
  return (json as { accessToken: string }).accessToken;
}

async function findTemplateId(baseUrl: string, token: string): Promise<string> {
  const query = new URLSearchParams({ township: TOWNSHIP, q: TEMPLATE_QUERY });
  const { status, json } = await request(baseUrl, `/api/templates?${query.toString()}`, token);
  const items = status === 200 ? (json as { items: { id: string; name: string }[] }).items : [];
  const template = items.find((item) => item.name === TEMPLATE_NAME);
  if (!template)
    throw new Error(`no ${TEMPLATE_NAME} template for ${TOWNSHIP} (GET /templates answered ${status})`);
  return template.id;
}

// ---------- load runner ----------

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return +sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))].toFixed(1);
}

interface RunLimits {
  seconds?: number; // untimed runs (warm-up, preparation) are bounded by count only
  maxRequests: number;
}

// `CLIENTS` workers each send one request at a time until time, count or work runs out.
// `next` returns undefined when there is no more work; it must not hand two workers the same case.
async function runClients(
  next: () => (() => Promise<Outcome>) | undefined,
  limits: RunLimits,
): Promise<PhaseStats> {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let started = 0;
  let exhausted = false;
  const begin = performance.now();
  const deadline = limits.seconds === undefined ? Infinity : begin + limits.seconds * 1000;

  const worker = async (): Promise<void> => {
    while (performance.now() < deadline && started < limits.maxRequests) {
      const send = next();
      if (!send) {
        exhausted = true;
        return;
      }
      started += 1;
      const outcome = await send();
      if (outcome.status >= 200 && outcome.status < 300) latencies.push(outcome.ms);
      else errors[String(outcome.status)] = (errors[String(outcome.status)] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, worker));

  const seconds = (performance.now() - begin) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: started,
    ok: sorted.length,
    errors,
    seconds: +seconds.toFixed(2),
    perSecond: +(sorted.length / seconds).toFixed(1),
    okLatencyMs: {
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      p99: percentile(sorted, 0.99),
      max: percentile(sorted, 1),
    },
    stoppedBy: exhausted ? 'work list exhausted' : started >= limits.maxRequests ? 'count' : 'time',
  };
}

// A network error or timeout counts as status 0 rather than ending the run.
async function timed(
  send: () => Promise<{ status: number; json: unknown; ms: number }>,
): Promise<Outcome & { json?: unknown }> {
  const start = performance.now();
  try {
    return await send();
  } catch {
    return { status: 0, ms: performance.now() - start };
  }
}

// ---------- the two measured operations ----------

interface StepView {
  id: string;
  position: number;
  lane: string;
  status: string;
}

function townChainOf(opened: unknown): TownChain | undefined {
  const detail = opened as { id: string; steps: StepView[] };
  const town = detail.steps.filter((step) => step.lane === TOWN_LANE).sort((a, b) => a.position - b.position);
  // The default flow starts the town lane at once; a case whose first town step is not ready is of no use.
  if (town.length === 0 || town[0].status !== 'ready') return undefined;
  return { caseId: detail.id, stepIds: town.map((step) => step.id), next: 0 };
}

// Opens cases; every opened case goes on `chains` for the completion phase.
function openings(
  pick: () => string,
  token: string,
  templateId: string,
  chains: TownChain[],
): () => () => Promise<Outcome> {
  let serial = 0;
  return () => async () => {
    serial += 1;
    const body = { templateId, title: `基准测试 ${serial} 残疾人证申请`, subject: `申请人${serial}` };
    const outcome = await timed(() => request(pick(), '/api/cases', token, body));
    if (outcome.status === 201) {
      const chain = townChainOf(outcome.json);
      if (chain) chains.push(chain);
    }
    return outcome;
  };
}

// Round-robin over cases: a worker takes a case off the front, completes its next town step and puts
// it back at the end. No case is ever in two workers' hands, so the requests do not queue on one
// case's row lock; a failed completion drops that case, since its state is then unknown.
function completions(
  pick: () => string,
  token: string,
  chains: TownChain[],
): () => (() => Promise<Outcome>) | undefined {
  const queue = [...chains];
  return () => {
    const chain = queue.shift();
    if (!chain) return undefined;
    return async () => {
      const stepId = chain.stepIds[chain.next];
      const outcome = await timed(() =>
        request(pick(), `/api/steps/${stepId}/complete`, token, { note: '已办理' }),
      );
      chain.next += 1;
      if (outcome.status === 200 && chain.next < chain.stepIds.length) queue.push(chain);
      return outcome;
    };
  };
}

function townSteps(chains: TownChain[]): number {
  return chains.reduce((sum, chain) => sum + chain.stepIds.length - chain.next, 0);
}

// ---------- processes, CPU, memory, database anatomy ----------

interface Topology {
  name: string;
  apis: ApiServer[];
  workers: ApiServer[];
}

// `apiCount` API processes (the first imports the seeds at start) and `workerCount` worker processes,
// as a deployment behind a load balancer runs them; the benchmark's clients play the balancer.
async function startTopology(
  env: NodeJS.ProcessEnv,
  apiCount: number,
  workerCount: number,
): Promise<Topology> {
  const apis: ApiServer[] = [];
  const workers: ApiServer[] = [];
  try {
    for (let i = 0; i < apiCount; i += 1) {
      const command = i === 0 ? ['serve', '--import-seeds'] : ['serve'];
      const api = ApiServer.start(env, await freePort(), command);
      apis.push(api);
      await api.waitUntilHealthy();
    }
    for (let i = 0; i < workerCount; i += 1) workers.push(ApiServer.startWorker(env));
    await waitForWorkers(workerCount);
    if (workers.some((worker) => !worker.running)) throw new Error('a worker process exited at start');
  } catch (error) {
    await Promise.all([...apis, ...workers].map((process) => process.stop()));
    throw error;
  }
  return { name: `${apiCount} API + ${workerCount} worker`, apis, workers };
}

// Every worker process has registered with the queues (BullMQ lists its connections by name).
async function waitForWorkers(count: number): Promise<void> {
  const { Queue } = await import('bullmq');
  const queue = new Queue(QueueName.Notifications, { connection: { url: REDIS_URL }, prefix: BULLMQ_PREFIX });
  try {
    const deadline = Date.now() + 120_000;
    while ((await queue.getWorkersCount()) < count) {
      if (Date.now() > deadline)
        throw new Error(`only ${await queue.getWorkersCount()} of ${count} workers started`);
      await sleep(250);
    }
  } finally {
    await queue.close();
  }
}

async function stopTopology(topology: Topology): Promise<void> {
  await Promise.all([...topology.apis, ...topology.workers].map((process) => process.stop()));
}

// The PostgreSQL backends serving the benchmark database (the apps' connection pools).
async function backendPids(client: Client): Promise<number[]> {
  const rows = await client.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  );
  return rows.rows.map((row) => row.pid);
}

interface DatabaseCounters {
  commits: number;
  rowsWritten: Record<string, number>;
}

// Commits of the benchmark database and rows written per table (pg_stat views lag a little: read
// after pg_stat_clear_snapshot, with the statistics collector's own delay tolerated by a pause).
async function databaseCounters(client: Client): Promise<DatabaseCounters> {
  await sleep(1_000);
  await client.query('SELECT pg_stat_clear_snapshot()');
  const commits = await client.query<{ n: string }>(
    'SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()',
  );
  const tables = await client.query<{ relname: string; n: string }>(
    'SELECT relname, n_tup_ins + n_tup_upd + n_tup_del AS n FROM pg_stat_user_tables',
  );
  return {
    commits: Number(commits.rows[0].n),
    rowsWritten: Object.fromEntries(tables.rows.map((row) => [row.relname, Number(row.n)])),
  };
}

function perOperation(before: DatabaseCounters, after: DatabaseCounters, operations: number) {
  const rows: Record<string, number> = {};
  let total = 0;
  for (const [table, count] of Object.entries(after.rowsWritten)) {
    const delta = count - (before.rowsWritten[table] ?? 0);
    if (delta > 0) {
      rows[table] = +(delta / operations).toFixed(2);
      total += delta;
    }
  }
  return {
    // Every statement outside a transaction counts too, read-only ones included (they flush no WAL).
    transactionsPerOperation: +((after.commits - before.commits) / operations).toFixed(2),
    rowsWrittenPerOperation: +(total / operations).toFixed(2),
    rowsWrittenByTable: rows,
  };
}

const HOT_TABLES = [
  'cases',
  'case_steps',
  'case_events',
  'outbox_events',
  'notifications',
  'supervision_open_steps',
  'idempotency_keys',
];

// Rows and bytes (table + indexes + TOAST) of the hot tables, scaled to 10,000 cases.
async function growthPer10kCases(client: Client) {
  const cases = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM cases')).rows[0].n);
  const sizes = await client.query<{ relname: string; rows: string; bytes: string }>(
    `SELECT c.relname, s.n_live_tup AS rows, pg_total_relation_size(c.oid) AS bytes
     FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.relname = ANY($1)`,
    [HOT_TABLES],
  );
  const scale = 10_000 / Math.max(1, cases);
  return {
    casesMeasured: cases,
    tables: Object.fromEntries(
      sizes.rows.map((row) => [
        row.relname,
        {
          rows: Math.round(Number(row.rows) * scale),
          megabytes: +((Number(row.bytes) * scale) / 1e6).toFixed(1),
        },
      ]),
    ),
  };
}

// ---------- main ----------

function ratio(rate: number, tps: number): number {
  return +(rate / tps).toFixed(4);
}

async function measureTopology(topology: Topology, env: NodeJS.ProcessEnv, admin: Client) {
  const urls = topology.apis.map((api) => api.baseUrl);
  let turn = 0;
  const pick = (): string => urls[turn++ % urls.length];
  const token = await login(urls[0], TOWN_USER);
  const templateId = await findTemplateId(urls[0], token);
  const chains: TownChain[] = [];
  const open = openings(pick, token, templateId, chains);
  const apiPids = (): number[] => topology.apis.map((api) => api.pid);
  const workerPids = (): number[] => topology.workers.map((worker) => worker.pid);
  const meter = (): Promise<CpuMeter> =>
    new CpuMeter({ api: apiPids, worker: workerPids, postgres: () => backendPids(admin) }).begin();
  const rss = new RssSampler(apiPids());

  await runClients(open, { maxRequests: WARMUP_OPENINGS });
  const openingCpu = await meter();
  const openingStats = await runClients(open, {
    seconds: PHASE_SECONDS,
    maxRequests: MAX_REQUESTS_PER_PHASE,
  });
  const openingCpuMs = await openingCpu.perOperation(openingStats.ok);

  // Not timed: enough open cases that the completion phase is bounded by time, not by work.
  if (chains.length === 0) throw new Error(`no case opened:\n${topology.apis[0].logTail()}`);
  const stepsPerCase = chains[0].stepIds.length;
  const missing = Math.ceil(Math.max(0, MIN_TOWN_STEPS_FOR_COMPLETIONS - townSteps(chains)) / stepsPerCase);
  if (missing > 0) await runClients(open, { maxRequests: missing });
  await sleep(2_000); // the workers finish the openings' notifications before completions are measured

  const townStepsInWorkList = townSteps(chains);
  const before = await databaseCounters(admin);
  const completionCpu = await meter();
  const completionStats = await runClients(completions(pick, token, chains), {
    seconds: PHASE_SECONDS,
    maxRequests: MAX_REQUESTS_PER_PHASE,
  });
  const completionCpuMs = await completionCpu.perOperation(completionStats.ok);
  await sleep(2_000); // and the completions' after-commit work, which is part of their cost
  const after = await databaseCounters(admin);
  const apiRssPeakMb = rss.stop();
  return {
    topology: topology.name,
    openings: { ...openingStats, cpuMsPerOperation: openingCpuMs },
    completions: {
      ...completionStats,
      casesInWorkList: chains.length,
      townStepsInWorkList,
      cpuMsPerOperation: completionCpuMs,
      database: perOperation(before, after, Math.max(1, completionStats.ok)),
    },
    apiRssPeakMb,
  };
}

async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: BENCH_DB,
    REDIS_URL,
    BULLMQ_PREFIX,
    LOG_LEVEL: 'warn',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
  };

  // pgbench first, while nothing else of ours runs, so its figure is the machine's baseline.
  const pgbench = await runPgbench();
  await recreateBenchDatabase(BENCH_DB, env);
  await obliterateBenchQueues(REDIS_URL, BULLMQ_PREFIX);

  const admin = new Client({ connectionString: BENCH_DB });
  await admin.connect();
  const runs: Awaited<ReturnType<typeof measureTopology>>[] = [];
  let growth: Awaited<ReturnType<typeof growthPer10kCases>>;
  try {
    for (const [apiCount, workerCount] of TOPOLOGIES) {
      const topology = await startTopology(env, apiCount, workerCount);
      try {
        if (runs.length === 0)
          await execFileAsync(process.execPath, [CLI, 'users', 'demo', '--password', PASSWORD], { env });
        runs.push(await measureTopology(topology, env, admin));
      } finally {
        await stopTopology(topology);
      }
    }
    growth = await growthPer10kCases(admin);
  } finally {
    await admin.end();
    await obliterateBenchQueues(REDIS_URL, BULLMQ_PREFIX);
  }

  const withRatios = runs.map((run) => ({
    topology: run.topology,
    caseOpenings: {
      route: 'POST /api/cases',
      ...run.openings,
      ratioToPgbenchTps: ratio(run.openings.perSecond, pgbench.tps),
    },
    stepCompletions: {
      route: 'POST /api/steps/:id/complete',
      ...run.completions,
      ratioToPgbenchTps: ratio(run.completions.perSecond, pgbench.tps),
    },
    apiRssPeakMb: run.apiRssPeakMb,
  }));
  const [single, double] = withRatios;
  const summary = {
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      node: process.version,
      postgres: await postgresVersion(BENCH_DB),
      loadAverageAtEnd: loadavg().map((value) => +value.toFixed(2)),
    },
    load: { clients: CLIENTS, secondsPerPhase: PHASE_SECONDS, maxRequestsPerPhase: MAX_REQUESTS_PER_PHASE },
    pgbench,
    runs: withRatios,
    scaling: double
      ? {
          openings: +(double.caseOpenings.perSecond / single.caseOpenings.perSecond).toFixed(2),
          completions: +(double.stepCompletions.perSecond / single.stepCompletions.perSecond).toFixed(2),
          note: `${double.topology} against ${single.topology}, same ${CLIENTS} clients spread over the API processes`,
        }
      : null,
    growthPer10kCases: growth,
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
