import { DutyListKind, ParseWarning } from 'src/domain/vocabulary';

export const LIST_LABELS: Readonly<Record<DutyListKind, string>> = {
  basic: '基本履职事项',
  cooperative: '配合履职事项',
  withdrawn: '上级部门收回事项',
};

/** Where a row sits, for messages: which list, its position in the list, its 序号 and file line. */
export interface RowRef {
  list: DutyListKind;
  ordinal: number;
  no: number;
  line: number;
}

/** 配合履职事项第 8 行（序号 8，文件第 215 行）对应上级部门为空，请人工补录 */
export function rowWarning(ref: RowRef, code: string, field: string, detail: string): ParseWarning {
  const where = `${LIST_LABELS[ref.list]}第 ${ref.ordinal} 行（序号 ${ref.no}，文件第 ${ref.line} 行）`;
  return { code, field, message: `${where}${detail}`, line: ref.line, list: ref.list, no: ref.no };
}

export function documentWarning(
  code: string,
  field: string,
  message: string,
  line: number,
  list?: DutyListKind,
): ParseWarning {
  return list ? { code, field, message, line, list } : { code, field, message, line };
}
