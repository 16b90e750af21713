// Limits, sort keys, aging buckets and Chinese labels of the supervisor views.

export const MAX_PAGE_SIZE = 200;
// An export is one response held in memory; past this many rows the caller must narrow the filters.
export const MAX_EXPORT_ROWS = 50_000;
// Largest minDaysOverdue accepted (about 14 years of working days, as MAX_WORKING_DAYS).
export const MAX_MIN_DAYS_OVERDUE = 3650;

export const OVERDUE_SORTS = ['daysOverdue', 'dueAt', 'department', 'township'] as const;
export type OverdueSort = (typeof OVERDUE_SORTS)[number];

// Traffic lights of UI.md: red = overdue, yellow = due within YELLOW_WORKING_DAYS working days, green
// otherwise; `all` = every open step.
export const TRAFFIC_LIGHTS = ['red', 'yellow', 'green', 'all'] as const;
export type TrafficLightFilter = (typeof TRAFFIC_LIGHTS)[number];
export type TrafficLight = Exclude<TrafficLightFilter, 'all'>;
export const YELLOW_WORKING_DAYS = 2;
export const TRAFFIC_LIGHT_LABELS: Record<TrafficLight, string> = {
  red: '已逾期',
  yellow: '即将到期',
  green: '正常',
};

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const UNIT_KINDS = ['department', 'township'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  department: '县直部门',
  township: '乡镇',
};

// Working days overdue, inclusive bounds; the last bucket is open-ended.
export const AGING_BUCKETS = [
  { key: 'd0to2', min: 0, max: 2, label: '逾期0—2个工作日' },
  { key: 'd3to5', min: 3, max: 5, label: '逾期3—5个工作日' },
  { key: 'd6to10', min: 6, max: 10, label: '逾期6—10个工作日' },
  { key: 'over10', min: 11, max: Infinity, label: '逾期10个工作日以上' },
] as const;
export type AgingBucketKey = (typeof AGING_BUCKETS)[number]['key'];
export type AgingBuckets = Record<AgingBucketKey, number>;

// case_steps.escalationLevel: 0 = none, 1 = the holder's leadership, 2 = the county supervisors.
export const ESCALATION_LABELS: Record<number, string> = {
  0: '未督办',
  1: '单位领导督办',
  2: '县级督办',
};

// The board's history job: 00:05 China time, after the day changed (a snapshot per China date).
export const BOARD_HISTORY_CRON = '5 0 * * *';
export const BOARD_HISTORY_TIMEZONE = 'Asia/Shanghai';
export const BOARD_HISTORY_SCHEDULER_ID = 'board-history-daily';
