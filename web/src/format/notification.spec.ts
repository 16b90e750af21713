import { notificationKindWord, urgesFirst } from './notification';

describe('notifications', () => {
  it('should put 催办 first, newest first within each group', () => {
    const items = [
      { type: 'step_ready', createdAt: '2026-12-09T03:00:00Z' },
      { type: 'step_urged', createdAt: '2026-12-08T03:00:00Z' },
      { type: 'step_overdue', createdAt: '2026-12-09T05:00:00Z' },
      { type: 'step_urged', createdAt: '2026-12-09T01:00:00Z' },
    ];
    expect(urgesFirst(items).map((item) => `${item.type}@${item.createdAt.slice(8, 10)}`)).toEqual([
      'step_urged@09',
      'step_urged@08',
      'step_overdue@09',
      'step_ready@09',
    ]);
  });

  it('should name every kind in Chinese and never show the enum value', () => {
    expect(notificationKindWord('step_urged')).toBe('催办');
    expect(notificationKindWord('something_new')).toBe('通知');
  });
});
