import { escapeCsvCell, toCsv } from './csv';

describe('csv', () => {
  describe(escapeCsvCell.name, () => {
    it('should quote commas, quotes and line breaks and double inner quotes', () => {
      expect(escapeCsvCell('甲,乙')).toBe('"甲,乙"');
      expect(escapeCsvCell('他说"好"')).toBe('"他说""好"""');
      expect(escapeCsvCell('第一行\n第二行')).toBe('"第一行\n第二行"');
    });

    it('should keep plain text, numbers and empty values as they are', () => {
      expect(escapeCsvCell('奇台县残联')).toBe('奇台县残联');
      expect(escapeCsvCell(-3)).toBe('-3');
      expect(escapeCsvCell(null)).toBe('');
      expect(escapeCsvCell(undefined)).toBe('');
    });

    it('should defuse text Excel would run as a formula', () => {
      expect(escapeCsvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
      expect(escapeCsvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    });
  });

  describe(toCsv.name, () => {
    it('should start with a UTF-8 BOM and end every line with CRLF', () => {
      const csv = toCsv(['承办单位', '逾期工作日'], [['奇台县残联', 1]]);
      expect(csv).toBe('\uFEFF承办单位,逾期工作日\r\n奇台县残联,1\r\n');
      expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    });
  });
});
