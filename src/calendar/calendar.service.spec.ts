import { Logger } from '@nestjs/common';
import { Clock } from 'src/common/clock/clock';
import { DomainEvents } from 'src/common/events/domain-events';
import { DomainError } from 'src/common/errors/domain.error';
import { CALENDAR_CHECK_INTERVAL_MS, CALENDAR_INVALID } from './calendar.constants';
import { parseCalendarSeedFile } from './calendar-seed-file';
import { CalendarRepository, LoadedCalendar } from './calendar.repository';
import { CalendarService } from './calendar.service';
import { CalendarDay } from './calendar.types';

const SPRING_2026: CalendarDay[] = [
  { date: '2026-02-14', kind: 'workday', name: '春节调休上班' },
  { date: '2026-02-16', kind: 'holiday', name: '春节' },
];

class FakeClock extends Clock {
  time = new Date('2026-01-10T02:00:00Z');
  override now(): Date {
    return this.time;
  }
  advance(ms: number): void {
    this.time = new Date(this.time.getTime() + ms);
  }
}

function newTestService(
  loaded: LoadedCalendar = { years: [2026], days: SPRING_2026, fingerprint: '2026:a' },
) {
  const repository = {
    fingerprint: jest.fn().mockResolvedValue(loaded.fingerprint),
    loadAll: jest.fn().mockResolvedValue(loaded),
    replaceYear: jest.fn().mockResolvedValue(SPRING_2026),
  };
  const clock = new FakeClock();
  const events = new DomainEvents();
  const sut = new CalendarService(repository as unknown as CalendarRepository, clock, events);
  return { sut, repository, clock, events };
}

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe(CalendarService.name, () => {
  describe('snapshot', () => {
    it('should load once and reuse the calendar within the check interval', async () => {
      const { sut, repository, clock } = newTestService();
      await sut.addWorkingDays('2026-02-13', 1);
      clock.advance(CALENDAR_CHECK_INTERVAL_MS - 1);
      // Fake data: 02-14 is a make-up Saturday, 02-16 a holiday.
      expect((await sut.addWorkingDays('2026-02-13', 2)).date).toBe('2026-02-17');
      expect(repository.loadAll).toHaveBeenCalledTimes(1);
      expect(repository.fingerprint).not.toHaveBeenCalled();
    });

    it('should check the fingerprint after the interval and reload only when it changed', async () => {
      const { sut, repository, clock } = newTestService();
      await sut.snapshot();
      clock.advance(CALENDAR_CHECK_INTERVAL_MS);
      await sut.snapshot();
      expect(repository.fingerprint).toHaveBeenCalledTimes(1);
      expect(repository.loadAll).toHaveBeenCalledTimes(1);

      repository.fingerprint.mockResolvedValue('2026:b');
      repository.loadAll.mockResolvedValue({ years: [2026], days: [], fingerprint: '2026:b' });
      clock.advance(CALENDAR_CHECK_INTERVAL_MS);
      expect((await sut.snapshot()).isWorkingDay('2026-02-16')).toBe(true);
      expect(repository.loadAll).toHaveBeenCalledTimes(2);
    });

    it('should check at once when asked for a fresh calendar', async () => {
      const { sut, repository } = newTestService();
      await sut.snapshot();
      await sut.snapshot({ fresh: true });
      expect(repository.fingerprint).toHaveBeenCalledTimes(1);
    });

    it('should let concurrent callers use the cached calendar while one checks the fingerprint', async () => {
      const { sut, repository, clock } = newTestService();
      await sut.snapshot();
      clock.advance(CALENDAR_CHECK_INTERVAL_MS);
      await Promise.all([sut.snapshot(), sut.snapshot(), sut.isWorkingDay('2026-02-16')]);
      expect(repository.fingerprint).toHaveBeenCalledTimes(1);
    });

    it('should never make a caller wait for the check another caller started', async () => {
      // Inside a transaction on the embedded database, that wait would never end.
      const { sut, repository, clock } = newTestService();
      await sut.snapshot();
      clock.advance(CALENDAR_CHECK_INTERVAL_MS);
      repository.fingerprint.mockReturnValueOnce(new Promise(() => undefined)); // never answers
      void sut.snapshot();
      const answered: string[] = [];
      void sut.snapshot().then(() => answered.push('cached'));
      void sut.snapshot({ fresh: true }).then(() => answered.push('fresh'));
      await new Promise(setImmediate);
      expect(answered.sort()).toEqual(['cached', 'fresh']);
    });
  });

  describe('addWorkingDays', () => {
    it('should reject an impossible date naming from, and a count out of range naming days', async () => {
      const { sut } = newTestService();
      expect((await rejection(sut.addWorkingDays('2025-02-30', 1))).details).toEqual({
        fields: [{ field: 'from', problems: ['应为有效日期（YYYY-MM-DD）'] }],
      });
      expect((await rejection(sut.addWorkingDays('2025-02-03', 3651))).details).toEqual({
        fields: [{ field: 'days', problems: ['应为 0—3650 之间的整数'] }],
      });
    });
  });

  describe('replaceYear', () => {
    it('should name every bad day and write nothing', async () => {
      const { sut, repository } = newTestService();
      const error = await rejection(
        sut.replaceYear(
          2026,
          {
            source: '通知',
            days: [
              { date: '2025-12-31', kind: 'holiday', name: '元旦' },
              { date: '2026-02-16', kind: 'holiday', name: '春节' },
              { date: '2026-02-16', kind: 'holiday', name: '春节' },
              { date: '2026-02-18', kind: 'workday', name: '春节调休上班' },
              { date: '2026-02-30', kind: 'holiday', name: '春节' },
            ],
          },
          null,
        ),
      );
      expect(error.code).toBe(CALENDAR_INVALID);
      expect(error.details).toEqual({
        fields: [
          { field: 'days[0].date', problems: [expect.stringContaining('不在 2026 年内')] },
          { field: 'days[2].date', problems: ['日期 2026-02-16 重复出现（与第 2 项相同）'] },
          { field: 'days[3].kind', problems: [expect.stringContaining('2026-02-18 是周三，本来就是工作日')] },
          { field: 'days[4].date', problems: ['“2026-02-30”不是有效日期（YYYY-MM-DD）'] },
        ],
      });
      expect(repository.replaceYear).not.toHaveBeenCalled();
    });

    it('should write, reload at once and tell listeners which dates changed', async () => {
      const { sut, repository, events } = newTestService();
      await sut.snapshot();
      const listener = jest.fn();
      events.on('calendar.changed', listener);
      const days: CalendarDay[] = [...SPRING_2026, { date: '2026-02-17', kind: 'holiday', name: ' 春节 ' }];

      const change = await sut.replaceYear(2026, { source: ' 通知 ', days }, 'admin-id');

      expect(repository.replaceYear).toHaveBeenCalledWith(
        2026,
        '通知',
        [...SPRING_2026, { date: '2026-02-17', kind: 'holiday', name: '春节' }],
        'admin-id',
      );
      const expected = {
        year: 2026,
        changedYears: [2026],
        changedDates: ['2026-02-17'],
        newlyCovered: false,
      };
      expect(change).toEqual(expected);
      expect(listener).toHaveBeenCalledWith(expected);
      await sut.snapshot();
      expect(repository.loadAll).toHaveBeenCalledTimes(2);
    });

    it('should not notify for a names-only edit, and survive a failing listener', async () => {
      const { sut, repository, events } = newTestService();
      jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      const listener = jest.fn().mockRejectedValue(new Error('boom'));
      events.on('calendar.changed', listener);
      const renamed = SPRING_2026.map((day) => ({ ...day, name: `${day.name}假期` }));
      expect((await sut.replaceYear(2026, { source: '通知', days: renamed }, null)).changedYears).toEqual([]);
      expect(listener).not.toHaveBeenCalled();

      repository.replaceYear.mockResolvedValue(null); // the year was not covered before
      await expect(sut.replaceYear(2026, { source: '通知', days: renamed }, null)).resolves.toEqual(
        expect.objectContaining({ newlyCovered: true, changedYears: [2026] }),
      );
      expect(listener).toHaveBeenCalledTimes(1);
    });
  });
});

describe(parseCalendarSeedFile.name, () => {
  it('should reject a file that is not JSON or has a bad year, naming the file', () => {
    expect(() => parseCalendarSeedFile('{', 'x.json')).toThrow(
      '工作日历数据文件 x.json 有误：不是有效的 JSON',
    );
    expect(() => parseCalendarSeedFile('{"years":[{"year":2026}]}', 'x.json')).toThrow('years[0]');
    const weekdayWorkday = JSON.stringify({
      years: [{ year: 2026, source: 's', days: [{ date: '2026-02-18', kind: 'workday', name: 'x' }] }],
    });
    expect(() => parseCalendarSeedFile(weekdayWorkday, 'x.json')).toThrow('调休上班日只能是周六或周日');
  });
});
