// 公民身份号码 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence, check character.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

// Upper-case X, surrounding spaces removed: the one form stored, searched and compared.
export function normalizeIdentityNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

export function identityCheckChar(first17: string): string {
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * WEIGHTS[i], 0);
  return CHECK_CHARS[sum % 11];
}

// null when valid, otherwise why not (Chinese, for the 400 message).
export function identityNumberProblem(raw: string): string | null {
  const value = normalizeIdentityNumber(raw);
  if (!/^\d{17}[\dX]$/.test(value)) return '应为 18 位，前 17 位为数字，末位为数字或 X';
  if (!isBirthDate(value.slice(6, 14))) return `出生日期 ${value.slice(6, 14)} 不是有效日期`;
  if (identityCheckChar(value.slice(0, 17)) !== value[17]) return '校验码不正确（末位与前 17 位不符）';
  return null;
}

function isBirthDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1900 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}
