import { isDoneStep, StepStatus } from './step-status';

// Pure rules of the step graph. A step's dependsOn lists positions of steps in the same case; a
// position that the case does not contain (its section was not chosen) counts as satisfied.

export interface GraphStep {
  position: number;
  dependsOn: number[];
  status: StepStatus;
  lane?: string; // 'department' | 'township': a dependency across lanes is a handover
  standing?: boolean; // a standing duty: does not hold the case open
}

// Pending steps whose every dependency is completed or skipped.
export function stepsBecomingReady<T extends GraphStep>(steps: readonly T[]): T[] {
  const status = new Map(steps.map((step) => [step.position, step.status]));
  return steps.filter(
    (step) =>
      step.status === StepStatus.Pending &&
      step.dependsOn.every((position) => {
        const dependency = status.get(position);
        return dependency === undefined || isDoneStep(dependency);
      }),
  );
}

// Every step that (transitively) depends on `position`.
export function descendantsOf(steps: readonly GraphStep[], position: number): Set<number> {
  const successors = new Map<number, number[]>();
  for (const step of steps) {
    for (const dependency of step.dependsOn)
      successors.set(dependency, [...(successors.get(dependency) ?? []), step.position]);
  }
  const found = new Set<number>();
  const queue = [...(successors.get(position) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    if (found.has(next)) continue;
    found.add(next);
    queue.push(...(successors.get(next) ?? []));
  }
  return found;
}

export function ancestorsOf(steps: readonly GraphStep[], position: number): Set<number> {
  const byPosition = new Map(steps.map((step) => [step.position, step]));
  const found = new Set<number>();
  const queue = [...(byPosition.get(position)?.dependsOn ?? [])];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    if (found.has(next) || !byPosition.has(next)) continue;
    found.add(next);
    queue.push(...(byPosition.get(next)?.dependsOn ?? []));
  }
  return found;
}

// Complete when every step that is the case's own work is done; standing duties do not hold it open
// (a case made only of standing duties waits for all of them).
export function isCaseComplete(steps: readonly GraphStep[]): boolean {
  const work = steps.some((step) => !step.standing) ? steps.filter((step) => !step.standing) : steps;
  return work.length > 0 && work.every((step) => isDoneStep(step.status));
}

// The standing duties still open or pending when the case completes: they close as not applicable.
export function standingStepsLeftOpen<T extends GraphStep>(steps: readonly T[]): T[] {
  return steps.filter((step) => step.standing && !isDoneStep(step.status));
}

export interface ReturnPlan {
  reopen: number; // the target: back to ready, its clock restarts
  reset: number[]; // the target's descendants that had started: back to pending
}

// Send-back (退回补正) from `from` to `to`: any earlier, finished step `from` (transitively) depends on,
// across lanes too. Default: the step that handed the work over (a direct predecessor in the other
// lane), else the first direct predecessor.
export function planReturn(steps: readonly GraphStep[], from: number, to?: number): ReturnPlan | string {
  const byPosition = new Map(steps.map((step) => [step.position, step]));
  const source = byPosition.get(from);
  if (!source) return '环节不存在';
  const ancestors = ancestorsOf(steps, from);
  const direct = source.dependsOn.filter((position) => byPosition.has(position));
  const handover = direct.find((position) => byPosition.get(position)?.lane !== source.lane);
  const target = to ?? handover ?? direct[0];
  if (target === undefined) return '该环节是所在流程的第一个环节，没有可退回的前序环节';
  if (!ancestors.has(target)) return '只能退回到本环节之前、且在同一流程路径上的环节';
  const targetStep = byPosition.get(target) as GraphStep;
  if (!isDoneStep(targetStep.status)) return '退回目标环节尚未办结，无需退回';
  const reset = [...descendantsOf(steps, target)]
    .filter((position) => byPosition.get(position)?.status !== StepStatus.Pending)
    .sort((a, b) => a - b);
  return { reopen: target, reset };
}

export interface WithdrawPlan {
  released: number[]; // the steps its completion made ready: back to pending
}

// 撤回 of a finished step: allowed while none of the steps depending on it has been claimed or
// finished (their unit has not started on the work).
export function planWithdraw(steps: readonly GraphStep[], position: number): WithdrawPlan | string {
  const step = steps.find((s) => s.position === position);
  if (!step) return '环节不存在';
  if (step.status !== StepStatus.Completed) return '只能撤回已办结的环节';
  const dependents = steps.filter((s) => s.dependsOn.includes(position));
  const started = dependents.filter((s) => s.status === StepStatus.InProgress || isDoneStep(s.status));
  if (started.length > 0)
    return `后续环节（序号 ${started.map((s) => s.position).join('、')}）已签收或办结，不能撤回`;
  const released = dependents.filter((s) => s.status === StepStatus.Ready).map((s) => s.position);
  return { released: released.sort((a, b) => a - b) };
}

export interface GraphProblem {
  position: number;
  message: string;
}

// For a template edit: positions 1..n unique, dependencies point at other existing steps, no cycle.
export function findGraphProblems(
  steps: readonly { position: number; dependsOn: number[] }[],
): GraphProblem[] {
  const positions = new Set<number>();
  const problems: GraphProblem[] = [];
  for (const step of steps) {
    if (positions.has(step.position))
      problems.push({ position: step.position, message: `序号 ${step.position} 重复` });
    positions.add(step.position);
  }
  for (const step of steps) {
    for (const dependency of step.dependsOn) {
      if (dependency === step.position) problems.push({ position: step.position, message: '不能依赖自身' });
      else if (!positions.has(dependency)) {
        problems.push({ position: step.position, message: `依赖的环节 ${dependency} 不存在` });
      }
    }
  }
  if (problems.length === 0) problems.push(...cycleProblems(steps));
  return problems;
}

function cycleProblems(steps: readonly { position: number; dependsOn: number[] }[]): GraphProblem[] {
  const remaining = new Map(steps.map((step) => [step.position, new Set(step.dependsOn)]));
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const [position, dependencies] of remaining) {
      if ([...dependencies].every((d) => !remaining.has(d))) {
        remaining.delete(position);
        progressed = true;
      }
    }
  }
  return [...remaining.keys()].map((position) => ({ position, message: '环节之间存在循环依赖' }));
}
