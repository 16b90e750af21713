import { AsyncLocalStorage } from 'node:async_hooks';
import { EntityManager } from 'typeorm';

// The request an Idempotency-Key is being served for, visible to the unit of work (WorkflowEngine)
// through async context. The engine writes what its transaction produced into the key's row inside
// that same transaction, so a key whose work committed can never be run again: a retry after the
// answer was lost (process killed, database gone between commit and answer) replays the committed
// result instead (`replay`: the results stored by the first run, consumed in order).
export interface IdempotentRequest {
  userId: string;
  key: string;
  replay: unknown[] | null;
}

const current = new AsyncLocalStorage<IdempotentRequest>();

export function runIdempotent<T>(request: IdempotentRequest, fn: () => T): T {
  return current.run(request, fn);
}

// Dates survive the round trip through jsonb (the engine's results are rows with timestamps).
export function encodeResult(value: unknown): string {
  return JSON.stringify(value ?? null, function (this: Record<string, unknown>, key, encoded: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : encoded;
  });
}

export function decodeResult(stored: unknown): unknown {
  return JSON.parse(JSON.stringify(stored), (_key, value: unknown) => {
    if (value && typeof value === 'object' && Object.keys(value).length === 1 && '$date' in value)
      return new Date((value as { $date: string }).$date);
    return value;
  });
}

// Inside the unit of work's transaction: remember its result with the key (no-op without a key).
export async function recordCommittedWork(manager: EntityManager, result: unknown): Promise<void> {
  const request = current.getStore();
  if (!request) return;
  await manager.query(
    `UPDATE idempotency_keys
        SET "committedResults" = coalesce("committedResults", '[]'::jsonb) || jsonb_build_array($3::jsonb)
      WHERE "userId" = $1 AND key = $2`,
    [request.userId, request.key, encodeResult(result)],
  );
}

// While replaying a key whose work already committed: the next committed result, instead of doing
// the work again. Undefined when there is nothing to replay (the work then runs normally).
export function nextReplayedWork(): { result: unknown } | undefined {
  const replay = current.getStore()?.replay;
  if (!replay || replay.length === 0) return undefined;
  return { result: decodeResult(replay.shift()) };
}
