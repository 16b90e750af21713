import { DutyListKind } from 'src/domain/vocabulary';
import { DutyListParseError } from 'src/duty-lists/duty-list-parse.error';
import {
  LIST_KINDS,
  LIST_TITLES,
  ListSection,
  RawRow,
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
  assertNoRowStartAfterLast(sections, lines, fileName);
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

// How a complete cell ends (。；！？, closing brackets and quotes, an arrow's >). Many rows in the
// middle of a real document end without one; only the row that ends the file is judged by it.
// (；; and a lone bracket separate items inside a cell, so they do not count.)
const CLOSED_CELL = /[。．.！!？?」』”"》>]$/;

/**
 * The row that ends the file, when its last cell stops without closing punctuation: the file may have
 * been cut inside that row ("…负责对"). Its columns are all there, so nothing proves it — the row is
 * flagged for review (a warning on the duty) instead of silently replacing the duty's text.
 */
export function lastRowCutOff(sections: Map<DutyListKind, ListSection>, lines: string[]): RawRow | null {
  const last = lastRow(sections);
  if (!last || last.line + countExtraLines(last) < lastContentLine(lines)) return null;
  const lastCell = (last.rawCells[last.rawCells.length - 1] ?? '').trim();
  return CLOSED_CELL.test(lastCell) ? null : last;
}

function lastRow(sections: Map<DutyListKind, ListSection>): RawRow | null {
  const rows = [...sections.values()].flatMap((s) => s.rows);
  return rows.reduce<RawRow | null>((a, r) => (!a || r.line > a.line ? r : a), null);
}

function assertLastRowWhole(
  sections: Map<DutyListKind, ListSection>,
  lastLine: number,
  fileName: string,
): void {
  const last = lastRow(sections);
  if (!last || !isIncomplete(last) || last.line + countExtraLines(last) < lastLine) return;
  const reason =
    `${LIST_LABELS[last.list]}序号 ${last.no} 只有 ${last.rawCells.length} 列，少于表头的 ${expectedCellCount(last.layout)} 列，` +
    '且其后没有其他内容：文件在此处被截断，请上传完整的文件';
  throw new DutyListParseError(fileName, last.line, reason);
}

// "…奖励。⏎37" — the file ends right after the 序号 of a next row: cut there.
function assertNoRowStartAfterLast(
  sections: Map<DutyListKind, ListSection>,
  lines: string[],
  fileName: string,
): void {
  const last = lastRow(sections);
  if (!last) return;
  const after = lines.slice(last.line + countExtraLines(last)).filter((line) => line.trim() !== '');
  if (after.length !== 1 || !/^\s*\d{1,4}\s*$/.test(after[0])) return;
  const line = lines.lastIndexOf(after[0]) + 1;
  throw new DutyListParseError(
    fileName,
    line,
    `文件以序号「${after[0].trim()}」结束，该行没有任何内容：文件在此处被截断，请上传完整的文件`,
  );
}

// A row continued over several physical lines ends on a later line.
function countExtraLines(row: { rawCells: string[] }): number {
  return row.rawCells.join('\t').split('\n').length - 1;
}

function lastContentLine(lines: string[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i].trim() !== '') return i + 1;
  return 1;
}
