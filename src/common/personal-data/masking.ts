// Masking of personal data (个人信息保护法): everywhere the full value is not needed, only a prefix
// and the last four characters remain, with a fixed number of stars so the length leaks nothing.

export function maskIdentityNumber(value: string | null): string | null {
  if (!value) return value;
  return value.length <= 8 ? '*'.repeat(value.length) : `${value.slice(0, 4)}********${value.slice(-4)}`;
}

export function maskPhoneNumber(value: string | null): string | null {
  if (!value) return value;
  const digits = value.replace(/\D/g, '');
  return digits.length <= 7 ? '*'.repeat(digits.length) : `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

// Identity numbers and mobile numbers inside free text (titles, notes, URLs, log lines).
const ID_IN_TEXT = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
const MOBILE_IN_TEXT = /(?<!\d)(?:\+?86)?1[3-9]\d{9}(?!\d)/g;

export function maskPersonalData(text: string): string;
export function maskPersonalData(text: string | null): string | null;
export function maskPersonalData(text: string | null | undefined): string | null | undefined;
export function maskPersonalData(text: string | null | undefined): string | null | undefined {
  if (!text) return text;
  return text
    .replace(ID_IN_TEXT, (id) => maskIdentityNumber(id) as string)
    .replace(MOBILE_IN_TEXT, (phone) => maskPhoneNumber(phone.slice(-11)) as string);
}
