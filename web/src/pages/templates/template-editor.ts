// Pure logic of the 流程模板 editor: the steps a person edits, kept consistent while they rename,
// reorder, add and remove steps and dependencies, then turned into the PUT body and the difference
// from the version being edited. The server validates the flow (cycles, standing rules); this only
// keeps the numbers right so a person never types a position.

export type Lane = 'department' | 'township';

// A step as the API reads and writes it (the PUT body's fields).
export interface StepInput {
  position: number;
  lane: Lane;
  section: string | null;
  text: string;
  assigneeDepartmentIds: string[];
  dependsOn: number[];
  dueWorkingDays: number;
  optional: boolean;
  standing: boolean;
}

export type SourceStep = StepInput;

export interface EditableStep extends StepInput {
  // Stable while editing (the position changes when steps move): the saved version's position for
  // existing steps, a negative number for new ones.
  key: number;
}

export const LANE_LABELS: Record<Lane, string> = { department: '县直部门', township: '乡镇' };

export const RULE_LABELS: Record<string, string> = {
  'lane-order': '文件顺序',
  'township-to-department': '乡镇报送部门',
  'department-to-township': '部门交办乡镇',
  'after-condition': '“…后”条件',
  person: '人工设置',
};

export function toEditable(steps: readonly SourceStep[]): EditableStep[] {
  return [...steps]
    .sort((a, b) => a.position - b.position)
    .map((step) => ({
      key: step.position,
      position: step.position,
      lane: step.lane,
      section: step.section,
      text: step.text,
      assigneeDepartmentIds: [...step.assigneeDepartmentIds],
      dependsOn: [...step.dependsOn],
      dueWorkingDays: step.dueWorkingDays,
      optional: step.optional,
      standing: step.standing,
    }));
}

// Positions 1..n in list order; every dependency follows its step to the new number.
function renumber(steps: EditableStep[]): EditableStep[] {
  const map = new Map(steps.map((step, index) => [step.position, index + 1]));
  return steps.map((step, index) => ({
    ...step,
    position: index + 1,
    dependsOn: step.dependsOn
      .map((on) => map.get(on))
      .filter((on): on is number => on !== undefined)
      .sort((a, b) => a - b),
  }));
}

export function moveStep(steps: readonly EditableStep[], index: number, by: -1 | 1): EditableStep[] {
  const target = index + by;
  if (target < 0 || target >= steps.length) return [...steps];
  const next = [...steps];
  [next[index], next[target]] = [next[target], next[index]];
  return renumber(next);
}

export function removeStep(steps: readonly EditableStep[], index: number): EditableStep[] {
  const removed = steps[index];
  if (!removed) return [...steps];
  const rest = steps
    .filter((_, i) => i !== index)
    .map((step) => ({ ...step, dependsOn: step.dependsOn.filter((on) => on !== removed.position) }));
  return renumber(rest);
}

let nextNewKey = -1;

// A new step at the end, in the lane and section of the last step, waiting for nothing.
export function addStep(
  steps: readonly EditableStep[],
  lane: Lane,
  assigneeDepartmentIds: string[],
): EditableStep[] {
  const last = steps[steps.length - 1];
  return [
    ...steps,
    {
      key: nextNewKey--,
      position: steps.length + 1,
      lane,
      section: last?.section ?? null,
      text: '',
      assigneeDepartmentIds: lane === 'department' ? assigneeDepartmentIds : [],
      dependsOn: [],
      dueWorkingDays: 5,
      optional: false,
      standing: false,
    },
  ];
}

export function addDependency(steps: readonly EditableStep[], index: number, on: number): EditableStep[] {
  return steps.map((step, i) =>
    i === index && on !== step.position && !step.dependsOn.includes(on)
      ? { ...step, dependsOn: [...step.dependsOn, on].sort((a, b) => a - b) }
      : step,
  );
}

export function removeDependency(steps: readonly EditableStep[], index: number, on: number): EditableStep[] {
  return steps.map((step, i) =>
    i === index ? { ...step, dependsOn: step.dependsOn.filter((d) => d !== on) } : step,
  );
}

export function toInput(steps: readonly EditableStep[]): StepInput[] {
  return steps.map((step) => ({
    position: step.position,
    lane: step.lane,
    section: step.section,
    text: step.text.trim(),
    assigneeDepartmentIds: step.lane === 'department' ? step.assigneeDepartmentIds : [],
    dependsOn: step.dependsOn,
    dueWorkingDays: step.dueWorkingDays,
    optional: step.optional,
    standing: step.standing,
  }));
}

// "环节 3：审核申请材料" — how a person picks a step (by its text, with the number as a guide).
export function stepLabel(step: { position: number; text: string }, max = 30): string {
  const text = step.text.length > max ? `${step.text.slice(0, max)}…` : step.text;
  return `环节 ${step.position}：${text || '（未填写）'}`;
}

