import { DutyListKind } from 'src/domain/vocabulary';
import { DutyListParseError } from 'src/duty-lists/duty-list-parse.error';
import {
  LIST_KINDS,
  LIST_TITLES,
  ListSection,
  expectedCellCount,
  isIncomplete,
} from 'src/duty-lists/parser/table-reader';
import { LIST_LABELS } from 'src/duty-lists/parser/warnings';

/**
 * Fatal structure problems: no lists at all (not a duty list), a row cut off at the very end of the file,
 * a list with a title but no rows, or a missing list. A short row in the middle of a list is only a warning:
 * the rows after it show the file goes on.
 */
export function assertComplete(
  sections: Map<DutyListKind, ListSection>,
  lines: string[],
  fileName: string,
): void {
  const lastLine = lastContentLine(lines);
  if (sections.size === 0) {
    throw new DutyListParseError(
      fileName,
      1,
      `不是履职事项清单：文件中找不到「${LIST_KINDS.map((k) => LIST_TITLES[k]).join('」「')}」中的任何一个表格`,
    );
  }
  assertLastRowWhole(sections, lastLine, fileName);
  for (const kind of LIST_KINDS) {
    const section = sections.get(kind);
    if (section && section.rows.length === 0) {
      throw new DutyListParseError(
        fileName,
        section.line,
        `「${LIST_TITLES[kind]}」之后没有任何事项行，文件可能被截断，请上传完整的文件`,
      );
    }
  }
  const missing = LIST_KINDS.filter((kind) => !sections.has(kind));
  if (missing.length > 0) {
    const names = missing.map((k) => `「${LIST_TITLES[k]}」`).join('');
    throw new DutyListParseError(
      fileName,
      lastLine,
      `文件在此结束，但缺少${names}，文件可能不完整，请上传完整的文件`,
    );
  }
}

function assertLastRowWhole(
  sections: Map<DutyListKind, ListSection>,
  lastLine: number,
  fileName: string,
): void {
  const rows = [...sections.values()].flatMap((s) => s.rows);
  const last = rows.reduce<(typeof rows)[number] | null>((a, r) => (!a || r.line > a.line ? r : a), null);
  if (!last || !isIncomplete(last) || last.line + countExtraLines(last) < lastLine) return;
  const reason =
    `${LIST_LABELS[last.list]}序号 ${last.no} 只有 ${last.rawCells.length} 列，少于表头的 ${expectedCellCount(last.layout)} 列，` +
    '且其后没有其他内容：文件在此处被截断，请上传完整的文件';
  throw new DutyListParseError(fileName, last.line, reason);
}

// A row continued over several physical lines ends on a later line.
function countExtraLines(row: { rawCells: string[] }): number {
  return row.rawCells.join('\t').split('\n').length - 1;
}

function lastContentLine(lines: string[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i].trim() !== '') return i + 1;
  return 1;
}
