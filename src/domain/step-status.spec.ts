import { canTransition } from 'src/common/state-machine/transitions';
import {
  isDoneStep,
  isOpenStep,
  isUnfinishedStep,
  OPEN_STEP_STATUSES_SQL,
  STEP_STATUS_LABELS,
  STEP_TRANSITIONS,
  StepStatus,
} from './step-status';

const S = StepStatus;
const all = Object.values(StepStatus);

describe('step statuses', () => {
  it('should sort every status into exactly one of open, done, waiting or closed', () => {
    expect(all.filter(isOpenStep)).toEqual([S.Ready, S.InProgress]);
    expect(all.filter(isDoneStep)).toEqual([S.Completed, S.Skipped, S.NotApplicable]);
    expect(all.filter(isUnfinishedStep)).toEqual([S.Pending, S.Ready, S.InProgress]);
    expect(OPEN_STEP_STATUSES_SQL).toBe(`'ready', 'in_progress'`);
  });

  it('should allow the engine its edges and nothing out of cancelled', () => {
    const allowed = (from: StepStatus, to: StepStatus): boolean => canTransition(STEP_TRANSITIONS, from, to);
    expect(all.filter((to) => allowed(S.Pending, to))).toEqual([
      S.Ready,
      S.Skipped,
      S.Cancelled,
      S.NotApplicable,
    ]);
    expect(all.filter((to) => allowed(S.Ready, to))).toEqual([
      S.Pending,
      S.InProgress,
      S.Completed,
      S.Skipped,
      S.Cancelled,
      S.NotApplicable,
    ]);
    expect(all.filter((to) => allowed(S.InProgress, to))).toEqual([
      S.Pending,
      S.Ready,
      S.Completed,
      S.Skipped,
      S.Cancelled,
      S.NotApplicable,
    ]);
    expect(all.filter((to) => allowed(S.Completed, to))).toEqual([S.Pending, S.Ready, S.InProgress]); // 撤回
    expect(all.filter((to) => allowed(S.Skipped, to))).toEqual([S.Pending, S.Ready]);
    expect(all.filter((to) => allowed(S.Cancelled, to))).toEqual([]);
    expect(all.filter((to) => allowed(S.NotApplicable, to))).toEqual([]);
  });

  it('should label every status in Chinese', () => {
    expect(STEP_STATUS_LABELS).toEqual({
      pending: '未开始',
      ready: '待办理',
      in_progress: '办理中',
      completed: '已完成',
      skipped: '已跳过',
      cancelled: '已撤销',
      not_applicable: '不适用',
    });
  });
});
