import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { DutyListParseError, DutyListParseErrorDetails } from 'src/duty-lists/duty-list-parse.error';
import { ParsedDutyList } from 'src/duty-lists/duty-list.types';

export interface ParseInThreadRequest {
  id: number;
  content: Uint8Array;
  fileName: string;
}

interface Refusal {
  code: ErrorCode;
  message: string;
  details: Record<string, unknown>;
}

export type ParseInThreadReply = { id: number } & (
  { parsed: ParsedDutyList } | { refused: Refusal } | { failed: string }
);

// Under ts-jest/ts-node the sources are .ts: the thread compiles them the same way.
const RUNNING_TS = __filename.endsWith('.ts');
const WORKER_FILE = join(__dirname, RUNNING_TS ? 'parse.worker.ts' : 'parse.worker.js');
const TS_EXEC_ARGV = ['--require', 'ts-node/register/transpile-only', '--require', 'tsconfig-paths/register'];
// The thread is kept for the next upload a while, then let go.
const IDLE_MS = 60_000;

interface Pending {
  fileName: string;
  resolve: (parsed: ParsedDutyList) => void;
  reject: (error: Error) => void;
}

let thread: Worker | null = null;
let idleTimer: NodeJS.Timeout | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

/**
 * parseDutyList in a worker thread, so parsing a large upload (a 5 MB document takes most of a second)
 * never stalls the event loop: /health, logins and other requests keep being answered meanwhile.
 * Same result and the same DutyListParseError (422 naming file and line) as the pure parser.
 */
export function parseDutyListInThread(content: Buffer, fileName: string): Promise<ParsedDutyList> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { fileName, resolve, reject });
    if (idleTimer) clearTimeout(idleTimer);
    const request: ParseInThreadRequest = { id, content: new Uint8Array(content), fileName };
    parserThread().postMessage(request);
  });
}

function parserThread(): Worker {
  if (thread) return thread;
  const worker = new Worker(WORKER_FILE, { execArgv: RUNNING_TS ? TS_EXEC_ARGV : [] });
  worker.unref(); // never keeps a process alive
  worker.on('message', (reply: ParseInThreadReply) => settle(reply));
  const lost = (error: Error): void => {
    if (thread === worker) thread = null;
    failAll(error);
  };
  worker.on('error', lost);
  worker.on('exit', (code) => lost(new Error(`the duty-list parser thread exited with code ${code}`)));
  thread = worker;
  return worker;
}

function settle(reply: ParseInThreadReply): void {
  const waiting = pending.get(reply.id);
  if (!waiting) return;
  pending.delete(reply.id);
  if ('parsed' in reply) waiting.resolve(reply.parsed);
  else if ('refused' in reply) waiting.reject(refusalOf(waiting.fileName, reply.refused));
  else waiting.reject(new Error(`parsing ${waiting.fileName} failed: ${reply.failed}`));
  if (pending.size === 0) {
    idleTimer = setTimeout(() => void stopParserThread(), IDLE_MS);
    idleTimer.unref();
  }
}

// At shutdown (and after tests): lets the thread go now rather than after IDLE_MS.
export async function stopParserThread(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  const stopping = thread;
  thread = null;
  await stopping?.terminate();
}

// A crashed or stopped thread fails what it was parsing; the next parse starts a new one.
function failAll(error: Error): void {
  for (const waiting of pending.values()) waiting.reject(error);
  pending.clear();
}

function refusalOf(fileName: string, refused: Refusal): DomainError {
  if (refused.code !== ErrorCode.DUTY_LIST_INVALID)
    return new DomainError(refused.code, refused.message, refused.details);
  const { file, line, reason } = refused.details as Partial<DutyListParseErrorDetails>;
  return new DutyListParseError(file ?? fileName, line ?? null, reason ?? '文件无法解析');
}
