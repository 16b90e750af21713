import { WorkingCalendar } from 'src/calendar/working-days';
import { assembleStats } from './supervision-stats';

const calendar = new WorkingCalendar([], [2025]);

describe(assembleStats.name, () => {
  it('should fold cells into per-unit counts, rate, median and aging buckets', () => {
    const tables = assembleStats({
      open: [
        { kind: 'department', unitId: 'd1', dueDate: '2025-06-20', overdue: false, n: 2 },
        { kind: 'department', unitId: 'd1', dueDate: '2025-06-12', overdue: true, n: 1 }, // 1 working day
        { kind: 'department', unitId: 'd1', dueDate: '2025-06-06', overdue: true, n: 3 }, // 5
        { kind: 'township', unitId: 't1', dueDate: '2025-05-01', overdue: true, n: 1 }, // 30
      ],
      completed: [
        { kind: 'department', unitId: 'd1', onTime: true, workingDays: 2, n: 3 },
        { kind: 'department', unitId: 'd1', onTime: false, workingDays: 9, n: 1 },
        { kind: 'department', unitId: 'd2', onTime: true, workingDays: null, n: 1 },
      ],
      names: new Map([
        ['d1', '奇台县残联'],
        ['d2', '奇台县民政局'],
        ['t1', '三个庄子镇'],
      ]),
      calendar,
      today: '2025-06-13',
    });
    expect(tables.departments[0]).toEqual({
      unitId: 'd1',
      unitName: '奇台县残联',
      open: 6,
      overdue: 4,
      completedOnTime: 3,
      completedLate: 1,
      onTimeRate: 0.75,
      medianWorkingDays: 2,
      aging: { d0to2: 1, d3to5: 3, d6to10: 0, over10: 0 },
    });
    expect(tables.departments[1]).toMatchObject({
      unitName: '奇台县民政局',
      onTimeRate: 1,
      medianWorkingDays: null,
    });
    expect(tables.townships).toEqual([
      expect.objectContaining({
        unitName: '三个庄子镇',
        overdue: 1,
        aging: { d0to2: 0, d3to5: 0, d6to10: 0, over10: 1 },
      }),
    ]);
  });

  it('should keep only the filtered department when steps are shared', () => {
    const tables = assembleStats({
      open: [
        { kind: 'department', unitId: 'd1', dueDate: '2025-06-20', overdue: false, n: 1 },
        { kind: 'department', unitId: 'd2', dueDate: '2025-06-20', overdue: false, n: 1 },
      ],
      completed: [],
      names: new Map(),
      calendar,
      today: '2025-06-13',
      departmentId: 'd2',
    });
    expect(tables.departments.map((d) => d.unitId)).toEqual(['d2']);
  });
});
