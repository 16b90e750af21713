import { addCalendarDays, dayOfWeek } from '@calendar/working-days';

// The year grid of the 工作日历 page: one month per block, Monday first, each day with its kind.
export type DayKind = 'holiday' | 'workday';
export type CellTone = 'holiday' | 'workday' | 'weekend' | 'normal' | 'outside';

export interface DayEntry {
  date: string;
  kind: DayKind;
  name: string;
}

export interface GridCell {
  date: string;
  day: number;
  tone: CellTone;
  name: string | null;
}

export function monthGrid(year: number, month: number, days: ReadonlyMap<string, DayEntry>): GridCell[][] {
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  let date = addCalendarDays(first, -((dayOfWeek(first) + 6) % 7));
  const weeks: GridCell[][] = [];
  do {
    const week: GridCell[] = [];
    for (let i = 0; i < 7; i += 1) {
      const inMonth = Number(date.slice(5, 7)) === month;
      const entry = days.get(date);
      const weekend = [0, 6].includes(dayOfWeek(date));
      const tone: CellTone = !inMonth ? 'outside' : entry ? entry.kind : weekend ? 'weekend' : 'normal';
      week.push({ date, day: Number(date.slice(8)), tone, name: inMonth ? (entry?.name ?? null) : null });
      date = addCalendarDays(date, 1);
    }
    weeks.push(week);
  } while (Number(date.slice(5, 7)) === month);
  return weeks;
}

// From November on, next year's notice is due (the State Council publishes it in October–December).
export function missingNextYear(today: string, covered: readonly number[]): number | null {
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 11 && !covered.includes(year + 1) ? year + 1 : null;
}

// Clicking a day while correcting a proposal cycles 放假 → 调休上班 → 不调整 (weekend rule).
export function cycleDay(days: DayEntry[], date: string, holidayName: string): DayEntry[] {
  const existing = days.find((d) => d.date === date);
  const rest = days.filter((d) => d.date !== date);
  if (!existing) return [...rest, { date, kind: 'holiday' as const, name: holidayName }].sort(byDate);
  if (existing.kind === 'holiday') {
    const workday: DayEntry = { date, kind: 'workday', name: `${existing.name.replace(/调休上班$/, '')}调休上班` };
    return [...rest, workday].sort(byDate);
  }
  return rest;
}

const byDate = (a: DayEntry, b: DayEntry): number => a.date.localeCompare(b.date);
