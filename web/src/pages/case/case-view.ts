import type { CaseDetail, CaseEvent, StepRow } from '@/api/types';
import { laneWord, stepStatusWord } from '@/format/status';

// The case page's rules, as pure functions of what the API returned (unit-tested in case-view.spec.ts).
export interface Viewer {
  role: string;
  departmentId: string | null;
  townshipId: string | null;
}

export type StepAction = 'claim' | 'complete' | 'return' | 'skip';

const OPEN = ['ready', 'in_progress'];
const DONE = ['completed', 'skipped'];

export function stepLabel(step: Pick<StepRow, 'lane' | 'order' | 'text'>): string {
  return `${laneWord(step.lane)}第 ${step.order} 步：${step.text}`;
}

export function shortStepLabel(step: Pick<StepRow, 'lane' | 'order'>): string {
  return `${step.lane === 'department' ? '部门' : '乡镇'}第 ${step.order} 步`;
}

// Whether the viewer's unit holds the step: a department step belongs to its assigned departments, a
// township step to the case's township.
export function holdsStep(viewer: Viewer, detail: Pick<CaseDetail, 'townshipId'>, step: StepRow): boolean {
  if (step.lane === 'department')
    return viewer.departmentId !== null && step.assigneeDepartmentIds.includes(viewer.departmentId);
  return viewer.townshipId !== null && viewer.townshipId === detail.townshipId;
}

// The buttons a person sees on a step; the API enforces the same rules and answers 403/409 otherwise.
export function actionsFor(viewer: Viewer, detail: CaseDetail, step: StepRow): StepAction[] {
  if (detail.status !== 'open' || !holdsStep(viewer, detail, step) || !OPEN.includes(step.status)) return [];
  const actions: StepAction[] = step.status === 'ready' ? ['claim', 'complete'] : ['complete'];
  if (returnTargets(detail.steps, step).length > 0) actions.push('return');
  if (step.optional) actions.push('skip');
  return actions;
}

function ancestorsOf(steps: readonly StepRow[], step: StepRow): Set<number> {
  const byPosition = new Map(steps.map((s) => [s.position, s]));
  const seen = new Set<number>();
  const queue = [...step.dependsOn];
  while (queue.length > 0) {
    const position = queue.pop() as number;
    if (seen.has(position)) continue;
    seen.add(position);
    queue.push(...(byPosition.get(position)?.dependsOn ?? []));
  }
  return seen;
}

// Where a step may be sent back to (退回（补正）): an earlier finished step on its path, nearest first.
export function returnTargets(steps: readonly StepRow[], step: StepRow): StepRow[] {
  const ancestors = ancestorsOf(steps, step);
  return steps
    .filter((s) => ancestors.has(s.position) && DONE.includes(s.status))
    .sort((a, b) => b.position - a.position);
}

// Why a pending step has not started: the unfinished steps it waits for.
export function waitingFor(steps: readonly StepRow[], step: StepRow): string | null {
  if (step.status !== 'pending') return null;
  const byPosition = new Map(steps.map((s) => [s.position, s]));
  const open = step.dependsOn
    .map((position) => byPosition.get(position))
    .filter((s): s is StepRow => s !== undefined && !DONE.includes(s.status) && s.status !== 'not_applicable');
  if (open.length === 0) return '等待前序环节办结';
  return `等待 ${open.map((s) => `${shortStepLabel(s)}（${stepStatusWord(s.status)}）`).join('、')} 办结`;
}

export function stepsByLane(steps: readonly StepRow[]): { lane: string; title: string; steps: StepRow[] }[] {
  const lanes = ['department', 'township'];
  return lanes
    .map((lane) => ({
      lane,
      title: laneWord(lane),
      steps: steps.filter((s) => s.lane === lane).sort((a, b) => a.position - b.position),
    }))
    .filter((group) => group.steps.length > 0);
}

const EVENT_WORDS: Record<string, string> = {
  case_opened: '发起办件',
  case_completed: '办件办结',
  case_cancelled: '撤销办件',
  step_returned: '退回（补正）',
  step_reassigned: '转办',
  step_comment: '留言',
  step_reminded: '到期提醒',
  step_overdue: '逾期',
  step_escalated: '督办升级',
  step_urged: '催办',
  step_retimed: '调整办理时限',
};

const STATUS_CHANGE_WORDS: Record<string, string> = {
  ready: '开始待办',
  in_progress: '签收',
  completed: '办结',
  skipped: '跳过',
  pending: '退回未开始',
  cancelled: '撤销',
  not_applicable: '不适用',
};

// One line of the 办理记录 timeline: what happened, to which step, in Chinese.
export function eventTitle(event: CaseEvent, steps: readonly StepRow[]): string {
  const step = steps.find((s) => s.id === event.stepId || s.position === event.stepPosition);
  const what =
    event.type === 'step_status_changed'
      ? (STATUS_CHANGE_WORDS[event.toStatus ?? ''] ?? '状态变更')
      : (EVENT_WORDS[event.type] ?? '操作');
  return step ? `${what} · ${shortStepLabel(step)}` : what;
}
