import { passwordProblem } from './password-policy';

describe(passwordProblem.name, () => {
  it('should accept a long enough password with two kinds of characters', () => {
    expect(passwordProblem('test-password-123')).toBeNull();
    expect(passwordProblem('choose-a-password', 'admin')).toBeNull();
  });

  it('should refuse short, one-kind, common and username-containing passwords', () => {
    expect(passwordProblem('ab1-')).toContain('至少 8 位');
    expect(passwordProblem('abcdefghij')).toContain('两类');
    expect(passwordProblem('12345678901')).toContain('两类');
    expect(passwordProblem('Password1')).toContain('常见');
    expect(passwordProblem('zhangsan-2026', 'zhangsan')).toContain('用户名');
  });
});
