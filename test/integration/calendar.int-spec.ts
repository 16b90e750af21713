import { INestApplicationContext, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { CoreModule } from 'src/app.module';
import { CALENDAR_CHECK_INTERVAL_MS } from 'src/calendar/calendar.constants';
import { CalendarModule } from 'src/calendar/calendar.module';
import { CalendarRepository } from 'src/calendar/calendar.repository';
import { DEFAULT_CALENDAR_SEED_FILE, readCalendarSeedFile } from 'src/calendar/calendar-seed-file';
import { CalendarSeeder } from 'src/calendar/calendar.seeder';
import { CalendarService } from 'src/calendar/calendar.service';
import { CalendarDay } from 'src/calendar/calendar.types';
import { Clock } from 'src/common/clock/clock';
import { DomainEvents } from 'src/common/events/domain-events';
import { DomainError } from 'src/common/errors/domain.error';
import { resetDatabase } from 'test/utils/database';

@Module({ imports: [CoreModule, CalendarModule] })
class CalendarTestModule {}

class FakeClock extends Clock {
  time = new Date('2026-01-10T02:00:00Z');
  override now(): Date {
    return this.time;
  }
}

// A hypothetical corrected 2026 Spring Festival: one day shorter, one make-up day fewer.
const SPRING_ONLY_2026: CalendarDay[] = [
  { date: '2026-02-14', kind: 'workday', name: '春节调休上班' },
  ...[
    '2026-02-15',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-21',
    '2026-02-22',
  ].map((date): CalendarDay => ({ date, kind: 'holiday', name: '春节' })),
];

describe(CalendarService.name, () => {
  let context: INestApplicationContext;
  let dataSource: DataSource;
  let seeder: CalendarSeeder;
  let sut: CalendarService;
  let repository: CalendarRepository;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [CalendarTestModule] }).compile();
    context = await moduleRef.init();
    dataSource = context.get(DataSource);
    seeder = context.get(CalendarSeeder);
    sut = context.get(CalendarService);
    repository = context.get(CalendarRepository);
    await resetDatabase(dataSource);
  });

  afterAll(async () => {
    await context.close();
  });

  const counts = async (): Promise<{ years: number; days: number; revisions: string }> => {
    const [row] = await dataSource.query<{ years: number; days: number; revisions: string }[]>(
      `SELECT (SELECT count(*)::int FROM calendar_years) AS years, (SELECT count(*)::int FROM calendar_days) AS days,
              (SELECT string_agg(revision::text, ',' ORDER BY year) FROM calendar_years) AS revisions`,
    );
    return row;
  };

  const daysOf = async (year: number): Promise<CalendarDay[]> => (await sut.getYear(year)).days;

  it('should seed every year of the file once, even when two processes seed at the same time', async () => {
    const file = await readCalendarSeedFile(DEFAULT_CALENDAR_SEED_FILE());
    const results = await Promise.all([seeder.seedFromFile(), seeder.seedFromFile()]);

    expect(results.flatMap((r) => r.seeded).sort()).toEqual([2025, 2026]);
    const before = await counts();
    expect(before).toEqual(
      expect.objectContaining({ years: 2, days: file.years.reduce((n, y) => n + y.days.length, 0) }),
    );
    expect(await seeder.seedFromFile()).toEqual({ seeded: [], skipped: [2025, 2026] });
    expect(await counts()).toEqual(before);
  });

  it('should compute from the database (issue example) and flag years beyond the seed', async () => {
    await expect(sut.addWorkingDays('2025-09-26', 5)).resolves.toEqual({
      date: '2025-10-10',
      beyondCoveredYears: false,
    });
    await expect(sut.addWorkingDays('2026-12-31', 1)).resolves.toEqual({
      date: '2027-01-01',
      beyondCoveredYears: true,
    });
    expect((await sut.snapshot()).coveredYears).toEqual([2025, 2026]);
    const year = await sut.getYear(2026);
    expect(year.source).toContain('2026年部分节假日安排');
    expect(year.days).toContainEqual({ date: '2026-02-23', kind: 'holiday', name: '春节' });
  });

  it('should replace a year atomically and let another process see it after its check interval', async () => {
    const clock = new FakeClock();
    const otherProcess = new CalendarService(repository, clock, new DomainEvents());
    expect((await otherProcess.addWorkingDays('2026-02-13', 2)).date).toBe('2026-02-24');

    const change = await sut.replaceYear(2026, { source: '更正后的通知', days: SPRING_ONLY_2026 }, null);

    expect(change.changedYears).toEqual([2026]);
    expect(change.changedDates).toEqual(expect.arrayContaining(['2026-01-01', '2026-02-23', '2026-02-28']));
    expect(await daysOf(2026)).toEqual(SPRING_ONLY_2026);
    expect(await sut.isWorkingDay('2026-02-23')).toBe(true);
    // Within the interval the other process may still use its cache; after it, it must reload.
    clock.time = new Date(clock.time.getTime() + CALENDAR_CHECK_INTERVAL_MS);
    expect((await otherProcess.addWorkingDays('2026-02-13', 2)).date).toBe('2026-02-23');
    expect(
      (await new CalendarService(repository, clock, new DomainEvents()).snapshot()).isWorkingDay(
        '2026-01-01',
      ),
    ).toBe(true);
  });

  it('should keep an admin edit when the seed runs again', async () => {
    expect(await seeder.seedFromFile()).toEqual({ seeded: [], skipped: [2025, 2026] });
    expect(await daysOf(2026)).toEqual(SPRING_ONLY_2026);
  });

  it('should reject bad content with a DomainError and write nothing', async () => {
    const before = await counts();
    const bad: CalendarDay[] = [
      ...SPRING_ONLY_2026,
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2026-02-16', kind: 'holiday', name: '春节' },
      { date: '2026-02-25', kind: 'workday', name: '春节调休上班' },
    ];

    const error: unknown = await sut
      .replaceYear(2026, { source: '通知', days: bad }, null)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).details).toEqual({
      fields: [
        { field: 'days[9].date', problems: [expect.stringContaining('不在 2026 年内')] },
        { field: 'days[10].date', problems: [expect.stringContaining('重复出现')] },
        { field: 'days[11].kind', problems: [expect.stringContaining('调休上班日只能是周六或周日')] },
      ],
    });
    expect(await counts()).toEqual(before);
  });

  it('should roll the whole replacement back when the database refuses one row', async () => {
    const before = await counts();
    // Past the service's checks, straight to the repository: the CHECK on make-up workdays fires.
    const refused = [{ date: '2026-03-04', kind: 'workday', name: '周三调休' } as const];

    await expect(repository.replaceYear(2026, '通知', refused, null)).rejects.toThrow(
      'CHK_calendar_days_workday_weekend',
    );

    expect(await counts()).toEqual(before);
    expect(await daysOf(2026)).toEqual(SPRING_ONLY_2026);
  });

  it('should answer 404-style NOT_FOUND for a year without a notice', async () => {
    await expect(sut.getYear(2030)).rejects.toThrow('2030 年的节假日安排尚未录入');
  });
});
