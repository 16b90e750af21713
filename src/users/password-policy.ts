// The one minimum-strength rule for every new password (CLI, admin API, self change).
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON = new Set([
  'password',
  'password1',
  'password123',
  '12345678',
  '123456789',
  '1234567890',
  '11111111',
  '88888888',
  'qwerty123',
  'abc12345',
  'abcd1234',
  'a1234567',
  'admin123',
  'admin888',
  'qwertyui',
  '1qaz2wsx',
  'iloveyou',
]);

// null when acceptable, otherwise the Chinese reason.
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位`;
  if (password.length > PASSWORD_MAX_LENGTH) return `密码最多 ${PASSWORD_MAX_LENGTH} 位`;
  const classes = [/[A-Za-z]/, /\d/, /[^A-Za-z\d]/].filter((pattern) => pattern.test(password)).length;
  if (classes < 2) return '密码须至少包含字母、数字、符号中的两类';
  if (COMMON.has(password.toLowerCase())) return '密码过于常见，请换一个';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}
