import {
  ParsedBasicDuty,
  ParsedCooperativeDuty,
  ParsedDutyList,
  ParsedWithdrawnDuty,
} from 'src/duty-lists/duty-list.types';
import { DutyListKind, ParseWarning } from 'src/domain/vocabulary';
import { buildBasicDuty } from 'src/duty-lists/parser/basic-row';
import { assertComplete, lastRowCutOff } from 'src/duty-lists/parser/completeness';
import { buildCooperativeDuty } from 'src/duty-lists/parser/cooperative-row';
import { decodeDutyListText } from 'src/duty-lists/parser/decode';
import {
  DepartmentContext,
  createDepartmentContext,
  splitDepartmentCell,
  uniqueByKey,
} from 'src/duty-lists/parser/department-resolver';
import { ocrWarnings, rowNumberWarnings, totalWarnings } from 'src/duty-lists/parser/document-checks';
import { RowContext } from 'src/duty-lists/parser/row-context';
import { splitCell } from 'src/duty-lists/parser/step-splitter';
import { LIST_KINDS, ListSection, RawRow, readTables, rowFields } from 'src/duty-lists/parser/table-reader';
import { findTownship } from 'src/duty-lists/parser/township';
import { rowWarning } from 'src/duty-lists/parser/warnings';
import { buildWithdrawnDuty, readAssignment } from 'src/duty-lists/parser/withdrawn-row';

export { DutyListParseError } from 'src/duty-lists/duty-list-parse.error';

/**
 * Reads one 履职事项清单 document (UTF-8 text exported from PDF/OCR) into its township and three lists.
 * Pure and deterministic. Throws DutyListParseError when the file is not a readable, complete duty list;
 * anything a person should check in an otherwise readable file becomes a ParseWarning instead.
 */
export function parseDutyList(input: Buffer, fileName: string): ParsedDutyList {
  const lines = decodeDutyListText(input, fileName).split('\n');
  const sections = readTables(lines, fileName);
  assertComplete(sections, lines, fileName);
  const township = findTownship(lines, fileName);
  const departments = createDepartmentContext(township);
  const rc: RowContext = { township, departments, knownDepartments: knownDepartments(sections, departments) };
  const documentWarnings: ParseWarning[] = [];
  const rows = (kind: DutyListKind): RawRow[] => (sections.get(kind) as ListSection).rows;
  const basic: ParsedBasicDuty[] = rows('basic').map((row, i) =>
    buildBasicDuty(row, i + 1, documentWarnings),
  );
  const cooperative: ParsedCooperativeDuty[] = rows('cooperative').map((row, i) =>
    buildCooperativeDuty(row, i + 1, rc),
  );
  const withdrawn: ParsedWithdrawnDuty[] = rows('withdrawn').map((row, i) =>
    buildWithdrawnDuty(row, i + 1, rc),
  );
  flagCutOffRow(lastRowCutOff(sections, lines), { basic, cooperative, withdrawn }, documentWarnings);
  const counts = { basic: basic.length, cooperative: cooperative.length, withdrawn: withdrawn.length };
  documentWarnings.push(
    ...LIST_KINDS.flatMap((kind) => rowNumberWarnings(sections.get(kind) as ListSection)),
  );
  documentWarnings.push(...totalWarnings(lines, counts));
  const rowWarnings = [...cooperative, ...withdrawn].flatMap((duty) => duty.warnings);
  documentWarnings.push(...ocrWarnings(lines, [...documentWarnings, ...rowWarnings]));
  return { township, basic, cooperative, withdrawn, warnings: byLine([...documentWarnings, ...rowWarnings]) };
}

// Whole department names anywhere in the document, so a fragment (织部) in one row can be matched.
function knownDepartments(sections: Map<DutyListKind, ListSection>, ctx: DepartmentContext): string[] {
  const fromCooperative = (sections.get('cooperative')?.rows ?? []).flatMap((row) => {
    const fields = rowFields(row);
    const headers = splitCell(fields.departmentSteps ?? '', ctx).flatMap((t) =>
      t.kind === 'header' ? t.names : [],
    );
    return [...splitDepartmentCell(fields.departments ?? '', ctx).names, ...headers];
  });
  const fromWithdrawn = (sections.get('withdrawn')?.rows ?? []).flatMap((row) => {
    const fields = rowFields(row);
    const assignment = readAssignment(fields.assignment ?? '', ctx);
    const text = `${assignment.departmentText}、${fields.departments ?? ''}`;
    return [...assignment.names, ...splitDepartmentCell(text, ctx).names];
  });
  return uniqueByKey([...fromCooperative, ...fromWithdrawn], ctx);
}

// The row that ends a possibly truncated file carries a warning, so the duty is marked for review.
function flagCutOffRow(
  row: RawRow | null,
  lists: Pick<ParsedDutyList, DutyListKind>,
  documentWarnings: ParseWarning[],
): void {
  if (!row) return;
  const duties: { no: number; line: number }[] = lists[row.list];
  const ordinal = duties.findIndex((duty) => duty.line === row.line) + 1;
  if (ordinal === 0) return;
  const tail = row.rawCells[row.rawCells.length - 1].trim().slice(-12);
  const warning = rowWarning(
    { list: row.list, ordinal, no: row.no, line: row.line },
    'POSSIBLY_TRUNCATED',
    'row',
    `是文件的最后一行，其最后一栏以「…${tail}」结束、没有句号等结尾标点：文件可能在这一行中途被截断。` +
      '该事项已标记为待核对；如文件不完整，请重新上传完整的文件',
  );
  const duty = lists[row.list][ordinal - 1];
  if ('warnings' in duty) duty.warnings.push(warning);
  else documentWarnings.push(warning);
}

function byLine(warnings: ParseWarning[]): ParseWarning[] {
  return warnings
    .map((w, i) => ({ w, i }))
    .sort((a, b) => a.w.line - b.w.line || a.i - b.i)
    .map(({ w }) => w);
}
