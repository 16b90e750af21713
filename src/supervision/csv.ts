// CSV for Excel users in China: UTF-8 with a byte-order mark (without it Excel guesses GBK and shows
// mojibake), CRLF line ends, RFC 4180 quoting.

export type CsvCell = string | number | boolean | null | undefined;

const UTF8_BOM = '\uFEFF';
// Excel runs a cell that starts with one of these as a formula (CSV injection); a leading ' keeps it text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeCsvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(headers: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [headers, ...rows].map((row) => row.map(escapeCsvCell).join(','));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}
