import { agingOption, cardChange, cardValue, filterQuery, sortOf, unitBarOption, weeklyOption } from './board-view';

describe('board view', () => {
  it('should word each card and its change against last month', () => {
    expect(cardValue({ value: 0.875, lastMonth: 0.9 }, 'rate')).toBe('87.5%');
    expect(cardChange({ value: 0.875, lastMonth: 0.9 }, 'rate')).toEqual({ text: '较上月 −2.5 个百分点', trend: 'down' });
    expect(cardChange({ value: 12, lastMonth: 9 }, 'count')).toEqual({ text: '较上月 +3', trend: 'up' });
    expect(cardChange({ value: 9, lastMonth: 9 }, 'count')).toEqual({ text: '与上月持平', trend: 'flat' });
    expect(cardChange({ value: 9, lastMonth: null }, 'count').text).toBe('上月无数据');
    expect(cardValue({ value: null, lastMonth: 3 }, 'days')).toBe('—');
    expect(cardChange({ value: 3.44, lastMonth: 3.9 }, 'days').text).toBe('较上月 −0.5');
  });

  it('should draw bars largest on top, carrying the unit id for the click', () => {
    const option = unitBarOption([
      { unitId: 'a', unitName: '县民政局', overdue: 5 },
      { unitId: 'b', unitName: '县残联', overdue: 9 },
    ]) as { yAxis: { data: string[] }; series: { data: { value: number; unitId: string }[] }[] };
    expect(option.yAxis.data).toEqual(['县民政局', '县残联']);
    expect(option.series[0].data.at(-1)).toEqual({ value: 9, unitId: 'b' });
  });

  it('should stack aging by unit kind and leave weeks without a snapshot empty', () => {
    const aging = agingOption([{ key: 'd0to2', label: '逾期0—2个工作日', department: 1, township: 2 }]) as {
      series: { stack: string; data: number[] }[];
    };
    expect(aging.series.map((s) => [s.stack, s.data])).toEqual([
      ['aging', [1]],
      ['aging', [2]],
    ]);
    const weekly = weeklyOption([
      { weekStart: '2025-09-29', weekEnd: '2025-10-05', overdue: null, live: false },
      { weekStart: '2025-10-06', weekEnd: '2025-10-12', overdue: 4, live: true },
    ]) as { xAxis: { data: string[] }; series: { data: (number | null)[] }[] };
    expect(weekly.xAxis.data).toEqual(['09-29', '本周']);
    expect(weekly.series[0].data).toEqual([null, 4]);
  });

  it('should leave empty filters out of the query and map table sorting to the server keys', () => {
    expect(filterQuery({ department: 'd', township: '', light: 'red', minDaysOverdue: 0, county: undefined })).toEqual({
      department: 'd',
      light: 'red',
    });
    expect(sortOf('dueDate', 'ascending')).toEqual({ sort: 'dueAt', order: 'asc' });
    expect(sortOf(null, null)).toEqual({ sort: 'daysOverdue', order: 'desc' });
  });
});
