import { ParsedCooperativeDuty, ParsedStep } from 'src/duty-lists/duty-list.types';
import { ParseWarning, StepLane } from 'src/domain/vocabulary';
import { garbledReason } from 'src/duty-lists/parser/damage-detector';
import {
  DepartmentContext,
  findSameDepartment,
  uniqueByKey,
} from 'src/duty-lists/parser/department-resolver';
import {
  isThirdPartyStep,
  leadingDepartments,
  resolveRowDepartments,
} from 'src/duty-lists/parser/department-list';
import { RowContext } from 'src/duty-lists/parser/row-context';
import { readCategoryAndName } from 'src/duty-lists/parser/row-fields';
import { CellToken, splitCell } from 'src/duty-lists/parser/step-splitter';
import { FieldKey, RawRow, rowFields } from 'src/duty-lists/parser/table-reader';
import { stripTags } from 'src/duty-lists/parser/text-normalize';
import { RowRef, rowWarning } from 'src/duty-lists/parser/warnings';

type Fields = Partial<Record<FieldKey, string>>;

export function buildCooperativeDuty(row: RawRow, ordinal: number, rc: RowContext): ParsedCooperativeDuty {
  const ref: RowRef = { list: 'cooperative', ordinal, no: row.no, line: row.line };
  const fields = rowFields(row);
  const warnings: ParseWarning[] = [];
  const { category, name } = readCategoryAndName(fields.category, fields.name, ref, warnings);
  const departmentTokens = splitCell(fields.departmentSteps ?? '', rc.departments);
  const departments = resolveRowDepartments(fields.departments, departmentTokens, ref, rc, warnings);
  const steps = [
    ...departmentLaneSteps(departmentTokens, departments, rc.departments),
    ...townshipLaneSteps(splitCell(fields.townshipSteps ?? '', null), rc.township.name),
  ];
  warnings.push(...laneWarnings(fields, steps, ref, row.rawCells.length));
  return { no: row.no, category, name, departments, steps, warnings, line: row.line };
}

/**
 * Who does each department-lane step: the department(s) the step begins with; else the block header
 * above it; else, for a third party (承保机构…), the lead department; else all the row's departments.
 */
function departmentLaneSteps(
  tokens: CellToken[],
  departments: string[],
  ctx: DepartmentContext,
): ParsedStep[] {
  const resolve = (names: string[]): string[] =>
    uniqueByKey(
      names.map((n) => findSameDepartment(n, departments, ctx) ?? n),
      ctx,
    );
  let block: string[] | null = null;
  return orderSteps('department', tokens, (token) => {
    if (token.kind === 'section') block = null;
    if (token.kind === 'header') block = resolve(token.names);
    if (token.kind !== 'step') return null;
    const leading = leadingDepartments(token.text, ctx);
    if (leading) return resolve(leading);
    if (block) return block;
    return isThirdPartyStep(token.text) ? departments.slice(0, 1) : [...departments];
  });
}

function townshipLaneSteps(tokens: CellToken[], township: string): ParsedStep[] {
  return orderSteps('township', tokens, (token) => (token.kind === 'step' ? [township] : null));
}

// Walks tokens in document order; `order` counts within (lane, section).
function orderSteps(
  lane: StepLane,
  tokens: CellToken[],
  assign: (token: CellToken) => string[] | null,
): ParsedStep[] {
  const counters = new Map<string, number>();
  let section: string | null = null;
  const steps: ParsedStep[] = [];
  for (const token of tokens) {
    if (token.kind === 'section') section = token.title;
    const assignees = assign(token);
    if (token.kind !== 'step' || !assignees) continue;
    const order = (counters.get(section ?? '') ?? 0) + 1;
    counters.set(section ?? '', order);
    steps.push({ lane, assignees, section, order, text: token.text });
  }
  return steps;
}

function laneWarnings(fields: Fields, steps: ParsedStep[], ref: RowRef, cellCount: number): ParseWarning[] {
  const lanes: Array<[StepLane, FieldKey, string, string]> = [
    ['department', 'departmentSteps', 'EMPTY_DEPARTMENT_STEPS', '上级部门职责'],
    ['township', 'townshipSteps', 'EMPTY_TOWNSHIP_STEPS', '乡镇配合职责'],
  ];
  return lanes.flatMap(([lane, field, code, label]) => {
    const text = fields[field];
    if (text === undefined) {
      return [
        rowWarning(
          ref,
          code,
          field,
          `缺少${label}一栏（该行只有 ${cellCount} 列，可能在识别时被截断），请人工补录`,
        ),
      ];
    }
    if (!steps.some((step) => step.lane === lane)) {
      return [rowWarning(ref, code, field, `${label}为空或识别不出任何步骤，请人工补录`)];
    }
    const reason = garbledReason(stripTags(text));
    return reason
      ? [rowWarning(ref, 'DAMAGED_STEPS', field, `${label}疑似识别错误（${reason}），请对照原件核对`)]
      : [];
  });
}
