import { Transitions } from 'src/common/state-machine/transitions';

export enum StepStatus {
  Pending = 'pending', // waiting for the steps it depends on
  Ready = 'ready', // the unit can work on it; its deadline runs
  InProgress = 'in_progress', // claimed by a person of the unit
  Completed = 'completed',
  Skipped = 'skipped', // optional step left out
  Cancelled = 'cancelled', // the case was cancelled
}

// Every status change of a step goes through this table (StepsService.transition writes the event row).
// Back-edges (completed/skipped → ready/pending, ready/in_progress → pending) are the send-back (退回).
export const STEP_TRANSITIONS: Transitions<StepStatus> = {
  [StepStatus.Pending]: [StepStatus.Ready, StepStatus.Skipped, StepStatus.Cancelled],
  [StepStatus.Ready]: [
    StepStatus.InProgress,
    StepStatus.Completed,
    StepStatus.Skipped,
    StepStatus.Pending,
    StepStatus.Cancelled,
  ],
  [StepStatus.InProgress]: [
    StepStatus.Completed,
    StepStatus.Ready,
    StepStatus.Skipped,
    StepStatus.Pending,
    StepStatus.Cancelled,
  ],
  [StepStatus.Completed]: [StepStatus.Ready, StepStatus.Pending],
  [StepStatus.Skipped]: [StepStatus.Ready, StepStatus.Pending],
  [StepStatus.Cancelled]: [],
};

export const STEP_STATUS_LABELS: Record<StepStatus, string> = {
  [StepStatus.Pending]: '未开始',
  [StepStatus.Ready]: '待办理',
  [StepStatus.InProgress]: '办理中',
  [StepStatus.Completed]: '已完成',
  [StepStatus.Skipped]: '已跳过',
  [StepStatus.Cancelled]: '已撤销',
};

export const OPEN_STEP_STATUSES: readonly StepStatus[] = [StepStatus.Ready, StepStatus.InProgress];
export const DONE_STEP_STATUSES: readonly StepStatus[] = [StepStatus.Completed, StepStatus.Skipped];
