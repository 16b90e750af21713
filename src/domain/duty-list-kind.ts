import { DutyListKind } from 'src/domain/vocabulary';

export const DUTY_LIST_KINDS: readonly DutyListKind[] = ['basic', 'cooperative', 'withdrawn'];

export const DUTY_LIST_LABELS: Record<DutyListKind, string> = {
  basic: '基本履职事项',
  cooperative: '配合履职事项',
  withdrawn: '上级部门收回事项',
};
