import { DutyListKind, ParseWarning } from 'src/domain/vocabulary';
import { LIST_KINDS, LIST_TITLES, ListSection } from 'src/duty-lists/parser/table-reader';
import { LIST_LABELS, documentWarning } from 'src/duty-lists/parser/warnings';

const STATED_TOTALS =
  /共有履职事项\s*(\d+)\s*项[\s,，、]*其中[\s,，、]*基本履职事项\s*(\d+)\s*项[\s,，、]*配合履职事项\s*(\d+)\s*项[\s,，、]*上级部门收回事项\s*(\d+)\s*项/;
const TOC_COUNT =
  /^\s*\d+\s*[.、．]\s*(基本履职事项清单|配合履职事项清单|上级部门收回事项清单)\s*[(（]\s*(\d+)\s*项\s*[)）]/;

export type ListCounts = Record<DutyListKind, number>;

/** 序号 should run 1, 2, 3… in each list: report gaps and repeats (a lost or doubled row). */
export function rowNumberWarnings(section: ListSection): ParseWarning[] {
  const warnings: ParseWarning[] = [];
  let previous = 0;
  for (const row of section.rows) {
    const label = `${LIST_LABELS[section.kind]}序号 ${row.no}（文件第 ${row.line} 行）`;
    if (row.no <= previous) {
      warnings.push({
        ...documentWarning(
          'DUPLICATE_ROW_NUMBER',
          'no',
          `${label}与前一行序号 ${previous} 重复或倒序，请核对是否多录或序号写错`,
          row.line,
          section.kind,
        ),
        no: row.no,
      });
    } else if (row.no > previous + 1) {
      const missing = previous + 1 === row.no - 1 ? `${previous + 1}` : `${previous + 1}–${row.no - 1}`;
      warnings.push({
        ...documentWarning(
          'ROW_NUMBER_GAP',
          'no',
          `${label}之前缺少序号 ${missing}，请核对是否漏录`,
          row.line,
          section.kind,
        ),
        no: row.no,
      });
    }
    previous = Math.max(previous, row.no);
  }
  return warnings;
}

/** Compares the totals a document states (说明, 目录) with what was parsed. */
export function totalWarnings(lines: string[], counts: ListCounts): ParseWarning[] {
  return [...statedTotalWarnings(lines, counts), ...tocWarnings(lines, counts)];
}

function statedTotalWarnings(lines: string[], counts: ListCounts): ParseWarning[] {
  const index = lines.findIndex((line) => STATED_TOTALS.test(line));
  if (index < 0) return [];
  const m = STATED_TOTALS.exec(lines[index]) as RegExpExecArray;
  const stated: ListCounts = { basic: Number(m[2]), cooperative: Number(m[3]), withdrawn: Number(m[4]) };
  const warnings = LIST_KINDS.filter((kind) => stated[kind] !== counts[kind]).map((kind) =>
    mismatch(
      kind,
      `说明中写${LIST_LABELS[kind]} ${stated[kind]} 项，实际解析出 ${counts[kind]} 项`,
      index + 1,
    ),
  );
  const total = counts.basic + counts.cooperative + counts.withdrawn;
  if (Number(m[1]) !== total) {
    warnings.push(
      documentWarning(
        'TOTAL_MISMATCH',
        'total',
        `说明中写共有履职事项 ${m[1]} 项，实际解析出 ${total} 项，请核对`,
        index + 1,
      ),
    );
  }
  return warnings;
}

function tocWarnings(lines: string[], counts: ListCounts): ParseWarning[] {
  return lines.flatMap((line, index) => {
    const m = TOC_COUNT.exec(line);
    const kind = m ? LIST_KINDS.find((k) => LIST_TITLES[k] === m[1]) : undefined;
    if (!m || !kind || Number(m[2]) === counts[kind]) return [];
    return [
      mismatch(kind, `目录中写${LIST_TITLES[kind]} ${m[2]} 项，实际解析出 ${counts[kind]} 项`, index + 1),
    ];
  });
}

function mismatch(kind: DutyListKind, detail: string, line: number): ParseWarning {
  return documentWarning(
    'TOTAL_MISMATCH',
    kind,
    `${detail}，请核对是否有漏录、多录或文件中的数字写错`,
    line,
    kind,
  );
}

const DAMAGE_CODES = new Set([
  'DAMAGED_NAME',
  'DAMAGED_CATEGORY',
  'DAMAGED_STEPS',
  'UNRECOGNISED_DEPARTMENT',
  'MISSING_NAME',
  'MISSING_CATEGORY',
  'MISSING_DEPARTMENT',
]);
// Past this many damaged cells the text is almost surely an OCR scan, and damage the detector cannot
// see (garbled words that are still real characters) is likely in unflagged rows too.
export const OCR_DAMAGE_THRESHOLD = 10;
const PAGE_FOOTER = /^\s*第\s*\d+\s*页\s*[,，]\s*共\s*\d+\s*页\s*$/;

/** One document-level warning telling the reviewer to check every row against the paper original. */
export function ocrWarnings(lines: string[], rowWarnings: ParseWarning[]): ParseWarning[] {
  const damaged = rowWarnings.filter((warning) => DAMAGE_CODES.has(warning.code)).length;
  const footerIndex = lines.findIndex((line) => PAGE_FOOTER.test(line));
  if (damaged < OCR_DAMAGE_THRESHOLD && footerIndex < 0) return [];
  const evidence = [
    damaged > 0 ? `${damaged} 处单元格缺失或识别错误` : '',
    footerIndex >= 0 ? `第 ${footerIndex + 1} 行有扫描页脚` : '',
  ].filter(Boolean);
  return [
    documentWarning(
      'OCR_SUSPECTED',
      'document',
      `本文件疑似扫描识别件（${evidence.join('，')}），未标记的行也可能有识别错误，请对照纸质原件逐行核对事项名称与部门`,
      footerIndex >= 0 ? footerIndex + 1 : 1,
    ),
  ];
}
