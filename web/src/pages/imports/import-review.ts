// Pure words of the 清单导入 page: which list, which field, the review state of a flagged row.

export const LIST_WORDS: Record<string, string> = {
  basic: '基本履职事项',
  cooperative: '配合履职事项',
  withdrawn: '上级部门收回事项',
};

export const FIELD_WORDS: Record<string, string> = {
  no: '序号',
  category: '事项类别',
  name: '事项名称',
  departments: '对应上级部门',
  method: '工作方式',
  total: '事项总数',
  document: '整份文件',
};

export interface ReviewItem {
  rowKey: string;
  list?: string;
  no?: number;
  line: number;
  field: string;
  message: string;
  reviewedAt: string | null;
  reviewedByName: string | null;
}

export function listWord(list: string | undefined): string {
  return list ? (LIST_WORDS[list] ?? '—') : '整份文件';
}

export function fieldWord(field: string): string {
  return FIELD_WORDS[field] ?? '其他';
}

// After 标记已复核 every warning of that row shows the record.
export function applyReview<T extends ReviewItem>(
  items: readonly T[],
  review: { rowKey: string; reviewedAt: string; reviewedByName: string },
): T[] {
  return items.map((item) =>
    item.rowKey === review.rowKey
      ? { ...item, reviewedAt: review.reviewedAt, reviewedByName: review.reviewedByName }
      : item,
  );
}

export function countUnreviewedRows(items: readonly ReviewItem[]): number {
  return new Set(items.filter((item) => item.reviewedAt === null).map((item) => item.rowKey)).size;
}
