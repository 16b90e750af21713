import { Transitions } from 'src/common/state-machine/transitions';

export enum StepStatus {
  Pending = 'pending', // waiting for the steps it depends on
  Ready = 'ready', // the unit can work on it; its deadline runs
  InProgress = 'in_progress', // claimed by a person of the unit
  Completed = 'completed',
  Skipped = 'skipped', // optional step left out
  Cancelled = 'cancelled', // the case was cancelled
  NotApplicable = 'not_applicable', // a standing duty still open when the case's own work was done
}

// Every status change of a step goes through this table (StepsService.transition writes the event row).
// Back-edges (completed/skipped → ready/pending, ready/in_progress → pending) are the send-back (退回).
export const STEP_TRANSITIONS: Transitions<StepStatus> = {
  [StepStatus.Pending]: [
    StepStatus.Ready,
    StepStatus.Skipped,
    StepStatus.Cancelled,
    StepStatus.NotApplicable,
  ],
  [StepStatus.Ready]: [
    StepStatus.InProgress,
    StepStatus.Completed,
    StepStatus.Skipped,
    StepStatus.Pending,
    StepStatus.Cancelled,
    StepStatus.NotApplicable,
  ],
  [StepStatus.InProgress]: [
    StepStatus.Completed,
    StepStatus.Ready,
    StepStatus.Skipped,
    StepStatus.Pending,
    StepStatus.Cancelled,
    StepStatus.NotApplicable,
  ],
  // → in progress: 撤回 by the unit that finished it.
  [StepStatus.Completed]: [StepStatus.Ready, StepStatus.Pending, StepStatus.InProgress],
  [StepStatus.Skipped]: [StepStatus.Ready, StepStatus.Pending],
  [StepStatus.Cancelled]: [],
  // Final like cancelled: the case it belonged to has completed.
  [StepStatus.NotApplicable]: [],
};

export const STEP_STATUS_LABELS: Record<StepStatus, string> = {
  [StepStatus.Pending]: '未开始',
  [StepStatus.Ready]: '待办理',
  [StepStatus.InProgress]: '办理中',
  [StepStatus.Completed]: '已完成',
  [StepStatus.Skipped]: '已跳过',
  [StepStatus.Cancelled]: '已撤销',
  [StepStatus.NotApplicable]: '不适用',
};

// Which statuses count as what, in one place (guards and queries use these, never their own lists).
// Open: the step's clock runs and its holder works on it.
export const OPEN_STEP_STATUSES: readonly StepStatus[] = [StepStatus.Ready, StepStatus.InProgress];
// Done: satisfies the steps that depend on it. Not applicable is finished too (never open, never overdue).
export const DONE_STEP_STATUSES: readonly StepStatus[] = [
  StepStatus.Completed,
  StepStatus.Skipped,
  StepStatus.NotApplicable,
];
// Unfinished: may still change (durations, holders) and is cancelled with its case.
export const UNFINISHED_STEP_STATUSES: readonly StepStatus[] = [StepStatus.Pending, ...OPEN_STEP_STATUSES];

// For raw SQL: 'ready', 'in_progress' (entity CHECKs and partial indexes spell it out, as migrations must).
export const OPEN_STEP_STATUSES_SQL = OPEN_STEP_STATUSES.map((status) => `'${status}'`).join(', ');

export const isOpenStep = (status: StepStatus): boolean => OPEN_STEP_STATUSES.includes(status);
export const isDoneStep = (status: StepStatus): boolean => DONE_STEP_STATUSES.includes(status);
export const isUnfinishedStep = (status: StepStatus): boolean => UNFINISHED_STEP_STATUSES.includes(status);
