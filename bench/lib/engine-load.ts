// The engine's HTTP load, shared by the benchmarks that measure it: township staff open 残疾人证管理
// cases of 三个庄子镇, then complete their town steps, with a fixed number of concurrent clients.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { ApiServer } from './api-server';

const execFileAsync = promisify(execFile);
const CLI = join(__dirname, '..', '..', 'dist', 'src', 'cli.js');

// A second bound besides time, so a surprisingly fast run still stops at a known count.
export const MAX_REQUESTS_PER_PHASE = 200_000;

export const PASSWORD = 'bench-engine-password';
const TOWNSHIP = '三个庄子镇';
const TOWN_USER = '奇台县三个庄子镇'; // `users demo` names township staff county + township
const TEMPLATE_QUERY = '残疾人证';
const TEMPLATE_NAME = '残疾人证管理';
const TOWN_LANE = 'township';

export interface LoadShape {
  clients: number;
  phaseSeconds: number;
  // Untimed openings before the timed phase: JIT, connection pools and caches warm up first.
  warmupOpenings: number;
  // The completion phase must not run dry within its time (each 残疾人证管理 case carries 7 town steps).
  minTownStepsForCompletions: number;
}

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

export interface PhaseStats {
  requests: number;
  ok: number;
  errors: Record<string, number>;
  seconds: number;
  perSecond: number;
  okLatencyMs: { p50: number; p95: number; p99: number; max: number }; // of 2xx answers only
  stoppedBy: 'time' | 'count' | 'work list exhausted';
}

// ---------- HTTP ----------

export async function request(
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

export async function login(baseUrl: string, username: string): Promise<string> {
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

// `clients` workers each send one request at a time until time, count or work runs out.
// `next` returns undefined when there is no more work; it must not hand two workers the same case.
async function runClients(
  next: () => (() => Promise<Outcome>) | undefined,
  limits: RunLimits,
  clients: number,
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
  await Promise.all(Array.from({ length: clients }, worker));

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
  baseUrl: string,
  token: string,
  templateId: string,
  chains: TownChain[],
): () => () => Promise<Outcome> {
  let serial = 0;
  return () => async () => {
    serial += 1;
    const body = { templateId, title: `基准测试 ${serial} 残疾人证申请`, subject: `申请人${serial}` };
    const outcome = await timed(() => request(baseUrl, '/api/cases', token, body));
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
  baseUrl: string,
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
        request(baseUrl, `/api/steps/${stepId}/complete`, token, { note: '已办理' }),
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

export async function measureHttp(
  server: ApiServer,
  env: NodeJS.ProcessEnv,
  shape: LoadShape,
): Promise<{
  openings: PhaseStats;
  completions: PhaseStats & { casesInWorkList: number; townStepsInWorkList: number };
}> {
  await execFileAsync(process.execPath, [CLI, 'users', 'demo', '--password', PASSWORD], { env });
  const token = await login(server.baseUrl, TOWN_USER);
  const templateId = await findTemplateId(server.baseUrl, token);
  const chains: TownChain[] = [];
  const open = openings(server.baseUrl, token, templateId, chains);

  await runClients(open, { maxRequests: shape.warmupOpenings }, shape.clients);
  const openingStats = await runClients(
    open,
    { seconds: shape.phaseSeconds, maxRequests: MAX_REQUESTS_PER_PHASE },
    shape.clients,
  );

  // Not timed: enough open cases that the completion phase is bounded by time, not by work.
  if (chains.length === 0) throw new Error(`no case opened:\n${server.logTail()}`);
  const stepsPerCase = chains[0].stepIds.length;
  const missing = Math.ceil(Math.max(0, shape.minTownStepsForCompletions - townSteps(chains)) / stepsPerCase);
  if (missing > 0) await runClients(open, { maxRequests: missing }, shape.clients);

  const townStepsInWorkList = townSteps(chains);
  const completionStats = await runClients(
    completions(server.baseUrl, token, chains),
    { seconds: shape.phaseSeconds, maxRequests: MAX_REQUESTS_PER_PHASE },
    shape.clients,
  );
  return {
    openings: openingStats,
    completions: { ...completionStats, casesInWorkList: chains.length, townStepsInWorkList },
  };
}
