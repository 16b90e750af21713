import { WEBHOOK_ERROR_MAX_CHARS } from './notifications.constants';

// Short, single-line descriptions of a failed POST for notifications."webhookLastError".

// The receiver's body is not included: it could be anything the target chose to show.
export function describeHttpFailure(status: number): string {
  return `HTTP ${status}`;
}

export function describeRefusedTarget(reason: string): string {
  return trimError(`已拒绝：${reason}`);
}

export function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `超时：${timeoutMs} ms 内无响应`;
  if (!(error instanceof Error)) return trimError(`网络错误：${String(error)}`);
  // Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is in `cause`.
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const reason = (error as NodeJS.ErrnoException).code ?? cause?.code ?? cause?.message;
  return trimError(`网络错误：${error.message}${typeof reason === 'string' ? ` (${reason})` : ''}`);
}

function trimError(text: string): string {
  return text.length > WEBHOOK_ERROR_MAX_CHARS ? `${text.slice(0, WEBHOOK_ERROR_MAX_CHARS - 1)}…` : text;
}
