import { addCalendarDays, WorkingCalendar } from 'src/calendar/working-days';
import { AGING_BUCKETS, AgingBucketKey, AgingBuckets } from './supervision.constants';

// Pure pieces of the supervisor views. Every working-day count goes through the WorkingCalendar.

// The latest due date that is at least `minDays` working days overdue on `today`. Overdue days only
// grow as the due date moves back, so "daysOverdue >= minDays" becomes "dueDate <= threshold", a
// range the database can scan. Walking back: stepping from d to d-1 adds 1 exactly when d is a working day.
export function dueDateThreshold(calendar: WorkingCalendar, today: string, minDays: number): string {
  if (!Number.isSafeInteger(minDays) || minDays < 0) {
    throw new RangeError(`minDays must be a non-negative integer: ${minDays}`);
  }
  let date = today;
  for (let counted = 0; counted < minDays;) {
    if (calendar.isWorkingDay(date)) counted += 1;
    date = addCalendarDays(date, -1);
  }
  return date;
}

export function agingBucketOf(daysOverdue: number): AgingBucketKey {
  const bucket = AGING_BUCKETS.find((b) => daysOverdue >= b.min && daysOverdue <= b.max);
  return (bucket ?? AGING_BUCKETS[AGING_BUCKETS.length - 1]).key;
}

export function emptyAgingBuckets(): AgingBuckets {
  return { d0to2: 0, d3to5: 0, d6to10: 0, over10: 0 };
}

export interface HistogramEntry {
  value: number;
  count: number;
}

// Median of a histogram (value → how many times it occurs): the middle value, or the mean of the two
// middle values for an even total; null when empty.
export function medianOfHistogram(entries: readonly HistogramEntry[]): number | null {
  const sorted = entries.filter((e) => e.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, e) => sum + e.count, 0);
  if (total === 0) return null;
  const lower = valueAtRank(sorted, Math.floor((total - 1) / 2));
  const upper = valueAtRank(sorted, Math.floor(total / 2));
  return (lower + upper) / 2;
}

function valueAtRank(sorted: readonly HistogramEntry[], rank: number): number {
  let seen = 0;
  for (const entry of sorted) {
    seen += entry.count;
    if (rank < seen) return entry.value;
  }
  return sorted[sorted.length - 1].value;
}

// Share of completed steps finished by their deadline, 0…1 rounded to 4 places; null with none completed.
export function onTimeRate(onTime: number, late: number): number | null {
  const total = onTime + late;
  return total === 0 ? null : Math.round((onTime / total) * 10_000) / 10_000;
}

export interface WorkingDayOrdinals {
  base: string; // the date of ordinals[0]
  ordinals: number[]; // ordinals[i]: working days after `base` up to and including base + i days
}

// A lookup the database can index by date (ordinal(b) - ordinal(a) = working days between a and b),
// so working-day durations can be aggregated in SQL while the calendar stays the one source.
export function workingDayOrdinals(
  calendar: WorkingCalendar,
  base: string,
  last: string,
): WorkingDayOrdinals {
  const ordinals = [0];
  let count = 0;
  for (let date = addCalendarDays(base, 1); date <= last; date = addCalendarDays(date, 1)) {
    if (calendar.isWorkingDay(date)) count += 1;
    ordinals.push(count);
  }
  return { base, ordinals };
}

// First day of the month `delta` months from `monthStart` (YYYY-MM-01).
export function addMonths(monthStart: string, delta: number): string {
  const [year, month] = monthStart.split('-').map(Number);
  const index = year * 12 + (month - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}
