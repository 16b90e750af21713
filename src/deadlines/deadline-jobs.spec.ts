import { StepStatus } from 'src/domain/step-status';
import { JobName } from 'src/queue/queue.constants';
import { nextRung } from './deadline-jobs.service';
import { ClockRow } from './ladder.repository';

const DUE_AT = new Date('2025-10-10T15:59:59.999Z');
const REMIND_AT = new Date('2025-09-30T01:00:00Z');
const NOW = new Date('2025-09-26T02:00:00Z').getTime();
const escalation = (_dueDate: string, level: 1 | 2): Date => new Date(DUE_AT.getTime() + level * 86_400_000);

function clock(patch: Partial<ClockRow> = {}): ClockRow {
  return {
    id: 'step-1',
    status: StepStatus.Ready,
    dueDate: '2025-10-10',
    dueAt: DUE_AT,
    remindAt: REMIND_AT,
    remindedAt: null,
    overdueAt: null,
    escalationLevel: 0,
    nextEscalationAt: null,
    ...patch,
  };
}

describe(nextRung.name, () => {
  it('should plan only the reminder while it is ahead', () => {
    expect(nextRung(clock(), NOW, escalation)).toEqual({
      name: JobName.RemindStep,
      data: { stepId: 'step-1', dueAt: DUE_AT.toISOString() },
      delay: REMIND_AT.getTime() - NOW,
    });
  });

  it('should plan the overdue mark once reminded, or at once when there is no reminder', () => {
    for (const patch of [{ remindedAt: REMIND_AT }, { remindAt: null }]) {
      const rung = nextRung(clock(patch), NOW, escalation);
      expect(rung?.name).toBe(JobName.MarkStepOverdue);
      expect(rung?.delay).toBe(DUE_AT.getTime() - NOW);
    }
  });

  it('should plan escalation 1 then 2 just after their instants, then nothing', () => {
    const overdue = { remindedAt: REMIND_AT, overdueAt: DUE_AT };
    const first = nextRung(clock(overdue), NOW, escalation);
    expect(first).toMatchObject({ name: JobName.EscalateStep, data: { level: 1 } });
    expect(first?.delay).toBe(escalation('', 1).getTime() + 1 - NOW);
    const second = nextRung(clock({ ...overdue, escalationLevel: 1 }), NOW, escalation);
    expect(second).toMatchObject({ name: JobName.EscalateStep, data: { level: 2 } });
    expect(nextRung(clock({ ...overdue, escalationLevel: 2 }), NOW, escalation)).toBeNull();
  });

  it('should fire a rung whose time has passed at once', () => {
    expect(nextRung(clock(), REMIND_AT.getTime() + 5_000, escalation)?.delay).toBe(0);
  });

  it('should plan nothing for a step that is not open or has no deadline', () => {
    for (const status of [
      StepStatus.Pending,
      StepStatus.Completed,
      StepStatus.Skipped,
      StepStatus.Cancelled,
    ]) {
      expect(nextRung(clock({ status }), NOW, escalation)).toBeNull();
    }
    expect(nextRung(clock({ dueAt: null }), NOW, escalation)).toBeNull();
  });
});
