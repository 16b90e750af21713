import { Workbook } from 'exceljs';
import { CsvCell, toCsv } from './csv';
import { AGING_BUCKETS, ESCALATION_LABELS, ExportFormat, UNIT_KIND_LABELS } from './supervision.constants';
import { OverdueItem } from './supervision.service';
import { UnitStats } from './supervision-stats';

// Tables as the exports show them: Chinese headers, one row of cells per item.
export interface ExportTable {
  sheetName: string;
  headers: string[];
  widths: number[];
  rows: CsvCell[][];
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

const OVERDUE_COLUMNS: [string, number, (item: OverdueItem) => CsvCell][] = [
  ['承办单位', 24, (i) => i.holder.names.join('、')],
  ['单位类型', 10, (i) => UNIT_KIND_LABELS[i.holder.kind]],
  ['所属乡镇', 14, (i) => i.township.name],
  ['所属县', 10, (i) => i.township.county],
  ['事项名称', 30, (i) => i.duty.name],
  ['事项类别', 14, (i) => i.duty.category],
  ['模板版本', 8, (i) => i.template.version],
  ['办件', 30, (i) => i.case.title],
  ['办理对象', 14, (i) => i.case.subject],
  ['公民身份号码', 20, (i) => i.case.applicantIdNumber ?? ''],
  ['环节序号', 8, (i) => i.step.position],
  ['环节', 50, (i) => i.step.text],
  ['承办起始时间', 18, (i) => formatChinaDateTime(i.heldSince)],
  ['应办结日期', 12, (i) => i.dueDate],
  ['逾期工作日', 10, (i) => i.daysOverdue],
  ['督办级别', 14, (i) => ESCALATION_LABELS[i.escalationLevel] ?? String(i.escalationLevel)],
];

const STATS_COLUMNS: [string, number, (row: UnitStats) => CsvCell][] = [
  ['单位', 28, (r) => r.unitName],
  ['在办环节', 10, (r) => r.open],
  ['逾期环节', 10, (r) => r.overdue],
  ['按期办结', 10, (r) => r.completedOnTime],
  ['逾期办结', 10, (r) => r.completedLate],
  ['按期办结率', 12, (r) => (r.onTimeRate === null ? '' : `${(r.onTimeRate * 100).toFixed(1)}%`)],
  ['办理用时中位数（工作日）', 16, (r) => r.medianWorkingDays],
  ...AGING_BUCKETS.map((b): [string, number, (row: UnitStats) => CsvCell] => [
    b.label,
    16,
    (r) => r.aging[b.key],
  ]),
];

export function overdueTable(items: readonly OverdueItem[], note?: string): ExportTable {
  return {
    sheetName: '逾期环节',
    headers: OVERDUE_COLUMNS.map(([header]) => header),
    widths: OVERDUE_COLUMNS.map(([, width]) => width),
    rows: items.map((item) => OVERDUE_COLUMNS.map(([, , cell]) => cell(item))),
    note,
  };
}

export function statsTable(sheetName: string, rows: readonly UnitStats[]): ExportTable {
  return {
    sheetName,
    headers: STATS_COLUMNS.map(([header]) => header),
    widths: STATS_COLUMNS.map(([, width]) => width),
    rows: rows.map((row) => STATS_COLUMNS.map(([, , cell]) => cell(row))),
  };
}

// One worksheet per table, bold frozen header row.
export async function toXlsx(tables: readonly ExportTable[]): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'dutyflow';
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.headers.map((header, i) => ({ header, width: table.widths[i] }));
    sheet.getRow(1).font = { bold: true };
    sheet.addRows(table.rows.map((row) => row.map((cell) => cell ?? null)));
    if (table.note) sheet.addRow([table.note]).font = { italic: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// CSV holds one table: several tables are stacked under one header with a leading column naming each.
export function toCsvBuffer(tables: readonly ExportTable[]): Buffer {
  if (tables.length === 1) {
    const [table] = tables;
    const rows = table.note ? [...table.rows, [table.note]] : table.rows;
    return Buffer.from(toCsv(table.headers, rows), 'utf8');
  }
  const headers = ['统计表', ...tables[0].headers];
  const rows = tables.flatMap((table) => table.rows.map((row) => [table.sheetName, ...row]));
  return Buffer.from(toCsv(headers, rows), 'utf8');
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
