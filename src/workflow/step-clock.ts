import { endOfChinaDay, toChinaDate, WorkingCalendar } from 'src/calendar/working-days';

// A step's clock, in one place: when it started, its deadline in working days, and when its holder
// is reminded. The engine starts and re-times clocks with it; the deadline ladder re-times them after
// a calendar change.

// Reminder once this share of the step's working days has passed…
export const REMINDER_FRACTION = 0.75;
// …at this hour (China time) of that working day, when people are at work.
export const REMINDER_HOUR_CHINA = 9;

const HOUR_MS = 3_600_000;

export interface StepClock {
  readyAt: Date;
  dueDate: string;
  dueAt: Date;
  remindAt: Date | null;
}

export function stepClock(readyAt: Date, dueWorkingDays: number, calendar: WorkingCalendar): StepClock {
  const { dueDate, dueAt } = calendar.deadline(readyAt, dueWorkingDays);
  return { readyAt, dueDate, dueAt, remindAt: reminderAt(readyAt, dueWorkingDays, dueAt, calendar) };
}

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
