// Benchmark (not a test): case openings (POST /cases) and step completions (POST /steps/:id/complete)
// per second over real HTTP on 127.0.0.1, beside pgbench on the same Postgres as a yardstick for what
// this machine's database can do at all.
// Run: npm run bench:engine   (needs PostgreSQL 15 with pgbench on PATH and Redis; builds dist/ first)
import { execFile } from 'node:child_process';
import { cpus } from 'node:os';
import { promisify } from 'node:util';
import { ApiServer, freePort } from './lib/api-server';
import { postgresVersion, recreateBenchDatabase, withAdminClient } from './lib/bench-database';
import { obliterateBenchQueues } from './lib/bench-queues';
import { LoadShape, MAX_REQUESTS_PER_PHASE, measureHttp } from './lib/engine-load';

const execFileAsync = promisify(execFile);

// Own databases and queue prefix, so dutyflow / dutyflow_test / dutyflow_ci are never touched.
const BENCH_DB =
  process.env.BENCH_ENGINE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/dutyflow_bench_engine';
const PGBENCH_DB_NAME = 'dutyflow_pgbench';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BULLMQ_PREFIX = 'dutyflow-bench-engine';

// Both sides get the same load shape: 8 concurrent clients for 20 s.
const CLIENTS = 8;
const PHASE_SECONDS = 20;
const PGBENCH_SCALE = 10;
const PGBENCH_THREADS = 2;
const LOAD: LoadShape = {
  clients: CLIENTS,
  phaseSeconds: PHASE_SECONDS,
  warmupOpenings: 200,
  minTownStepsForCompletions: 20_000,
};

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

// ---------- main ----------

function ratio(rate: number, tps: number): number {
  return +(rate / tps).toFixed(4);
}

async function main(): Promise<void> {
  const port = Number(process.env.BENCH_ENGINE_PORT ?? (await freePort()));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: BENCH_DB,
    REDIS_URL,
    PORT: String(port),
    BULLMQ_PREFIX,
    LOG_LEVEL: 'warn',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
  };

  // pgbench first, while nothing else runs, so its figure is the machine's uncontended baseline.
  const pgbench = await runPgbench();
  await recreateBenchDatabase(BENCH_DB, env);
  await obliterateBenchQueues(REDIS_URL, BULLMQ_PREFIX);

  const server = ApiServer.start(env, port);
  let http: Awaited<ReturnType<typeof measureHttp>>;
  try {
    await server.waitUntilHealthy();
    http = await measureHttp(server, env, LOAD);
  } finally {
    await server.stop();
  }

  const summary = {
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      node: process.version,
      postgres: await postgresVersion(BENCH_DB),
    },
    load: { clients: CLIENTS, secondsPerPhase: PHASE_SECONDS, maxRequestsPerPhase: MAX_REQUESTS_PER_PHASE },
    pgbench,
    caseOpenings: {
      route: 'POST /cases',
      ...http.openings,
      ratioToPgbenchTps: ratio(http.openings.perSecond, pgbench.tps),
    },
    stepCompletions: {
      route: 'POST /steps/:id/complete',
      ...http.completions,
      ratioToPgbenchTps: ratio(http.completions.perSecond, pgbench.tps),
    },
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
