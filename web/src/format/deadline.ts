import type { WorkingCalendar } from '@calendar/working-days';

// The traffic light of ../shared/UI.md: red 已逾期 N 个工作日; yellow 剩 ≤2 个工作日; green otherwise.
export type Light = 'red' | 'yellow' | 'green' | 'none';

export interface DeadlineView {
  light: Light;
  text: string; // 剩 3 个工作日 · 今天到期 · 已逾期 2 个工作日
  workingDaysLeft: number | null; // negative when overdue
}

export const YELLOW_WITHIN_WORKING_DAYS = 2;

type Calendar = Pick<WorkingCalendar, 'workingDaysBetween'>;

// dueDate is the Beijing date on whose end the step is due; today is Beijing's date now.
export function describeDeadline(dueDate: string | null | undefined, today: string, calendar: Calendar): DeadlineView {
  if (!dueDate) return { light: 'none', text: '未计时', workingDaysLeft: null };
  if (dueDate < today) {
    const overdue = calendar.workingDaysBetween(dueDate, today).workingDays;
    // Past the due date on a holiday right after it: overdue, but not yet by a whole working day.
    const text = overdue > 0 ? `已逾期 ${overdue} 个工作日` : '已逾期';
    return { light: 'red', text, workingDaysLeft: -overdue };
  }
  const left = calendar.workingDaysBetween(today, dueDate).workingDays;
  if (left === 0) return { light: 'yellow', text: '今天到期', workingDaysLeft: 0 };
  return {
    light: left <= YELLOW_WITHIN_WORKING_DAYS ? 'yellow' : 'green',
    text: `剩 ${left} 个工作日`,
    workingDaysLeft: left,
  };
}

export const LIGHT_WORDS: Record<Light, string> = { red: '已逾期', yellow: '即将到期', green: '正常', none: '未计时' };

// A finished step against its deadline (已办): on time, or late by N working days.
export function describeFinish(
  dueDate: string | null | undefined,
  finishedDate: string | null | undefined,
  calendar: Calendar,
): { light: Light; text: string } {
  if (!dueDate || !finishedDate) return { light: 'none', text: '未计时' };
  if (finishedDate <= dueDate) return { light: 'green', text: '按期办结' };
  const late = calendar.workingDaysBetween(dueDate, finishedDate).workingDays;
  return { light: 'red', text: late > 0 ? `逾期 ${late} 个工作日办结` : '逾期办结' };
}
