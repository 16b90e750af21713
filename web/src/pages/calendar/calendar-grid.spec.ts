import { cycleDay, missingNextYear, monthGrid } from './calendar-grid';

describe('calendar grid', () => {
  it('should lay a month out Monday first with holidays, 调休 workdays and weekends', () => {
    const days = new Map([
      ['2026-01-01', { date: '2026-01-01', kind: 'holiday' as const, name: '元旦' }],
      ['2026-01-04', { date: '2026-01-04', kind: 'workday' as const, name: '元旦调休上班' }],
    ]);
    const weeks = monthGrid(2026, 1, days);
    expect(weeks[0].map((c) => c.date)).toEqual([
      '2025-12-29',
      '2025-12-30',
      '2025-12-31',
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
      '2026-01-04',
    ]);
    expect(weeks[0].map((c) => c.tone)).toEqual(['outside', 'outside', 'outside', 'holiday', 'normal', 'weekend', 'workday']);
    expect(weeks.at(-1)?.at(-1)?.date).toBe('2026-02-01');
  });

  it('should warn from November when next year is not covered', () => {
    expect(missingNextYear('2026-11-01', [2025, 2026])).toBe(2027);
    expect(missingNextYear('2026-10-31', [2025, 2026])).toBeNull();
    expect(missingNextYear('2026-12-09', [2026, 2027])).toBeNull();
  });

  it('should cycle a corrected day through 放假, 调休上班 and unchanged', () => {
    const once = cycleDay([], '2027-10-08', '国庆节');
    expect(once).toEqual([{ date: '2027-10-08', kind: 'holiday', name: '国庆节' }]);
    const twice = cycleDay(once, '2027-10-08', '国庆节');
    expect(twice).toEqual([{ date: '2027-10-08', kind: 'workday', name: '国庆节调休上班' }]);
    expect(cycleDay(twice, '2027-10-08', '国庆节')).toEqual([]);
  });
});
