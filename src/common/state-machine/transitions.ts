import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';

// A status machine as data: for each status, the statuses it may move to. Record<S, …> keeps it
// exhaustive, so a new status that nobody placed fails to compile.
export type Transitions<S extends string> = Record<S, readonly S[]>;

export function canTransition<S extends string>(table: Transitions<S>, from: S, to: S): boolean {
  return table[from].includes(to);
}

// 409 naming the current state in Chinese, so the clerk sees why (e.g. 该环节当前状态为「已完成」).
export function assertTransition<S extends string>(
  table: Transitions<S>,
  labels: Record<S, string>,
  what: string,
  from: S,
  to: S,
): void {
  if (canTransition(table, from, to)) return;
  throw new DomainError(
    ErrorCode.INVALID_TRANSITION,
    `${what}当前状态为「${labels[from]}」，不能改为「${labels[to]}」`,
    { from, to },
  );
}
