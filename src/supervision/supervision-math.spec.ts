import { addCalendarDays, WorkingCalendar } from 'src/calendar/working-days';
import {
  agingBucketOf,
  dueDateThreshold,
  medianOfHistogram,
  onTimeRate,
  workingDayOrdinals,
} from './supervision-math';

// 2025 National Day + Mid-Autumn: 10-01…10-08 off, Sunday 09-28 and Saturday 10-11 make-up workdays.
const calendar = new WorkingCalendar(
  [
    ...['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => ({
      date: `2025-10-${d}`,
      kind: 'holiday' as const,
    })),
    { date: '2025-09-28', kind: 'workday' },
    { date: '2025-10-11', kind: 'workday' },
  ],
  [2025],
);

describe('supervision-math', () => {
  describe('WorkingCalendar.workingDaysOverdue', () => {
    it('should count 1 working day from a 09-30 deadline to 10-09 across the holiday', () => {
      expect(calendar.workingDaysOverdue('2025-09-30', '2025-10-09')).toBe(1);
    });

    it('should count 0 on a holiday right after the deadline and never go negative', () => {
      expect(calendar.workingDaysOverdue('2025-09-30', '2025-10-03')).toBe(0);
      expect(calendar.workingDaysOverdue('2025-10-10', '2025-10-09')).toBe(0);
    });
  });

  describe(dueDateThreshold.name, () => {
    it('should return today for 0 and the day before the Nth working day back otherwise', () => {
      expect(dueDateThreshold(calendar, '2025-10-09', 0)).toBe('2025-10-09');
      expect(dueDateThreshold(calendar, '2025-10-09', 1)).toBe('2025-10-08');
      expect(dueDateThreshold(calendar, '2025-10-09', 2)).toBe('2025-09-29');
    });

    it('should select exactly the due dates at least N working days overdue', () => {
      const today = '2025-10-13';
      for (let n = 0; n <= 12; n += 1) {
        const threshold = dueDateThreshold(calendar, today, n);
        for (let back = 0; back <= 40; back += 1) {
          const due = addCalendarDays(today, -back);
          expect([due, n, due <= threshold]).toEqual([due, n, calendar.workingDaysOverdue(due, today) >= n]);
        }
      }
    });

    it('should reject a negative count', () => {
      expect(() => dueDateThreshold(calendar, '2025-10-09', -1)).toThrow(RangeError);
    });
  });

  describe(agingBucketOf.name, () => {
    it('should put 0–2, 3–5, 6–10 and more than 10 working days in their buckets', () => {
      expect([0, 2, 3, 5, 6, 10, 11, 400].map(agingBucketOf)).toEqual([
        'd0to2',
        'd0to2',
        'd3to5',
        'd3to5',
        'd6to10',
        'd6to10',
        'over10',
        'over10',
      ]);
    });
  });

  describe(medianOfHistogram.name, () => {
    it('should take the middle value of an odd total and the mean of the two middles of an even one', () => {
      expect(
        medianOfHistogram([
          { value: 5, count: 1 },
          { value: 1, count: 2 },
        ]),
      ).toBe(1);
      expect(
        medianOfHistogram([
          { value: 1, count: 1 },
          { value: 4, count: 1 },
        ]),
      ).toBe(2.5);
      expect(
        medianOfHistogram([
          { value: 3, count: 2 },
          { value: 7, count: 2 },
          { value: 9, count: 0 },
        ]),
      ).toBe(5);
    });

    it('should return null without values', () => {
      expect(medianOfHistogram([])).toBeNull();
      expect(medianOfHistogram([{ value: 2, count: 0 }])).toBeNull();
    });
  });

  describe(onTimeRate.name, () => {
    it('should give the on-time share rounded to 4 places, null with nothing completed', () => {
      expect(onTimeRate(2, 1)).toBe(0.6667);
      expect(onTimeRate(0, 0)).toBeNull();
    });
  });

  describe(workingDayOrdinals.name, () => {
    it('should give ordinals whose differences are the calendar working days', () => {
      const table = workingDayOrdinals(calendar, '2025-09-01', '2025-10-31');
      const ordinal = (date: string): number =>
        table.ordinals[(Date.parse(date) - Date.parse(table.base)) / 86_400_000];
      expect(ordinal('2025-10-09') - ordinal('2025-09-30')).toBe(1);
      expect(ordinal('2025-10-31') - ordinal('2025-09-01')).toBe(
        calendar.workingDaysBetween('2025-09-01', '2025-10-31').workingDays,
      );
    });
  });
});
