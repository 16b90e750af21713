import type { CaseDetail, StepRow } from '@/api/types';
import { actionsFor, eventTitle, returnTargets, waitingFor } from './case-view';

const TOWN = 'town-1';
const CANLIAN = 'dept-canlian';

function step(position: number, lane: string, order: number, status: string, dependsOn: number[] = []): StepRow {
  return {
    id: `s${position}`,
    caseId: 'c1',
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
    completedAt: null,
    note: null,
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
});
