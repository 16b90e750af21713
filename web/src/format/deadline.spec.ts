import { WorkingCalendar } from '@calendar/working-days';
import { describeDeadline, describeFinish } from './deadline';

// 2025 National Day: 10-01…10-08 off, Saturday 10-11 a make-up workday (调休上班).
const calendar = new WorkingCalendar(
  [
    ...['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => ({ date: `2025-10-${d}`, kind: 'holiday' as const })),
    { date: '2025-10-11', kind: 'workday' as const },
  ],
  [2025],
);

describe(describeDeadline.name, () => {
  it('should count working days left across the holiday and the make-up Saturday', () => {
    // 09-30 → 10-13: working days 10-09, 10-10, 10-11 (调休), 10-13.
    expect(describeDeadline('2025-10-13', '2025-09-30', calendar)).toEqual({
      light: 'green',
      text: '剩 4 个工作日',
      workingDaysLeft: 4,
    });
  });

  it('should turn yellow at two working days left and on the due day', () => {
    expect(describeDeadline('2025-10-10', '2025-09-30', calendar).light).toBe('yellow');
    expect(describeDeadline('2025-10-10', '2025-09-30', calendar).text).toBe('剩 2 个工作日');
    expect(describeDeadline('2025-10-09', '2025-10-09', calendar)).toMatchObject({ light: 'yellow', text: '今天到期' });
  });

  it('should be red with the working days overdue after the due date', () => {
    expect(describeDeadline('2025-09-29', '2025-10-09', calendar)).toEqual({
      light: 'red',
      text: '已逾期 2 个工作日',
      workingDaysLeft: -2,
    });
    // Due Friday 10-10, read on Sunday 10-12 (10-11 was a make-up workday): one working day late.
    expect(describeDeadline('2025-10-10', '2025-10-12', calendar).text).toBe('已逾期 1 个工作日');
  });

  it('should say overdue without a number on the holiday right after the due date', () => {
    expect(describeDeadline('2025-09-30', '2025-10-01', calendar)).toMatchObject({ light: 'red', text: '已逾期' });
  });

  it('should say 未计时 for a step whose clock has not started', () => {
    expect(describeDeadline(null, '2025-10-09', calendar)).toMatchObject({ light: 'none', text: '未计时' });
  });
});

describe(describeFinish.name, () => {
  it('should call a step finished on or before its due date 按期办结', () => {
    expect(describeFinish('2025-10-13', '2025-10-13', calendar)).toEqual({ light: 'green', text: '按期办结' });
  });

  it('should count the working days a late finish took, skipping the holiday', () => {
    // Due 09-30, finished 10-09: 10-01…10-08 are holidays, so one working day late.
    expect(describeFinish('2025-09-30', '2025-10-09', calendar)).toEqual({ light: 'red', text: '逾期 1 个工作日办结' });
  });

  it('should say 未计时 without a due date', () => {
    expect(describeFinish(null, '2025-10-09', calendar).text).toBe('未计时');
  });
});
