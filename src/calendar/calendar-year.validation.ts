import { DomainError } from 'src/common/errors/domain.error';
import {
  CALENDAR_INVALID,
  MAX_CALENDAR_YEAR,
  MAX_DAY_NAME_LENGTH,
  MIN_CALENDAR_YEAR,
} from './calendar.constants';
import { CALENDAR_DAY_KINDS, CalendarDay } from './calendar.types';
import { dayOfWeek, isCalendarDate, yearOf } from './working-days';

export interface FieldProblem {
  field: string;
  problems: string[];
}

const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

// What is certain about one year's notice: real dates inside that year, each once, a known kind,
// make-up workdays on Saturday or Sunday. Holidays may fall on weekends (the weekend days of a block).
// A day that a notice moves into the neighbouring year belongs to that year's list.
export function validateCalendarYear(
  year: number,
  source: string,
  days: readonly CalendarDay[],
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, problem: string): void => {
    const existing = problems.find((p) => p.field === field);
    if (existing) existing.problems.push(problem);
    else problems.push({ field, problems: [problem] });
  };
  if (!Number.isInteger(year) || year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
    add('year', `年份应为 ${MIN_CALENDAR_YEAR}—${MAX_CALENDAR_YEAR} 之间的整数`);
  }
  if (source.trim() === '') add('source', '不能为空，请填写通知名称与文号');
  const seen = new Map<string, number>();
  days.forEach((day, index) => {
    for (const [field, problem] of dayProblems(year, day, seen.get(day.date))) {
      add(`days[${index}].${field}`, problem);
    }
    if (!seen.has(day.date)) seen.set(day.date, index);
  });
  return problems;
}

function dayProblems(year: number, day: CalendarDay, firstIndex: number | undefined): [string, string][] {
  const problems: [string, string][] = [];
  if (!isCalendarDate(day.date)) {
    problems.push(['date', `“${day.date}”不是有效日期（YYYY-MM-DD）`]);
  } else if (yearOf(day.date) !== year) {
    problems.push(['date', `日期 ${day.date} 不在 ${year} 年内；跨年的放假或调休日请录入其所在年份`]);
  } else if (firstIndex !== undefined) {
    problems.push(['date', `日期 ${day.date} 重复出现（与第 ${firstIndex + 1} 项相同）`]);
  } else if (day.kind === 'workday' && ![0, 6].includes(dayOfWeek(day.date))) {
    const weekday = WEEKDAY_NAMES[dayOfWeek(day.date)];
    problems.push(['kind', `${day.date} 是${weekday}，本来就是工作日；调休上班日只能是周六或周日`]);
  }
  if (!(CALENDAR_DAY_KINDS as readonly string[]).includes(day.kind)) {
    problems.push(['kind', '取值应为 holiday（放假）或 workday（调休上班）']);
  }
  const name = day.name.trim();
  if (name === '') problems.push(['name', '不能为空，请填写节日名称，如“春节”或“春节调休上班”']);
  if (name.length > MAX_DAY_NAME_LENGTH) problems.push(['name', `不能超过 ${MAX_DAY_NAME_LENGTH} 个字`]);
  return problems;
}

// Throws one DomainError naming every bad field (same shape as the validation pipe's 400 details).
export function assertValidCalendarYear(
  year: number,
  source: string,
  days: readonly CalendarDay[],
  context = '节假日安排有误',
): void {
  const fields = validateCalendarYear(year, source, days);
  if (fields.length === 0) return;
  const message = fields.map((f) => `${f.field}: ${f.problems.join('，')}`).join('；');
  throw new DomainError(CALENDAR_INVALID, `${context}：${message}`, { fields });
}
