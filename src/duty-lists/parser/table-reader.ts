import { DutyListKind } from 'src/domain/vocabulary';
import { DutyListParseError } from 'src/duty-lists/duty-list-parse.error';
import { removeAllSpaces } from 'src/duty-lists/parser/text-normalize';

export type FieldKey =
  | 'no'
  | 'category'
  | 'name'
  | 'departments'
  | 'departmentSteps'
  | 'townshipSteps'
  | 'assignment' // 承接部门及工作方式 in one cell
  | 'method';

export interface ColumnLayout {
  kind: DutyListKind;
  columns: Array<FieldKey | null>;
}

export interface RawRow {
  list: DutyListKind;
  no: number;
  line: number;
  rawCells: string[];
  layout: ColumnLayout;
}

export interface ListSection {
  kind: DutyListKind;
  /** Line of the list title or first table header. */
  line: number;
  rows: RawRow[];
}

export const LIST_KINDS: readonly DutyListKind[] = ['basic', 'cooperative', 'withdrawn'];

export const LIST_TITLES: Readonly<Record<DutyListKind, string>> = {
  basic: '基本履职事项清单',
  cooperative: '配合履职事项清单',
  withdrawn: '上级部门收回事项清单',
};

const DEFAULT_LAYOUTS: Readonly<Record<DutyListKind, ColumnLayout>> = {
  basic: { kind: 'basic', columns: ['no', 'category', 'name'] },
  cooperative: {
    kind: 'cooperative',
    columns: ['no', 'category', 'name', 'departments', 'departmentSteps', 'townshipSteps'],
  },
  withdrawn: { kind: 'withdrawn', columns: ['no', 'category', 'name', 'assignment'] },
};

const ROW_START = /^\s*(\d{1,4})\s*\t/;
const PAGE_FOOTER = /^\s*(?:第\s*\d+\s*页.*|-?\s*\d+\s*-?)\s*$/;

interface ReaderState {
  sections: Map<DutyListKind, ListSection>;
  current: ListSection | null;
  layout: ColumnLayout | null;
  lastRow: RawRow | null;
  /** Untabbed lines after a complete row: its continuation if another row follows, else trailing prose. */
  pending: string[];
}

/** Groups the document's physical lines into the three lists and their rows (cells not yet interpreted). */
export function readTables(lines: string[], fileName: string): Map<DutyListKind, ListSection> {
  const state: ReaderState = { sections: new Map(), current: null, layout: null, lastRow: null, pending: [] };
  lines.forEach((text, index) => readLine(state, text, index + 1, fileName));
  return state.sections;
}

function readLine(state: ReaderState, text: string, line: number, fileName: string): void {
  if (text.trim() === '' || PAGE_FOOTER.test(text)) return;
  const title = listTitleKind(text);
  if (title) return enterSection(state, title, line);
  if (isHeader(text)) {
    const layout = headerLayout(text, line, fileName);
    if (state.current?.kind !== layout.kind) enterSection(state, layout.kind, line);
    flushPending(state);
    state.layout = layout;
    return;
  }
  const start = ROW_START.exec(text);
  if (start && state.current) return addRow(state, state.current, Number(start[1]), text, line);
  continueRow(state, text);
}

function enterSection(state: ReaderState, kind: DutyListKind, line: number): void {
  if (state.current?.kind === kind) return;
  const existing = state.sections.get(kind);
  state.current = existing ?? { kind, line, rows: [] };
  if (!existing) state.sections.set(kind, state.current);
  state.layout = null;
  state.lastRow = null;
  state.pending = [];
}

function addRow(state: ReaderState, section: ListSection, no: number, text: string, line: number): void {
  flushPending(state);
  const layout = state.layout ?? DEFAULT_LAYOUTS[section.kind];
  const row: RawRow = { list: section.kind, no, line, rawCells: text.split('\t'), layout };
  section.rows.push(row);
  state.lastRow = row;
}

// A row broken over several physical lines: the next line carries on its last cell. A line without a tab
// after a complete row waits: it is the row's continuation only if another row of the list follows.
function continueRow(state: ReaderState, text: string): void {
  const row = state.lastRow;
  if (!row) return;
  if (!text.includes('\t') && !isIncomplete(row)) {
    state.pending.push(text);
    return;
  }
  appendToRow(row, text);
}

