import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkingCalendar } from 'src/calendar/working-days';
import { morningOf, reminderAt } from 'src/workflow/step-clock';
import { escalationAt, escalationLevelDue } from './ladder';

interface SeedFile {
  years: { year: number; days: { date: string; kind: 'holiday' | 'workday' }[] }[];
}

const seed = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'seeds', 'calendar', 'cn-working-calendar.json'), 'utf8'),
) as SeedFile;
const calendar = new WorkingCalendar(
  seed.years.flatMap((y) => y.days),
  seed.years.map((y) => y.year),
);
const china = (iso: string): Date => new Date(`${iso}+08:00`);

describe(reminderAt.name, () => {
  it('should remind at 09:00 on the working day when 75% of the time has passed', () => {
    // Ready Monday 2025-03-03 10:00, 4 working days → due end of Friday 03-07; 3 days passed on Thursday.
    const readyAt = china('2025-03-03T10:00:00');
    const due = calendar.deadline(readyAt, 4);
    expect(due.dueDate).toBe('2025-03-07');
    expect(reminderAt(readyAt, 4, due.dueAt, calendar)).toEqual(china('2025-03-06T09:00:00'));
  });

  it('should count working days across the National Day holiday', () => {
    const readyAt = china('2025-09-29T15:00:00');
    const due = calendar.deadline(readyAt, 4); // 09-30, 10-09, 10-10, 10-11 (Saturday make-up workday)
    expect(due.dueDate).toBe('2025-10-11');
    expect(reminderAt(readyAt, 4, due.dueAt, calendar)).toEqual(china('2025-10-10T09:00:00'));
  });

  it('should give a same-day step no reminder and a one-day step one on the morning of its due date', () => {
    const readyAt = china('2025-03-03T16:00:00');
    expect(reminderAt(readyAt, 0, calendar.deadline(readyAt, 0).dueAt, calendar)).toBeNull();
    const oneDay = calendar.deadline(readyAt, 1);
    expect(oneDay.dueDate).toBe('2025-03-04');
    expect(reminderAt(readyAt, 1, oneDay.dueAt, calendar)).toEqual(china('2025-03-04T09:00:00'));
  });
});

describe(escalationLevelDue.name, () => {
  it('should climb one rung after 2 and another after 5 working days past the due date', () => {
    expect(escalationAt('2025-09-30', 1, calendar)).toEqual(
      new Date(china('2025-10-10T23:59:59.999').getTime()),
    );
    expect(escalationLevelDue('2025-09-30', china('2025-10-09T12:00:00'), calendar)).toBe(0);
    expect(escalationLevelDue('2025-09-30', china('2025-10-11T08:00:00'), calendar)).toBe(1);
    expect(escalationLevelDue('2025-09-30', china('2025-10-16T08:00:00'), calendar)).toBe(2);
  });
});

describe(morningOf.name, () => {
  it('should be 01:00 UTC', () => {
    expect(morningOf('2026-02-24').toISOString()).toBe('2026-02-24T01:00:00.000Z');
  });
});
