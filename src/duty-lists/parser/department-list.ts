import { ParseWarning } from 'src/domain/vocabulary';
import { THIRD_PARTY_PATTERN } from 'src/duty-lists/parser/department-lexicon';
import {
  DepartmentContext,
  findSameDepartment,
  matchDepartmentSeries,
  splitDepartmentCell,
  uniqueByKey,
} from 'src/duty-lists/parser/department-resolver';
import { RowContext } from 'src/duty-lists/parser/row-context';
import { CellToken } from 'src/duty-lists/parser/step-splitter';
import { removeAllSpaces } from 'src/duty-lists/parser/text-normalize';
import { RowRef, rowWarning } from 'src/duty-lists/parser/warnings';

/** Departments a step begins with (1.县残联制定… / 县市场监督管理局、县税务局负责…), or null. */
export function leadingDepartments(text: string, ctx: DepartmentContext): string[] | null {
  const start = text.startsWith('由') ? 1 : 0;
  return matchDepartmentSeries(text, start, ctx, false)?.names ?? null;
}

/** Third parties (承保机构…) act in the department lane on behalf of the lead department. */
export function isThirdPartyStep(text: string): boolean {
  return THIRD_PARTY_PATTERN.test(text);
}

/** Departments the 上级部门职责 cell names itself: block headers and steps that begin with a department. */
export function departmentsNamedInSteps(tokens: CellToken[], ctx: DepartmentContext): string[] {
  const names = tokens.flatMap((token) => {
    if (token.kind === 'header') return token.names;
    if (token.kind === 'step') return leadingDepartments(token.text, ctx) ?? [];
    return [];
  });
  return uniqueByKey(names, ctx);
}

/**
 * A cooperative row's department list: the 对应上级部门 cell first (its first entry is the lead), then
 * departments the steps name but the cell lacks. Every guess or gap becomes a warning.
 */
export function resolveRowDepartments(
  cellText: string | undefined,
  tokens: CellToken[],
  ref: RowRef,
  rc: RowContext,
  warnings: ParseWarning[],
): string[] {
  const ctx = rc.departments;
  const cell = splitDepartmentCell(cellText ?? '', ctx);
  const named = departmentsNamedInSteps(tokens, ctx);
  const inferred = resolveFragments(cell.fragments, [...cell.names, ...named], ref, rc, warnings);
  const list = uniqueByKey([...cell.names, ...inferred], ctx);
  const added = named.filter((name) => !findSameDepartment(name, list, ctx));
  const readable = cell.names.length > 0 || inferred.length > 0;
  if (removeAllSpaces(cellText ?? '') === '') warnings.push(missingDepartment(ref, added));
  for (const name of added) warnings.push(addedFromSteps(ref, name, readable));
  return [...list, ...added];
}

function missingDepartment(ref: RowRef, rescued: string[]): ParseWarning {
  const detail =
    rescued.length > 0
      ? `对应上级部门为空，已根据上级部门职责中写明的部门补充为「${rescued.join('、')}」，请核对`
      : '对应上级部门为空，请人工补录';
  return rowWarning(ref, 'MISSING_DEPARTMENT', 'departments', detail);
}

function addedFromSteps(ref: RowRef, name: string, cellReadable: boolean): ParseWarning {
  const detail = cellReadable
    ? `上级部门职责中写明了「${name}」，但对应上级部门一栏没有，已补充，请核对`
    : `对应上级部门为空或无法识别，已根据上级部门职责中的部门标题补充「${name}」，请核对`;
  return rowWarning(ref, 'DEPARTMENT_ADDED_FROM_STEPS', 'departments', detail);
}

/**
 * A fragment like 织部 or 农村局 is not a department. If a department the row already has ends with it,
 * nothing is added; if exactly one department known in this document ends with it, that one is taken.
 * Either way a person must confirm: one warning per recognised guess, one for all the unreadable rest.
 */
export function resolveFragments(
  fragments: string[],
  rowNames: string[],
  ref: RowRef,
  rc: RowContext,
  warnings: ParseWarning[],
): string[] {
  const inferred: string[] = [];
  const unreadable: string[] = [];
  for (const fragment of new Set(fragments)) {
    const head = `对应上级部门中的「${fragment}」不是完整的部门名称`;
    const inRow = rowNames.find((name) => name.endsWith(fragment) && name !== fragment);
    const known = inRow ? [] : departmentsEndingWith(fragment, rc);
    if (inRow) {
      warnings.push(
        rowWarning(
          ref,
          FRAGMENT,
          'departments',
          `${head}，可能是「${inRow}」的残缺部分（该部门已在本行），请核对`,
        ),
      );
    } else if (known.length === 1) {
      warnings.push(
        rowWarning(ref, FRAGMENT, 'departments', `${head}，已按本文件中的部门推断为「${known[0]}」，请核对`),
      );
      inferred.push(known[0]);
    } else {
      unreadable.push(`「${fragment}」`);
    }
  }
  if (unreadable.length > 0) {
    const detail = `对应上级部门中的${unreadable.join('')}无法识别为部门名称（疑似识别错误），请对照原件人工补录`;
    warnings.push(rowWarning(ref, FRAGMENT, 'departments', detail));
  }
  return inferred;
}

const FRAGMENT = 'UNRECOGNISED_DEPARTMENT';

function departmentsEndingWith(fragment: string, rc: RowContext): string[] {
  if (fragment.length < 2) return [];
  const matches = rc.knownDepartments.filter((name) => name.endsWith(fragment) && name !== fragment);
  return uniqueByKey(matches, rc.departments);
}
