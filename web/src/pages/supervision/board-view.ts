// Pure view logic of the 督办看板: the cards' texts, the charts' options and the table's query.
// The server computes every number; this only words and draws them.

export interface BoardCard {
  value: number | null;
  lastMonth: number | null;
}

export type CardKind = 'count' | 'rate' | 'days';

export interface UnitBar {
  unitId: string;
  unitName: string;
  overdue: number;
}

export interface AgingBar {
  key: string;
  label: string;
  department: number;
  township: number;
}

export interface WeekPoint {
  weekStart: string;
  weekEnd: string;
  overdue: number | null;
  live: boolean;
}

export interface Board {
  asOf: string;
  today: string;
  month: string;
  cards: Record<'openCases' | 'openSteps' | 'overdueSteps' | 'onTimeRate' | 'averageWorkingDays', BoardCard>;
  byDepartment: UnitBar[];
  byTownship: UnitBar[];
  aging: AgingBar[];
  weekly: WeekPoint[];
}

export const CARDS: { key: keyof Board['cards']; title: string; kind: CardKind; worseWhenUp: boolean }[] = [
  { key: 'openCases', title: '在办办件', kind: 'count', worseWhenUp: false },
  { key: 'openSteps', title: '在办环节', kind: 'count', worseWhenUp: false },
  { key: 'overdueSteps', title: '已逾期环节', kind: 'count', worseWhenUp: true },
  { key: 'onTimeRate', title: '本月按时办结率', kind: 'rate', worseWhenUp: false },
  { key: 'averageWorkingDays', title: '平均办理用时（工作日）', kind: 'days', worseWhenUp: true },
];

export function cardValue(card: BoardCard, kind: CardKind): string {
  if (card.value === null) return '—';
  if (kind === 'rate') return `${(card.value * 100).toFixed(1)}%`;
  if (kind === 'days') return card.value.toFixed(1);
  return String(card.value);
}

// "较上月 +12" · "较上月 −1.5 个百分点" · "与上月持平" · "上月无数据".
export function cardChange(card: BoardCard, kind: CardKind): { text: string; trend: 'up' | 'down' | 'flat' | 'none' } {
  if (card.value === null || card.lastMonth === null) return { text: '上月无数据', trend: 'none' };
  const scale = kind === 'rate' ? 100 : 1;
  const digits = kind === 'count' ? 0 : 1;
  const delta = Number(((card.value - card.lastMonth) * scale).toFixed(digits));
  if (delta === 0) return { text: '与上月持平', trend: 'flat' };
  const unit = kind === 'rate' ? ' 个百分点' : '';
  const sign = delta > 0 ? '+' : '−';
  return { text: `较上月 ${sign}${Math.abs(delta).toFixed(digits)}${unit}`, trend: delta > 0 ? 'up' : 'down' };
}

// ECharts options (plain objects, so they are testable without a browser).
export function unitBarOption(rows: readonly UnitBar[]): Record<string, unknown> {
  const sorted = [...rows].sort((a, b) => a.overdue - b.overdue);
  return {
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: sorted.map((r) => r.unitName), axisLabel: { width: 120, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        name: '逾期环节',
        data: sorted.map((r) => ({ value: r.overdue, unitId: r.unitId })),
        itemStyle: { color: '#f56c6c' },
        label: { show: true, position: 'right' },
      },
    ],
  };
}

export function agingOption(aging: readonly AgingBar[]): Record<string, unknown> {
  return {
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: aging.map((a) => a.label.replace('逾期', '')) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', stack: 'aging', name: '县直部门', data: aging.map((a) => a.department), itemStyle: { color: '#e6a23c' } },
      { type: 'bar', stack: 'aging', name: '乡镇', data: aging.map((a) => a.township), itemStyle: { color: '#f56c6c' } },
    ],
  };
}

export function weeklyOption(weeks: readonly WeekPoint[]): Record<string, unknown> {
  return {
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: weeks.map((w) => (w.live ? '本周' : w.weekStart.slice(5))) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'line',
        name: '逾期环节（周末）',
        data: weeks.map((w) => w.overdue),
        connectNulls: false,
        itemStyle: { color: '#f56c6c' },
      },
    ],
  };
}

export interface OverdueFilters {
  county?: string;
  department?: string;
  township?: string;
  category?: string;
  duty?: string;
  light: 'red' | 'yellow' | 'green' | 'all';
  minDaysOverdue?: number;
  sort: 'daysOverdue' | 'dueAt' | 'department' | 'township';
  order: 'asc' | 'desc';
}

// The query string of a filter: empty values left out (the server refuses empty strings).
export function filterQuery(filters: Partial<OverdueFilters>): Record<string, string | number> {
  const query: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '') continue;
    if (key === 'minDaysOverdue' && value === 0) continue;
    query[key] = value as string | number;
  }
  return query;
}

// el-table's sort-change → the server's sort key.
const SORT_BY_COLUMN: Record<string, OverdueFilters['sort']> = {
  deadline: 'daysOverdue',
  dueDate: 'dueAt',
  holder: 'department',
  township: 'township',
};

export function sortOf(prop: string | null, order: 'ascending' | 'descending' | null): Pick<OverdueFilters, 'sort' | 'order'> {
  if (!prop || !order || !SORT_BY_COLUMN[prop]) return { sort: 'daysOverdue', order: 'desc' };
  return { sort: SORT_BY_COLUMN[prop], order: order === 'ascending' ? 'asc' : 'desc' };
}

export const ESCALATION_WORDS: Record<number, string> = { 0: '未督办', 1: '单位领导督办', 2: '县级督办' };
