import { Workbook } from 'exceljs';
import { CsvCell, toCsv } from './csv';
import { AGING_BUCKETS, ESCALATION_LABELS, ExportFormat, UNIT_KIND_LABELS } from './supervision.constants';
import { OverdueItem } from './supervision.service';
import { UnitStats } from './supervision-stats';

// Tables as the exports show them: a title row, Chinese headers, one row of cells per item.
// A Date cell is a Beijing wall-clock time held in the Date's UTC fields (see beijing()): Excel dates
// carry no time zone, so the sheet shows exactly the Beijing time.
export type ExportCell = CsvCell | Date;
export type CellFormat = 'date' | 'datetime';

export interface ExportTable {
  sheetName: string;
  title?: string; // first row of the sheet (merged across the columns); not in CSV
  headers: string[];
  formats: (CellFormat | undefined)[];
  rows: ExportCell[][];
  note?: string; // shown under the table (xlsx) or as the last line (csv)
}

export interface ExportFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

type Column<T> = [header: string, cell: (item: T, index: number) => ExportCell, format?: CellFormat];

const NUMBER_FORMATS: Record<CellFormat, string> = { date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm' };
const BEIJING_OFFSET_MS = 8 * 3_600_000;

// An instant as the Beijing wall-clock time (for Excel, which has no time zones).
export function beijing(instant: Date | null): Date | null {
  return instant ? new Date(new Date(instant).getTime() + BEIJING_OFFSET_MS) : null;
}

// A China date (YYYY-MM-DD) as an Excel date.
export function excelDate(date: string | null): Date | null {
  return date ? new Date(`${date}T00:00:00Z`) : null;
}

const OVERDUE_COLUMNS: Column<OverdueItem>[] = [
  ['序号', (_, i) => i + 1],
  ['承办单位', (i) => i.holder.names.join('、')],
  ['单位类型', (i) => UNIT_KIND_LABELS[i.holder.kind]],
  ['所属乡镇', (i) => i.township.name],
  ['所属县', (i) => i.township.county],
  ['事项名称', (i) => i.duty.name],
  ['事项类别', (i) => i.duty.category],
  ['模板版本', (i) => `第 ${i.template.version} 版`],
  ['办件', (i) => i.case.title],
  ['办理对象', (i) => i.case.subject],
  ['公民身份号码', (i) => i.case.applicantIdNumber ?? ''],
  ['环节序号', (i) => i.step.position],
  ['环节', (i) => i.step.text],
  ['承办起始时间', (i) => beijing(i.heldSince), 'datetime'],
  ['应办结日期', (i) => excelDate(i.dueDate), 'date'],
  ['逾期工作日', (i) => i.daysOverdue],
  ['督办级别', (i) => ESCALATION_LABELS[i.escalationLevel] ?? String(i.escalationLevel)],
];

export interface UnitStatsRow extends UnitStats {
  kindLabel: string;
}

const STATS_COLUMNS: Column<UnitStatsRow>[] = [
  ['序号', (_, i) => i + 1],
  ['单位', (r) => r.unitName],
  ['单位类型', (r) => r.kindLabel],
  ['在办环节', (r) => r.open],
  ['逾期环节', (r) => r.overdue],
  ['按期办结', (r) => r.completedOnTime],
  ['逾期办结', (r) => r.completedLate],
  ['按期办结率', (r) => (r.onTimeRate === null ? '' : `${(r.onTimeRate * 100).toFixed(1)}%`)],
  ['办理用时中位数（工作日）', (r) => r.medianWorkingDays],
  ...AGING_BUCKETS.map((b): Column<UnitStatsRow> => [b.label, (r) => r.aging[b.key]]),
];

function tableOf<T>(
  sheetName: string,
  columns: Column<T>[],
  items: readonly T[],
  extra: Pick<ExportTable, 'title' | 'note'> = {},
): ExportTable {
  return {
    sheetName,
    headers: columns.map(([header]) => header),
    formats: columns.map(([, , format]) => format),
    rows: items.map((item, index) => columns.map(([, cell]) => cell(item, index))),
    ...extra,
  };
}

export function overdueTable(
  items: readonly OverdueItem[],
  extra: Pick<ExportTable, 'title' | 'note'> = {},
): ExportTable {
  return tableOf('逾期环节', OVERDUE_COLUMNS, items, extra);
}

export function statsTable(sheetName: string, rows: readonly UnitStatsRow[], title?: string): ExportTable {
  return tableOf(sheetName, STATS_COLUMNS, rows, { title });
}

// "奇台县逾期环节台账（ideographic space）统计截止时间：2025-10-09 15:00".
export function ledgerTitle(county: string | undefined, what: string, asOf: Date): string {
  return `${county ?? '全部县'}${what}\u3000统计截止时间：${formatChinaDateTime(asOf)}`;
}

// Display width of a cell in Excel's character units: a Chinese character is about two.
export function displayWidth(value: ExportCell, format?: CellFormat): number {
  if (value === null || value === undefined) return 0;
  if (value instanceof Date) return format === 'date' ? 10 : 16;
  let width = 0;
  for (const char of String(value)) width += /[\u2e80-\uffff]/.test(char) ? 2 : 1;
  return width;
}

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

export function columnWidths(table: ExportTable): number[] {
  return table.headers.map((header, c) => {
    const widest = Math.max(
      displayWidth(header),
      ...table.rows.map((row) => displayWidth(row[c], table.formats[c])),
    );
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2));
  });
}

