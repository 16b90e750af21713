import { Transitions } from 'src/common/state-machine/transitions';

export enum CaseStatus {
  Open = 'open',
  Completed = 'completed',
  Cancelled = 'cancelled',
}

// A completed case reopens when one of its steps is sent back (only possible while open, so in
// practice completed is final today; the edge keeps reopening a single table change away).
export const CASE_TRANSITIONS: Transitions<CaseStatus> = {
  [CaseStatus.Open]: [CaseStatus.Completed, CaseStatus.Cancelled],
  [CaseStatus.Completed]: [CaseStatus.Open],
  [CaseStatus.Cancelled]: [],
};

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  [CaseStatus.Open]: '办理中',
  [CaseStatus.Completed]: '已办结',
  [CaseStatus.Cancelled]: '已撤销',
};
