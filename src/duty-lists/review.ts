import { ParseWarning } from 'src/domain/vocabulary';
import { decodeDutyListText } from './parser/decode';
import { readTables } from './parser/table-reader';

// How many distinct rows a reviewer must open (a row can carry several warnings).
export function countRowsToReview(warnings: ParseWarning[]): number {
  return new Set(warnings.filter((w) => w.list && w.no !== undefined).map((w) => `${w.list}:${w.no}`)).size;
}

// The key a review is recorded under: the row (list + 序号), or the line of a document-level warning.
export function reviewRowKey(warning: Pick<ParseWarning, 'list' | 'no' | 'line'>): string {
  return warning.list && warning.no !== undefined ? `${warning.list}:${warning.no}` : `line:${warning.line}`;
}

export interface WarningSource {
  // The file's line the warning names, as uploaded.
  sourceLine: string | null;
  // The row's cell of the warning's field (all its physical lines joined), when the field is a column.
  rawCell: string | null;
}

// What a reviewer needs next to each warning: the source line and the raw cell, read again from the
// uploaded bytes with the parser's own decoding and table reader. A file that no longer reads gives nulls.
export function warningSources(content: Buffer, fileName: string, warnings: ParseWarning[]): WarningSource[] {
  let lines: string[];
  try {
    lines = decodeDutyListText(content, fileName).split('\n');
  } catch {
    return warnings.map(() => ({ sourceLine: null, rawCell: null }));
  }
  let rows: ReturnType<typeof readTables> | null = null;
  try {
    rows = readTables(lines, fileName);
  } catch {
    rows = null;
  }
  return warnings.map((warning) => {
    const sourceLine = lines[warning.line - 1] ?? null;
    const row =
      warning.list && warning.no !== undefined
        ? rows?.get(warning.list)?.rows.find((r) => r.no === warning.no && r.line === warning.line)
        : undefined;
    const column = row ? row.layout.columns.indexOf(warning.field as never) : -1;
    const rawCell = row && column >= 0 ? (row.rawCells[column] ?? '').trim() : null;
    return { sourceLine, rawCell };
  });
}

export interface RowReview {
  rowKey: string;
  reviewedAt: Date;
  reviewedByName: string;
}

export type ReviewedWarning = ParseWarning & {
  rowKey: string;
  reviewedAt: Date | null;
  reviewedByName: string | null;
  sourceLine?: string | null;
  rawCell?: string | null;
};

// Each warning with its row's review (a row's several warnings share one) and, when the file is at
// hand, its source line and raw cell.
export function withReviews(
  warnings: ParseWarning[],
  reviews: RowReview[],
  sources?: WarningSource[],
): ReviewedWarning[] {
  const byKey = new Map(reviews.map((review) => [review.rowKey, review]));
  return warnings.map((warning, index) => {
    const rowKey = reviewRowKey(warning);
    const review = byKey.get(rowKey);
    return {
      ...warning,
      rowKey,
      reviewedAt: review?.reviewedAt ?? null,
      reviewedByName: review?.reviewedByName ?? null,
      ...(sources ? sources[index] : {}),
    };
  });
}