// One worksheet per table: title row, bold frozen header with autofilter, real dates, fitted widths.
export async function toXlsx(tables: readonly ExportTable[]): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'dutyflow';
  for (const table of tables) {
    const headerRow = table.title ? 2 : 1;
    const sheet = workbook.addWorksheet(table.sheetName, {
      views: [{ state: 'frozen', ySplit: headerRow }],
    });
    const widths = columnWidths(table);
    table.headers.forEach((_, c) => {
      const column = sheet.getColumn(c + 1);
      column.width = widths[c];
      const format = table.formats[c];
      if (format) column.numFmt = NUMBER_FORMATS[format];
    });
    if (table.title) {
      sheet.addRow([table.title]).font = { bold: true, size: 14 };
      sheet.mergeCells(1, 1, 1, table.headers.length);
    }
    const header = sheet.addRow(table.headers);
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    sheet.addRows(table.rows.map((row) => row.map((cell) => cell ?? null)));
    sheet.autoFilter = {
      from: { row: headerRow, column: 1 },
      to: { row: headerRow + table.rows.length, column: table.headers.length },
    };
    if (table.note) sheet.addRow([table.note]).font = { italic: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// CSV holds one table: several tables are stacked under one header with a leading column naming each.
// Dates become Beijing-time text; the title row is left out (CSV readers expect the header first).
export function toCsvBuffer(tables: readonly ExportTable[]): Buffer {
  const text = (table: ExportTable): CsvCell[][] =>
    table.rows.map((row) => row.map((cell, c) => csvCell(cell, table.formats[c])));
  if (tables.length === 1) {
    const [table] = tables;
    const rows = table.note ? [...text(table), [table.note]] : text(table);
    return Buffer.from(toCsv(table.headers, rows), 'utf8');
  }
  const headers = ['统计表', ...tables[0].headers];
  const rows = tables.flatMap((table) => text(table).map((row) => [table.sheetName, ...row]));
  return Buffer.from(toCsv(headers, rows), 'utf8');
}

function csvCell(cell: ExportCell, format: CellFormat | undefined): CsvCell {
  if (!(cell instanceof Date)) return cell;
  const iso = cell.toISOString();
  return format === 'date' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

// attachment with an ASCII fallback name and the real (Chinese) name as RFC 5987 filename*.
export function contentDisposition(fileName: string, asciiFallback: string): string {
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

// 2025-10-09 14:05 in China time.
export function formatChinaDateTime(instant: Date | null): string {
  if (!instant) return '';
  return new Date(new Date(instant).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
