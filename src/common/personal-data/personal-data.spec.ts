import { identityNumberProblem, normalizeIdentityNumber } from './identity-number';
import { maskIdentityNumber, maskPersonalData, maskPhoneNumber } from './masking';
import { normalizePhoneNumber, phoneNumberProblem } from './phone-number';

describe(identityNumberProblem.name, () => {
  it('should accept numbers whose check character matches, X in either case', () => {
    expect(identityNumberProblem('652325198503120024')).toBeNull();
    expect(identityNumberProblem('11010519491231002x')).toBeNull();
    expect(normalizeIdentityNumber(' 11010519491231002x ')).toBe('11010519491231002X');
  });

  it('should name the check digit when one digit is wrong', () => {
    expect(identityNumberProblem('652325198503120025')).toContain('校验码');
    expect(identityNumberProblem('652325198503120014')).toContain('校验码');
  });

  it('should refuse wrong length, letters and impossible birth dates', () => {
    expect(identityNumberProblem('65232519850312002')).toContain('18 位');
    expect(identityNumberProblem('6523251985031200A4')).toContain('18 位');
    expect(identityNumberProblem('652325198502300027')).toContain('出生日期');
  });
});

describe(phoneNumberProblem.name, () => {
  it('should accept mobiles (with +86 or spaces) and landlines with area code', () => {
    for (const ok of [
      '13912345678',
      '+86 139 1234 5678',
      '0994-5812345',
      '09945812345',
      '010-12345678-801',
    ]) {
      expect(phoneNumberProblem(ok)).toBeNull();
    }
    expect(normalizePhoneNumber('+86 139-1234-5678')).toBe('13912345678');
  });

  it('should refuse short numbers, a leading 12 and letters', () => {
    for (const bad of ['1391234567', '12912345678', '5812345', 'abc', '139123456789']) {
      expect(phoneNumberProblem(bad)).not.toBeNull();
    }
  });
});

describe('masking', () => {
  it('should keep the first four and last four characters of an identity number', () => {
    expect(maskIdentityNumber('652325198503120024')).toBe('6523********0024');
    expect(maskPhoneNumber('13912345678')).toBe('139****5678');
    expect(maskPhoneNumber('0994-5812345')).toBe('099****2345');
  });

  it('should mask identity and mobile numbers inside free text, and leave other numbers', () => {
    expect(maskPersonalData('张三 652325198503120024 电话13912345678，编号 2025001')).toBe(
      '张三 6523********0024 电话139****5678，编号 2025001',
    );
    expect(maskPersonalData('/cases?q=11010519491231002X')).toBe('/cases?q=1101********002X');
  });
});
