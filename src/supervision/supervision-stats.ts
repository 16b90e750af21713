import { WorkingCalendar } from 'src/calendar/working-days';
import { CompletedStatsCell, OpenStatsCell } from './supervision.repository';
import { AgingBuckets, UnitKind } from './supervision.constants';
import { agingBucketOf, emptyAgingBuckets, medianOfHistogram, onTimeRate } from './supervision-math';

export interface UnitStats {
  unitId: string;
  unitName: string;
  open: number;
  overdue: number;
  completedOnTime: number;
  completedLate: number;
  onTimeRate: number | null; // completedOnTime / (completedOnTime + completedLate), 0…1
  medianWorkingDays: number | null; // ready → completed, working days
  aging: AgingBuckets; // currently overdue steps by working days overdue
}

export interface StatsTables {
  departments: UnitStats[];
  townships: UnitStats[];
}

interface Accumulator {
  kind: UnitKind;
  unitId: string;
  open: number;
  overdue: number;
  onTime: number;
  late: number;
  durations: Map<number, number>;
  aging: AgingBuckets;
}

export interface StatsInput {
  open: readonly OpenStatsCell[];
  completed: readonly CompletedStatsCell[];
  names: ReadonlyMap<string, string>;
  calendar: WorkingCalendar;
  today: string;
  // With a department filter, only that department's row (a step shared by two departments also
  // unnests into the other one).
  departmentId?: string;
}

// Folds the SQL cells into one row per unit: counts, on-time rate, median duration, aging buckets.
export function assembleStats(input: StatsInput): StatsTables {
  const units = new Map<string, Accumulator>();
  const unit = (kind: UnitKind, unitId: string): Accumulator => {
    const key = `${kind}:${unitId}`;
    let acc = units.get(key);
    if (!acc) {
      acc = {
        kind,
        unitId,
        open: 0,
        overdue: 0,
        onTime: 0,
        late: 0,
        durations: new Map(),
        aging: emptyAgingBuckets(),
      };
      units.set(key, acc);
    }
    return acc;
  };
  for (const cell of input.open) addOpen(unit(cell.kind, cell.unitId), cell, input.calendar, input.today);
  for (const cell of input.completed) addCompleted(unit(cell.kind, cell.unitId), cell);
  const rows = [...units.values()].filter(
    (acc) => !input.departmentId || acc.kind !== 'department' || acc.unitId === input.departmentId,
  );
  const toTable = (kind: UnitKind): UnitStats[] =>
    rows
      .filter((acc) => acc.kind === kind)
      .map((acc) => finish(acc, input.names))
      .sort((a, b) => b.overdue - a.overdue || a.unitName.localeCompare(b.unitName, 'zh-CN'));
  return { departments: toTable('department'), townships: toTable('township') };
}

function addOpen(acc: Accumulator, cell: OpenStatsCell, calendar: WorkingCalendar, today: string): void {
  acc.open += cell.n;
  if (!cell.overdue) return;
  acc.overdue += cell.n;
  acc.aging[agingBucketOf(calendar.workingDaysOverdue(cell.dueDate, today))] += cell.n;
}

function addCompleted(acc: Accumulator, cell: CompletedStatsCell): void {
  if (cell.onTime) acc.onTime += cell.n;
  else acc.late += cell.n;
  if (cell.workingDays === null) return;
  acc.durations.set(cell.workingDays, (acc.durations.get(cell.workingDays) ?? 0) + cell.n);
}

function finish(acc: Accumulator, names: ReadonlyMap<string, string>): UnitStats {
  return {
    unitId: acc.unitId,
    unitName: names.get(acc.unitId) ?? '（未知单位）',
    open: acc.open,
    overdue: acc.overdue,
    completedOnTime: acc.onTime,
    completedLate: acc.late,
    onTimeRate: onTimeRate(acc.onTime, acc.late),
    medianWorkingDays: medianOfHistogram([...acc.durations].map(([value, count]) => ({ value, count }))),
    aging: acc.aging,
  };
}
