import { endOfChinaDay, WorkingCalendar } from 'src/calendar/working-days';
import { ESCALATION_AFTER_WORKING_DAYS } from './deadlines.constants';

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
