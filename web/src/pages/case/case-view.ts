import type { CaseDetail, CaseEvent, StepRow } from '@/api/types';
import { laneWord, stepStatusWord } from '@/format/status';

// The case page's rules, as pure functions of what the API returned (unit-tested in case-view.spec.ts).
export interface Viewer {
  role: string;
  departmentId: string | null;
  townshipId: string | null;
}

export type StepAction = 'claim' | 'complete' | 'return' | 'skip' | 'withdraw' | 'reply';

export const ACTION_WORDS: Record<StepAction, string> = {
  claim: '签收',
  complete: '办结',
  return: '退回（补正）',
  skip: '跳过',
  withdraw: '撤回',
  reply: '催办反馈',
};

// What the page says once the API accepted the action.
export const ACTION_DONE_WORDS: Record<StepAction, string> = {
  claim: '已签收',
  complete: '已办结',
  return: '已退回（补正），对方会收到消息',
  skip: '已跳过',
  withdraw: '已撤回，本环节回到办理中',
  reply: '已提交催办反馈，县督办会收到消息',
};

const OPEN = ['ready', 'in_progress'];
const DONE = ['completed', 'skipped', 'not_applicable'];

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
// `urged`: the step has been 催办 (its holder may answer with 催办反馈).
export function actionsFor(viewer: Viewer, detail: CaseDetail, step: StepRow, urged = false): StepAction[] {
  if (detail.status !== 'open' || !holdsStep(viewer, detail, step)) return [];
  if (step.status === 'completed') return mayWithdraw(detail.steps, step) ? ['withdraw'] : [];
  if (!OPEN.includes(step.status)) return [];
  const actions: StepAction[] = step.status === 'ready' ? ['claim', 'complete'] : ['complete'];
  if (returnTargets(detail.steps, step).length > 0) actions.push('return');
  if (step.optional) actions.push('skip');
  if (urged) actions.push('reply');
  return actions;
}

// 撤回 is offered while no step that the finished one released has been claimed or finished.
function mayWithdraw(steps: readonly StepRow[], step: StepRow): boolean {
  return steps
    .filter((s) => s.dependsOn.includes(step.position))
    .every((s) => s.status !== 'in_progress' && !DONE.includes(s.status));
}

// The step a send-back goes to when none is chosen — the API's own default (planReturn): the step
// that handed the work over from the other lane, else the first direct predecessor.
export function defaultReturnTarget(steps: readonly StepRow[], step: StepRow): StepRow | undefined {
  const byPosition = new Map(steps.map((s) => [s.position, s]));
  const direct = step.dependsOn.map((position) => byPosition.get(position)).filter((s) => s !== undefined);
  return direct.find((s) => s.lane !== step.lane) ?? direct[0];
}

export interface AttachChoices {
  choices: { value: string; label: string }[]; // value '' = the case itself
  defaultValue: string;
}

// Where the viewer may attach a file: the open steps their unit holds, and the case itself for its
// own township. A step sent back for 补正 comes first: the corrected file belongs to it.
export function attachChoices(viewer: Viewer, detail: CaseDetail): AttachChoices | null {
  if (detail.status !== 'open') return null;
  const held = detail.steps
    .filter((s) => OPEN.includes(s.status) && holdsStep(viewer, detail, s))
    .sort((a, b) => (b.returnCount ?? 0) - (a.returnCount ?? 0) || a.position - b.position);
  const ownTownship = viewer.role === 'township_staff' && viewer.townshipId === detail.townshipId;
  const choices = held.map((s) => ({
    value: s.id,
    label: `${shortStepLabel(s)}${(s.returnCount ?? 0) > 0 ? '（补正材料）' : ''}`,
  }));
  if (ownTownship) choices.push({ value: '', label: '办件材料' });
  if (choices.length === 0) return null;
  const corrected = held.find((s) => (s.returnCount ?? 0) > 0);
  return { choices, defaultValue: corrected?.id ?? choices[ownTownship ? choices.length - 1 : 0].value };
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
  step_withdrawn: '撤回',
  urge_replied: '催办反馈',
  material_uploaded: '上传材料',
  material_downloaded: '下载材料',
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

function statusChangeWord(event: CaseEvent): string {
  // 撤回 takes a finished step back to 办理中: not a 签收.
  if (event.fromStatus === 'completed' && event.toStatus === 'in_progress') return '撤回重办';
  return STATUS_CHANGE_WORDS[event.toStatus ?? ''] ?? '状态变更';
}

// One line of the 办理记录 timeline: what happened, to which step, in Chinese.
export function eventTitle(event: CaseEvent, steps: readonly StepRow[]): string {
  const step = steps.find((s) => s.id === event.stepId || s.position === event.stepPosition);
  const what = event.type === 'step_status_changed' ? statusChangeWord(event) : (EVENT_WORDS[event.type] ?? '操作');
  return step ? `${what} · ${shortStepLabel(step)}` : what;
}
