import { StepStatus } from './step-status';
import {
  ancestorsOf,
  descendantsOf,
  findGraphProblems,
  GraphStep,
  isCaseComplete,
  planReturn,
  planWithdraw,
  standingStepsLeftOpen,
  stepsBecomingReady,
} from './workflow';

const S = StepStatus;
const step = (position: number, dependsOn: number[], status: StepStatus = S.Pending): GraphStep => ({
  position,
  dependsOn,
  status,
});

// 1 → 2 → 3 (department lane), 4 → 5 (township lane), 6 joins 3 and 5.
const graph = (statuses: StepStatus[]): GraphStep[] =>
  [step(1, []), step(2, [1]), step(3, [2]), step(4, []), step(5, [4]), step(6, [3, 5])].map((s, i) => ({
    ...s,
    status: statuses[i],
  }));

describe(stepsBecomingReady.name, () => {
  it('should make every step without dependencies ready at the start', () => {
    expect(stepsBecomingReady(graph(Array(6).fill(S.Pending))).map((s) => s.position)).toEqual([1, 4]);
  });

  it('should wait for every branch of a join', () => {
    const oneBranchDone = graph([S.Completed, S.Completed, S.Completed, S.Completed, S.Ready, S.Pending]);
    expect(stepsBecomingReady(oneBranchDone)).toEqual([]);
    const both = graph([S.Completed, S.Completed, S.Completed, S.Completed, S.Skipped, S.Pending]);
    expect(stepsBecomingReady(both).map((s) => s.position)).toEqual([6]);
  });

  it('should treat a dependency outside the case (section not chosen) as satisfied', () => {
    expect(stepsBecomingReady([step(7, [99])]).map((s) => s.position)).toEqual([7]);
  });
});

describe(descendantsOf.name, () => {
  it('should follow dependencies transitively', () => {
    const steps = graph(Array(6).fill(S.Pending));
    expect([...descendantsOf(steps, 1)].sort()).toEqual([2, 3, 6]);
    expect([...ancestorsOf(steps, 6)].sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe(planReturn.name, () => {
  const running = graph([S.Completed, S.Completed, S.InProgress, S.Completed, S.Ready, S.Pending]);

  it('should send back to the direct predecessor by default and reset what had started after it', () => {
    expect(planReturn(running, 3)).toEqual({ reopen: 2, reset: [3] });
  });

  it('should send back further along the path and leave the other branch alone', () => {
    expect(planReturn(running, 3, 1)).toEqual({ reopen: 1, reset: [2, 3] });
  });

  it('should refuse a target on another branch, a first step and an unfinished target', () => {
    expect(planReturn(running, 3, 4)).toContain('同一流程路径');
    expect(planReturn(running, 1)).toContain('第一个环节');
    expect(planReturn(graph([S.Completed, S.Ready, S.Pending, S.Ready, S.Pending, S.Pending]), 2, 1)).toEqual(
      {
        reopen: 1,
        reset: [2],
      },
    );
    expect(planReturn(graph([S.Ready, S.Pending, S.Pending, S.Ready, S.Pending, S.Pending]), 2, 1)).toContain(
      '尚未办结',
    );
  });
});

describe(isCaseComplete.name, () => {
  it('should be complete only when every step is completed or skipped', () => {
    expect(
      isCaseComplete(graph([S.Completed, S.Completed, S.Completed, S.Completed, S.Skipped, S.Completed])),
    ).toBe(true);
    expect(
      isCaseComplete(graph([S.Completed, S.Completed, S.Completed, S.Completed, S.Skipped, S.Ready])),
    ).toBe(false);
    expect(isCaseComplete([])).toBe(false);
  });

  it('should not be held open by a standing duty, which then closes as not applicable', () => {
    const steps = [step(1, []), step(2, [1]), { ...step(3, []), standing: true }];
    const at = (statuses: StepStatus[]): GraphStep[] => steps.map((s, i) => ({ ...s, status: statuses[i] }));
    expect(isCaseComplete(at([S.Completed, S.Ready, S.Ready]))).toBe(false);
    expect(isCaseComplete(at([S.Completed, S.Completed, S.Ready]))).toBe(true);
    expect(standingStepsLeftOpen(at([S.Completed, S.Completed, S.Ready])).map((s) => s.position)).toEqual([
      3,
    ]);
    expect(standingStepsLeftOpen(at([S.Completed, S.Completed, S.Completed]))).toEqual([]);
    expect(isCaseComplete(at([S.Completed, S.Completed, S.NotApplicable]))).toBe(true);
  });

  it('should wait for every step of a case made only of standing duties', () => {
    const only = [
      { ...step(1, [], S.Completed), standing: true },
      { ...step(2, [], S.Ready), standing: true },
    ];
    expect(isCaseComplete(only)).toBe(false);
  });
});

describe(findGraphProblems.name, () => {
  it('should accept a valid graph', () => {
    expect(findGraphProblems(graph(Array(6).fill(S.Pending)))).toEqual([]);
  });

  it('should report duplicates, unknown and self dependencies', () => {
    const problems = findGraphProblems([step(1, [1]), step(1, []), step(2, [9])]);
    expect(problems.map((p) => p.message)).toEqual(['序号 1 重复', '不能依赖自身', '依赖的环节 9 不存在']);
  });

  it('should report a cycle', () => {
    expect(
      findGraphProblems([step(1, [3]), step(2, [1]), step(3, [2]), step(4, [])]).map((p) => p.position),
    ).toEqual([1, 2, 3]);
  });
});

describe('退回补正 default target and 撤回', () => {
  // 3 → 4 (town) hand over to 1 (县残联), which hands back to 8 (town).
  const laned = (statuses: Record<number, StepStatus>): GraphStep[] => [
    { position: 3, dependsOn: [], status: statuses[3], lane: 'township' },
    { position: 4, dependsOn: [3], status: statuses[4], lane: 'township' },
    { position: 0, dependsOn: [], status: statuses[0], lane: 'department' },
    { position: 1, dependsOn: [0, 4], status: statuses[1], lane: 'department' },
    { position: 8, dependsOn: [1], status: statuses[8], lane: 'township' },
  ];
  const S2 = StepStatus;

  it('should send back to the step that handed the work over (the other lane) by default', () => {
    const steps = laned({
      3: S2.Completed,
      4: S2.Completed,
      0: S2.Completed,
      1: S2.InProgress,
      8: S2.Pending,
    });
    expect(planReturn(steps, 1)).toEqual({ reopen: 4, reset: [1] });
    expect(planReturn(steps, 1, 3)).toEqual({ reopen: 3, reset: [1, 4] });
  });

  it('should withdraw while nothing released has started, and refuse afterwards', () => {
    const released = laned({ 3: S2.Completed, 4: S2.Completed, 0: S2.Completed, 1: S2.Ready, 8: S2.Pending });
    expect(planWithdraw(released, 4)).toEqual({ released: [1] });
    const claimed = laned({
      3: S2.Completed,
      4: S2.Completed,
      0: S2.Completed,
      1: S2.InProgress,
      8: S2.Pending,
    });
    expect(planWithdraw(claimed, 4)).toContain('已签收或办结');
    expect(planWithdraw(claimed, 1)).toContain('只能撤回已办结');
    const waiting = laned({ 3: S2.Completed, 4: S2.Completed, 0: S2.Ready, 1: S2.Pending, 8: S2.Pending });
    expect(planWithdraw(waiting, 4)).toEqual({ released: [] });
  });
});
