import { caseStatusWord, laneWord, roleWord, stepStatusTag, stepStatusWord } from './status';

describe('status words', () => {
  it('should use the UI.md word for every step status', () => {
    expect(
      ['pending', 'ready', 'in_progress', 'completed', 'skipped', 'returned', 'cancelled', 'not_applicable'].map(
        (status) => stepStatusWord(status),
      ),
    ).toEqual(['未开始', '待签收', '办理中', '已办结', '已跳过', '已退回', '已撤销', '不适用']);
  });

  it('should use the UI.md word for every case status', () => {
    expect(['open', 'completed', 'cancelled'].map(caseStatusWord)).toEqual(['办理中', '已办结', '已撤销']);
  });

  it('should never show an unknown enum value', () => {
    expect(stepStatusWord('frozen')).toBe('状态未知');
    expect(caseStatusWord('constructor')).toBe('状态未知');
    expect(stepStatusTag('frozen')).toBe('info');
    expect(roleWord('root')).toBe('用户');
    expect(laneWord('county')).toBe('其他');
  });
});
