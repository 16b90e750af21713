import { endOfChinaDay, toChinaDate, WorkingCalendar } from 'src/calendar/working-days';
import { ESCALATION_AFTER_WORKING_DAYS, REMINDER_FRACTION, REMINDER_HOUR_CHINA } from './deadlines.constants';

const HOUR_MS = 3_600_000;

// 09:00 China time (UTC+8) on a China date.
export function morningOf(date: string): Date {
  return new Date(endOfChinaDay(date).getTime() + 1 - 24 * HOUR_MS + REMINDER_HOUR_CHINA * HOUR_MS);
}

// On the working day when REMINDER_FRACTION of the step's working days have passed (at least one
// working day after the clock started), at 09:00; a same-day (0-day) step gets no reminder.
export function reminderAt(
  readyAt: Date,
  dueWorkingDays: number,
  dueAt: Date,
  calendar: WorkingCalendar,
): Date | null {
  if (dueWorkingDays <= 0) return null;
  const elapsed = Math.max(1, Math.floor(dueWorkingDays * REMINDER_FRACTION));
  const day = calendar.addWorkingDays(toChinaDate(readyAt), elapsed).date;
  const at = new Date(Math.max(morningOf(day).getTime(), readyAt.getTime() + 60_000));
  return at < dueAt ? at : null;
}

// When rung `level` is due: the end of the Nth working day after the due date.
export function escalationAt(dueDate: string, level: 1 | 2, calendar: WorkingCalendar): Date {
  return endOfChinaDay(calendar.addWorkingDays(dueDate, ESCALATION_AFTER_WORKING_DAYS[level]).date);
}

// The highest rung whose time has come (0 when none).
export function escalationLevelDue(dueDate: string, now: Date, calendar: WorkingCalendar): 0 | 1 | 2 {
  if (now > escalationAt(dueDate, 2, calendar)) return 2;
  if (now > escalationAt(dueDate, 1, calendar)) return 1;
  return 0;
}

// Working days a step is overdue on `now` (0 on the due date itself and before).
export function workingDaysOverdue(dueDate: string, now: Date, calendar: WorkingCalendar): number {
  return Math.max(0, calendar.workingDaysBetween(dueDate, toChinaDate(now)).workingDays);
}
