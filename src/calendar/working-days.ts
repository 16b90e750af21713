import { CalendarDay, CalendarDayKind } from './calendar.types';

// Chinese working days, as pure functions on 'YYYY-MM-DD' strings (calendar dates in China).
// China has one time zone (UTC+8) and no daylight saving, so a date is just a day number; only
// toChinaDate / startOfChinaDay / endOfChinaDay deal with instants.

const MS_PER_DAY = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// 1970-01-05, the first Monday after the epoch: the anchor of the weekday count.
const MONDAY_DAY_NUMBER = 4;

// Days since 1970-01-01, or null when the text is not a real date (2025-02-30, 2025-2-3, years < 100).
function parseDayNumber(date: string): number | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Date.UTC rolls 02-30 over to 03-02; only a real date survives the round trip.
  return formatDayNumber(ms / MS_PER_DAY) === date ? ms / MS_PER_DAY : null;
}

function toDayNumber(date: string): number {
  const day = parseDayNumber(date);
  if (day === null) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  return day;
}

function formatDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 0 = Sunday … 6 = Saturday; day 0 was a Thursday
}

function yearOfDay(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

// Monday–Friday days in [monday, day], negative before the anchor; floor division keeps it exact.
function weekdaysThrough(day: number): number {
  const k = day + 1 - MONDAY_DAY_NUMBER;
  const weeks = Math.floor(k / 7);
  return 5 * weeks + Math.min(k - 7 * weeks, 5);
}

export function isCalendarDate(value: unknown): boolean {
  return typeof value === 'string' && parseDayNumber(value) !== null;
}

export function yearOf(date: string): number {
  return yearOfDay(toDayNumber(date));
}

// 0 = Sunday … 6 = Saturday.
export function dayOfWeek(date: string): number {
  return weekdayOf(toDayNumber(date));
}

export function addCalendarDays(date: string, days: number): string {
  return formatDayNumber(toDayNumber(date) + days);
}

// The date in China (UTC+8) at this instant.
export function toChinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

// 00:00:00.000 in China on that date.
export function startOfChinaDay(date: string): Date {
  return new Date(toDayNumber(date) * MS_PER_DAY - CHINA_OFFSET_MS);
}

// The last millisecond of that date in China, 23:59:59.999+08:00: a deadline "on" a date means
// "by the end of that day", and a case is overdue once now > endOfChinaDay(dueDate).
export function endOfChinaDay(date: string): Date {
  return new Date((toDayNumber(date) + 1) * MS_PER_DAY - CHINA_OFFSET_MS - 1);
}

function isWorkingDayOf(day: number, kind: CalendarDayKind | undefined): boolean {
  if (kind === 'holiday') return false;
  if (kind === 'workday') return true;
  const weekday = weekdayOf(day);
  return weekday !== 0 && weekday !== 6;
}

// Dates whose working-day status differs between two versions of the overrides (sorted).
export function changedWorkingDays(
  before: readonly Pick<CalendarDay, 'date' | 'kind'>[],
  after: readonly Pick<CalendarDay, 'date' | 'kind'>[],
): string[] {
  const old = new Map(before.map((d) => [d.date, d.kind]));
  const now = new Map(after.map((d) => [d.date, d.kind]));
  const dates = [...new Set([...old.keys(), ...now.keys()])].sort();
  return dates.filter((date) => {
    const day = toDayNumber(date);
    return isWorkingDayOf(day, old.get(date)) !== isWorkingDayOf(day, now.get(date));
  });
}

export interface WorkingDaysResult {
  date: string;
  // Some counted day lies in a year without a loaded notice: the weekend rule was used there.
  beyondCoveredYears: boolean;
}

export interface WorkingDaysBetweenResult {
  workingDays: number;
  beyondCoveredYears: boolean;
}

export interface Deadline {
  dueDate: string;
  dueAt: Date; // endOfChinaDay(dueDate)
  beyondCoveredYears: boolean;
}

// Weekends are off, a 'holiday' override is off, a 'workday' override is on. Years listed in
// coveredYears have their notice loaded; any other year falls back to the weekend rule, and every
// result that counted a day there says so (beyondCoveredYears).
export class WorkingCalendar {
  readonly coveredYears: readonly number[];
  private readonly covered: ReadonlySet<number>;
  private readonly kinds = new Map<number, CalendarDayKind>();
  // Overrides that differ from the weekend rule (+1 weekend workday, -1 weekday holiday), sorted, with
  // running totals, so workingDaysBetween costs a binary search instead of a walk.
  private readonly exceptionDays: number[] = [];
  private readonly exceptionTotals: number[] = [0];

  constructor(days: readonly Pick<CalendarDay, 'date' | 'kind'>[], coveredYears: Iterable<number>) {
    this.coveredYears = [...new Set(coveredYears)].sort((a, b) => a - b);
    this.covered = new Set(this.coveredYears);
    for (const { date, kind } of days) this.kinds.set(toDayNumber(date), kind);
    const sorted = [...this.kinds.keys()].sort((a, b) => a - b);
    for (const day of sorted) {
      const delta = Number(isWorkingDayOf(day, this.kinds.get(day))) - Number(isWorkingDayOf(day, undefined));
      if (delta === 0) continue;
      this.exceptionDays.push(day);
      this.exceptionTotals.push(this.exceptionTotals[this.exceptionTotals.length - 1] + delta);
    }
  }

  isWorkingDay(date: string): boolean {
    const day = toDayNumber(date);
    return isWorkingDayOf(day, this.kinds.get(day));
  }

  // The date on which the Nth working day after `from` ends. `from` itself never counts, even when it
  // is a working day, so 1 is the next working day. 0 returns `from` unchanged (nothing to count),
  // even when `from` is a holiday.
  addWorkingDays(from: string, days: number): WorkingDaysResult {
    if (!Number.isSafeInteger(days) || days < 0) {
      throw new RangeError(`working days must be a non-negative integer: ${days}`);
    }
    const start = toDayNumber(from);
    let day = start;
    for (let counted = 0; counted < days;) {
      day += 1;
      if (isWorkingDayOf(day, this.kinds.get(day))) counted += 1;
    }
    return { date: formatDayNumber(day), beyondCoveredYears: this.spansUncovered(start + 1, day) };
  }

  // Working days after `start` up to and including `end`, so that
  // workingDaysBetween(from, addWorkingDays(from, n).date) === n. The same dates give 0; an `end`
  // before `start` gives the negative of the swapped call (e.g. between(today, due) counts the
  // working days left, between(due, today) the working days overdue).
  workingDaysBetween(start: string, end: string): WorkingDaysBetweenResult {
    const a = toDayNumber(start);
    const b = toDayNumber(end);
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    const count =
      weekdaysThrough(hi) - weekdaysThrough(lo) + this.exceptionsThrough(hi) - this.exceptionsThrough(lo);
    return {
      workingDays: a <= b || count === 0 ? count : -count,
      beyondCoveredYears: this.spansUncovered(lo + 1, hi),
    };
  }

  // Working days a step due on `dueDate` is overdue on `today` (both China dates): the working days
  // after the due date up to and including today, 0 on the due date and before. Due 2025-09-30 seen
  // on 2025-10-09 is 1 (10-01…10-08 are the National Day holiday).
  workingDaysOverdue(dueDate: string, today: string): number {
    return Math.max(0, this.workingDaysBetween(dueDate, today).workingDays);
  }

  // Due at the end (China time) of the Nth working day after the China date of `start`.
  deadline(start: Date, days: number): Deadline {
    const { date, beyondCoveredYears } = this.addWorkingDays(toChinaDate(start), days);
    return { dueDate: date, dueAt: endOfChinaDay(date), beyondCoveredYears };
  }

  private exceptionsThrough(day: number): number {
    let lo = 0;
    let hi = this.exceptionDays.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.exceptionDays[mid] <= day) lo = mid + 1;
      else hi = mid;
    }
    return this.exceptionTotals[lo];
  }

  // Whether any day in [first, last] falls in a year without a notice (false for an empty range).
  private spansUncovered(first: number, last: number): boolean {
    if (first > last) return false;
    for (let year = yearOfDay(first); year <= yearOfDay(last); year += 1) {
      if (!this.covered.has(year)) return true;
    }
    return false;
  }
}
