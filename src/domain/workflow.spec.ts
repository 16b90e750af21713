import { StepStatus } from './step-status';
import {
  ancestorsOf,
  descendantsOf,
  findGraphProblems,
  GraphStep,
  isCaseComplete,
  planReturn,
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
