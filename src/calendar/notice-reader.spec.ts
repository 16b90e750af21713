import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCalendarSeedFile } from './calendar-seed-file';
import { readHolidayNotice } from './notice-reader';

const fixture = (name: string): string =>
  readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'calendar-notices', name), 'utf8');
const seedPath = join(__dirname, '..', '..', 'seeds', 'calendar', 'cn-working-calendar.json');
const seeded = parseCalendarSeedFile(readFileSync(seedPath, 'utf8'), seedPath);
const seededDays = (year: number) => seeded.years.find((y) => y.year === year)?.days ?? [];

describe('readHolidayNotice', () => {
  it.each([2025, 2026])('should read the %i notice into exactly the days of the seeded calendar', (year) => {
    const sut = readHolidayNotice(fixture(`${year}.txt`));

    expect(sut.year).toBe(year);
    expect(sut.warnings).toEqual([]);
    expect(sut.otherYearDays).toEqual([]);
    expect(sut.days).toEqual(seededDays(year));
  });

  it('should name the notice and its 文号 as the source', () => {
    expect(readHolidayNotice(fixture('2025.txt')).source).toBe(
      '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
    );
    expect(readHolidayNotice(fixture('2026.txt')).source).toBe('国务院办公厅关于2026年部分节假日安排的通知');
  });

  it('should read a range across months and a single day without a range', () => {
    const sut = readHolidayNotice(fixture('2025.txt'));

    expect(sut.days.filter((d) => d.name === '端午节').map((d) => d.date)).toEqual([
      '2025-05-31',
      '2025-06-01',
      '2025-06-02',
    ]);
    expect(sut.days.filter((d) => d.name === '元旦')).toEqual([
      { date: '2025-01-01', kind: 'holiday', name: '元旦' },
    ]);
  });

  it('should read the short form of the issue ("1月1日（周四）放假调休，共1天" / "1月4日（周日）上班")', () => {
    const sut = readHolidayNotice(
      '2026年部分节假日安排\n一、元旦：1月1日（周四）放假调休，共1天。1月4日（周日）上班。',
    );

    expect(sut.days).toEqual([
      { date: '2026-01-01', kind: 'holiday', name: '元旦' },
      { date: '2026-01-04', kind: 'workday', name: '元旦调休上班' },
    ]);
    expect(sut.warnings).toEqual([]);
  });

  it('should put days of the neighbouring year apart and read 星期 and explicit years', () => {
    const sut = readHolidayNotice(fixture('2019-cross-year.txt'));

    expect(sut.year).toBe(2019);
    expect(sut.otherYearDays).toEqual([
      { date: '2018-12-29', kind: 'workday', name: '元旦调休上班' },
      { date: '2018-12-30', kind: 'holiday', name: '元旦' },
      { date: '2018-12-31', kind: 'holiday', name: '元旦' },
    ]);
    expect(sut.days.slice(0, 1)).toEqual([{ date: '2019-01-01', kind: 'holiday', name: '元旦' }]);
    expect(sut.days.filter((d) => d.kind === 'workday').map((d) => d.date)).toEqual([
      '2019-02-02',
      '2019-02-03',
      '2019-09-29',
      '2019-10-12',
    ]);
    expect(sut.days.filter((d) => d.name === '清明节').map((d) => d.date)).toEqual(['2019-04-05']);
    expect(sut.warnings).toEqual([]);
  });

  it('should warn when a written weekday or day count disagrees with the dates', () => {
    const text = fixture('2026.txt').replace('1月4日（周日）', '1月4日（周一）').replace('共9天', '共8天');

    const sut = readHolidayNotice(text);

    expect(sut.warnings).toEqual([
      '元旦：2026-01-04 是周日，通知写的是“周一”，请核对',
      '春节：通知写“共8天”，但 2026-02-15 至 2026-02-23 是 9 天，请核对',
    ]);
    expect(sut.days).toEqual(seededDays(2026));
  });

  it('should accept full-width digits and an expected year that overrides the text', () => {
    const sut = readHolidayNotice('一、元旦：１月１日（周四）放假，共１天。', 2026);

    expect(sut.days).toEqual([{ date: '2026-01-01', kind: 'holiday', name: '元旦' }]);
  });

  it('should say what is missing when the text is not a notice', () => {
    expect(readHolidayNotice('今天天气很好').warnings).toEqual([
      '未能识别通知所属年份：请粘贴包含“××××年部分节假日安排”的通知全文',
    ]);
    expect(readHolidayNotice('2027年部分节假日安排 另行通知').warnings).toEqual([
      '未找到“一、元旦：……”这样的分项安排，请检查粘贴的通知全文',
    ]);
  });
});
