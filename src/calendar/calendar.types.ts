// An override of the weekend rule: a statutory holiday (also the weekend days inside a holiday block)
// or a make-up workday (调休上班日, always a Saturday or Sunday).
export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

export const CALENDAR_DAY_KIND_LABELS: Record<CalendarDayKind, string> = {
  holiday: '放假',
  workday: '调休上班',
};

export interface CalendarDay {
  date: string; // YYYY-MM-DD, a calendar date in China
  kind: CalendarDayKind;
  name: string; // 春节, 春节调休上班 …
}

// What one write to the calendar changed; listeners use it to recompute open deadlines.
export interface CalendarChange {
  year: number;
  // [year] when a working day changed or the year became covered; [] for a names-only edit.
  changedYears: number[];
  // Dates whose working-day status flipped; only deadlines spanning one of them can move.
  changedDates: string[];
  // The year had no notice before: results computed for it used the weekend rule (beyondCoveredYears).
  newlyCovered: boolean;
}
