// An override of the weekend rule: a statutory holiday (also the weekend days inside a holiday block)
// or a make-up workday (调休上班日, always a Saturday or Sunday).
export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

export interface CalendarDay {
  date: string; // YYYY-MM-DD, a calendar date in China
  kind: CalendarDayKind;
  name: string; // 春节, 春节调休上班 …
}
