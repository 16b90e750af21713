import { completionFigures, weekRanges } from './board.service';
import { columnWidths, displayWidth } from './supervision-export';
import { addMonths } from './supervision-math';

describe('board pure pieces', () => {
  it('should give 12 Monday–Sunday weeks ending with the current one', () => {
    const weeks = weekRanges('2025-10-10', 12); // a Friday
    expect(weeks).toHaveLength(12);
    expect(weeks.at(-1)).toEqual({ weekStart: '2025-10-06', weekEnd: '2025-10-12' });
    expect(weeks[0]).toEqual({ weekStart: '2025-07-21', weekEnd: '2025-07-27' });
    expect(weekRanges('2025-10-12', 1)).toEqual([{ weekStart: '2025-10-06', weekEnd: '2025-10-12' }]);
    expect(weekRanges('2025-10-13', 1)).toEqual([{ weekStart: '2025-10-13', weekEnd: '2025-10-19' }]);
  });

  it('should step months across year ends', () => {
    expect(addMonths('2026-01-01', -1)).toBe('2025-12-01');
    expect(addMonths('2025-12-01', 1)).toBe('2026-01-01');
    expect(addMonths('2025-10-01', -13)).toBe('2024-09-01');
  });

  it('should compute the on-time rate and average working days of one month only', () => {
    const cells = [
      { month: '2025-10-01', onTime: true, workingDays: 2, n: 3 },
      { month: '2025-10-01', onTime: false, workingDays: 6, n: 1 },
      { month: '2025-10-01', onTime: false, workingDays: null, n: 1 },
      { month: '2025-09-01', onTime: true, workingDays: 1, n: 7 },
    ];
    expect(completionFigures(cells, '2025-10-01')).toEqual({ onTimeRate: 0.6, averageWorkingDays: 3 });
    expect(completionFigures(cells, '2025-08-01')).toEqual({ onTimeRate: null, averageWorkingDays: null });
  });

  it('should size columns by display width, Chinese characters counting two', () => {
    expect(displayWidth('奇台县残联')).toBe(10);
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth(new Date(), 'date')).toBe(10);
    const widths = columnWidths({
      sheetName: 's',
      headers: ['序号', '环节'],
      formats: [undefined, undefined],
      rows: [[1, '乡镇人民政府初审申请材料并上报县残疾人联合会审核'.repeat(3)]],
    });
    expect(widths).toEqual([6, 60]);
  });
});
