import { applyReview, countUnreviewedRows, fieldWord, listWord, type ReviewItem } from './import-review';

const item = (rowKey: string, field = 'departments'): ReviewItem => ({
  rowKey,
  list: 'cooperative',
  no: 8,
  line: 40,
  field,
  message: '对应上级部门为空',
  reviewedAt: null,
  reviewedByName: null,
});

describe('import review words', () => {
  it('should mark every warning of the reviewed row and count the rows still open', () => {
    const items = [item('cooperative:8'), item('cooperative:8', 'name'), item('basic:3')];
    expect(countUnreviewedRows(items)).toBe(2);
    const after = applyReview(items, {
      rowKey: 'cooperative:8',
      reviewedAt: '2026-12-02T01:00:00Z',
      reviewedByName: '管理员',
    });
    expect(after.map((i) => i.reviewedByName)).toEqual(['管理员', '管理员', null]);
    expect(countUnreviewedRows(after)).toBe(1);
  });

  it('should name lists and fields in Chinese, never the code', () => {
    expect(listWord('withdrawn')).toBe('上级部门收回事项');
    expect(listWord(undefined)).toBe('整份文件');
    expect(fieldWord('departments')).toBe('对应上级部门');
    expect(fieldWord('somethingNew')).toBe('其他');
  });
});
