import { StepStatus } from 'src/domain/step-status';
import { JobName } from 'src/queue/queue.constants';
import { planJobs, rungJobId } from './deadline-jobs.service';
import { ClockRow } from './ladder.repository';

const DUE_AT = new Date('2025-10-10T15:59:59.999Z');
const NOW = new Date('2025-10-01T02:00:00.000Z').getTime();
const escalation = (_dueDate: string, level: 1 | 2): Date => new Date(DUE_AT.getTime() + level * 86_400_000);

const clock = (overrides: Partial<ClockRow> = {}): ClockRow => ({
  id: 'step-1',
  status: StepStatus.Ready,
  dueDate: '2025-10-10',
  dueAt: DUE_AT,
  remindAt: new Date('2025-10-09T01:00:00.000Z'),
  remindedAt: null,
  overdueAt: null,
  escalationLevel: 0,
  nextEscalationAt: null,
  ...overrides,
});

describe(planJobs.name, () => {
  it('should plan every rung of a fresh deadline, delayed until its time, keyed by step, rung and deadline', () => {
    const jobs = planJobs(clock(), NOW, escalation);
    expect(jobs.map((job) => [job.name, job.data.level, job.opts.delay])).toEqual([
      [JobName.RemindStep, undefined, new Date('2025-10-09T01:00:00.000Z').getTime() - NOW],
      [JobName.MarkStepOverdue, undefined, DUE_AT.getTime() - NOW],
      [JobName.EscalateStep, 1, DUE_AT.getTime() + 86_400_000 - NOW],
      [JobName.EscalateStep, 2, DUE_AT.getTime() + 2 * 86_400_000 - NOW],
    ]);
    expect(jobs[0].opts.jobId).toBe(rungJobId(JobName.RemindStep, 'step-1', DUE_AT));
    expect(jobs[3].opts.jobId).toBe(`${JobName.EscalateStep}-step-1-${DUE_AT.getTime()}-2`);
    expect(jobs.every((job) => job.data.stepId === 'step-1' && job.data.dueAt === DUE_AT.toISOString())).toBe(
      true,
    );
  });

  it('should skip the rungs already climbed and never plan a negative delay', () => {
    const late = planJobs(
      clock({ remindedAt: new Date(), overdueAt: new Date(), escalationLevel: 1 }),
      DUE_AT.getTime() + 10 * 86_400_000,
      escalation,
    );
    expect(late.map((job) => [job.name, job.data.level, job.opts.delay])).toEqual([
      [JobName.EscalateStep, 2, 0],
    ]);
    expect(planJobs(clock({ remindAt: null }), NOW, escalation)[0].name).toBe(JobName.MarkStepOverdue);
    expect(
      planJobs(clock({ escalationLevel: 2, overdueAt: new Date(), remindedAt: new Date() }), NOW, escalation),
    ).toEqual([]);
  });

  it('should plan nothing for a step that is not open or has no deadline', () => {
    for (const status of [
      StepStatus.Pending,
      StepStatus.Completed,
      StepStatus.Skipped,
      StepStatus.Cancelled,
    ]) {
      expect(planJobs(clock({ status }), NOW, escalation)).toEqual([]);
    }
    expect(planJobs(clock({ status: StepStatus.InProgress }), NOW, escalation)).toHaveLength(4);
    expect(planJobs(clock({ dueAt: null }), NOW, escalation)).toEqual([]);
    expect(planJobs(clock({ dueDate: null }), NOW, escalation)).toEqual([]);
  });
});
