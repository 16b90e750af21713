import { readFileSync } from 'node:fs';
import { DEFAULT_CALENDAR_SEED_FILE, parseCalendarSeedFile } from './calendar-seed-file';
import {
  addCalendarDays,
  changedWorkingDays,
  dayOfWeek,
  endOfChinaDay,
  isCalendarDate,
  startOfChinaDay,
  toChinaDate,
  WorkingCalendar,
} from './working-days';

// The committed seed file, exactly as start-up seeds it.
const seed = parseCalendarSeedFile(readFileSync(DEFAULT_CALENDAR_SEED_FILE(), 'utf8'), 'seed');
const sut = new WorkingCalendar(
  seed.years.flatMap((year) => year.days),
  seed.years.map((year) => year.year),
);

const dates = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let date = from; date <= to; date = addCalendarDays(date, 1)) out.push(date);
  return out;
};

// Every holiday block (weekend days inside included) and make-up workday of the two notices.
const NOTICES: Record<number, { holidays: [string, string, string][]; workdays: string[] }> = {
  2025: {
    holidays: [
      ['元旦', '2025-01-01', '2025-01-01'],
      ['春节', '2025-01-28', '2025-02-04'],
      ['清明节', '2025-04-04', '2025-04-06'],
      ['劳动节', '2025-05-01', '2025-05-05'],
      ['端午节', '2025-05-31', '2025-06-02'],
      ['国庆节、中秋节', '2025-10-01', '2025-10-08'],
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    holidays: [
      ['元旦', '2026-01-01', '2026-01-03'],
      ['春节', '2026-02-15', '2026-02-23'],
      ['清明节', '2026-04-04', '2026-04-06'],
      ['劳动节', '2026-05-01', '2026-05-05'],
      ['端午节', '2026-06-19', '2026-06-21'],
      ['中秋节', '2026-09-25', '2026-09-27'],
      ['国庆节', '2026-10-01', '2026-10-07'],
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

describe(WorkingCalendar.name, () => {
  it('should list its covered years in order, once each', () => {
    expect(new WorkingCalendar([], [2026, 2025, 2026]).coveredYears).toEqual([2025, 2026]);
  });

  describe('seed file', () => {
    it('should cover 2025 and 2026 with verified notices', () => {
      expect(sut.coveredYears).toEqual([2025, 2026]);
      expect(seed.years.every((year) => year.verified)).toBe(true);
      expect(seed.years[0].source).toContain('国办发明电〔2024〕12号');
    });

    it.each([2025, 2026])('should hold exactly the %i notice days', (year) => {
      const notice = NOTICES[year];
      const expected = [
        ...notice.holidays.flatMap(([name, from, to]) =>
          dates(from, to).map((date) => ({ date, kind: 'holiday', name })),
        ),
        ...notice.workdays.map((date) => ({
          date,
          kind: 'workday',
          name: expect.stringMatching(/调休上班$/),
        })),
      ].sort((a, b) => a.date.localeCompare(b.date));
      const days = seed.years.find((y) => y.year === year)?.days ?? [];
      expect([...days].sort((a, b) => a.date.localeCompare(b.date))).toEqual(expected);
    });
  });

  describe('isWorkingDay', () => {
    const blocks = [2025, 2026].flatMap((year) => NOTICES[year].holidays);
    it.each(blocks)('should make every day of %s %s…%s a day off', (_name, from, to) => {
      for (const date of dates(from, to)) expect([date, sut.isWorkingDay(date)]).toEqual([date, false]);
    });

    const workdays = [2025, 2026].flatMap((year) => NOTICES[year].workdays);
    it.each(workdays)('should make the make-up weekend day %s a working day', (date) => {
      expect([0, 6]).toContain(dayOfWeek(date));
      expect(sut.isWorkingDay(date)).toBe(true);
    });

    it('should follow the weekend rule on ordinary days', () => {
      expect(sut.isWorkingDay('2025-03-14')).toBe(true); // Friday
      expect(sut.isWorkingDay('2025-03-15')).toBe(false); // Saturday
      expect(sut.isWorkingDay('2026-03-16')).toBe(true); // Monday
    });

    // By hand: 261 weekdays − 18 weekday holidays + 5 make-up days (2025); 261 − 19 + 6 (2026).
    it('should count 248 working days in 2025 and in 2026', () => {
      expect(sut.workingDaysBetween('2024-12-31', '2025-12-31').workingDays).toBe(248);
      expect(sut.workingDaysBetween('2025-12-31', '2026-12-31').workingDays).toBe(248);
    });
  });

  describe('addWorkingDays', () => {
    it('should count the make-up Sunday and skip National Day (issue example)', () => {
      expect(sut.addWorkingDays('2025-09-26', 5)).toEqual({ date: '2025-10-10', beyondCoveredYears: false });
    });

    it('should cross Spring Festival 2026 counting both make-up Saturdays', () => {
      // 02-13 (Fri) → 02-14 (Sat, make-up) is 1; 02-15…02-23 off; 02-24 is 2.
      expect(sut.addWorkingDays('2026-02-13', 1).date).toBe('2026-02-14');
      expect(sut.addWorkingDays('2026-02-13', 2).date).toBe('2026-02-24');
      expect(sut.addWorkingDays('2026-02-13', 5).date).toBe('2026-02-27');
      expect(sut.addWorkingDays('2026-02-13', 6).date).toBe('2026-02-28');
      expect(sut.addWorkingDays('2026-02-13', 7).date).toBe('2026-03-02');
    });

    it('should start counting after a from-date that is itself a holiday', () => {
      expect(sut.addWorkingDays('2026-02-17', 1).date).toBe('2026-02-24');
      expect(sut.addWorkingDays('2025-10-03', 3).date).toBe('2025-10-11');
    });

    it('should return from itself for 0 days, even on a holiday', () => {
      expect(sut.addWorkingDays('2025-09-26', 0)).toEqual({ date: '2025-09-26', beyondCoveredYears: false });
      expect(sut.addWorkingDays('2026-02-17', 0).date).toBe('2026-02-17');
    });

    it('should give the next working day for 1 day', () => {
      expect(sut.addWorkingDays('2025-03-13', 1).date).toBe('2025-03-14'); // Thu → Fri
      expect(sut.addWorkingDays('2025-03-14', 1).date).toBe('2025-03-17'); // Fri → Mon
      expect(sut.addWorkingDays('2025-09-27', 1).date).toBe('2025-09-28'); // Sat → make-up Sun
    });

    it('should cross the 2025/2026 year boundary through New Year 2026', () => {
      // 12-31 (Wed) → 01-01…01-03 off → 01-04 (Sun, make-up) → 01-05.
      expect(sut.addWorkingDays('2025-12-31', 1)).toEqual({ date: '2026-01-04', beyondCoveredYears: false });
      expect(sut.addWorkingDays('2025-12-30', 3).date).toBe('2026-01-05');
    });

    it('should use the weekend rule beyond covered years and say so', () => {
      // 2026-12-30 is a Wednesday; 2027-01-01 counts as a Friday at work until the 2027 notice is loaded.
      expect(sut.addWorkingDays('2026-12-30', 1)).toEqual({ date: '2026-12-31', beyondCoveredYears: false });
      expect(sut.addWorkingDays('2026-12-30', 2)).toEqual({ date: '2027-01-01', beyondCoveredYears: true });
      expect(sut.addWorkingDays('2026-12-30', 3)).toEqual({ date: '2027-01-04', beyondCoveredYears: true });
      expect(sut.addWorkingDays('2024-12-30', 2)).toEqual({ date: '2025-01-02', beyondCoveredYears: true });
      // Only the days counted matter: starting in an uncovered year and counting none there is covered.
      expect(sut.addWorkingDays('2024-12-31', 1)).toEqual({ date: '2025-01-02', beyondCoveredYears: false });
      expect(sut.addWorkingDays('2030-06-03', 0)).toEqual({ date: '2030-06-03', beyondCoveredYears: false });
    });

    it('should reject negative or fractional counts and impossible dates', () => {
      expect(() => sut.addWorkingDays('2025-01-01', -1)).toThrow(RangeError);
      expect(() => sut.addWorkingDays('2025-01-01', 1.5)).toThrow(RangeError);
      expect(() => sut.addWorkingDays('2025-02-30', 1)).toThrow(RangeError);
      // The message names the bad value, so a log line says what was wrong.
      expect(() => sut.addWorkingDays('2025-01-01', -1)).toThrow('-1');
      expect(() => sut.addWorkingDays('2025-02-30', 1)).toThrow('2025-02-30');
    });
  });

  describe('workingDaysBetween', () => {
    it('should invert addWorkingDays for every start in 2025–2026', () => {
      for (const from of dates('2024-12-20', '2026-12-31')) {
        for (const n of [0, 1, 2, 5, 10, 23]) {
          const { date } = sut.addWorkingDays(from, n);
          expect([from, n, sut.workingDaysBetween(from, date).workingDays]).toEqual([from, n, n]);
        }
      }
    });

    it('should be 0 for the same date and antisymmetric when swapped', () => {
      expect(sut.workingDaysBetween('2025-10-03', '2025-10-03').workingDays).toBe(0);
      expect(sut.workingDaysBetween('2025-09-26', '2025-10-10').workingDays).toBe(5);
      expect(sut.workingDaysBetween('2025-10-10', '2025-09-26').workingDays).toBe(-5);
      // Only holidays in between: 0 either way (and never -0).
      expect(Object.is(sut.workingDaysBetween('2025-10-08', '2025-10-01').workingDays, 0)).toBe(true);
    });

    it('should count working days overdue across Spring Festival 2026', () => {
      // Due 02-13; today 02-24: 02-14 (make-up) and 02-24 are working days.
      expect(sut.workingDaysBetween('2026-02-13', '2026-02-24').workingDays).toBe(2);
      expect(sut.workingDaysBetween('2026-02-24', '2026-02-13').workingDays).toBe(-2);
    });

    it('should match a day-by-day count over arbitrary ranges, also before 1970 and beyond covered years', () => {
      const walk = (from: string, to: string): number =>
        dates(addCalendarDays(from, 1), to).filter((date) => sut.isWorkingDay(date)).length;
      const pairs: [string, string][] = [
        ['1969-12-25', '1970-01-12'],
        ['2024-11-30', '2025-02-15'],
        ['2025-09-20', '2026-10-15'],
        ['2026-12-01', '2027-03-01'],
      ];
      for (const [from, to] of pairs)
        expect(sut.workingDaysBetween(from, to).workingDays).toBe(walk(from, to));
    });

    it('should flag ranges that leave the covered years', () => {
      expect(sut.workingDaysBetween('2026-12-31', '2027-01-01').beyondCoveredYears).toBe(true);
      expect(sut.workingDaysBetween('2027-01-01', '2026-12-31').beyondCoveredYears).toBe(true);
      expect(sut.workingDaysBetween('2024-12-31', '2026-12-31').beyondCoveredYears).toBe(false);
    });
  });

  describe('deadline', () => {
    it('should count from the China date of the instant and end at 23:59:59.999+08:00', () => {
      // 2025-09-25T16:30Z is already 09-26 00:30 in China.
      expect(sut.deadline(new Date('2025-09-25T16:30:00Z'), 5)).toEqual({
        dueDate: '2025-10-10',
        dueAt: new Date('2025-10-10T15:59:59.999Z'),
        beyondCoveredYears: false,
      });
    });
  });
});

describe('China dates', () => {
  it('should take the date at UTC+8', () => {
    expect(toChinaDate(new Date('2025-12-31T15:59:59.999Z'))).toBe('2025-12-31');
    expect(toChinaDate(new Date('2025-12-31T16:00:00.000Z'))).toBe('2026-01-01');
  });

  it('should give the start and the last millisecond of a China day', () => {
    expect(startOfChinaDay('2026-01-01').toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(endOfChinaDay('2026-01-01').toISOString()).toBe('2026-01-01T15:59:59.999Z');
  });

  it('should accept only real YYYY-MM-DD dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    for (const text of [
      '2025-02-29',
      '2025-02-30',
      '2025-13-01',
      '2025-2-3',
      '2025-01-01T00:00:00Z',
      '',
      20250101,
    ]) {
      expect([text, isCalendarDate(text)]).toEqual([text, false]);
    }
  });
});

describe(changedWorkingDays.name, () => {
  it('should list only dates whose working-day status flips', () => {
    const before = [
      { date: '2027-02-08', kind: 'holiday' as const },
      { date: '2027-02-06', kind: 'holiday' as const }, // Saturday: off either way
    ];
    const after = [
      { date: '2027-02-09', kind: 'holiday' as const },
      { date: '2027-02-07', kind: 'workday' as const }, // Sunday made a working day
    ];
    expect(changedWorkingDays(before, after)).toEqual(['2027-02-07', '2027-02-08', '2027-02-09']);
  });
});
