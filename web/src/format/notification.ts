// Notification kinds as a person reads them; 催办 first on the 工作台.
const KIND_WORDS: Record<string, string> = {
  step_ready: '新待办',
  step_returned: '退回',
  step_reassigned: '转办',
  step_reminder: '即将到期',
  step_overdue: '逾期',
  step_escalated: '督办',
  step_urged: '催办',
  overdue_digest: '逾期日报',
};

export function notificationKindWord(type: string): string {
  return KIND_WORDS[type] ?? '通知';
}

export function urgesFirst<T extends { type: string; createdAt: string }>(items: readonly T[]): T[] {
  const rank = (item: T) => (item.type === 'step_urged' ? 0 : 1);
  return [...items].sort((a, b) => rank(a) - rank(b) || b.createdAt.localeCompare(a.createdAt));
}
