// Mainland mobile (11 digits, 13x–19x, optional +86) or landline (0 + 2–3 digit area code, 7–8 digit
// number, optional extension), with spaces and dashes allowed where people write them.
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;

// The stored form: spaces removed, a +86/0086 prefix of a mobile dropped; a landline keeps its dashes.
export function normalizePhoneNumber(raw: string): string {
  const compact = raw.trim().replace(/[\s()（）]/g, '');
  const mobile = compact.replace(/-/g, '').replace(/^(\+86|0086)/, '');
  return MOBILE.test(mobile) ? mobile : compact;
}

export function phoneNumberProblem(raw: string): string | null {
  const value = normalizePhoneNumber(raw);
  if (MOBILE.test(value) || LANDLINE.test(value)) return null;
  return '应为 11 位手机号（如 13912345678）或带区号的固定电话（如 0994-5812345）';
}
