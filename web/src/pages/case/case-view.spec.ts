import type { CaseDetail, StepRow } from '@/api/types';
import { actionsFor, attachChoices, defaultReturnTarget, eventTitle, returnTargets, waitingFor } from './case-view';

const TOWN = 'town-1';
const CANLIAN = 'dept-canlian';

function step(
  position: number,
  lane: StepRow['lane'],
  order: number,
  status: StepRow['status'],
  dependsOn: number[] = [],
): StepRow {
  return {
    id: `s${position}`,
    caseId: 'c1',
    templateStepId: null,
    position,
    lane,
    section: null,
    order,
    text: `环节${position}`,
    assigneeDepartmentIds: lane === 'department' ? [CANLIAN] : [],
    dependsOn,
    dueWorkingDays: 5,
    optional: position === 4,
    status,
    claimedBy: null,
    readyAt: null,
    dueDate: null,
    dueAt: null,
    remindAt: null,
    remindedAt: null,
    overdueAt: null,
    escalationLevel: 0,
    escalatedAt: null,
    nextEscalationAt: null,
    completedAt: null,
    completedBy: null,
    note: null,
    returnCount: 0,
    revision: 1,
  };
}

// 乡镇 1 → 乡镇 2 → 部门 3 → 乡镇 4 (optional).
const steps = [
  step(1, 'township', 1, 'completed'),
  step(2, 'township', 2, 'completed', [1]),
  step(3, 'department', 1, 'ready', [2]),
  step(4, 'township', 3, 'pending', [3]),
];
const detail = { id: 'c1', townshipId: TOWN, status: 'open', steps } as unknown as CaseDetail;
const town = { role: 'township_staff', departmentId: null, townshipId: TOWN };
const canlian = { role: 'department_staff', departmentId: CANLIAN, townshipId: null };
const otherDept = { role: 'department_staff', departmentId: 'dept-other', townshipId: null };

describe('case page rules', () => {
  it('should offer 签收, 办结 and 退回（补正） only to the unit holding a ready step', () => {
    expect(actionsFor(canlian, detail, steps[2])).toEqual(['claim', 'complete', 'return']);
    expect(actionsFor(otherDept, detail, steps[2])).toEqual([]);
    expect(actionsFor(town, detail, steps[2])).toEqual([]);
  });

  it('should offer nothing on finished or pending steps, or when the case is closed', () => {
    expect(actionsFor(town, detail, steps[0])).toEqual([]);
    expect(actionsFor(town, detail, steps[3])).toEqual([]);
    expect(actionsFor(canlian, { ...detail, status: 'completed' }, steps[2])).toEqual([]);
  });

  it('should offer 跳过 on an optional step once it is open', () => {
    const open = steps.map((s) => (s.position === 4 ? { ...s, status: 'in_progress' } : s));
    expect(actionsFor(town, { ...detail, steps: open }, open[3])).toEqual(['complete', 'return', 'skip']);
  });

  it('should send back to finished steps on the path, nearest first', () => {
    expect(returnTargets(steps, steps[2]).map((s) => s.position)).toEqual([2, 1]);
    expect(returnTargets(steps, steps[0])).toEqual([]);
  });

  it('should say which steps a pending step waits for', () => {
    expect(waitingFor(steps, steps[3])).toBe('等待 部门第 1 步（待签收） 办结');
    expect(waitingFor(steps, steps[2])).toBeNull();
  });

  it('should describe timeline events in Chinese with the step', () => {
    const base = { id: 'e', note: null, actorName: '李娜', createdAt: '', data: null, fromStatus: null };
    expect(
      eventTitle({ ...base, type: 'step_status_changed', toStatus: 'in_progress', stepId: 's3', stepPosition: 3 }, steps),
    ).toBe('签收 · 部门第 1 步');
    expect(eventTitle({ ...base, type: 'case_opened', toStatus: 'open', stepId: null, stepPosition: null }, steps)).toBe(
      '发起办件',
    );
    expect(eventTitle({ ...base, type: 'brand_new', toStatus: null, stepId: null, stepPosition: null }, steps)).toBe('操作');
  });

  it('should offer 撤回 on a finished step until a step it released is claimed', () => {
    expect(actionsFor(town, detail, steps[1])).toEqual(['withdraw']);
    const claimed = steps.map((s) => (s.position === 3 ? { ...s, status: 'in_progress' } : s));
    expect(actionsFor(town, { ...detail, steps: claimed }, claimed[1])).toEqual([]);
    expect(actionsFor(canlian, detail, steps[1])).toEqual([]);
  });

  it('should offer 催办反馈 to the holder of an urged open step only', () => {
    expect(actionsFor(canlian, detail, steps[2], true)).toEqual(['claim', 'complete', 'return', 'reply']);
    expect(actionsFor(canlian, detail, steps[2], false)).not.toContain('reply');
  });

  it('should default a send-back to the step that handed the work over, as the API does', () => {
    // 部门 3 depends on 乡镇 2: the hand-over; 乡镇 4 depends on 部门 3 (another lane) as well.
    expect(defaultReturnTarget(steps, steps[2])?.position).toBe(2);
    const both = { ...steps[3], dependsOn: [2, 3] };
    expect(defaultReturnTarget(steps, both)?.position).toBe(3);
    expect(defaultReturnTarget(steps, steps[0])).toBeUndefined();
  });

  it('should attach a corrected file to the step sent back, and offer the case itself to its township', () => {
    const returned = steps.map((s) => (s.position === 2 ? { ...s, status: 'ready', returnCount: 1 } : s));
    const choices = attachChoices(town, { ...detail, steps: returned });
    expect(choices).toEqual({
      choices: [
        { value: 's2', label: '乡镇第 2 步（补正材料）' },
        { value: '', label: '办件材料' },
      ],
      defaultValue: 's2',
    });
    expect(attachChoices(town, detail)?.defaultValue).toBe('');
    expect(attachChoices(otherDept, detail)).toBeNull();
    expect(attachChoices(town, { ...detail, status: 'completed' })).toBeNull();
  });

  it('should call taking a finished step back 撤回重办, not 签收', () => {
    const base = { id: 'e', note: null, actorName: '王芳', createdAt: '', data: null, type: 'step_status_changed' };
    expect(eventTitle({ ...base, fromStatus: 'completed', toStatus: 'in_progress', stepId: 's2', stepPosition: 2 }, steps)).toBe(
      '撤回重办 · 乡镇第 2 步',
    );
  });
});
