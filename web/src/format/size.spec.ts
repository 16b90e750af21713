import { formatFileSize } from './size';

describe(formatFileSize.name, () => {
  it('should show bytes, KB and MB with one decimal', () => {
    expect(formatFileSize(812)).toBe('812 字节');
    expect(formatFileSize(36045)).toBe('35.2 KB');
    expect(formatFileSize(4.1 * 1024 * 1024)).toBe('4.1 MB');
  });
});
