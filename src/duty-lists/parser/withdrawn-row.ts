import { ParsedWithdrawnDuty } from 'src/duty-lists/duty-list.types';
import { ParseWarning } from 'src/domain/vocabulary';
import { resolveFragments } from 'src/duty-lists/parser/department-list';
import {
  DepartmentContext,
  matchDepartmentSeries,
  splitDepartmentCell,
  uniqueByKey,
} from 'src/duty-lists/parser/department-resolver';
import { RowContext } from 'src/duty-lists/parser/row-context';
import { readCategoryAndName } from 'src/duty-lists/parser/row-fields';
import { RawRow, rowFields } from 'src/duty-lists/parser/table-reader';
import { cleanInline, collapseSpaces, stripTags } from 'src/duty-lists/parser/text-normalize';
import { RowRef, rowWarning } from 'src/duty-lists/parser/warnings';

const LABELLED = /^\s*承接(?:部门|单位|方式)\s*[:：]\s*([\s\S]*?)\s*工作方式\s*[:：]\s*([\s\S]*)$/;

interface Assignment {
  departmentText: string;
  names: string[];
  method: string;
}

export function buildWithdrawnDuty(row: RawRow, ordinal: number, rc: RowContext): ParsedWithdrawnDuty {
  const ref: RowRef = { list: 'withdrawn', ordinal, no: row.no, line: row.line };
  const fields = rowFields(row);
  const warnings: ParseWarning[] = [];
  const { category, name } = readCategoryAndName(fields.category, fields.name, ref, warnings);
  const assignment =
    fields.assignment !== undefined
      ? readAssignment(fields.assignment, rc.departments)
      : { departmentText: fields.departments ?? '', names: [], method: cleanInline(fields.method ?? '') };
  const departments = withdrawnDepartments(assignment, ref, rc, warnings);
  if (assignment.method === '') {
    warnings.push(rowWarning(ref, 'MISSING_METHOD', 'method', '工作方式为空，请人工补录'));
  }
  return { no: row.no, category, name, departments, method: assignment.method, warnings, line: row.line };
}

function withdrawnDepartments(
  a: Assignment,
  ref: RowRef,
  rc: RowContext,
  warnings: ParseWarning[],
): string[] {
  const cell = splitDepartmentCell(a.departmentText, rc.departments);
  const names = [...a.names, ...cell.names];
  const inferred = resolveFragments(cell.fragments, names, ref, rc, warnings);
  const departments = uniqueByKey([...names, ...inferred], rc.departments);
  if (departments.length === 0 && cell.fragments.length === 0) {
    warnings.push(rowWarning(ref, 'MISSING_DEPARTMENT', 'departments', '未写明承接部门，请人工补录'));
  }
  return departments;
}

/**
 * The 承接部门及工作方式 cell: "承接部门: X 工作方式: Y", or department block(s) "X： Y"
 * (托克逊县农业农村局：… 托克逊县林业和草原局：…), or plain text with no department.
 */
export function readAssignment(cell: string, ctx: DepartmentContext): Assignment {
  const text = collapseSpaces(stripTags(cell));
  const labelled = LABELLED.exec(text);
  if (labelled) return { departmentText: labelled[1], names: [], method: cleanInline(labelled[2]) };
  const blocks = departmentBlocks(text, ctx);
  if (blocks.length === 0 || text.slice(0, blocks[0].at).trim() !== '') {
    return { departmentText: '', names: [], method: cleanInline(text) };
  }
  const names = uniqueByKey(
    blocks.flatMap((b) => b.names),
    ctx,
  );
  // With several departments the method keeps who-does-what; with one, the header is redundant.
  const method = blocks.length === 1 ? text.slice(blocks[0].contentStart) : text;
  return { departmentText: '', names, method: cleanInline(method) };
}

interface Block {
  at: number;
  contentStart: number;
  names: string[];
}

function departmentBlocks(text: string, ctx: DepartmentContext): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < text.length; i++) {
    if (i > 0 && !/[\s。；;]/.test(text[i - 1])) continue;
    const series = matchDepartmentSeries(text, i, ctx, true);
    const colon = series ? /^\s*[:：]\s*/.exec(text.slice(series.end)) : null;
    if (!series || !colon) continue;
    blocks.push({ at: i, contentStart: series.end + colon[0].length, names: series.names });
    i = series.end;
  }
  return blocks;
}
