import { WorkingCalendar } from 'src/calendar/working-days';
import { REMINDER_FRACTION, REMINDER_HOUR_CHINA, stepClock } from './step-clock';

// 2025 National Day: 10-01…10-08 off, Saturday 10-11 a make-up workday.
const calendar = new WorkingCalendar(
  [
    ...['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => ({
      date: `2025-10-${d}`,
      kind: 'holiday' as const,
    })),
    { date: '2025-10-11', kind: 'workday' as const },
  ],
  [2025],
);
const china = (iso: string): Date => new Date(`${iso}+08:00`);

describe(stepClock.name, () => {
  it('should keep the start and give the deadline and reminder of the working days', () => {
    const readyAt = china('2025-09-29T15:00:00');
    expect(stepClock(readyAt, 4, calendar)).toEqual({
      readyAt,
      dueDate: '2025-10-11',
      dueAt: china('2025-10-11T23:59:59.999'),
      remindAt: china('2025-10-10T09:00:00'),
    });
  });

  it('should remind a one-day step on the morning of its due day and a same-day step never', () => {
    const lateMorning = china('2025-09-29T09:30:00');
    // 1 working day: the reminder day is the due day itself (09-30), at 09:00.
    expect(stepClock(lateMorning, 1, calendar).remindAt).toEqual(china('2025-09-30T09:00:00'));
    expect(stepClock(lateMorning, 0, calendar)).toEqual(
      expect.objectContaining({ dueDate: '2025-09-29', remindAt: null }),
    );
  });

  it('should use the ladder constants the README states', () => {
    expect([REMINDER_FRACTION, REMINDER_HOUR_CHINA]).toEqual([0.75, 9]);
  });
});
