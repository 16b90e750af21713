// The words of ../shared/UI.md for every status a person reads; enum values never reach the screen.
export type StepStatusValue =
  | 'pending'
  | 'ready'
  | 'in_progress'
  | 'completed'
  | 'skipped'
  | 'returned'
  | 'cancelled'
  | 'not_applicable';
export type CaseStatusValue = 'open' | 'completed' | 'cancelled';
export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

const STEP_WORDS: Record<StepStatusValue, string> = {
  pending: '未开始',
  ready: '待签收',
  in_progress: '办理中',
  completed: '已办结',
  skipped: '已跳过',
  returned: '已退回',
  cancelled: '已撤销',
  not_applicable: '不适用',
};

const STEP_TAGS: Record<StepStatusValue, TagType> = {
  pending: 'info',
  ready: 'warning',
  in_progress: 'primary',
  completed: 'success',
  skipped: 'info',
  returned: 'danger',
  cancelled: 'info',
  not_applicable: 'info',
};

const CASE_WORDS: Record<CaseStatusValue, string> = { open: '办理中', completed: '已办结', cancelled: '已撤销' };
const CASE_TAGS: Record<CaseStatusValue, TagType> = { open: 'primary', completed: 'success', cancelled: 'info' };

function known<T extends string>(table: Record<T, string>, value: string): value is T {
  return Object.prototype.hasOwnProperty.call(table, value);
}

// A ready step waits for its unit to 签收 it (then 办理中).
export function stepStatusWord(status: string): string {
  return known(STEP_WORDS, status) ? STEP_WORDS[status] : '状态未知';
}

export function stepStatusTag(status: string): TagType {
  return known(STEP_WORDS, status) ? STEP_TAGS[status] : 'info';
}

export function caseStatusWord(status: string): string {
  return known(CASE_WORDS, status) ? CASE_WORDS[status] : '状态未知';
}

export function caseStatusTag(status: string): TagType {
  return known(CASE_WORDS, status) ? CASE_TAGS[status] : 'info';
}

export const CASE_STATUS_OPTIONS = (Object.keys(CASE_WORDS) as CaseStatusValue[]).map((value) => ({
  value,
  label: CASE_WORDS[value],
}));

const ROLE_WORDS: Record<string, string> = {
  admin: '系统管理员',
  supervisor: '督办人员',
  department_staff: '县直部门工作人员',
  township_staff: '乡镇工作人员',
};

export function roleWord(role: string): string {
  return ROLE_WORDS[role] ?? '用户';
}

const LANE_WORDS: Record<string, string> = { department: '上级部门职责', township: '乡镇配合职责' };

export function laneWord(lane: string): string {
  return LANE_WORDS[lane] ?? '其他';
}