function flushPending(state: ReaderState): void {
  if (state.lastRow) for (const text of state.pending) appendToRow(state.lastRow, text);
  state.pending = [];
}

function appendToRow(row: RawRow, text: string): void {
  const [first, ...more] = text.split('\t');
  row.rawCells[row.rawCells.length - 1] += ` ${first}`;
  row.rawCells.push(...more);
}

export function expectedCellCount(layout: ColumnLayout): number {
  let last = -1;
  layout.columns.forEach((column, index) => {
    if (column) last = index;
  });
  return last + 1;
}

export function isIncomplete(row: RawRow): boolean {
  return row.rawCells.length < expectedCellCount(row.layout);
}

/** A list title line (昌吉州奇台县三个庄子镇配合履职事项清单 / ## 配合履职事项清单), not a 目录 entry or prose. */
export function listTitleKind(text: string): DutyListKind | null {
  if (text.includes('\t') || text.length > 80) return null;
  const t = text
    .replace(/^\s*#+\s*/, '')
    .replace(/\*+/g, '')
    .trim();
  if (/\.{2,}|…/.test(t) || /^\d+\s*[.、．]/.test(t)) return null;
  return LIST_KINDS.find((kind) => t.endsWith(LIST_TITLES[kind])) ?? null;
}

function isHeader(text: string): boolean {
  return removeAllSpaces(text.split('\t')[0]) === '序号';
}

function headerLayout(text: string, line: number, fileName: string): ColumnLayout {
  const columns = text.split('\t').map((cell) => headerField(removeAllSpaces(cell)));
  const has = (field: FieldKey): boolean => columns.includes(field);
  const kind: DutyListKind =
    has('departmentSteps') || has('townshipSteps')
      ? 'cooperative'
      : has('assignment') || has('method')
        ? 'withdrawn'
        : 'basic';
  const required: Record<DutyListKind, FieldKey[]> = {
    basic: ['category', 'name'],
    cooperative: ['category', 'name', 'departments', 'departmentSteps', 'townshipSteps'],
    withdrawn: ['category', 'name', has('assignment') ? 'assignment' : 'departments'],
  };
  const missing = required[kind].filter((field) => !has(field));
  if (missing.length > 0) {
    throw new DutyListParseError(
      fileName,
      line,
      `${LIST_TITLES[kind]}的表头缺少${missing.map(columnLabel).join('、')}列，无法识别各列`,
    );
  }
  return { kind, columns };
}

function headerField(h: string): FieldKey | null {
  if (h === '') return null;
  if (h === '序号') return 'no';
  if (h.includes('类别')) return 'category';
  if (h.includes('名称')) return 'name';
  if (h.includes('承接') && h.includes('工作方式')) return 'assignment';
  if (h.includes('工作方式')) return 'method';
  if (h.includes('配合职责')) return 'townshipSteps';
  if (h.includes('职责')) return 'departmentSteps';
  if (h.includes('部门') || h.includes('承接')) return 'departments';
  return null;
}

export function columnLabel(field: FieldKey): string {
  const labels: Record<FieldKey, string> = {
    no: '「序号」',
    category: '「事项类别」',
    name: '「事项名称」',
    departments: '「对应上级部门/承接部门」',
    departmentSteps: '「上级部门职责」',
    townshipSteps: '「乡镇配合职责」',
    assignment: '「承接部门及工作方式」',
    method: '「工作方式」',
  };
  return labels[field];
}

/** The row's cells by field; undefined when the row stops before that column. Extra cells join the last column. */
export function rowFields(row: RawRow): Partial<Record<FieldKey, string>> {
  const fields: Partial<Record<FieldKey, string>> = {};
  const width = expectedCellCount(row.layout);
  let lastField: FieldKey | null = null;
  row.rawCells.forEach((cell, index) => {
    const field = row.layout.columns[index] ?? null;
    if (field) {
      fields[field] = cell;
      lastField = field;
    } else if (index >= width && lastField && cell.trim() !== '') {
      // mulei-dashitou row 66: the 乡镇配合职责 text runs on into an unlabelled 7th cell.
      fields[lastField] = `${fields[lastField] ?? ''} ${cell}`;
    }
  });
  return fields;
}