// What saving changes, in words, compared with the version being edited (steps matched by their key,
// i.e. the step they started as).
export function describeChanges(
  before: readonly SourceStep[],
  after: readonly EditableStep[],
  unitName: (id: string) => string,
): string[] {
  const original = new Map(before.map((step) => [step.position, step]));
  const newNumber = new Map(after.filter((s) => s.key > 0).map((s) => [s.key, s.position]));
  const oldLabel = (position: number) => {
    const step = original.get(position);
    return step ? `“${shorten(step.text)}”` : `环节 ${position}`;
  };
  const lines: string[] = [];
  for (const step of after) {
    const was = step.key > 0 ? original.get(step.key) : undefined;
    const label = `环节 ${step.position} `;
    if (!was) {
      lines.push(`新增环节 ${step.position}“${shorten(step.text)}”`);
      continue;
    }
    if (was.position !== step.position)
      lines.push(`${oldLabel(was.position)}由环节 ${was.position} 移到环节 ${step.position}`);
    if (was.text !== step.text.trim()) lines.push(`${label}改名为“${shorten(step.text)}”`);
    if (was.dueWorkingDays !== step.dueWorkingDays)
      lines.push(`${label}办理时限 ${was.dueWorkingDays} → ${step.dueWorkingDays} 个工作日`);
    if (was.optional !== step.optional) lines.push(`${label}${step.optional ? '设为可跳过' : '取消可跳过'}`);
    if (was.standing !== step.standing)
      lines.push(`${label}${step.standing ? '设为常态化职责' : '取消常态化职责'}`);
    if (was.lane !== step.lane) lines.push(`${label}改由${LANE_LABELS[step.lane]}办理`);
    const wasUnits = [...was.assigneeDepartmentIds].sort().join();
    if (step.lane === 'department' && wasUnits !== [...step.assigneeDepartmentIds].sort().join())
      lines.push(
        `${label}承办部门改为${step.assigneeDepartmentIds.map(unitName).join('、') || '（未选择）'}`,
      );
    const previousDeps = new Set(
      was.dependsOn.map((on) => newNumber.get(on)).filter((on): on is number => on !== undefined),
    );
    const deps = new Set(step.dependsOn);
    for (const on of step.dependsOn) if (!previousDeps.has(on)) lines.push(`${label}增加前序：环节 ${on}`);
    for (const on of previousDeps) if (!deps.has(on)) lines.push(`${label}去掉前序：环节 ${on}`);
  }
  const kept = new Set(after.map((step) => step.key));
  for (const step of before) if (!kept.has(step.position)) lines.push(`删除${oldLabel(step.position)}`);
  return lines;
}

function shorten(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 20 ? `${trimmed.slice(0, 20)}…` : trimmed;
}

// The API names a step as steps.<index>.<field> (request validation: {field, problems[]}) or
// steps[position=N].<field> (flow problems: {field, problem}); the editor shows them on the row.
export function rowErrors(
  fields: readonly { field: string; problems?: string[]; problem?: string }[],
  steps: readonly EditableStep[],
): Record<number, string> {
  const result: Record<number, string> = {};
  for (const entry of fields) {
    const text = entry.problems?.join('，') ?? entry.problem ?? '';
    const byIndex = /^steps\.(\d+)/.exec(entry.field);
    const byPosition = /^steps\[position=(\d+)\]/.exec(entry.field);
    const step = byIndex
      ? steps[Number(byIndex[1])]
      : byPosition
        ? steps.find((s) => s.position === Number(byPosition[1]))
        : undefined;
    if (step) result[step.key] = result[step.key] ? `${result[step.key]}；${text}` : text;
  }
  return result;
}

// The template's extra case fields (附加字段) a clerk fills when opening a case.
export interface CaseFieldRow {
  key: string;
  label: string;
  type: string;
  required: boolean;
  options: string; // 选项, separated by 、 or ，
}

export const FIELD_TYPE_LABELS: Record<string, string> = {
  text: '文本',
  number: '数字',
  date: '日期',
  boolean: '是/否',
  select: '选项',
  identity_number: '公民身份号码',
  phone: '联系电话',
};

export function toFieldRows(
  fields: readonly { key: string; label: string; type: string; required: boolean; options?: string[] }[],
): CaseFieldRow[] {
  return fields.map((f) => ({ ...f, options: (f.options ?? []).join('、') }));
}

// A new field gets a key nobody has to type (field1, field2 …, never reusing one in the list).
export function newFieldRow(rows: readonly CaseFieldRow[]): CaseFieldRow {
  let n = rows.length + 1;
  while (rows.some((row) => row.key === `field${n}`)) n++;
  return { key: `field${n}`, label: '', type: 'text', required: false, options: '' };
}

export function toFieldInput(rows: readonly CaseFieldRow[]) {
  return rows.map((row) => {
    const options = row.options
      .split(/[、，,;；\n]/)
      .map((o) => o.trim())
      .filter(Boolean);
    return {
      key: row.key,
      label: row.label.trim(),
      type: row.type,
      required: row.required,
      ...(row.type === 'select' ? { options } : {}),
    };
  });
}
