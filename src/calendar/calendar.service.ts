import { Injectable } from '@nestjs/common';
import { Clock } from 'src/common/clock/clock';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { CALENDAR_CHECK_INTERVAL_MS, MAX_WORKING_DAYS } from './calendar.constants';
import { assertValidCalendarYear } from './calendar-year.validation';
import { CalendarRepository, CalendarYearSummary, CalendarYearView } from './calendar.repository';
import { CalendarChange, DomainEvents } from 'src/common/events/domain-events';
import { CalendarDay } from './calendar.types';
import {
  changedWorkingDays,
  Deadline,
  isCalendarDate,
  WorkingCalendar,
  WorkingDaysBetweenResult,
  WorkingDaysResult,
} from './working-days';

export interface CalendarYearInput {
  source: string;
  days: CalendarDay[];
}

interface CachedCalendar {
  calendar: WorkingCalendar;
  fingerprint: string;
  checkedAt: number;
}

// The one place deadline arithmetic goes through. The calendar lives in memory; API and worker
// processes share it through the database: before use, a process compares the calendar_years
// fingerprint (one row per year) with the one it loaded, at most every CALENDAR_CHECK_INTERVAL_MS,
// and reloads when it differs. So an edit made elsewhere is seen within that interval; the writing
// process sees it at once, and snapshot({ fresh: true }) skips the interval (for the recompute job
// that follows a change).
@Injectable()
export class CalendarService {
  private cache: CachedCalendar | null = null;
  private refreshing: Promise<WorkingCalendar> | null = null;
  // Bumped by every local write, so a load that started before the write never becomes the cache.
  private generation = 0;

  constructor(
    private readonly repository: CalendarRepository,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
  ) {}

  async addWorkingDays(from: string, days: number): Promise<WorkingDaysResult> {
    assertDate('from', from);
    assertWorkingDayCount(days);
    return (await this.snapshot()).addWorkingDays(from, days);
  }

  async workingDaysBetween(from: string, to: string): Promise<WorkingDaysBetweenResult> {
    assertDate('from', from);
    assertDate('to', to);
    return (await this.snapshot()).workingDaysBetween(from, to);
  }

  async isWorkingDay(date: string): Promise<boolean> {
    assertDate('date', date);
    return (await this.snapshot()).isWorkingDay(date);
  }

  // Due at the end (China time) of the Nth working day after the China date of `start`.
  async deadline(start: Date, days: number): Promise<Deadline> {
    assertWorkingDayCount(days);
    return (await this.snapshot()).deadline(start, days);
  }

  // Changes whenever any year is written: caches of values computed with the calendar compare it.
  fingerprint(): Promise<string> {
    return this.repository.fingerprint();
  }

  // The calendar to compute with; a batch (a sweep over many cases) takes one snapshot and uses it
  // synchronously.
  // While one caller checks the fingerprint, the others keep using the cached calendar (at most one
  // check late). Nobody waits for another caller's check: a caller inside a transaction would then
  // wait for a query on another connection, which on the embedded database (one session, an open
  // transaction has it to itself) waits for that transaction to end.
  snapshot(options: { fresh?: boolean } = {}): Promise<WorkingCalendar> {
    const cache = this.cache;
    const age = cache ? this.clock.now().getTime() - cache.checkedAt : Infinity;
    const current = age >= 0 && age < CALENDAR_CHECK_INTERVAL_MS;
    if (cache && !options.fresh && (current || this.refreshing)) return Promise.resolve(cache.calendar);
    const refreshing = this.refresh().finally(() => {
      if (this.refreshing === refreshing) this.refreshing = null;
    });
    this.refreshing = refreshing;
    return refreshing;
  }

  listYears(): Promise<CalendarYearSummary[]> {
    return this.repository.listYears();
  }

  async getYear(year: number): Promise<CalendarYearView> {
    const found = await this.repository.findYear(year);
    if (!found) {
      throw new DomainError(ErrorCode.NOT_FOUND, `${year} 年的节假日安排尚未录入`, { field: 'year' });
    }
    return found;
  }

  // Replaces one year's notice (admin). Validates everything first, writes in one transaction, then
  // announces it when some working day changed or the year became covered.
  async replaceYear(year: number, input: CalendarYearInput, userId: string | null): Promise<CalendarChange> {
    const days = input.days.map((day) => ({ ...day, name: day.name.trim() }));
    const source = input.source.trim();
    assertValidCalendarYear(year, source, days);
    const before = await this.repository.replaceYear(year, source, days, userId);
    const change = describeChange(year, before, days);
    await this.publishChange(change);
    return change;
  }

  // After a write: drop the cache, then announce the change ('calendar.changed') when a working day
  // changed or the year became covered. Handlers' failures are logged by the port, never thrown: the
  // write is already committed and the caller's request succeeded.
  async publishChange(change: CalendarChange): Promise<void> {
    this.invalidate();
    if (change.changedDates.length === 0 && !change.newlyCovered) return;
    await this.events.publish('calendar.changed', change);
  }

  invalidate(): void {
    this.generation += 1;
    this.cache = null;
    this.refreshing = null;
  }

  private async refresh(): Promise<WorkingCalendar> {
    const generation = this.generation;
    const checkedAt = this.clock.now().getTime();
    const cache = this.cache;
    if (cache && (await this.repository.fingerprint()) === cache.fingerprint) {
      if (generation === this.generation) this.cache = { ...cache, checkedAt };
      return cache.calendar;
    }
    const loaded = await this.repository.loadAll();
    const calendar = new WorkingCalendar(loaded.days, loaded.years);
    if (generation === this.generation) {
      this.cache = { calendar, fingerprint: loaded.fingerprint, checkedAt };
    }
    return calendar;
  }
}

export function describeChange(
  year: number,
  before: readonly CalendarDay[] | null,
  after: readonly CalendarDay[],
): CalendarChange {
  const changedDates = changedWorkingDays(before ?? [], after);
  const newlyCovered = before === null;
  return {
    year,
    changedYears: changedDates.length > 0 || newlyCovered ? [year] : [],
    changedDates,
    newlyCovered,
  };
}

function assertDate(field: string, value: string): void {
  if (isCalendarDate(value)) return;
  throw new DomainError(ErrorCode.VALIDATION_FAILED, `请求参数有误：${field}: 应为有效日期（YYYY-MM-DD）`, {
    fields: [{ field, problems: ['应为有效日期（YYYY-MM-DD）'] }],
  });
}

function assertWorkingDayCount(days: number): void {
  if (Number.isInteger(days) && days >= 0 && days <= MAX_WORKING_DAYS) return;
  const problem = `应为 0—${MAX_WORKING_DAYS} 之间的整数`;
  throw new DomainError(ErrorCode.VALIDATION_FAILED, `请求参数有误：days: ${problem}`, {
    fields: [{ field: 'days', problems: [problem] }],
  });
}
